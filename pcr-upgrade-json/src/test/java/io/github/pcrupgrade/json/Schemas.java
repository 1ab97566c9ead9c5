package io.github.pcrupgrade.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Set;

/** The published schemas, as the networknt validator reads them. */
final class Schemas {

  private Schemas() {}

  /** What the published schema of {@code type} finds wrong with {@code json}; empty when valid. */
  static Set<ValidationMessage> validate(DocumentType<?> type, String json) throws Exception {
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(type.schema());
    JsonNode doc = Json.mapper().readTree(json);
    return schema.validate(doc);
  }
}
