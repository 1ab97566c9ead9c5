package io.github.pcrupgrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.spi.FinalizationSetting;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random sequences of port calls, valid and invalid, never break the simulation itself. */
class SimulationProperties {

  private static final String[] VCS = {"system", "main", "main-readonly", "nope", "Bad Name"};
  private static final String[] SERIES = {"24.1", "24.3", "25.1", "25.2", "25.4", "26.1"};
  private static final String[] VALUES = {"true", "false", "24.3", "25.2", "", "banana"};

  record Action(int kind, int cluster, int vc, int node, int series, int value, int seconds) {}

  @Provide
  Arbitrary<List<Action>> scripts() {
    Arbitrary<Action> action = Combinators.combine(
        Arbitraries.integers().between(0, 13), Arbitraries.integers().between(0, 1),
        Arbitraries.integers().between(0, VCS.length - 1), Arbitraries.integers().between(1, 4),
        Arbitraries.integers().between(0, SERIES.length - 1),
        Arbitraries.integers().between(0, VALUES.length - 1),
        Arbitraries.integers().between(0, 600)).as(Action::new);
    return action.list().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 60)
  void portCallsNeverBreakTheSimulation(@ForAll("scripts") List<Action> script,
      @ForAll long seed) {
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
          FinalizationSetting.AUTO_UPGRADE_ENABLED, VALUES[a.value()]);
      case 1 -> p.operations(cluster).setFinalizationSetting(vc,
          FinalizationSetting.PRESERVE_DOWNGRADE_OPTION, VALUES[a.value()]);
      case 2 -> p.operations(cluster).resetFinalizationSetting(vc,
          FinalizationSetting.values()[a.value() % 2]);
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
