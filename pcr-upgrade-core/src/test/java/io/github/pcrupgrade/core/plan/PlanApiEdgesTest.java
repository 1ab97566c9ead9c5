package io.github.pcrupgrade.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Small parts of the plan API that PIT found unchecked: what a refused or warned target says its
 * stage is, how a target text is read, how hops and steps name themselves, the plan's own
 * renderings, and the first observed finalization being the one kept.
 */
class PlanApiEdgesTest {

  private final Planner planner = Planner.builtIn();

  private static DeploymentSnapshot atRest() {
    return DeploymentSnapshot.builder().binary("v24.3.12").build();
  }

  private String targetMessage(String target) {
    PlanResult r = planner.plan(atRest(), UpgradeRequest.to(target).build());
    List<Violation> said = r.isRefused() ? r.refusal() : r.plan().orElseThrow().warnings();
    return said.get(0).message();
  }

  @Test
  void aTargetsStageIsNamedAsItIs() {
    // crdb-upgrade-facts: alpha and development builds are one way; betas and release candidates
    // are testing releases
    assertThat(targetMessage("v25.2.0-alpha.1")).contains("is an alpha build");
    assertThat(targetMessage("v25.2.0-alpha.00000000")).contains("is a development build");
    assertThat(targetMessage("v25.2.0-beta.2")).contains("is a beta,");
    assertThat(targetMessage("v25.2.0-rc.1")).contains("is a release candidate,");
  }

  @Test
  void aTargetWithTwoDotsIsABinaryEvenWithoutItsV() {
    UpgradeRequest r = UpgradeRequest.to("25.2.4").build();

    assertThat(r.target().exact()).contains(BinaryVersion.parse("v25.2.4"));
    assertThat(UpgradeRequest.to("25.2").build().target().exact()).isEmpty();
  }

  @Test
  void anInvalidOriginalReaderNameIsATypedError() {
    assertThatThrownBy(() -> UpgradeRequest.to("25.2")
        .originalReaderVcs(List.of("main-readonly", "bad'name")).build())
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("bad");
  }

  @Test
  void aPlanRendersItselfAsTheRenderingDoes() {
    UpgradePlan plan = planner.planOrThrow(atRest(), UpgradeRequest.to("25.2").build());

    assertThat(plan.toText()).isEqualTo(PlanRendering.text(plan)).startsWith("Upgrade plan to");
    assertThat(plan.toMermaid()).isEqualTo(PlanRendering.mermaid(plan))
        .startsWith("---\ntitle: \"Upgrade plan to").contains("\nflowchart TD\n");
  }

  @Test
  void aStepNamesItsIdWhetherItIsAPointOfNoReturnAndWhatItDoes() {
    UpgradePlan plan = planner.planOrThrow(atRest(), UpgradeRequest.to("25.2").build());
    PlanStep finalize = plan.step("25.2:standby:finalize:system").orElseThrow();
    PlanStep restart = plan.step("25.2:standby:restart:n1").orElseThrow();

    assertThat(finalize.toString()).isEqualTo("25.2:standby:finalize:system [point of no return]: "
        + finalize.description());
    assertThat(restart.toString()).isEqualTo("25.2:standby:restart:n1: " + restart.description());
  }

  @Test
  void aHopScopedToOneClusterSaysSoAndARollbackHopSaysWhereFrom() {
    // Given the standby's n1 on 25.2 (a rollback of the standby only)
    DeploymentSnapshot s = atRest();
    ClusterSnapshot sb = s.standby();
    NodeInfo n1 = sb.node(1).orElseThrow();
    s = s.with(sb.withNode(n1.withBinary(BinaryVersion.parse("v25.2.1"))));

    Hop back = planner.planRollback(s).hops().get(0);

    assertThat(back.cluster()).contains(ClusterRole.STANDBY);
    assertThat(back.title()).isEqualTo("roll back from 25.2 to v24.3.12 (standby only)");
  }

  @Test
  void aPlannerGivesTheCatalogItPlansWith() {
    ReleaseCatalog catalog = ReleaseCatalog.builtIn();

    assertThat(new Planner(catalog).catalog()).isSameAs(catalog);
  }

  @Test
  void theFirstObservedFinalizationIsTheOneKept() {
    ReleaseSeries s252 = ReleaseSeries.parse("25.2");
    Instant first = Instant.parse("2026-01-05T12:00:00Z");
    ExecutionFacts facts = ExecutionFacts.NONE
        .withFinalization(ClusterRole.PRIMARY, "main", s252, first)
        .withFinalization(ClusterRole.PRIMARY, "main", s252, first.plusSeconds(60));

    assertThat(facts.finalizedAt(ClusterRole.PRIMARY, "main", s252)).contains(first);
  }
}
