package io.github.pcrupgrade.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.plan.Condition;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.Planner;
import io.github.pcrupgrade.core.plan.StepKind;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.spi.NarrowRead;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 1: what a wait reads narrowly for each kind of step of a real plan (24.3 -> 25.2
 * with a reader VC), and when it takes a full snapshot instead.
 */
class TargetedPollingTest {

  private static final DeploymentSnapshot AT_REST = DeploymentSnapshot.builder().nodes(3, 3)
      .binary("v24.3.12").readerVc(true).build();
  private static final UpgradePlan PLAN = Planner.builtIn()
      .plan(AT_REST, UpgradeRequest.to("25.2").build()).plan().orElseThrow();

  private static PlanStep first(StepKind kind, ClusterRole cluster) {
    return PLAN.steps().stream().filter(s -> s.kind() == kind && s.cluster() == cluster)
        .findFirst().orElseThrow();
  }

  private static Optional<Map<ClusterRole, NarrowRead>> reads(PlanStep step) {
    TargetedPolling p = new TargetedPolling(step, AT_REST, 10);
    p.next(); // the first poll of a wait is full
    return p.next();
  }

  @Test
  void aRestartWaitsForThatNodeOnlyItsBuildAndLiveness() {
    PlanStep restart = first(StepKind.RESTART_NODE, ClusterRole.STANDBY);
    assertThat(reads(restart)).contains(Map.of(ClusterRole.STANDBY,
        NarrowRead.node(restart.nodeId().orElseThrow())));
  }

  @Test
  void aFinalizationWaitsForThatVcsVersionOnly() {
    PlanStep fin = first(StepKind.FINALIZE_VC, ClusterRole.PRIMARY);
    assertThat(reads(fin)).contains(Map.of(ClusterRole.PRIMARY,
        NarrowRead.version(fin.virtualCluster().orElseThrow())));
  }

  @Test
  void aPinWaitsForThatVcsSettingsOnly() {
    PlanStep pin = first(StepKind.PIN_FINALIZATION, ClusterRole.STANDBY);
    assertThat(reads(pin)).contains(Map.of(ClusterRole.STANDBY,
        NarrowRead.settings(pin.virtualCluster().orElseThrow())));
  }

  @Test
  void theReplicationWaitReadsTheStreamOnly() {
    PlanStep await = first(StepKind.AWAIT_REPLICATION, ClusterRole.STANDBY);
    assertThat(reads(await)).contains(Map.of(ClusterRole.STANDBY,
        NarrowRead.replicationOf("main")));
  }

  @Test
  void readerStepsReadTheVcList() {
    // STOP_READER is also done when the reader is already at the version (its done-condition)
    assertThat(reads(first(StepKind.STOP_READER, ClusterRole.STANDBY)))
        .contains(Map.of(ClusterRole.STANDBY, NarrowRead.virtualClusterList()
            .and(NarrowRead.version("main-readonly"))));
    PlanStep drop = first(StepKind.DROP_READER, ClusterRole.STANDBY);
    assertThat(reads(drop).orElseThrow().get(ClusterRole.STANDBY).virtualClusters())
        .as(drop.done().describe()).isTrue();
  }

  @Test
  void conditionsOverEveryNodeOrEveryVcAreReadInFull() {
    assertThat(TargetedPolling.reads(Condition.allNodesRun(ClusterRole.STANDBY,
        first(StepKind.RESTART_NODE, ClusterRole.STANDBY).binary().orElseThrow()), AT_REST))
        .isEmpty();
    assertThat(TargetedPolling.reads(Condition.allVcsAtLeast(ClusterRole.PRIMARY,
        ReleaseSeries.parse("24.3")), AT_REST)).isEmpty();
    // the standby's replicating VC accepts no SQL: its version cannot be read narrowly
    assertThat(TargetedPolling.reads(Condition.vcFinalAt(ClusterRole.STANDBY, "main",
        ReleaseSeries.parse("25.2")), AT_REST)).isEmpty();
  }

  @Test
  void theFirstPollAndAtLeastEveryNthAreFull() {
    TargetedPolling p = new TargetedPolling(first(StepKind.RESTART_NODE, ClusterRole.STANDBY),
        AT_REST, 5);
    List<Boolean> narrow = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      narrow.add(p.next().isPresent());
    }
    assertThat(narrow).containsExactly(false, true, true, true, true, false, true, true, true,
        true, false);
    p.fullTaken();
    assertThat(p.next()).isPresent();
  }

  @Test
  void oneFullSnapshotEveryPollNeverReadsNarrowly() {
    TargetedPolling p = new TargetedPolling(first(StepKind.RESTART_NODE, ClusterRole.STANDBY),
        AT_REST, 1);
    for (int i = 0; i < 5; i++) {
      assertThat(p.next()).isEmpty();
    }
  }

  @Test
  void fullSnapshotEveryIsBoundedWithATypedError() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExecutorOptions.builder()
            .fullSnapshotEvery(0))
        .isInstanceOfSatisfying(io.github.pcrupgrade.core.PcrUpgradeException.class, e ->
            assertThat(e.code()).isEqualTo(io.github.pcrupgrade.core.CoreErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("fullSnapshotEvery must be between 1 and 1000");
    assertThat(ExecutorOptions.defaults().fullSnapshotEvery()).isEqualTo(10);
  }
}
