package io.github.pcrupgrade.testkit.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.FinalizationSetting;
import io.github.pcrupgrade.core.spi.NodeUpgrader;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testkit.Ports;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The simulation's ports, counting the mutations that must not happen twice (a node restart onto
 * one series, a reader VC created) and able to "crash" the executor right after a mutating call
 * returned, before the executor could journal it.
 */
final class CountingPorts {

  private final SimulatedDeployment d;
  private final Map<String, Integer> restarts = new TreeMap<>();
  private final Map<String, Integer> readersCreated = new TreeMap<>();
  private int crashAfter;
  private int mutations;

  CountingPorts(SimulatedDeployment d) {
    this.d = d;
  }

  /** Crash after the k-th mutating call from now on (0: never). */
  void crashAfterMutation(int k) {
    this.crashAfter = k;
    this.mutations = 0;
  }

  UpgradeExecutor.Builder executor(ExecutorOptions options) {
    Ports p = d.ports();
    return p.executor().executorId("counting-executor").options(options)
        .primary(p.primaryInspector(), new Counting(p.primaryOperations()))
        .standby(p.standbyInspector(), new Counting(p.standbyOperations()))
        .nodeUpgrader(new NodeUpgrader() {
          @Override
          public void upgrade(String cluster, NodeInfo node, BinaryTarget target) {
            p.nodeUpgrader().upgrade(cluster, node, target);
            restarts.merge(cluster + "/n" + node.id() + "->" + target.series(), 1, Integer::sum);
            mutated();
          }

          @Override
          public void rollback(String cluster, NodeInfo node, BinaryTarget target) {
            p.nodeUpgrader().rollback(cluster, node, target);
            mutated();
          }
        });
  }

  void assertNoNodeRestartedTwiceAndNoReaderCreatedTwice(String when) {
    assertThat(restarts).allSatisfy((k, n) -> assertThat(n).as(when + ": " + k).isEqualTo(1));
    assertThat(readersCreated).allSatisfy((k, n) -> assertThat(n).as(when + ": " + k)
        .isEqualTo(1));
  }

  private void mutated() {
    if (crashAfter > 0 && ++mutations == crashAfter) {
      throw new IllegalStateException("simulated crash after mutation " + mutations);
    }
  }

  private final class Counting implements ClusterOperations {
    private final ClusterOperations ops;

    Counting(ClusterOperations ops) {
      this.ops = ops;
    }

    @Override
    public String clusterName() {
      return ops.clusterName();
    }

    @Override
    public void setFinalizationSetting(String vc, FinalizationSetting setting, String value) {
      ops.setFinalizationSetting(vc, setting, value);
      mutated();
    }

    @Override
    public void resetFinalizationSetting(String vc, FinalizationSetting setting) {
      ops.resetFinalizationSetting(vc, setting);
      mutated();
    }

    @Override
    public void finalizeVersion(String vc, ReleaseSeries target) {
      ops.finalizeVersion(vc, target);
      mutated();
    }

    @Override
    public ClusterVersion readVersion(String vc) {
      return ops.readVersion(vc);
    }

    @Override
    public void stopService(String vc) {
      ops.stopService(vc);
      mutated();
    }

    @Override
    public void startServiceShared(String vc) {
      ops.startServiceShared(vc);
      mutated();
    }

    @Override
    public void dropVirtualCluster(String vc) {
      ops.dropVirtualCluster(vc);
      mutated();
    }

    @Override
    public void createReaderVirtualCluster(String replicatingVc) {
      ops.createReaderVirtualCluster(replicatingVc);
      readersCreated.merge(clusterName() + "/" + replicatingVc, 1, Integer::sum);
      mutated();
    }

    @Override
    public Optional<Instant> replicatedTime(String replicatingVc) {
      return ops.replicatedTime(replicatingVc);
    }

    @Override
    public Instant clusterTime() {
      return ops.clusterTime();
    }
  }
}
