package io.github.pcrupgrade.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.plan.PlanResult;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.Planner;
import io.github.pcrupgrade.core.plan.StepEstimates;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The plan document of schemaVersion 2 carries each step's estimate and the total
 * (docs/plan.md), round-trips them, refuses a total that contradicts the steps, and still reads
 * version 1 documents, which have neither.
 */
class PlanEstimatesJsonTest {

  private static final StepEstimates ESTIMATES = StepEstimates.defaults()
      .withRestart(Duration.ofMinutes(5)).withSettle(Duration.ofSeconds(30))
      .withFinalization(Duration.ofMinutes(10)).withReplicationCatchUp(Duration.ofSeconds(40))
      .withReaderCreation(Duration.ofMinutes(2)).withStatement(Duration.ofSeconds(3));

  private static PlanResult planned() {
    return Planner.builtIn().plan(
        DeploymentSnapshot.builder().nodes(1, 1).binary("v24.3.12").readerVc(true).build(),
        UpgradeRequest.to("v25.2.4").estimates(ESTIMATES).build());
  }

  private static String v1Example() throws Exception {
    try (InputStream in = PlanEstimatesJsonTest.class
        .getResourceAsStream("/v1/plan-24.3-to-v25.2.4.json")) {
      assertThat(in).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void estimatesAndTheTotalAreWrittenAndReadBack() throws Exception {
    PlanResult result = planned();

    String written = JsonDocuments.writePlan(result);
    JsonNode tree = Json.mapper().readTree(written);
    PlanResult read = JsonDocuments.readPlan(written);

    assertThat(tree.get("schemaVersion").asInt()).isEqualTo(2);
    // 1 + 1 nodes: 2 restarts x (5m + 30s) = 11m; 3 finalizations x 10m = 30m; catch-up 40s;
    // reader 2m; 3 pins + stop + drop + create + 3 restores = 9 x 3s = 27s
    assertThat(tree.get("estimatedDuration").asText()).isEqualTo("PT44M7S");
    assertThat(tree.at("/plan/hops/0/steps/3/kind").asText()).isEqualTo("RESTART_NODE");
    assertThat(tree.at("/plan/hops/0/steps/3/estimate").asText()).isEqualTo("PT5M30S");
    assertThat(read).isEqualTo(result);
    assertThat(read.plan().flatMap(UpgradePlan::estimatedDuration))
        .contains(Duration.parse("PT44M7S"));
    assertThat(JsonDocuments.writePlan(read)).isEqualTo(written);
    assertThat(Schemas.validate(DocumentType.PLAN, written)).isEmpty();
  }

  @Test
  void aVersion1DocumentIsStillReadWithoutEstimates() throws Exception {
    String v1 = v1Example();
    assertThat(v1).contains("\"schemaVersion\" : 1").doesNotContain("estimate");

    UpgradePlan old = JsonDocuments.readPlan(v1).orThrow();
    UpgradePlan now = JsonDocuments.readPlan(
        Files.readString(Path.of("..", "docs", "examples", "plan-24.3-to-v25.2.4.json"))).orThrow();

    assertThat(old.steps()).allMatch(s -> s.estimate().isEmpty());
    assertThat(old.estimatedDuration()).isEmpty();
    assertThat(old.stepIds()).isEqualTo(now.stepIds());
    assertThat(old.toText()).doesNotContain("Expected duration");
    // the documented example: 16m15s with the default estimates (docs/plan.md)
    assertThat(now.estimatedDuration()).contains(Duration.parse("PT16M15S"));
  }

  @Test
  void aTotalThatIsNotTheSumOfTheStepsIsRefused() {
    String written = JsonDocuments.writePlan(planned());
    String wrong = written.replace("\"estimatedDuration\" : \"PT44M7S\"",
        "\"estimatedDuration\" : \"PT44M8S\"");
    assertThat(wrong).isNotEqualTo(written);

    PcrUpgradeException e = refusedReading(wrong);

    assertThat(e.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT);
    assertThat(e.getMessage()).contains("\"estimatedDuration\" is the sum of the steps'"
        + " estimates, PT44M7S, not PT44M8S");
  }

  @Test
  void aTotalWithoutStepEstimatesIsRefused() throws Exception {
    String v2WithTotalOnly = v1Example().replace("\"schemaVersion\" : 1",
        "\"schemaVersion\" : 2, \"estimatedDuration\" : \"PT1M\"")
        .replaceFirst("\"warnings\" :", "\"errors\" : [ ], \"warnings\" :");

    PcrUpgradeException e = refusedReading(v2WithTotalOnly);

    assertThat(e.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT);
    assertThat(e.getMessage()).contains("given only when every step has an \"estimate\"");
  }

  @Test
  void aNegativeOrMalformedStepEstimateIsRefused() {
    String written = JsonDocuments.writePlan(planned());
    String negative = written.replaceFirst("\"estimate\" : \"PT3S\"", "\"estimate\" : \"PT-3S\"");
    String malformed = written.replaceFirst("\"estimate\" : \"PT3S\"", "\"estimate\" : \"3s\"");
    assertThat(negative).isNotEqualTo(written);

    assertThat(refusedReading(negative).getMessage()).contains("estimate is not negative");
    assertThat(refusedReading(malformed).getMessage())
        .contains("an ISO-8601 duration such as \"PT5M9S\"");
  }

  @Test
  void aStepWithoutAnEstimateIsWrittenWithoutOne() throws Exception {
    PlanStep step = planned().orThrow().steps().get(0);
    PlanStep bare = new PlanStep(step.id(), step.kind(), step.cluster(), step.clusterName(),
        step.virtualCluster(), step.nodeId(), step.binary(), step.version(), step.setting(),
        step.settingValue(), step.restoreTo(), step.done(), step.precondition(),
        step.pointOfNoReturn(), step.description());

    JsonNode node = Json.mapper().readTree(Json.mapper().writeValueAsString(bare));

    assertThat(node.has("estimate")).isFalse();
    assertThat(Json.mapper().readTree(Json.mapper().writeValueAsString(step)).get("estimate")
        .asText()).isEqualTo("PT3S");
  }

  private static PcrUpgradeException refusedReading(String text) {
    PcrUpgradeException e = catchThrowableOfType(PcrUpgradeException.class,
        () -> JsonDocuments.readPlan(text));
    assertThat(e).as("reading must be refused").isNotNull();
    assertThat(e.getMessage()).doesNotContain("com.fasterxml");
    return e;
  }
}
