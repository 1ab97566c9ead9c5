package io.github.pcrupgrade.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.plan.PlanResult;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.rules.RuleCode;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Plan documents keep non-refusing errors in {@code plan.errors} (schema version 2) and still read
 * version 1, whose {@code plan.warnings} held them (docs/plan.md, "Versions").
 */
class PlanErrorsJsonTest {

  private static final Violation MIXED = Violation.of(RuleCode.MIXED_BINARIES, "standby", null,
      null, "n1 runs v25.2.1, n2 runs v24.3.12", "finish the rolling restart");
  private static final Violation BEHIND = Violation.of(RuleCode.STANDBY_BINARIES_BEHIND_PRIMARY,
      "primary", null, 1, "primary n1 runs v25.2.1 before the standby", "upgrade the standby");
  private static final UpgradePlan PLAN = new UpgradePlan(
      BinaryTarget.anyPatchOf(ReleaseSeries.parse("25.2")), List.of(), List.of(MIXED),
      List.of(BEHIND), List.of("a note"));

  @Test
  void writesVersion2WithTheErrorsApartAndReadsThemBack() throws Exception {
    String json = JsonDocuments.writePlan(PlanResult.planned(PLAN));
    ObjectNode tree = (ObjectNode) Json.mapper().readTree(json);
    assertThat(tree.get("schemaVersion").intValue()).isEqualTo(2);
    assertThat(tree.at("/plan/errors/0/code").asText()).isEqualTo("MIXED_BINARIES");
    assertThat(tree.at("/plan/warnings")).hasSize(1);
    assertThat(tree.at("/plan/warnings/0/code").asText())
        .isEqualTo("STANDBY_BINARIES_BEHIND_PRIMARY");
    assertThat(JsonDocuments.readPlan(json).orThrow()).isEqualTo(PLAN);
  }

  @Test
  void readsAVersion1PlanMovingItsErrorsOutOfTheWarnings() throws Exception {
    // a version 1 document: no "errors", the ERROR item in "warnings" beside the WARNING one
    ObjectNode tree = (ObjectNode) Json.mapper().readTree(
        JsonDocuments.writePlan(PlanResult.planned(PLAN)));
    tree.put("schemaVersion", 1);
    ObjectNode plan = (ObjectNode) tree.get("plan");
    ArrayNode errors = (ArrayNode) plan.remove("errors");
    ArrayNode warnings = (ArrayNode) plan.get("warnings");
    warnings.insert(0, errors.get(0));
    String v1 = Json.mapper().writeValueAsString(tree);
    assertThat(v1).doesNotContain("\"errors\"").contains("\"schemaVersion\" : 1");

    UpgradePlan read = JsonDocuments.readPlan(v1).orThrow();

    assertThat(read.errors()).containsExactly(MIXED);
    assertThat(read.warnings()).containsExactly(BEHIND);
    assertThat(read).isEqualTo(PLAN);
  }

  @Test
  void refusesAVersion2PlanWithAnErrorAmongTheWarnings() throws Exception {
    ObjectNode tree = (ObjectNode) Json.mapper().readTree(
        JsonDocuments.writePlan(PlanResult.planned(PLAN)));
    ObjectNode plan = (ObjectNode) tree.get("plan");
    ((ArrayNode) plan.get("warnings")).add(plan.get("errors").get(0));
    String bad = Json.mapper().writeValueAsString(tree);
    assertThatThrownBy(() -> JsonDocuments.readPlan(bad))
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT))
        .hasMessageContaining("warnings holds an ERROR violation (MIXED_BINARIES)");
  }

  @Test
  void refusesAVersion2PlanWithoutErrors() throws Exception {
    ObjectNode tree = (ObjectNode) Json.mapper().readTree(
        JsonDocuments.writePlan(PlanResult.planned(PLAN)));
    ((ObjectNode) tree.get("plan")).remove("errors");
    String bad = Json.mapper().writeValueAsString(tree);
    assertThatThrownBy(() -> JsonDocuments.readPlan(bad))
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT))
        .hasMessageContaining("errors");
  }
}
