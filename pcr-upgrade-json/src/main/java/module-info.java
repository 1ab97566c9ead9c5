/**
 * pcr-upgrade's JSON documents (plan, check result, run report, state file, capture) read and
 * written with Jackson, each with a schema version and a published JSON Schema.
 */
module io.github.pcrupgrade.json {
  requires transitive io.github.pcrupgrade.core;
  requires com.fasterxml.jackson.annotation;
  requires com.fasterxml.jackson.core;
  // Json.mapper() hands out the configured ObjectMapper.
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires com.fasterxml.jackson.datatype.jsr310;

  exports io.github.pcrupgrade.json;
  // The document records are mapped by Jackson through reflection.
  opens io.github.pcrupgrade.json to com.fasterxml.jackson.databind;
}
