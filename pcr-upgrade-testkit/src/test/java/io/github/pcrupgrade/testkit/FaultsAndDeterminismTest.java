package io.github.pcrupgrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultsAndDeterminismTest {

  private static final BinaryTarget V252 = BinaryTarget.anyPatchOf(ReleaseSeries.parse("25.2"));

  @Test
  void aNodeFailsToRestartOnTheThirdRestart() {
    SimulatedDeployment d = SimulatedDeployment.builder().faults(FaultPlan.builder()
        .on(Trigger.onNodeRestart(3), Fault.nodeFailsToRestart("standby", 0)).build()).build();
    List<NodeInfo> nodes = d.inspector("standby").inspect().nodes();
    d.nodeUpgrader().upgrade("standby", nodes.get(0), V252);
    d.nodeUpgrader().upgrade("standby", nodes.get(1), V252);

    PcrUpgradeException e = catchThrowableOfType(
        () -> d.nodeUpgrader().upgrade("standby", nodes.get(2), V252), PcrUpgradeException.class);

    assertThat(e.code()).isEqualTo(CoreErrorCode.PORT_FAILURE);
    assertThat(e.getMessage()).contains("node 3 of 'standby' did not start");
    d.nodeUpgrader().upgrade("standby", nodes.get(2), V252);
    d.advance(Duration.ofSeconds(5));
    assertThat(d.standby().nodes()).allMatch(NodeRow::isLive);
  }

  @Test
  void aNodeRejoinsLate() {
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    d.inject(Fault.nodeRejoinsLate("primary", 1, Duration.ofMinutes(3)));

    d.nodeUpgrader().upgrade("primary", d.inspector("primary").inspect().nodes().get(0), V252);
    d.advance(Duration.ofMinutes(3));
    assertThat(d.primary().nodes().get(0).isLive()).isFalse();
    d.advance(Duration.ofSeconds(5));
    assertThat(d.primary().nodes().get(0).isLive()).isTrue();
  }

  @Test
  void aNodeDiesAndComesBack() {
    SimulatedDeployment d = SimulatedDeployment.builder().faults(FaultPlan.builder()
        .at(Duration.ofMinutes(1), Fault.nodeDies("standby", 2, Duration.ofMinutes(2))).build())
        .build();

    d.advance(Duration.ofSeconds(61));
    assertThat(d.standby().nodes().get(1).isLive()).isFalse();
    d.advance(Duration.ofMinutes(3));
    assertThat(d.standby().nodes().get(1).isLive()).isTrue();
  }

  @Test
  void transientErrorsAreMarkedTransientAndMayHappenAfterTheEffect() {
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    d.inject(Fault.serializationFailures("primary", 1));
    d.inject(Fault.connectionLost("primary", 1, true));

    PcrUpgradeException first = catchThrowableOfType(() -> d.operations("primary")
        .setFinalizationSetting("main", PinSetting.AUTO_UPGRADE_ENABLED, "false"),
        PcrUpgradeException.class);
    assertThat(d.primary().showClusterSetting("main", "cluster.auto_upgrade.enabled"))
        .isEqualTo("true");
    PcrUpgradeException second = catchThrowableOfType(() -> d.operations("primary")
        .setFinalizationSetting("main", PinSetting.AUTO_UPGRADE_ENABLED, "false"),
        PcrUpgradeException.class);

    assertThat(first.code()).isEqualTo(CoreErrorCode.TRANSIENT);
    assertThat(((SimulatedSqlException) first.getCause()).sqlState()).isEqualTo("40001");
    assertThat(second.code()).isEqualTo(CoreErrorCode.TRANSIENT);
    assertThat(((SimulatedSqlException) second.getCause()).sqlState()).isEqualTo("08006");
    assertThat(d.primary().showClusterSetting("main", "cluster.auto_upgrade.enabled"))
        .isEqualTo("false");
  }

  @Test
  void replicationStallsAndLagSpikes() {
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    d.advance(Duration.ofSeconds(30));
    Instant before = d.standby().replicationStatus("main").replicatedTime();

    d.inject(Fault.replicationStall(Duration.ofMinutes(2)));
    d.advance(Duration.ofSeconds(90));
    assertThat(d.standby().replicationStatus("main").replicatedTime()).isEqualTo(before);
    assertThat(d.standby().replicationStatus("main").replicationLag())
        .isGreaterThan(Duration.ofSeconds(90));
    d.advance(Duration.ofMinutes(1));
    d.inject(Fault.lagSpike(Duration.ofMinutes(2), Duration.ofMinutes(5)));
    d.advance(Duration.ofSeconds(30));
    assertThat(d.standby().replicationStatus("main").replicationLag())
        .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void anExternalActorFinalizesByHandAndIsRecorded() {
    SimulatedDeployment d = ClusterSettingsTest.upgradedBinariesAt243();
    d.inject(Trigger.at(Duration.ofMinutes(1)), Fault.externalFinalization("standby", "system"));

    d.advance(Duration.ofMinutes(3));

    assertThat(d.standby().showClusterSetting("system", "version")).isEqualTo("25.2");
    assertThat(d.monitor().violations())
        .anyMatch(v -> v.kind() == MonitorViolation.Kind.UNREQUESTED_FINALIZATION);
  }

  @Test
  void anExternalActorReenablesAutoUpgrade() {
    SimulatedDeployment d = ClusterSettingsTest.upgradedBinariesAt243();
    d.inject(Fault.externalReenablesAutoUpgrade("primary", "system"));

    d.advance(Duration.ofMinutes(2));

    assertThat(d.primary().showClusterSetting("system", "version")).isEqualTo("25.2");
    assertThat(d.monitor().violations())
        .anyMatch(v -> v.kind() == MonitorViolation.Kind.UNREQUESTED_FINALIZATION);
  }

  @Test
  void anExternalActorFailsOverMidUpgrade() {
    SimulatedDeployment d = SimulatedDeployment.builder().faults(FaultPlan.builder()
        .on(Trigger.onFinalizationStart("standby", "system"), Fault.externalFailover()).build())
        .build();
    d.operations("standby").setFinalizationSetting("system",
        PinSetting.AUTO_UPGRADE_ENABLED, "false");
    for (NodeInfo n : d.inspector("standby").inspect().nodes()) {
      d.nodeUpgrader().upgrade("standby", n, V252);
    }
    d.advance(Duration.ofSeconds(10));

    d.operations("standby").finalizeVersion("system", ReleaseSeries.parse("25.2"));
    d.advance(Duration.ofMinutes(1));

    assertThat(d.standby().showVirtualCluster("main"))
        .isEqualTo(new VirtualClusterRow(3, "main", "ready", "shared"));
  }

  @Test
  void theSameSeedAndCallsGiveTheSameTrace() {
    List<TraceEvent> a = scripted(42);
    List<TraceEvent> b = scripted(42);
    List<TraceEvent> c = scripted(43);

    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  private static List<TraceEvent> scripted(long seed) {
    SimulatedDeployment d = SimulatedDeployment.builder().seed(seed).reader(true)
        .faults(FaultPlan.builder().randomTransientErrors(0.2)
            .randomFaults(4, Duration.ofMinutes(20)).build())
        .build();
    attempt(() -> d.operations("primary").setFinalizationSetting("system",
        PinSetting.AUTO_UPGRADE_ENABLED, "false"));
    attempt(() -> d.operations("standby").setFinalizationSetting("system",
        PinSetting.AUTO_UPGRADE_ENABLED, "false"));
    for (int i = 0; i < 3; i++) {
      int node = i + 1;
      attempt(() -> d.nodeUpgrader().upgrade("standby",
          d.snapshot().standby().node(node).orElseThrow(), V252));
      d.advance(Duration.ofSeconds(40));
      attempt(() -> d.inspector("standby").inspect());
    }
    attempt(() -> d.operations("standby").finalizeVersion("system", ReleaseSeries.parse("25.2")));
    d.advance(Duration.ofMinutes(20));
    return d.trace();
  }

  private static void attempt(Runnable r) {
    try {
      r.run();
    } catch (PcrUpgradeException e) {
      // part of the script: the trace records it
    }
  }
}
