package io.github.pcrupgrade.testkit;

import static io.github.pcrupgrade.testsupport.Gens.withEdgeCases;
import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Random sequences of port calls, valid and invalid, never break the simulation itself. */
class SimulationProperties {

  private static final String[] VCS = {"system", "main", "main-readonly", "nope", "Bad Name"};
  private static final String[] SERIES = {"24.1", "24.3", "25.1", "25.2", "25.4", "26.1"};
  private static final String[] VALUES = {"true", "false", "24.3", "25.2", "", "banana"};

  record Action(int kind, int cluster, int vc, int node, int series, int value, int seconds) {}

  /** A script of port calls and the seed of the deployment it runs against. */
  record Script(List<Action> actions, long seed) {}

  private static Gen<Script> scripts() {
    Gen<Action> action = integers().between(0, 13).zip(integers().between(0, 1),
            integers().between(0, VCS.length - 1), integers().between(1, 4),
            (kind, cluster, vc, node) -> new Action(kind, cluster, vc, node, 0, 0, 0))
        .zip(integers().between(0, SERIES.length - 1),
            integers().between(0, VALUES.length - 1), integers().between(0, 600),
            (a, series, value, seconds) -> new Action(a.kind(), a.cluster(), a.vc(), a.node(),
                series, value, seconds));
    Gen<Long> seed = withEdgeCases(longs().all(), 0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE);
    return lists().of(action).ofSizeBetween(1, 40).zip(seed, Script::new);
  }

  @Test
  void portCallsNeverBreakTheSimulation() {
    qt(60).forAll(scripts()).checkAssert(s -> run(s.actions(), s.seed()));
  }

  private static void run(List<Action> script, long seed) {
    SimulatedDeployment d = SimulatedDeployment.builder().seed(seed).reader(true)
        .faults(FaultPlan.builder().randomTransientErrors(0.05)
            .randomFaults(3, Duration.ofMinutes(30)).build())
        .build();
    Instant last = d.now();
    for (Action a : script) {
      try {
        run(d, a);
      } catch (PcrUpgradeException expected) {
        // refusals and injected faults are part of the contract
      }
      assertThat(d.now()).isAfterOrEqualTo(last);
      last = d.now();
      assertThat(d.snapshot()).isNotNull();
      assertThat(d.trueSnapshot()).isNotNull();
      d.standby().vcsById().stream().filter(v -> v.stream != null && v.stream.replicatedTime != null)
          .forEach(v -> assertThat(v.stream.replicatedTime).isBeforeOrEqualTo(d.now()));
    }
    List<TraceEvent> trace = d.trace();
    for (int i = 1; i < trace.size(); i++) {
      assertThat(trace.get(i).at()).isAfterOrEqualTo(trace.get(i - 1).at());
    }
  }

  private static void run(SimulatedDeployment d, Action a) {
    Ports p = d.ports();
    String cluster = a.cluster() == 0 ? "primary" : "standby";
    String vc = VCS[a.vc()];
    ReleaseSeries series = ReleaseSeries.parse(SERIES[a.series()]);
    switch (a.kind()) {
      case 0 -> p.operations(cluster).setFinalizationSetting(vc,
          PinSetting.AUTO_UPGRADE_ENABLED, VALUES[a.value()]);
      case 1 -> p.operations(cluster).setFinalizationSetting(vc,
          PinSetting.PRESERVE_DOWNGRADE_OPTION, VALUES[a.value()]);
      case 2 -> p.operations(cluster).resetFinalizationSetting(vc,
          PinSetting.values()[a.value() % 2]);
      case 3 -> p.operations(cluster).finalizeVersion(vc, series);
      case 4 -> p.operations(cluster).readVersion(vc);
      case 5 -> p.operations(cluster).stopService(vc);
      case 6 -> p.operations(cluster).startServiceShared(vc);
      case 7 -> p.operations(cluster).dropVirtualCluster(vc);
      case 8 -> p.operations(cluster).createReaderVirtualCluster(vc);
      case 9 -> p.operations(cluster).replicatedTime(vc);
      case 10 -> p.inspector(cluster).inspect();
      case 11 -> {
        NodeInfo n = d.snapshot().cluster(a.cluster() == 0
            ? io.github.pcrupgrade.core.model.ClusterRole.PRIMARY
            : io.github.pcrupgrade.core.model.ClusterRole.STANDBY).nodes().get(a.node() % 3);
        if (a.value() % 2 == 0) {
          p.nodeUpgrader().upgrade(cluster, n, BinaryTarget.anyPatchOf(series));
        } else {
          p.nodeUpgrader().rollback(cluster, n, BinaryTarget.anyPatchOf(series));
        }
      }
      case 12 -> p.operations(cluster).clusterTime();
      default -> {
        try {
          p.sleeper().sleep(Duration.ofSeconds(a.seconds()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
