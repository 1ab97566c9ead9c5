package io.github.pcrupgrade.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.plan.PlanResult;
import io.github.pcrupgrade.core.rules.CheckResult;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads and writes the four documented JSON documents in their documented shapes. Thread-safe;
 * every method is a pure function of its arguments.
 *
 * <p>Writing gives the exact text the {@code pcr-upgrade} command prints (pretty-printed, versions
 * as strings, times ISO-8601, absent values left out). Reading refuses, with a
 * {@link PcrUpgradeException} whose code is a {@link JsonErrorCode} and whose message names the
 * line, the column, the path in the document and what was expected:
 *
 * <ul>
 *   <li>a {@code schemaVersion} newer than this library knows ({@code UNSUPPORTED_SCHEMA_VERSION});
 *       older versions it knows are read (the state file and the plan: 1 and 2; the others: 1;
 *       a plan of schema version 1 has its ERROR items moved from {@code warnings} to
 *       {@code errors});
 *   <li>text that is not JSON, unknown properties, values of the wrong type, unknown enum values,
 *       malformed versions, missing properties, and values that contradict each other
 *       ({@code MALFORMED_DOCUMENT}).
 * </ul>
 *
 * <p>The evolution rule of the schemas is in {@code docs/json.md}.
 */
public final class JsonDocuments {

  private static final ObjectMapper MAPPER = Json.mapper();

  private JsonDocuments() {}

  /**
   * The document as JSON text, as the command prints it (without a final line break). Writes the
   * {@code schemaVersion} the document holds; the {@code of(..)} factories of the records give
   * the newest, {@link DocumentType#schemaVersion()}.
   *
   * @param <T> the document's record type
   * @param type which document it is
   * @param document the document to write
   * @return pretty-printed JSON: versions as strings, times and durations ISO-8601, absent values
   *     left out
   */
  public static <T> String write(DocumentType<T> type, T document) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(document, "document");
    try {
      return MAPPER.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a " + type + ": " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The document in {@code json}. Its {@code schemaVersion} must be an integer from 1 to
   * {@code type.schemaVersion()}; an older one is read into the same record (see
   * {@link JsonDocuments}). For the plan, the check result and the run report nothing is
   * defaulted: every property this library writes must be present.
   *
   * @param <T> the document's record type
   * @param type which document {@code json} is expected to be
   * @param json the whole text of the document
   * @return the document, consistent with itself
   * @throws PcrUpgradeException {@link JsonErrorCode#UNSUPPORTED_SCHEMA_VERSION} or
   *     {@link JsonErrorCode#MALFORMED_DOCUMENT}, naming the line, the column and what was expected
   */
  public static <T> T read(DocumentType<T> type, String json) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(json, "json");
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw malformed(type, e.getLocation(), "$", "the text is not JSON ("
          + e.getOriginalMessage() + ")", "a JSON object");
    }
    if (tree == null || !tree.isObject()) {
      throw malformed(type, null, "$", "the document is not a JSON object", "a JSON object");
    }
    Map<String, JsonLocation> where = Locations.of(MAPPER, json);
    checkSchemaVersion(type, tree.get("schemaVersion"), where);
    boolean migrated = type == DocumentType.PLAN && PlanMigration.fromVersion1((ObjectNode) tree);
    KnownProperties.firstUnknown(type.type(), tree, "").ifPresent(u -> {
      throw malformed(type, where.get(u.pointer() + Locations.NAME), path(u.pointer()),
          "unknown property \"" + u.name() + "\"", "one of " + u.known());
    });
    T document;
    try {
      // a migrated document is read from its tree: the text no longer says what it holds
      document = migrated ? MAPPER.treeToValue(tree, type.type())
          : MAPPER.readValue(json, type.type());
    } catch (JsonMappingException e) {
      throw translate(type, e, tree, where);
    } catch (JsonProcessingException e) {
      throw malformed(type, e.getLocation(), "$", e.getOriginalMessage(), "a JSON object");
    }
    if (type.everyPropertyRequired()) {
      checkNothingMissing(type, tree, MAPPER.valueToTree(document), "", where);
    }
    return document;
  }

  /**
   * The plan document of a planning result, at the newest schema version.
   *
   * @param result a plan, or the violations that refused one
   * @return the text {@code plan --format json} prints
   */
  public static String writePlan(PlanResult result) {
    return write(DocumentType.PLAN, PlanDocument.of(result));
  }

  /**
   * The planning result in a plan document; see {@link #read}.
   *
   * @param json a plan document of schema version 1 or 2
   * @return the plan, or the refusal, it describes
   * @throws PcrUpgradeException as {@link #read}
   */
  public static PlanResult readPlan(String json) {
    return read(DocumentType.PLAN, json).toPlanResult();
  }

  /**
   * The check result document.
   *
   * @param result what the rules found
   * @return the text {@code check --format json} prints
   */
  public static String writeCheckResult(CheckResult result) {
    Objects.requireNonNull(result, "result");
    return write(DocumentType.CHECK_RESULT, CheckDocument.of(result));
  }

  /**
   * The check result in a check result document; see {@link #read}.
   *
   * @param json a check result document
   * @return the check result it describes
   * @throws PcrUpgradeException as {@link #read}
   */
  public static CheckResult readCheckResult(String json) {
    return read(DocumentType.CHECK_RESULT, json).toCheckResult();
  }

  /**
   * The state file of a snapshot, at the newest schema version.
   *
   * @param snapshot the deployment as inspected
   * @return the state file; {@code status --format json} prints the same document as its
   *     {@code deployment}
   */
  public static String writeState(DeploymentSnapshot snapshot) {
    return write(DocumentType.STATE_FILE, StateFile.of(snapshot));
  }

  /**
   * The snapshot in a state file; see {@link #read}. A state file that contradicts itself
   * structurally is refused by {@link StateFile#toSnapshot()} with a core error code.
   *
   * @param json a state file of schema version 1 or 2; its optional properties may be left out
   * @return the deployment it describes
   * @throws PcrUpgradeException as {@link #read}; or, for a file that reads but does not describe
   *     a valid deployment, {@code INVALID_ARGUMENT} or {@code MALFORMED_VERSION} naming the
   *     cluster, VC or node
   */
  public static DeploymentSnapshot readState(String json) {
    return read(DocumentType.STATE_FILE, json).toSnapshot();
  }

  private static void checkSchemaVersion(DocumentType<?> type, JsonNode version,
      Map<String, JsonLocation> where) {
    String expected = "schemaVersion " + type.schemaVersion()
        + (type.schemaVersion() > 1 ? " or older" : "");
    if (version == null) {
      throw malformed(type, where.get(""), "$", "\"schemaVersion\" is missing",
          "an integer " + expected);
    }
    JsonLocation at = where.get("/schemaVersion");
    if (!version.isInt()) {
      throw new PcrUpgradeException(JsonErrorCode.UNSUPPORTED_SCHEMA_VERSION, message(type, at,
          "$.schemaVersion", "\"schemaVersion\" is " + version + ", not an integer",
          "an integer " + expected));
    }
    int v = version.intValue();
    if (v > type.schemaVersion()) {
      throw new PcrUpgradeException(JsonErrorCode.UNSUPPORTED_SCHEMA_VERSION, message(type, at,
          "$.schemaVersion", "schemaVersion " + v + " is newer than this reader knows; use a"
              + " pcr-upgrade-json release that reads schemaVersion " + v
              + ", or write the document with schemaVersion " + type.schemaVersion(), expected));
    }
    if (v < 1) {
      throw new PcrUpgradeException(JsonErrorCode.UNSUPPORTED_SCHEMA_VERSION, message(type, at,
          "$.schemaVersion", "schemaVersion " + v + " does not exist", expected));
    }
  }

  /** Every property this library writes must be in the document it reads (no silent defaults). */
  private static void checkNothingMissing(DocumentType<?> type, JsonNode read, JsonNode written,
      String pointer, Map<String, JsonLocation> where) {
    if (written.isObject() && read.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = written.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode there = read.get(field.getKey());
        if (there == null || there.isNull()) {
          throw malformed(type, where.get(pointer), path(pointer),
              "property \"" + field.getKey() + "\" is missing", "\"" + field.getKey() + "\" with "
                  + describe(field.getValue()));
        }
        checkNothingMissing(type, there, field.getValue(), pointer + "/" + field.getKey(), where);
      }
    } else if (written.isArray() && read.isArray() && written.size() == read.size()) {
      for (int i = 0; i < written.size(); i++) {
        checkNothingMissing(type, read.get(i), written.get(i), pointer + "/" + i, where);
      }
    }
  }

  private static String describe(JsonNode value) {
    if (value.isBoolean()) {
      return "true or false";
    }
    if (value.isNumber()) {
      return "a number";
    }
    if (value.isArray()) {
      return "an array";
    }
    return value.isObject() ? "an object" : "a string";
  }

  private static PcrUpgradeException translate(DocumentType<?> type, JsonMappingException e,
      JsonNode tree, Map<String, JsonLocation> where) {
    String path = path(e.getPath());
    JsonLocation at = e.getLocation();
    String pointer = pointer(e.getPath());
    if (!pointer.isEmpty() && tree.at(pointer).isMissingNode()) {
      // Jackson reports a missing primitive as a null of the wrong type, at the object's end
      String parent = pointer.substring(0, pointer.lastIndexOf('/'));
      String name = pointer.substring(pointer.lastIndexOf('/') + 1);
      return malformed(type, where.getOrDefault(parent, at), path(parent),
          "property \"" + name + "\" is missing", "\"" + name + "\" with "
              + expected(e instanceof MismatchedInputException m ? m.getTargetType() : null));
    }
    if (e instanceof UnrecognizedPropertyException u) {
      Collection<Object> known = u.getKnownPropertyIds();
      return malformed(type, at, path, "unknown property \"" + u.getPropertyName() + "\"",
          known == null ? "only the documented properties" : "one of "
              + new TreeSet<>(known.stream().map(String::valueOf).toList()));
    }
    if (e instanceof InvalidFormatException f) {
      String problem = "\"" + f.getValue() + "\" is not valid";
      Throwable cause = f.getCause();
      if (cause != null && cause.getMessage() != null) {
        problem += " (" + cause.getMessage() + ")";
      }
      return malformed(type, at, path, problem, expected(f.getTargetType()));
    }
    if (e instanceof ValueInstantiationException v) {
      // Jackson places it where the object ends; the object's start is where a person looks
      at = where.getOrDefault(pointer, at);
      Throwable cause = v.getCause() == null ? v : v.getCause();
      String problem = cause instanceof NullPointerException
          ? "property \"" + cause.getMessage() + "\" is missing" : String.valueOf(cause.getMessage());
      return malformed(type, at, path, problem, "a consistent " + simpleName(v.getType() == null
          ? null : v.getType().getRawClass()));
    }
    if (e instanceof MismatchedInputException m) {
      return malformed(type, at, path, "a value of the wrong type", expected(m.getTargetType()));
    }
    Throwable cause = e.getCause();
    if (cause instanceof PcrUpgradeException p) {
      return malformed(type, at, path, p.getMessage(), "a valid value");
    }
    return malformed(type, at, path, "the value cannot be read (" + e.getOriginalMessage() + ")",
        "the documented shape");
  }

  private static String expected(Class<?> target) {
    if (target == null) {
      return "the documented shape";
    }
    if (target.isEnum()) {
      return "one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString)
          .collect(Collectors.joining(", ", "[", "]"));
    }
    if (target == int.class || target == Integer.class || target == long.class
        || target == Long.class) {
      return "an integer";
    }
    if (target == boolean.class || target == Boolean.class) {
      return "true or false";
    }
    if (target == String.class) {
      return "a string";
    }
    if (target == ReleaseSeries.class) {
      return "a release series such as \"25.2\"";
    }
    if (target == BinaryVersion.class) {
      return "a binary version such as \"v25.2.4\"";
    }
    if (target == ClusterVersion.class) {
      return "a cluster version such as \"24.3\" or \"24.2-upgrading-to-24.3-step-004\"";
    }
    if (target == Instant.class) {
      return "an ISO-8601 instant such as \"2026-01-05T12:00:00Z\"";
    }
    if (target == Duration.class) {
      return "an ISO-8601 duration such as \"PT5M9S\"";
    }
    if (List.class.isAssignableFrom(target) || Collection.class.isAssignableFrom(target)) {
      return "an array";
    }
    if (target == Optional.class) {
      return "a value of the documented type";
    }
    return "an object (" + simpleName(target) + ")";
  }

  private static String simpleName(Class<?> type) {
    return type == null ? "value" : type.getSimpleName();
  }

  private static String pointer(List<JsonMappingException.Reference> refs) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        b.append('/').append(r.getFieldName().replace("~", "~0").replace("/", "~1"));
      } else if (r.getIndex() >= 0) {
        b.append('/').append(r.getIndex());
      }
    }
    return b.toString();
  }

  private static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder b = new StringBuilder("$");
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        b.append('.').append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private static String path(String pointer) {
    StringBuilder b = new StringBuilder("$");
    for (String part : pointer.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      String name = part.replace("~1", "/").replace("~0", "~");
      b.append(part.chars().allMatch(Character::isDigit) ? "[" + part + "]" : "." + name);
    }
    return b.toString();
  }

  private static PcrUpgradeException malformed(DocumentType<?> type, JsonLocation at, String path,
      String problem, String expected) {
    return new PcrUpgradeException(JsonErrorCode.MALFORMED_DOCUMENT,
        message(type, at, path, problem, expected));
  }

  private static String message(DocumentType<?> type, JsonLocation at, String path,
      String problem, String expected) {
    String place = at == null || at.getLineNr() < 0 ? "line 1, column 1"
        : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    return type.name() + " document, " + place + " (" + Printable.of(path, 200) + "): "
        + Printable.of(problem, 300) + "; expected " + Printable.of(expected, 2000);
  }

  /**
   * Where each value of a document starts, by JSON pointer ({@code ""} for the root), and where
   * the name of each property starts, by its pointer followed by {@link #NAME}.
   */
  static final class Locations {
    /** Appended to a property's pointer for the location of its name. */
    static final String NAME = "#name";

    private Locations() {}

    static Map<String, JsonLocation> of(ObjectMapper mapper, String json) {
      Map<String, JsonLocation> where = new java.util.HashMap<>();
      try (JsonParser p = mapper.createParser(json)) {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          if (t == JsonToken.FIELD_NAME) {
            where.putIfAbsent(p.getParsingContext().pathAsPointer().toString() + NAME,
                p.currentTokenLocation());
            continue;
          }
          if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
            continue;
          }
          var context = t.isStructStart() ? p.getParsingContext().getParent()
              : p.getParsingContext();
          String pointer = context == null ? "" : context.pathAsPointer().toString();
          where.putIfAbsent(pointer, p.currentTokenLocation());
        }
      } catch (IOException e) {
        // The text was parsed before; locations are best effort.
      }
      return where;
    }
  }
}
