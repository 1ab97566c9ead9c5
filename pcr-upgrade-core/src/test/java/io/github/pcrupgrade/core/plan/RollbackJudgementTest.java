package io.github.pcrupgrade.core.plan;

import static io.github.pcrupgrade.core.plan.SnapshotEdits.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.version.ClusterVersion;
import org.junit.jupiter.api.Test;

/**
 * How each cluster's rollback is judged (DESIGN: rollback is re-rolling the previous binaries,
 * possible only on a cluster whose system VC has not begun finalizing; rolling back the primary
 * does not roll back the standby, and the standby stays at least as new as the primary, P1).
 */
class RollbackJudgementTest {

  private final Planner planner = Planner.builtIn();

  private static DeploymentSnapshot systemVc(DeploymentSnapshot s, ClusterRole role,
      VersionReading reading) {
    return s.with(s.cluster(role).withVc("system", v -> v.withVersion(reading)));
  }

  @Test
  void aClusterWhoseSystemVcVersionIsUnknownIsNotRolledBackBlindly() {
    // Given the standby's n1 on 25.2 but its system VC's version unreadable
    DeploymentSnapshot s = node(DeploymentSnapshot.builder().binary("v24.3.12").build(),
        ClusterRole.STANDBY, 1, "v25.2.1");
    s = systemVc(s, ClusterRole.STANDBY, VersionReading.unknown("the VC did not answer"));

    // When
    RollbackPlan plan = planner.planRollback(s);

    // Then whether finalization began cannot be told: nothing is planned for it
    ClusterRollback standby = plan.clusters().get(1);
    assertThat(standby.verdict()).isEqualTo(RollbackVerdict.FINALIZATION_BEGUN);
    assertThat(standby.reason()).contains("'standby'", "unknown", "the VC did not answer",
        "not rolled back blindly");
    assertThat(plan.steps()).noneMatch(st -> st.cluster() == ClusterRole.STANDBY);
  }

  @Test
  void theStandbyIsNotRolledBackBehindAPrimaryThatCannotBe() {
    // Given both clusters' nodes on 25.2, the standby not finalized, but the primary's system VC
    // already finalizing (it cannot go back)
    DeploymentSnapshot s = DeploymentSnapshot.builder().binary("v25.2.1")
        .versions("24.3", "24.3").build();
    s = systemVc(s, ClusterRole.PRIMARY, VersionReading.observed(
        ClusterVersion.parse("24.3-upgrading-to-25.1-step-002")));

    // When
    RollbackPlan plan = planner.planRollback(s);

    // Then the standby stays as new as the primary: blocked, naming the primary and why
    assertThat(plan.clusters()).extracting(ClusterRollback::verdict).containsExactly(
        RollbackVerdict.FINALIZATION_BEGUN, RollbackVerdict.BLOCKED_BY_OTHER_CLUSTER);
    assertThat(plan.clusters().get(1).reason()).contains("primary 'primary'",
        "finalization has begun", "at least as new as the primary");
    assertThat(plan.isEmpty()).isTrue();
  }

  @Test
  void theStandbyMayRollBackWhenThePrimaryHasNothingNewer() {
    // Given only the standby's n1 on 25.2: the primary has nothing to roll back and is not newer
    DeploymentSnapshot s = node(DeploymentSnapshot.builder().binary("v24.3.12").build(),
        ClusterRole.STANDBY, 1, "v25.2.1");

    RollbackPlan plan = planner.planRollback(s);

    assertThat(plan.clusters()).extracting(ClusterRollback::verdict).containsExactly(
        RollbackVerdict.NOTHING_TO_ROLL_BACK, RollbackVerdict.ROLL_BACK);
    assertThat(plan.clusters().get(1).reason()).contains("1 node(s) run 25.2 binaries",
        "still finalized at 24.3");
    assertThat(plan.steps()).extracting(PlanStep::id)
        .containsExactly("rollback-24.3:standby:restart:n1");
  }

  @Test
  void nodesThatRanDifferentPatchesGoBackToAnyPatchOfThePreviousSeries() {
    // Given the standby's nodes on two 24.3 patches before n3 moved to 25.2
    DeploymentSnapshot s = DeploymentSnapshot.builder().binary("v24.3.12").build();
    s = node(s, ClusterRole.STANDBY, 1, "v24.3.10");
    s = node(s, ClusterRole.STANDBY, 3, "v25.2.1");

    // When
    RollbackPlan plan = planner.planRollback(s);

    // Then the library does not guess which patch n3 ran: any 24.3 patch, the choice left to the
    // node upgrader
    PlanStep back = plan.steps().get(0);
    assertThat(back.binary().orElseThrow().exact()).isEmpty();
    assertThat(back.binary().orElseThrow().series().toString()).isEqualTo("24.3");
    assertThat(back.description()).contains("node upgrader chooses the patch");
    assertThat(plan.clusters().get(1).binary()).contains(back.binary().orElseThrow());
  }

  @Test
  void aRollbackStepIsDoneWhenItsNodeRunsThePreviousBinaryAgain() {
    // Given the standby's n1 on 25.2
    DeploymentSnapshot s = node(DeploymentSnapshot.builder().binary("v24.3.12").build(),
        ClusterRole.STANDBY, 1, "v25.2.1");
    PlanStep back = planner.planRollback(s).steps().get(0);

    // Then
    assertThat(back.done().holds(s)).isFalse();
    assertThat(back.done().holds(node(s, ClusterRole.STANDBY, 1, "v24.3.12"))).isTrue();
    assertThat(back.precondition().holds(s)).as("its own system VC final at 24.3").isTrue();
    assertThat(back.pointOfNoReturn()).isFalse();
  }
}
