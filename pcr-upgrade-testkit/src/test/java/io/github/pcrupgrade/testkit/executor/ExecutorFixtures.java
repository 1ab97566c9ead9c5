package io.github.pcrupgrade.testkit.executor;

import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.TraceEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Shared settings for the executor tests: small waits so that every run is fast in wall time. */
final class ExecutorFixtures {

  static final Duration POLL = Duration.ofSeconds(1);

  private ExecutorFixtures() {}

  /** Options polling every second, backing off to 5 s, letting a node settle 5 s. */
  static ExecutorOptions.Builder fastOptions() {
    return ExecutorOptions.builder().pollInterval(POLL).maxPollInterval(Duration.ofSeconds(5))
        .settleTime(Duration.ofSeconds(5));
  }

  static ExecutorOptions fast() {
    return fastOptions().build();
  }

  /** 3 + 3 nodes on v24.3.20 (so that a patch target exists), product-default settings. */
  static SimulatedDeployment.Builder deployment() {
    return SimulatedDeployment.builder().nodes(3, 3).series("24.3").primaryBinary("v24.3.20")
        .standbyBinary("v24.3.20").seed(11);
  }

  static UpgradeRequest to(String target) {
    return UpgradeRequest.to(target).build();
  }

  /** Every VC's finalization settings, keyed {@code cluster/vc}. */
  static Map<String, FinalizationSettings> settings(DeploymentSnapshot s) {
    Map<String, FinalizationSettings> all = new TreeMap<>();
    for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
      for (VirtualClusterInfo vc : c.virtualClusters()) {
        vc.settings().ifPresent(st -> all.put(c.name() + "/" + vc.name(), st));
      }
    }
    return all;
  }

  /** The finalizations the simulation saw begin, with who began them ({@code (port)}, ...). */
  static List<TraceEvent> finalizationStarts(SimulatedDeployment d) {
    return d.trace().stream()
        .filter(e -> e.kind().equals("finalization") && e.detail().contains(": finalizing "))
        .toList();
  }
}
