package io.github.pcrupgrade.json;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One of the four documented JSON documents: its record type, the schema version this library
 * writes, and its published JSON Schema.
 *
 * @param <T> the record the document reads into
 */
public final class DocumentType<T> {

  /** The plan document ({@code docs/plan.md}): a plan, or the violations that refuse one. */
  public static final DocumentType<PlanDocument> PLAN =
      new DocumentType<>("plan", PlanDocument.class, PlanDocument.SCHEMA_VERSION, true);

  /** The check result ({@code docs/run-report.md}): the violations the rules found. */
  public static final DocumentType<CheckDocument> CHECK_RESULT = new DocumentType<>(
      "check-result", CheckDocument.class, CheckDocument.SCHEMA_VERSION, true);

  /** The run report ({@code docs/run-report.md}): how a run ended. */
  public static final DocumentType<RunReport> RUN_REPORT =
      new DocumentType<>("run-report", RunReport.class, RunReport.SCHEMA_VERSION, true);

  /**
   * The deployment state file ({@code docs/state-file.md}). Optional properties have documented
   * defaults, so a state file written by hand may leave them out.
   */
  public static final DocumentType<StateFile> STATE_FILE =
      new DocumentType<>("state-file", StateFile.class, StateFile.SCHEMA_VERSION, false);

  /**
   * A capture ({@code docs/capture.md}): what a deployment answered to the read-only statements.
   * Not one of {@link #all()}: it has no published JSON Schema yet; docs/capture.md is its
   * reference.
   */
  public static final DocumentType<io.github.pcrupgrade.core.capture.CaptureDocument> CAPTURE =
      new DocumentType<>("capture", io.github.pcrupgrade.core.capture.CaptureDocument.class,
          io.github.pcrupgrade.core.capture.CaptureDocument.SCHEMA_VERSION, false);

  private final String name;
  private final Class<T> type;
  private final int schemaVersion;
  private final boolean everyPropertyRequired;

  private DocumentType(String name, Class<T> type, int schemaVersion,
      boolean everyPropertyRequired) {
    this.name = name;
    this.type = type;
    this.schemaVersion = schemaVersion;
    this.everyPropertyRequired = everyPropertyRequired;
  }

  /**
   * The four document types with a published JSON Schema, in the order of {@code docs/json.md}.
   *
   * @return {@link #PLAN}, {@link #CHECK_RESULT}, {@link #RUN_REPORT} and {@link #STATE_FILE};
   *     not {@link #CAPTURE}
   */
  public static List<DocumentType<?>> all() {
    return List.of(PLAN, CHECK_RESULT, RUN_REPORT, STATE_FILE);
  }

  /**
   * The document's name, as in its schema's file name.
   *
   * @return {@code plan}, {@code check-result}, {@code run-report}, {@code state-file} or
   *     {@code capture}
   */
  public String name() {
    return name;
  }

  /**
   * The record the document reads into.
   *
   * @return the record's class, e.g. {@code PlanDocument.class}
   */
  public Class<T> type() {
    return type;
  }

  /**
   * The schema version this library writes, and the newest it reads.
   *
   * @return the newest schema version; every version from 1 to it is read
   */
  public int schemaVersion() {
    return schemaVersion;
  }

  /**
   * True when every property this library writes must be present on reading (the documents only
   * tools write); false for the state file, whose optional properties have defaults.
   */
  boolean everyPropertyRequired() {
    return everyPropertyRequired;
  }

  /**
   * The name of the schema resource beside this class, also the file's name in {@code docs/}.
   *
   * @return {@link #name()} followed by {@code .schema.json}, e.g. {@code plan.schema.json}
   */
  public String schemaResourceName() {
    return name + ".schema.json";
  }

  /**
   * The published JSON Schema (2020-12) of this document, as text, read from the jar. Only the
   * types of {@link #all()} have one.
   *
   * @return the schema of the newest {@link #schemaVersion()}, the same file as in {@code docs/}
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a type with no published schema
   *     ({@link #CAPTURE})
   */
  public String schema() {
    InputStream found = DocumentType.class.getResourceAsStream(schemaResourceName());
    if (found == null) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, "the " + name + " document"
          + " has no published JSON Schema; the documents that have one are " + all());
    }
    try (InputStream in = found) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled " + schemaResourceName(), e);
    }
  }

  @Override
  public String toString() {
    return name + " document (schemaVersion " + schemaVersion + ")";
  }
}
