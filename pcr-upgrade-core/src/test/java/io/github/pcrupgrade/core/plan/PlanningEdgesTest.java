package io.github.pcrupgrade.core.plan;

import static io.github.pcrupgrade.core.plan.SnapshotEdits.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.rules.RuleCode;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.version.ClusterVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Planner cases PIT found unchecked: a series-only target whose early patches lack the reader
 * statement, a preset preserve_downgrade_option, and the standby's rollback precondition.
 */
class PlanningEdgesTest {

  private final Planner planner = Planner.builtIn();

  private static DeploymentSnapshot withReader(String binary) {
    return DeploymentSnapshot.builder().names("dc-east", "dc-west").binary(binary).readerVc(true)
        .build();
  }

  @Test
  void aSeriesOnlyTargetWhoseEarlyPatchesLackTheReaderStatementIsRefused() {
    // Given: ALTER VIRTUAL CLUSTER ... SET REPLICATION READ VIRTUAL CLUSTER exists from v25.1.6
    // (crdb-upgrade-facts.md 7), and a target of "25.1" lets the node upgrader pick v25.1.0
    PlanResult r = planner.plan(withReader("v24.3.12"), UpgradeRequest.to("25.1").build());

    assertThat(r.isRefused()).isTrue();
    assertThat(r.refusal()).extracting(Violation::code)
        .contains(RuleCode.READER_RECREATE_UNSUPPORTED);
    Violation v = r.refusal().stream()
        .filter(x -> x.code() == RuleCode.READER_RECREATE_UNSUPPORTED).findFirst().orElseThrow();
    assertThat(v.message()).contains("25.1 patch the node upgrader may choose");
    assertThat(v.remediation()).contains("v25.1.6");
    // And: 25.2 has the statement from its first release, so a series-only 25.2 target plans
    assertThat(planner.plan(withReader("v24.3.12"), UpgradeRequest.to("25.2").build())
        .isPlanned()).isTrue();
    // And: without a reader there is nothing to re-create
    assertThat(planner.plan(DeploymentSnapshot.builder().binary("v24.3.12").build(),
        UpgradeRequest.to("25.1").build()).isPlanned()).isTrue();
  }

  @Test
  void aPresetPreserveDowngradeOptionIsResetBeforeEachFinalizationItBlocks() {
    // Given: an operator set preserve_downgrade_option = '24.3' in every readable VC; with it set,
    // SET CLUSTER SETTING version fails (crdb-upgrade-facts.md 2.2)
    DeploymentSnapshot s = DeploymentSnapshot.builder().names("dc-east", "dc-west")
        .binary("v24.3.12").settings(new FinalizationSettings(false, "24.3")).build();

    List<PlanStep> steps = planner.plan(s, UpgradeRequest.to("25.2")
        .pinningMethod(PinningMethod.AUTO_UPGRADE_SETTING).build()).orThrow().steps();

    for (PlanStep fin : steps.stream().filter(x -> x.kind() == StepKind.FINALIZE_VC).toList()) {
      int at = steps.indexOf(fin);
      assertThat(steps.subList(0, at)).as("before %s", fin.id()).anySatisfy(u -> {
        assertThat(u.kind()).isEqualTo(StepKind.UNPIN_FINALIZATION);
        assertThat(u.cluster()).isEqualTo(fin.cluster());
        assertThat(u.virtualCluster()).isEqualTo(fin.virtualCluster());
      });
      assertThat(fin.precondition().holds(s)).as("%s with the option still set", fin.id())
          .isFalse();
    }
    // And: with nothing preset and the auto-upgrade method, nothing is reset
    DeploymentSnapshot clean = DeploymentSnapshot.builder().binary("v24.3.12").build();
    assertThat(planner.plan(clean, UpgradeRequest.to("25.2").build()).orThrow().steps())
        .noneMatch(x -> x.kind() == StepKind.UNPIN_FINALIZATION);
  }

  @Test
  void theStandbyRollsBackOnlyOnceThePrimaryRunsThePreviousSeriesAgain() {
    // Given: a 24.3 -> 25.2 upgrade half-way through binaries, nothing finalized: every standby
    // node and primary n1 on 25.2 (design: rollback re-rolls the previous binaries; the primary
    // first, and the standby stays at least as new as the primary, P1)
    DeploymentSnapshot s = DeploymentSnapshot.builder().names("dc-east", "dc-west")
        .binary("v24.3.12").build();
    for (int id = 1; id <= 3; id++) {
      s = node(s, ClusterRole.STANDBY, id, "v25.2.3");
    }
    s = node(s, ClusterRole.PRIMARY, 1, "v25.2.3");

    RollbackPlan plan = planner.planRollback(s);

    assertThat(plan.clusters()).extracting(ClusterRollback::verdict)
        .containsExactly(RollbackVerdict.ROLL_BACK, RollbackVerdict.ROLL_BACK);
    PlanStep standbyStep = plan.steps().stream()
        .filter(x -> x.cluster() == ClusterRole.STANDBY).findFirst().orElseThrow();
    PlanStep primaryStep = plan.steps().stream()
        .filter(x -> x.cluster() == ClusterRole.PRIMARY).findFirst().orElseThrow();
    assertThat(plan.steps().indexOf(primaryStep)).isLessThan(plan.steps().indexOf(standbyStep));
    // The standby's rollback waits for the primary's
    assertThat(standbyStep.precondition().holds(s)).isFalse();
    DeploymentSnapshot primaryBack = node(s, ClusterRole.PRIMARY, 1, "v24.3.12");
    assertThat(standbyStep.precondition().holds(primaryBack)).isTrue();
    // And it needs its own system VC still final at 24.3 (finalization not begun)
    DeploymentSnapshot begun = primaryBack.with(primaryBack.standby().withVc("system",
        v -> v.withVersion(VersionReading.observed(
            ClusterVersion.parse("24.3-upgrading-to-25.1-step-002")))));
    assertThat(standbyStep.precondition().holds(begun)).isFalse();
    // The primary's own rollback does not wait for the standby
    assertThat(primaryStep.precondition().holds(s)).isTrue();
  }
}
