package io.github.pcrupgrade.jdbc.functional;

import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.spi.NodeUpgrader;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Wraps the ports of a simulated deployment per executor, recording every mutating call (who, what,
 * in which order) and, when given a way to read the lease store, checking at the moment of each
 * call that the caller holds the deployment's live lease (invariant 9) by the store's own clock.
 * Thread-safe: both executors of a test share one instance.
 */
final class ActingPorts {

  /** A mutating port call, numbered in the order calls arrived from all executors. */
  record Call(int index, String executor, String what) {}

  private final Supplier<Optional<String>> liveHolder;
  private final List<Call> calls = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();

  /**
   * @param liveHolder the holder of the deployment's live lease by the journal's clock, read
   *     directly from the store; {@code null} when the store cannot be read from the outside
   */
  ActingPorts(Supplier<Optional<String>> liveHolder) {
    this.liveHolder = liveHolder;
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  synchronized List<Call> callsBy(String executor) {
    return calls.stream().filter(c -> c.executor().equals(executor)).toList();
  }

  /** Mutating calls made without the live lease, as judged when they were made. */
  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  ClusterOperations operations(String executor, ClusterOperations ops) {
    return new ClusterOperations() {
      @Override
      public String clusterName() {
        return ops.clusterName();
      }

      @Override
      public void setFinalizationSetting(String vc, PinSetting setting, String value) {
        acting(executor, ops.clusterName() + ": set " + setting + " = " + value + " in " + vc);
        ops.setFinalizationSetting(vc, setting, value);
      }

      @Override
      public void resetFinalizationSetting(String vc, PinSetting setting) {
        acting(executor, ops.clusterName() + ": reset " + setting + " in " + vc);
        ops.resetFinalizationSetting(vc, setting);
      }

      @Override
      public void finalizeVersion(String vc, ReleaseSeries target) {
        acting(executor, ops.clusterName() + ": finalize " + vc + " to " + target);
        ops.finalizeVersion(vc, target);
      }

      @Override
      public ClusterVersion readVersion(String vc) {
        return ops.readVersion(vc);
      }

      @Override
      public void stopService(String vc) {
        acting(executor, ops.clusterName() + ": stop " + vc);
        ops.stopService(vc);
      }

      @Override
      public void startServiceShared(String vc) {
        acting(executor, ops.clusterName() + ": start " + vc);
        ops.startServiceShared(vc);
      }

      @Override
      public void dropVirtualCluster(String vc) {
        acting(executor, ops.clusterName() + ": drop " + vc);
        ops.dropVirtualCluster(vc);
      }

      @Override
      public void createReaderVirtualCluster(String replicatingVc) {
        acting(executor, ops.clusterName() + ": create the reader of " + replicatingVc);
        ops.createReaderVirtualCluster(replicatingVc);
      }

      @Override
      public Optional<Instant> replicatedTime(String replicatingVc) {
        return ops.replicatedTime(replicatingVc);
      }

      @Override
      public Instant clusterTime() {
        return ops.clusterTime();
      }
    };
  }

  NodeUpgrader upgrader(String executor, NodeUpgrader upgrader) {
    return new NodeUpgrader() {
      @Override
      public void upgrade(String cluster, NodeInfo node, BinaryTarget target) {
        acting(executor, cluster + ": upgrade n" + node.id() + " to " + target);
        upgrader.upgrade(cluster, node, target);
      }

      @Override
      public void rollback(String cluster, NodeInfo node, BinaryTarget target) {
        acting(executor, cluster + ": roll back n" + node.id() + " to " + target);
        upgrader.rollback(cluster, node, target);
      }
    };
  }

  private void acting(String executor, String what) {
    Optional<String> holder = liveHolder == null ? null : liveHolder.get();
    synchronized (this) {
      calls.add(new Call(calls.size(), executor, what));
      if (holder != null && !holder.equals(Optional.of(executor))) {
        violations.add(executor + " acted (" + what + ") while the live lease was "
            + holder.map(h -> "held by '" + h + "'").orElse("held by nobody"));
      }
    }
  }
}
