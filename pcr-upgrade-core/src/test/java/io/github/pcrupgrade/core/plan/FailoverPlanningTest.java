package io.github.pcrupgrade.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Planning after a failover (DESIGN: failover during an upgrade is allowed; the clusters are then
 * planned independently, without PCR order or reader steps): each cluster's steps still obey the
 * invariants that hold inside one cluster. A restart waits for the pins (8) and for every VC at
 * the binary's MinSupported (5); a system VC finalizes only once every node runs the series (4);
 * an application VC only after its system VC (3).
 */
class FailoverPlanningTest {

  private final Planner planner = Planner.builtIn();

  /**
   * The primary on {@code primaryBinary} finalized at {@code primaryVersion}; the standby on
   * {@code standbyBinary}, its system VC at {@code standbyVersion}, failed over: its main serves
   * at {@code mainVersion} without a stream.
   */
  private static DeploymentSnapshot failedOver(String primaryBinary, String standbyBinary,
      String primaryVersion, String standbyVersion, String mainVersion, boolean reader) {
    DeploymentSnapshot s = DeploymentSnapshot.builder().binaries(primaryBinary, standbyBinary)
        .versions(primaryVersion, standbyVersion).readerVc(reader).build();
    ClusterSnapshot sb = s.standby().withVc("main", v -> v.withReplication(Optional.empty())
        .withState(DataState.READY, ServiceMode.SHARED)
        .withVersion(VersionReading.observed(ClusterVersion.parse(mainVersion)))
        .withSettings(FinalizationSettings.PRODUCT_DEFAULTS));
    return s.with(sb);
  }

  private static PlanStep step(UpgradePlan plan, String id) {
    return plan.step(id).orElseThrow(() -> new AssertionError(id + " not in " + plan.stepIds()));
  }

  private static DeploymentSnapshot pinned(DeploymentSnapshot s, ClusterRole role) {
    ClusterSnapshot c = s.cluster(role);
    for (VirtualClusterInfo v : c.virtualClusters()) {
      if (v.settings().isPresent()) {
        c = c.withVc(v.name(), x -> x.withSettings(new FinalizationSettings(false, "")));
      }
    }
    return s.with(c);
  }

  private static DeploymentSnapshot allNodesOn(DeploymentSnapshot s, ClusterRole role,
      String binary) {
    ClusterSnapshot c = s.cluster(role);
    for (NodeInfo n : c.memberNodes()) {
      c = c.withNode(n.withBinary(BinaryVersion.parse(binary)));
    }
    return s.with(c);
  }

  private static DeploymentSnapshot vcAt(DeploymentSnapshot s, ClusterRole role, String vc,
      String version) {
    return s.with(s.cluster(role).withVc(vc,
        v -> v.withVersion(VersionReading.observed(ClusterVersion.parse(version)))));
  }

  @Test
  void eachStepOfAClusterAfterAFailoverWaitsForWhatItsInvariantsNeed() {
    // Given the standby upgraded to 25.2 and failed over with main still at 24.3
    DeploymentSnapshot s = failedOver("v24.3.12", "v25.2.1", "24.3", "25.2", "24.3", false);
    UpgradePlan plan = planner.planOrThrow(s, UpgradeRequest.to("25.2").build());

    // Then a primary restart waits for the pins of the primary's VCs (8)
    Condition restart = step(plan, "25.2:primary:restart:n1").precondition();
    assertThat(restart.holds(s)).as("restart before the pins").isFalse();
    DeploymentSnapshot pinnedPrimary = pinned(s, ClusterRole.PRIMARY);
    assertThat(restart.holds(pinnedPrimary)).as("restart once pinned").isTrue();

    // the primary's system VC finalizes only once every primary node runs 25.2 (4)
    Condition finalizeSystem = step(plan, "25.2:primary:finalize:system").precondition();
    assertThat(finalizeSystem.holds(pinnedPrimary)).isFalse();
    DeploymentSnapshot rolled = allNodesOn(pinnedPrimary, ClusterRole.PRIMARY, "v25.2.1");
    assertThat(finalizeSystem.holds(rolled)).isTrue();

    // its app VC only after its system VC (3)
    Condition finalizeMain = step(plan, "25.2:primary:finalize:main").precondition();
    assertThat(finalizeMain.holds(rolled)).isFalse();
    assertThat(finalizeMain.holds(vcAt(rolled, ClusterRole.PRIMARY, "system", "25.2"))).isTrue();

    // and the failed-over standby's main, whose nodes and system VC are at 25.2 already, after
    // its own system VC (3)
    Condition standbyMain = step(plan, "25.2:standby:finalize:main").precondition();
    DeploymentSnapshot standbyPinned = pinned(s, ClusterRole.STANDBY);
    assertThat(standbyMain.holds(standbyPinned)).isTrue();
    assertThat(standbyMain.holds(vcAt(standbyPinned, ClusterRole.STANDBY, "system",
        "24.3-upgrading-to-25.1-step-002"))).isFalse();
  }

  @Test
  void aClusterTwoSeriesBehindAfterAFailoverGoesThroughEachHopFinalizedBeforeTheNext() {
    // Given the primary still on 24.1 while the failed-over standby is at 24.3
    DeploymentSnapshot s = failedOver("v24.1.20", "v24.3.12", "24.1", "24.3", "24.3", false);

    // When it is planned to 25.2
    UpgradePlan plan = planner.planOrThrow(s, UpgradeRequest.to("25.2").build());

    // Then the primary goes 24.1 -> 24.3 -> 25.2 (crdb-upgrade-facts: 24.1 upgrades directly to
    // 24.3 only), the first hop onto any 24.3 patch, each hop finalized before the next (P3)
    assertThat(plan.hops()).filteredOn(h -> h.cluster().equals(Optional.of(ClusterRole.PRIMARY)))
        .extracting(h -> h.to().toString()).containsExactly("24.3", "25.2");
    PlanStep firstRestart = step(plan, "24.3:primary:restart:n1");
    assertThat(firstRestart.binary().orElseThrow().exact()).isEmpty();
    assertThat(firstRestart.binary().orElseThrow().series().toString()).isEqualTo("24.3");
    assertThat(plan.stepIds().indexOf("24.3:primary:finalize:main"))
        .isLessThan(plan.stepIds().indexOf("25.2:primary:restart:n1"));
    // a 25.2 restart needs every primary VC at 25.2's MinSupported, 24.3 (5)
    Condition secondRestart = step(plan, "25.2:primary:restart:n1").precondition();
    DeploymentSnapshot after24 = pinned(allNodesOn(s, ClusterRole.PRIMARY, "v24.3.12"),
        ClusterRole.PRIMARY);
    assertThat(secondRestart.holds(after24)).as("VCs still at 24.1").isFalse();
    DeploymentSnapshot finalized24 = vcAt(vcAt(after24, ClusterRole.PRIMARY, "system", "24.3"),
        ClusterRole.PRIMARY, "main", "24.3");
    assertThat(secondRestart.holds(finalized24)).isTrue();
  }

  @Test
  void aReaderIsNotRecreatedAfterAFailoverAndTheNotesSaySo() {
    DeploymentSnapshot s = failedOver("v24.3.12", "v25.2.1", "24.3", "25.2", "24.3", true);

    UpgradePlan plan = planner.planOrThrow(s, UpgradeRequest.to("25.2").build());

    assertThat(plan.steps()).noneMatch(st -> st.id().contains("reader"));
    assertThat(plan.notes()).anyMatch(n -> n.contains("Reader VC 'main-readonly' is not"
        + " re-created after a failover"));
  }

  @Test
  void theLegacyPinningMethodPinsEachClusterWithPreserveDowngradeOptionAfterAFailover() {
    DeploymentSnapshot s = failedOver("v24.3.12", "v25.2.1", "24.3", "25.2", "24.3", false);

    UpgradePlan plan = planner.planOrThrow(s, UpgradeRequest.to("25.2")
        .pinningMethod(PinningMethod.PRESERVE_DOWNGRADE_OPTION).build());

    // the legacy pin holds a VC at its current version: 24.3 in the primary's VCs
    assertThat(plan.steps()).filteredOn(st -> st.kind() == StepKind.PIN_FINALIZATION
            && st.cluster() == ClusterRole.PRIMARY)
        .isNotEmpty()
        .allSatisfy(st -> {
          assertThat(st.setting()).contains(io.github.pcrupgrade.core.spi.PinSetting
              .PRESERVE_DOWNGRADE_OPTION);
          assertThat(st.settingValue()).contains("24.3");
        });
  }

  @Test
  void aPatchTargetAfterAFailoverRestartsEachClusterOnItsOwn() {
    // Given both clusters finalized at 25.2 after a failover, on v25.2.1
    DeploymentSnapshot s = failedOver("v25.2.1", "v25.2.1", "25.2", "25.2", "25.2", false);

    UpgradePlan plan = planner.planOrThrow(s, UpgradeRequest.to("v25.2.5").build());

    assertThat(plan.hops()).extracting(Hop::kind).containsOnly(HopKind.PATCH);
    assertThat(plan.hops()).extracting(Hop::cluster)
        .containsExactly(Optional.of(ClusterRole.PRIMARY), Optional.of(ClusterRole.STANDBY));
    assertThat(plan.steps()).allMatch(st -> st.kind() == StepKind.RESTART_NODE);
  }
}
