package io.github.pcrupgrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.Provenance;
import io.github.pcrupgrade.core.rules.RuleCode;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FinalizationTest {

  private static final FinalizationSettings PINNED = new FinalizationSettings(false, "");

  @Test
  void systemVcShowsEvenStepsAndTheSkippedInnovationOnTheWay() throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.4").primaryVersion("25.2")
        .standbyVersion("25.2").settings("standby", "system", PINNED).build();

    List<String> shown = observeWhileFinalizing(d, "standby", "system", "25.4");

    assertThat(shown).containsExactly("25.2",
        "25.2-upgrading-to-25.3-step-002", "25.2-upgrading-to-25.3-step-004",
        "25.2-upgrading-to-25.3-step-006", "25.2-upgrading-to-25.3-step-008", "25.3",
        "25.3-upgrading-to-25.4-step-002", "25.3-upgrading-to-25.4-step-004",
        "25.3-upgrading-to-25.4-step-006", "25.3-upgrading-to-25.4-step-008", "25.4");
  }

  @Test
  void appVcBrieflyShowsTheFirstOddFenceStep() throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").primaryVersion("24.3")
        .standbyVersion("25.2").settings("primary", "system", PINNED)
        .settings("primary", "main", PINNED).build();
    d.operations("primary").finalizeVersion("system", ReleaseSeries.parse("25.2"));
    d.advance(Duration.ofMinutes(2));

    List<String> shown = observeWhileFinalizing(d, "primary", "main", "25.2");

    assertThat(shown.subList(0, 3)).containsExactly("24.3", "24.3-upgrading-to-25.1-step-001",
        "24.3-upgrading-to-25.1-step-002");
    assertThat(shown).contains("25.1").endsWith("25.2");
    assertThat(d.monitor().violations()).isEmpty();
  }

  @Test
  void finalizationRunsInsideTheStatementAndTakesVirtualTime() {
    // Given a standby system VC at 24.3 on 25.2 binaries, 3 s per persisted step (the default)
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").primaryVersion("24.3")
        .standbyVersion("24.3").settings("standby", "system", PINNED).build();
    java.time.Instant before = d.now();

    // When the port finalizes it (SET CLUSTER SETTING version = '25.2')
    d.operations("standby").finalizeVersion("system", ReleaseSeries.parse("25.2"));

    // Then the call returned only with the final version persisted (crdb-pcr-sql-facts 10.1),
    // after 10 steps (4 even steps and the final version of 25.1, then of 25.2) of 3 s each
    assertThat(d.standby().showClusterSetting("system", "version")).isEqualTo("25.2");
    assertThat(Duration.between(before, d.now())).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void restartingAllPrimaryNodesAutoFinalizesThePrimaryAndTheMonitorCatchesIt() {
    // Given a deployment on 24.3 with the product's default settings (nothing pinned)
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();

    // When every primary node is restarted onto 25.2 (the standby still on 24.3)
    for (NodeInfo n : d.inspector("primary").inspect().nodes()) {
      d.nodeUpgrader().upgrade("primary", n, BinaryTarget.anyPatchOf(ReleaseSeries.parse("25.2")));
    }
    d.advance(Duration.ofMinutes(5));

    // Then the product finalized the primary system VC, and the app VC followed
    assertThat(d.primary().showClusterSetting("system", "version")).isEqualTo("25.2");
    assertThat(d.primary().showClusterSetting("main", "version")).isEqualTo("25.2");
    // the replicating VC is really at 25.2 (the inspector cannot see it) ...
    assertThat(d.trueVersion("standby", "main")).hasValueSatisfying(
        v -> assertThat(v.toString()).isEqualTo("25.2"));
    assertThat(d.inspector("standby").inspect().vc("main").orElseThrow().version().provenance())
        .isEqualTo(Provenance.UNKNOWN);
    // ... and the monitor recorded the auto-finalizations and the newer data on an older standby
    List<MonitorViolation> v = d.monitor().violations();
    assertThat(v).filteredOn(x -> x.kind() == MonitorViolation.Kind.UNREQUESTED_FINALIZATION)
        .hasSize(2);
    assertThat(v).extracting(x -> x.rule().orElse(null))
        .contains(RuleCode.REPLICATED_VC_NEWER_THAN_DESTINATION);
  }

  @Test
  void pinningWithAutoUpgradeDisabledPreventsAutoFinalization() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();
    d.operations("primary").setFinalizationSetting("system",
        PinSetting.AUTO_UPGRADE_ENABLED, "false");

    for (NodeInfo n : d.inspector("primary").inspect().nodes()) {
      d.nodeUpgrader().upgrade("primary", n, BinaryTarget.anyPatchOf(ReleaseSeries.parse("25.2")));
    }
    d.advance(Duration.ofMinutes(10));

    assertThat(d.primary().showClusterSetting("system", "version")).isEqualTo("24.3");
    assertThat(d.monitor().violations())
        .noneMatch(x -> x.kind() == MonitorViolation.Kind.UNREQUESTED_FINALIZATION);
  }

  @Test
  void preserveDowngradeOptionAtTheCurrentVersionPinsToo() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").primaryVersion("24.3")
        .standbyVersion("24.3").build();
    d.primary().setClusterSetting("system", "cluster.preserve_downgrade_option", "24.3");

    d.advance(Duration.ofMinutes(2));

    assertThat(d.primary().showClusterSetting("system", "version")).isEqualTo("24.3");
    // the standby, not pinned, auto-finalizes on its own (all nodes already on 25.2)
    assertThat(d.standby().showClusterSetting("system", "version")).isEqualTo("25.2");
  }

  @Test
  void appVcsFollowAbout30SecondsAfterTheirSystemVcAndHonourTheirOwnSettings() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").primaryVersion("24.3")
        .standbyVersion("25.2").settings("primary", "system", PINNED).build();
    d.operations("primary").finalizeVersion("system", ReleaseSeries.parse("25.2"));
    d.advanceUntil(() -> d.primary().showClusterSetting("system", "version").equals("25.2"),
        Duration.ofMinutes(5));
    java.time.Instant systemDone = d.now();

    d.advanceUntil(() -> !d.primary().showClusterSetting("main", "version").equals("24.3"),
        Duration.ofMinutes(5));

    assertThat(Duration.between(systemDone, d.now())).isBetween(Duration.ZERO,
        Duration.ofSeconds(31));

    SimulatedDeployment pinned = SimulatedDeployment.builder().series("25.2")
        .primaryVersion("24.3").standbyVersion("25.2").settings("primary", "system", PINNED)
        .settings("primary", "main", PINNED).build();
    pinned.operations("primary").finalizeVersion("system", ReleaseSeries.parse("25.2"));
    pinned.advance(Duration.ofMinutes(10));
    assertThat(pinned.primary().showClusterSetting("main", "version")).isEqualTo("24.3");
  }

  @Test
  void settingsOfThePrimaryAppVcReplicateToTheReplicatingVc() {
    SimulatedDeployment d = SimulatedDeployment.builder().build();

    d.primary().setClusterSetting("main", "cluster.auto_upgrade.enabled", "false");
    d.advance(Duration.ofMinutes(1));

    assertThat(d.trueSnapshot().standby().vc("main").orElseThrow().settings())
        .hasValue(new FinalizationSettings(false, ""));
  }

  /**
   * Finalizes {@code vc} through the port on another thread while this thread moves the clock,
   * and returns the distinct versions {@code SHOW CLUSTER SETTING version} gave meanwhile.
   */
  private static List<String> observeWhileFinalizing(SimulatedDeployment d, String cluster,
      String vc, String target) throws Exception {
    SimulatedCluster c = d.cluster(cluster);
    List<String> shown = new ArrayList<>();
    shown.add(c.showClusterSetting(vc, "version"));
    StatementInFlight call;
    try (AutoCloseable driven = d.drivenInRealTime()) {
      call = StatementInFlight.start("finalize", () ->
          d.operations(cluster).finalizeVersion(vc, ReleaseSeries.parse(target)));
      assertThat(StatementInFlight.eventually(() -> d.trace().stream()
          .anyMatch(e -> e.detail().startsWith(vc + ": finalizing")))).isTrue();
      shown.addAll(observe(d, cluster, vc));
      assertThat(call.awaitEnd()).isTrue();
    }
    assertThat(call.failure()).isNull();
    assertThat(call.returned()).isTrue();
    return shown.stream().distinct().toList();
  }

  private static List<String> observe(SimulatedDeployment d, String cluster, String vc) {
    List<String> shown = new ArrayList<>();
    SimulatedCluster c = d.cluster(cluster);
    for (int i = 0; i < 200; i++) {
      String v = c.showClusterSetting(vc, "version");
      if (shown.isEmpty() || !shown.get(shown.size() - 1).equals(v)) {
        shown.add(v);
      }
      d.advance(Duration.ofSeconds(1));
    }
    return shown;
  }
}
