package io.github.pcrupgrade.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.exec.HaltReason;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.model.Provenance;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.rules.RuleCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The examples and schemas published in docs/ agree with what this module reads and writes. */
class PublishedDocumentsTest {

  private static final Path DOCS = Path.of("..", "docs");

  /** Which document each example is, by its file name's prefix. */
  private static final Map<String, DocumentType<?>> BY_PREFIX = Map.of(
      "plan-", DocumentType.PLAN, "check-", DocumentType.CHECK_RESULT,
      "run-report-", DocumentType.RUN_REPORT, "state-", DocumentType.STATE_FILE);

  private static DocumentType<?> typeOf(Path example) {
    String name = example.getFileName().toString();
    return BY_PREFIX.entrySet().stream().filter(e -> name.startsWith(e.getKey()))
        .map(Map.Entry::getValue).findFirst()
        .orElseThrow(() -> new AssertionError("docs/examples/" + name
            + " is not named after a document type (plan-, check-, run-report-, state-)"));
  }

  private static List<Path> examples() throws Exception {
    try (Stream<Path> files = Files.list(DOCS.resolve("examples"))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static String reread(DocumentType type, String text) {
    return JsonDocuments.write(type, JsonDocuments.read(type, text));
  }

  @Test
  void everyExampleIsReadAndRewrittenUnchanged() throws Exception {
    List<Path> examples = examples();
    assertThat(examples).extracting(p -> typeOf(p).name())
        .containsAll(DocumentType.all().stream().map(DocumentType::name).toList());
    for (Path example : examples) {
      String text = Files.readString(example);

      assertThat(reread(typeOf(example), text)).as(example.toString()).isEqualTo(text.strip());
    }
  }

  @Test
  void everyExampleIsValidAgainstItsPublishedSchema() throws Exception {
    for (Path example : examples()) {
      assertThat(Schemas.validate(typeOf(example), Files.readString(example)))
          .as(example.toString()).isEmpty();
    }
  }

  @Test
  void theSchemasInDocsAreTheSchemasTheModuleShips() throws Exception {
    for (DocumentType<?> type : DocumentType.all()) {
      Path published = DOCS.resolve(type.schemaResourceName());

      assertThat(type.schema()).as(published.toString()).isEqualTo(Files.readString(published));
      assertThat(Json.mapper().readTree(type.schema()).at("/properties/schemaVersion/const")
          .asInt()).as(type.name()).isEqualTo(type.schemaVersion());
    }
  }

  @Test
  void aDocumentWithoutAPublishedSchemaSaysSoWithATypedError() {
    assertThatThrownBy(DocumentType.CAPTURE::schema)
        .isInstanceOfSatisfying(PcrUpgradeException.class, e -> {
          assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains("capture", "no published JSON Schema");
        });
  }

  @Test
  void theValidatorRefusesAnUnknownPropertySoTheSchemaChecksAboveCanFail() throws Exception {
    String text = Files.readString(DOCS.resolve("examples").resolve("run-report-simulated.json"))
        .replace("\"runId\"", "\"runid\"");

    assertThat(Schemas.validate(DocumentType.RUN_REPORT, text)).isNotEmpty();
  }

  @Test
  void theSchemasListEveryEnumValueTheReaderAccepts() throws Exception {
    JsonNode check = Json.mapper().readTree(DocumentType.CHECK_RESULT.schema());
    JsonNode plan = Json.mapper().readTree(DocumentType.PLAN.schema());
    JsonNode report = Json.mapper().readTree(DocumentType.RUN_REPORT.schema());
    JsonNode state = Json.mapper().readTree(DocumentType.STATE_FILE.schema());

    assertThat(enumOf(check.at("/$defs/violation/properties/code")))
        .isEqualTo(names(RuleCode.values()));
    assertThat(enumOf(plan.at("/$defs/violation/properties/code")))
        .isEqualTo(names(RuleCode.values()));
    assertThat(enumOf(report.at("/$defs/violation/properties/code")))
        .isEqualTo(names(RuleCode.values()));
    assertThat(enumOf(report.at("/properties/status"))).isEqualTo(names(RunStatus.values()));
    assertThat(enumOf(report.at("/properties/haltReason"))).isEqualTo(names(HaltReason.values()));
    assertThat(enumOf(state.at("/$defs/node/properties/liveness")))
        .isEqualTo(names(Liveness.values()));
    assertThat(enumOf(state.at("/$defs/virtualCluster/properties/kind")))
        .isEqualTo(names(VcKind.values()));
    assertThat(enumOf(state.at("/$defs/virtualCluster/properties/dataState")))
        .isEqualTo(names(DataState.values()));
    assertThat(enumOf(state.at("/$defs/virtualCluster/properties/serviceMode")))
        .isEqualTo(names(ServiceMode.values()));
    assertThat(enumOf(state.at("/$defs/virtualCluster/properties/versionProvenance")))
        .isEqualTo(names(Provenance.values()));
  }

  private static List<String> enumOf(JsonNode node) {
    assertThat(node.has("enum")).as(node.toString()).isTrue();
    return StreamSupport.stream(node.get("enum").spliterator(), false).map(JsonNode::asText)
        .toList();
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
