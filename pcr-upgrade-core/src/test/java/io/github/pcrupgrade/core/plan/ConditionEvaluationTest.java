package io.github.pcrupgrade.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.ReplicationInfo;
import io.github.pcrupgrade.core.model.ReplicationState;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every {@link ConditionKind} evaluated on a snapshot where it holds and on one where it does not,
 * and the compound kinds with every mix of true and false operands. Mutation testing found that a
 * compound precondition turned into ALWAYS survived the suite, and that several kinds were never
 * evaluated. Expected values come from each kind's Javadoc and the PCR facts.
 */
class ConditionEvaluationTest {

  private static final ReleaseSeries S243 = ReleaseSeries.parse("24.3");
  private static final ReleaseSeries S251 = ReleaseSeries.parse("25.1");
  private static final String MAIN = "main";
  private static final String READER = "main-readonly";

  /** Both clusters at rest on 24.3, with the reader VC; every VC final at 24.3. */
  private static DeploymentSnapshot atRest() {
    return DeploymentSnapshot.builder().names("dc-east", "dc-west").binary("v24.3.5")
        .readerVc(true).build();
  }

  private static DeploymentSnapshot vcAt(DeploymentSnapshot s, ClusterRole role, String vc,
      String version) {
    ClusterSnapshot c = s.cluster(role);
    return s.with(c.withVc(vc,
        v -> v.withVersion(VersionReading.observed(ClusterVersion.parse(version)))));
  }

  private static DeploymentSnapshot node(DeploymentSnapshot s, ClusterRole role, int id,
      String binary, Liveness liveness) {
    ClusterSnapshot c = s.cluster(role);
    NodeInfo n = c.node(id).orElseThrow();
    return s.with(c.withNode(n.withBinary(BinaryVersion.parse(binary))
        .withLiveness(liveness, false)));
  }

  private static final Condition TRUE = Condition.vcAbsent(ClusterRole.PRIMARY, "nope");
  private static final Condition FALSE = Condition.vcAbsent(ClusterRole.PRIMARY, MAIN);

  @Test
  void allOfHoldsOnlyWhenEveryOperandHolds() {
    DeploymentSnapshot s = atRest();
    assertThat(TRUE.holds(s)).isTrue();
    assertThat(FALSE.holds(s)).isFalse();

    assertThat(Condition.allOf(TRUE, TRUE).holds(s)).isTrue();
    assertThat(Condition.allOf(TRUE, FALSE).holds(s)).isFalse();
    assertThat(Condition.allOf(FALSE, TRUE).holds(s)).isFalse();
    assertThat(Condition.allOf(FALSE, FALSE).holds(s)).isFalse();
    assertThat(Condition.allOf(TRUE, TRUE, FALSE).kind()).isEqualTo(ConditionKind.ALL_OF);
    assertThat(Condition.allOf(TRUE, TRUE, FALSE).holds(s)).isFalse();
  }

  @Test
  void anyOfHoldsWhenAtLeastOneOperandHolds() {
    DeploymentSnapshot s = atRest();

    assertThat(Condition.anyOf(TRUE, TRUE).holds(s)).isTrue();
    assertThat(Condition.anyOf(TRUE, FALSE).holds(s)).isTrue();
    assertThat(Condition.anyOf(FALSE, TRUE).holds(s)).isTrue();
    assertThat(Condition.anyOf(FALSE, FALSE).kind()).isEqualTo(ConditionKind.ANY_OF);
    assertThat(Condition.anyOf(FALSE, FALSE).holds(s)).isFalse();
  }

  @Test
  void compoundsWithOneOperandAreThatOperandAndAllOfNothingIsAlways() {
    assertThat(Condition.allOf(FALSE)).isEqualTo(FALSE);
    assertThat(Condition.anyOf(FALSE)).isEqualTo(FALSE);
    assertThat(Condition.allOf(Condition.ALWAYS, FALSE)).isEqualTo(FALSE);
    assertThat(Condition.allOf(List.of())).isEqualTo(Condition.ALWAYS);
    assertThat(Condition.allOf()).isEqualTo(Condition.ALWAYS);
    assertThat(Condition.allOf(TRUE, Condition.ALWAYS, FALSE).operands())
        .containsExactly(TRUE, FALSE);
    assertThat(Condition.ALWAYS.holds(atRest())).isTrue();
  }

  @Test
  void nestedCompoundsEvaluateTheirOperands() {
    DeploymentSnapshot s = atRest();
    Condition c = Condition.allOf(TRUE, Condition.anyOf(FALSE, Condition.allOf(TRUE, FALSE)));

    assertThat(c.holds(s)).isFalse();
    assertThat(Condition.anyOf(FALSE, Condition.allOf(TRUE, TRUE)).holds(s)).isTrue();
  }

  @Test
  void nodeRunsLooksAtThatNodeOnlyAndCountsAGoneOrDecommissionedNodeAsDone() {
    DeploymentSnapshot s = node(atRest(), ClusterRole.STANDBY, 2, "v25.1.2", Liveness.LIVE);
    BinaryTarget to251 = BinaryTarget.anyPatchOf(S251);

    assertThat(Condition.nodeRuns(ClusterRole.STANDBY, 2, to251).holds(s)).isTrue();
    assertThat(Condition.nodeRuns(ClusterRole.STANDBY, 1, to251).holds(s)).isFalse();
    assertThat(Condition.nodeRuns(ClusterRole.PRIMARY, 2, to251).holds(s)).isFalse();
    assertThat(Condition.nodeRuns(ClusterRole.STANDBY, 99, to251).holds(s)).isTrue();
    DeploymentSnapshot gone = node(s, ClusterRole.STANDBY, 1, "v24.3.5", Liveness.DECOMMISSIONED);
    assertThat(Condition.nodeRuns(ClusterRole.STANDBY, 1, to251).holds(gone)).isTrue();
    // An exact target is not met by another patch of the series.
    assertThat(Condition.nodeRuns(ClusterRole.STANDBY, 2,
        BinaryTarget.exactly(BinaryVersion.parse("v25.1.3"))).holds(s)).isFalse();
  }

  @Test
  void allNodesRunNeedsEveryMemberNode() {
    BinaryTarget to251 = BinaryTarget.anyPatchOf(S251);
    DeploymentSnapshot s = atRest();
    for (int id = 1; id <= 2; id++) {
      s = node(s, ClusterRole.STANDBY, id, "v25.1.2", Liveness.LIVE);
    }
    Condition c = Condition.allNodesRun(ClusterRole.STANDBY, to251);

    assertThat(c.holds(s)).isFalse();
    assertThat(c.holds(node(s, ClusterRole.STANDBY, 3, "v24.3.5", Liveness.DECOMMISSIONED)))
        .isTrue();
    assertThat(c.holds(node(s, ClusterRole.STANDBY, 3, "v25.1.0", Liveness.LIVE))).isTrue();
    assertThat(Condition.allNodesRun(ClusterRole.PRIMARY, to251).holds(s)).isFalse();
  }

  @Test
  void allVcsAtLeastCountsTheReaderAndTheReplicatingVc() {
    DeploymentSnapshot s = atRest();
    for (String vc : List.of("system", READER)) {
      s = vcAt(s, ClusterRole.STANDBY, vc, "25.1");
    }
    Condition c = Condition.allVcsAtLeast(ClusterRole.STANDBY, S251);

    // The replicating main is still inferred at 24.3 (its primary is at 24.3).
    assertThat(c.holds(s)).isFalse();
    assertThat(Condition.allVcsAtLeast(ClusterRole.STANDBY, S243).holds(s)).isTrue();
    DeploymentSnapshot readerBehind = vcAt(atRest(), ClusterRole.STANDBY, "system", "25.1");
    assertThat(Condition.allVcsAtLeast(ClusterRole.STANDBY, S251).holds(readerBehind)).isFalse();
    // An unknown version never satisfies a version condition.
    DeploymentSnapshot unknown = atRest().with(atRest().standby().withVc(READER,
        v -> v.withVersion(VersionReading.unknown("reader refuses connections"))));
    assertThat(Condition.allVcsAtLeast(ClusterRole.STANDBY, S243).holds(unknown)).isFalse();
  }

  @Test
  void vcFinalAtIsExactAndVersionAtLeastIsAFloor() {
    DeploymentSnapshot s = vcAt(atRest(), ClusterRole.PRIMARY, MAIN, "25.1");
    DeploymentSnapshot mid = vcAt(atRest(), ClusterRole.PRIMARY, MAIN,
        "24.3-upgrading-to-25.1-step-004");

    assertThat(Condition.vcFinalAt(ClusterRole.PRIMARY, MAIN, S251).holds(s)).isTrue();
    assertThat(Condition.vcFinalAt(ClusterRole.PRIMARY, MAIN, S243).holds(s)).isFalse();
    assertThat(Condition.vcFinalAt(ClusterRole.PRIMARY, MAIN, S251).holds(mid)).isFalse();
    assertThat(Condition.vcFinalAt(ClusterRole.PRIMARY, "other", S243).holds(s)).isFalse();

    assertThat(Condition.vcVersionAtLeast(ClusterRole.PRIMARY, MAIN, S243).holds(s)).isTrue();
    assertThat(Condition.vcVersionAtLeast(ClusterRole.PRIMARY, MAIN, S251).holds(s)).isTrue();
    assertThat(Condition.vcVersionAtLeast(ClusterRole.PRIMARY, MAIN, S251).holds(mid)).isFalse();
    assertThat(Condition.vcVersionAtLeast(ClusterRole.PRIMARY, "other", S243).holds(s)).isFalse();
  }

  @Test
  void vcAbsentAndNotServing() {
    DeploymentSnapshot s = atRest();
    DeploymentSnapshot stopped = s.with(s.standby().withVc(READER,
        v -> v.withState(v.dataState(), ServiceMode.NONE)));
    DeploymentSnapshot dropped = s.with(s.standby().withoutVc(READER));

    assertThat(Condition.vcAbsent(ClusterRole.STANDBY, READER).holds(s)).isFalse();
    assertThat(Condition.vcAbsent(ClusterRole.STANDBY, READER).holds(dropped)).isTrue();
    assertThat(Condition.vcNotServing(ClusterRole.STANDBY, READER).holds(s)).isFalse();
    assertThat(Condition.vcNotServing(ClusterRole.STANDBY, READER).holds(stopped)).isTrue();
    assertThat(Condition.vcNotServing(ClusterRole.STANDBY, READER).holds(dropped)).isTrue();
    DeploymentSnapshot stopping = s.with(s.standby().withVc(READER,
        v -> v.withState(v.dataState(), ServiceMode.STOPPING)));
    assertThat(Condition.vcNotServing(ClusterRole.STANDBY, READER).holds(stopping)).isFalse();
  }

  @Test
  void vcServingAtNeedsReadyServingAndExactlyFinal() {
    DeploymentSnapshot s = atRest();
    Condition c = Condition.vcServingAt(ClusterRole.STANDBY, READER, S243);

    assertThat(c.holds(s)).isTrue();
    assertThat(Condition.vcServingAt(ClusterRole.STANDBY, READER, S251).holds(s)).isFalse();
    assertThat(c.holds(s.with(s.standby().withVc(READER,
        v -> v.withState(DataState.ADD, ServiceMode.SHARED))))).isFalse();
    assertThat(c.holds(s.with(s.standby().withVc(READER,
        v -> v.withState(DataState.READY, ServiceMode.NONE))))).isFalse();
    assertThat(c.holds(s.with(s.standby().withoutVc(READER)))).isFalse();
  }

  @Test
  void settingConditionsReadTheVcsOwnSettings() {
    DeploymentSnapshot s = atRest();
    DeploymentSnapshot pinned = s.with(s.primary().withVc(MAIN,
        v -> v.withSettings(new FinalizationSettings(true, "24.3"))));
    Condition preserve = Condition.settingEquals(ClusterRole.PRIMARY, MAIN,
        PinSetting.PRESERVE_DOWNGRADE_OPTION, "24.3");
    Condition unset = Condition.settingEquals(ClusterRole.PRIMARY, MAIN,
        PinSetting.PRESERVE_DOWNGRADE_OPTION, "");
    Condition autoOff = Condition.settingEquals(ClusterRole.PRIMARY, MAIN,
        PinSetting.AUTO_UPGRADE_ENABLED, "false");
    Condition autoOn = Condition.settingEquals(ClusterRole.PRIMARY, MAIN,
        PinSetting.AUTO_UPGRADE_ENABLED, "true");

    // Product defaults: auto_upgrade.enabled true, preserve_downgrade_option empty (SQL facts).
    assertThat(unset.holds(s)).isTrue();
    assertThat(autoOn.holds(s)).isTrue();
    assertThat(autoOff.holds(s)).isFalse();
    assertThat(preserve.holds(s)).isFalse();
    assertThat(preserve.holds(pinned)).isTrue();
    assertThat(unset.holds(pinned)).isFalse();
    assertThat(Condition.settingEquals(ClusterRole.STANDBY, MAIN,
        PinSetting.PRESERVE_DOWNGRADE_OPTION, "").holds(s))
        .as("the replicating VC has no readable settings").isFalse();

    Condition same = Condition.settingsEqual(ClusterRole.PRIMARY, MAIN,
        new FinalizationSettings(true, "24.3"));
    assertThat(same.holds(pinned)).isTrue();
    assertThat(same.holds(s)).isFalse();
  }

  @Test
  void replicationRunningNeedsTheReplicatingState() {
    DeploymentSnapshot s = atRest();
    Condition c = Condition.replicationRunning(ClusterRole.STANDBY, MAIN);
    DeploymentSnapshot paused = s.with(s.standby().withVc(MAIN, v -> v.withReplication(
        v.replication().map(r -> new ReplicationInfo(r.sourceVirtualCluster(),
            ReplicationState.fromProduct("paused"), "paused", r.replicatedTime(),
            r.retainedTime(), r.lag())))));

    assertThat(c.holds(s)).isTrue();
    assertThat(c.holds(paused)).isFalse();
    assertThat(Condition.replicationRunning(ClusterRole.PRIMARY, MAIN).holds(s)).isFalse();
  }

  @Test
  void replicatedPastFinalizationNeedsTheFactAndAStrictlyLaterReplicatedTime() {
    DeploymentSnapshot s = atRest();
    Instant replicated = s.standby().vc(MAIN).orElseThrow().replication().orElseThrow()
        .replicatedTime().orElseThrow();
    Condition c = Condition.replicatedPastFinalization(ClusterRole.STANDBY, MAIN, MAIN, S251);

    assertThat(c.holds(s, ExecutionFacts.NONE)).isFalse();
    ExecutionFacts before = ExecutionFacts.NONE.withFinalization(ClusterRole.PRIMARY, MAIN, S251,
        replicated.minus(Duration.ofSeconds(1)));
    ExecutionFacts same = ExecutionFacts.NONE.withFinalization(ClusterRole.PRIMARY, MAIN, S251,
        replicated);
    ExecutionFacts otherCluster = ExecutionFacts.NONE.withFinalization(ClusterRole.STANDBY, MAIN,
        S251, replicated.minus(Duration.ofSeconds(1)));
    ExecutionFacts otherSeries = ExecutionFacts.NONE.withFinalization(ClusterRole.PRIMARY, MAIN,
        S243, replicated.minus(Duration.ofSeconds(1)));

    assertThat(c.holds(s, before)).isTrue();
    assertThat(c.holds(s, same)).as("strictly after the finalization").isFalse();
    assertThat(c.holds(s, otherCluster)).isFalse();
    assertThat(c.holds(s, otherSeries)).isFalse();
    DeploymentSnapshot noTime = s.with(s.standby().withVc(MAIN, v -> v.withReplication(
        Optional.of(new ReplicationInfo(MAIN, ReplicationState.REPLICATING, "replicating",
            Optional.empty(), Optional.empty(), Optional.empty())))));
    assertThat(c.holds(noTime, before)).isFalse();
  }

  @Test
  void describeNamesTheClusterVcNodeAndVersions() {
    assertThat(Condition.nodeRuns(ClusterRole.STANDBY, 2, BinaryTarget.anyPatchOf(S251))
        .describe()).contains("standby").contains("n2").contains("25.1");
    assertThat(Condition.allOf(TRUE, FALSE).describe()).contains(" and ").startsWith("(")
        .endsWith(")");
    assertThat(Condition.allOf(TRUE, FALSE)).hasToString(Condition.allOf(TRUE, FALSE).describe());
    assertThat(Condition.anyOf(TRUE, FALSE).describe()).contains(" or ");
    assertThat(Condition.settingEquals(ClusterRole.PRIMARY, MAIN,
        PinSetting.PRESERVE_DOWNGRADE_OPTION, "").describe())
        .contains("primary VC 'main'").contains("cluster.preserve_downgrade_option").contains("unset");
  }
}
