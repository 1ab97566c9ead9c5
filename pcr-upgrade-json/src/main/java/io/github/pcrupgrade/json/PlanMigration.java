package io.github.pcrupgrade.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pcrupgrade.core.rules.Severity;

/**
 * Reads a plan document of schema version 1 as the current version: version 1 had no
 * {@code plan.errors} and kept the non-refusing ERROR items in {@code plan.warnings}. Those move,
 * in their order, to a new {@code plan.errors}; WARNING items stay. Everything else is unchanged,
 * so a version 1 document that is malformed in any other way is refused as before.
 */
final class PlanMigration {

  private PlanMigration() { }

  /**
   * Migrates {@code document} in place when it is a plan document of schema version 1.
   *
   * @param document a plan document whose schema version has been checked
   * @return true when the document was migrated
   */
  static boolean fromVersion1(ObjectNode document) {
    JsonNode version = document.get("schemaVersion");
    if (version == null || !version.isInt() || version.intValue() != 1) {
      return false;
    }
    if (!(document.get("plan") instanceof ObjectNode plan)
        || !(plan.get("warnings") instanceof ArrayNode warnings) || plan.has("errors")) {
      // nothing to move, or a shape the reader refuses with its usual message
      return false;
    }
    ArrayNode errors = plan.arrayNode();
    ArrayNode kept = plan.arrayNode();
    for (JsonNode item : warnings) {
      JsonNode severity = item.get("severity");
      (severity != null && Severity.ERROR.name().equals(severity.asText()) ? errors : kept)
          .add(item);
    }
    // the errors go right after the hops, where the current version writes them
    ObjectNode rebuilt = plan.objectNode();
    plan.fields().forEachRemaining(f -> {
      if (f.getKey().equals("warnings")) {
        rebuilt.set("errors", errors);
        rebuilt.set("warnings", kept);
      } else {
        rebuilt.set(f.getKey(), f.getValue());
      }
    });
    document.set("plan", rebuilt);
    return true;
  }
}
