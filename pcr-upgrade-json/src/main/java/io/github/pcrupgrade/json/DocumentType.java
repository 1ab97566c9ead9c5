package io.github.pcrupgrade.json;

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

  /** The four document types. */
  public static List<DocumentType<?>> all() {
    return List.of(PLAN, CHECK_RESULT, RUN_REPORT, STATE_FILE);
  }

  /** The document's name, as in its schema's file name: {@code plan}, {@code run-report}, ... */
  public String name() {
    return name;
  }

  /** The record the document reads into. */
  public Class<T> type() {
    return type;
  }

  /** The schema version this library writes, and the newest it reads. */
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

  /** The name of the schema resource beside this class, e.g. {@code plan.schema.json}. */
  public String schemaResourceName() {
    return name + ".schema.json";
  }

  /** The published JSON Schema (2020-12) of this document, as text. */
  public String schema() {
    try (InputStream in = Objects.requireNonNull(
        DocumentType.class.getResourceAsStream(schemaResourceName()), schemaResourceName())) {
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
