package io.github.pcrupgrade.core.exec;

import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.StepKind;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.spi.NodeUpgrader;
import io.github.pcrupgrade.core.version.ClusterVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The one implementation of acting on a plan step through the ports, shared by the
 * {@link UpgradeExecutor} and the {@link StepApi}: which port call each {@link StepKind} makes,
 * whether a step's action visibly took effect already (so that acting again would repeat it), the
 * health gate before restarts and finalizations, and each step's timeout. Decides and calls; it
 * neither waits nor journals (its callers do, each in its own way).
 */
final class StepActions {

  private StepActions() {}

  /**
   * Sends the step's action through the ports: the setting, the statement, or the node upgrader
   * call; returns when it returned. Waits and awaits have no action.
   *
   * @param nodeGone the error to throw when the step's node is not in {@code snapshot}
   */
  static void act(PlanStep step, DeploymentSnapshot snapshot, ClusterOperations ops,
      NodeUpgrader upgrader, IntFunction<RuntimeException> nodeGone) {
    String vc = step.virtualCluster().orElse("");
    switch (step.kind()) {
      case PIN_FINALIZATION -> ops.setFinalizationSetting(vc, step.setting().orElseThrow(),
          step.settingValue().orElseThrow());
      case UNPIN_FINALIZATION -> ops.resetFinalizationSetting(vc, step.setting().orElseThrow());
      case RESTART_NODE -> upgrader.upgrade(step.clusterName(), node(snapshot, step, nodeGone),
          step.binary().orElseThrow());
      case ROLLBACK_NODE -> upgrader.rollback(step.clusterName(), node(snapshot, step, nodeGone),
          step.binary().orElseThrow());
      case FINALIZE_VC -> ops.finalizeVersion(vc, step.version().orElseThrow());
      case STOP_READER -> ops.stopService(vc);
      case DROP_READER -> ops.dropVirtualCluster(vc);
      case CREATE_READER -> ops.createReaderVirtualCluster(vc);
      case RESTORE_SETTINGS -> restore(ops, vc, snapshot.cluster(step.cluster()).vc(vc),
          step.restoreTo().orElseThrow());
      case AWAIT_REPLICATION, AWAIT_READER_SERVING -> { }
    }
  }

  /** Puts one VC's settings back, sending only the settings that differ from {@code now}. */
  private static void restore(ClusterOperations ops, String vc, Optional<VirtualClusterInfo> now,
      FinalizationSettings to) {
    Optional<FinalizationSettings> current = now.flatMap(VirtualClusterInfo::settings);
    if (current.map(s -> s.autoUpgradeEnabled() != to.autoUpgradeEnabled()).orElse(true)) {
      ops.setFinalizationSetting(vc, PinSetting.AUTO_UPGRADE_ENABLED,
          Boolean.toString(to.autoUpgradeEnabled()));
    }
    if (current.map(s -> !s.preserveDowngradeOption().equals(to.preserveDowngradeOption()))
        .orElse(true)) {
      if (to.preserveDowngradeOption().isEmpty()) {
        ops.resetFinalizationSetting(vc, PinSetting.PRESERVE_DOWNGRADE_OPTION);
      } else {
        ops.setFinalizationSetting(vc, PinSetting.PRESERVE_DOWNGRADE_OPTION,
            to.preserveDowngradeOption());
      }
    }
  }

  private static NodeInfo node(DeploymentSnapshot snapshot, PlanStep step,
      IntFunction<RuntimeException> nodeGone) {
    int id = step.nodeId().orElseThrow();
    return snapshot.cluster(step.cluster()).node(id).orElseThrow(() -> nodeGone.apply(id));
  }

  /**
   * Whether the step's action visibly took effect already, so that acting again would repeat
   * it: a finalization in progress towards the step's series, a reader VC being dropped or gone,
   * a reader VC that exists (its precondition was its absence), a reader VC stopping.
   */
  static boolean underWay(PlanStep step, DeploymentSnapshot s) {
    ClusterSnapshot c = s.cluster(step.cluster());
    Optional<VirtualClusterInfo> vc = step.virtualCluster().flatMap(c::vc);
    return switch (step.kind()) {
      case FINALIZE_VC -> vc.flatMap(v -> v.version().known())
          .filter(ClusterVersion::isTransitional)
          .flatMap(ClusterVersion::upgradingTo)
          .filter(to -> step.version().map(t -> !to.isAfter(t)).orElse(false)).isPresent();
      case DROP_READER -> vc.map(v -> v.dataState() == DataState.DROPPING).orElse(true);
      case CREATE_READER -> step.virtualCluster()
          .flatMap(m -> c.vc(VirtualClusterInfo.readerNameFor(m))).isPresent();
      case STOP_READER -> vc.map(v -> v.serviceMode() == ServiceMode.STOPPING
          || v.serviceMode() == ServiceMode.NONE).orElse(true);
      default -> false;
    };
  }

  /** Whether the health gate applies to the step: node restarts, rollbacks and finalizations. */
  static boolean gated(PlanStep step) {
    return step.kind() == StepKind.RESTART_NODE || step.kind() == StepKind.FINALIZE_VC
        || step.kind() == StepKind.ROLLBACK_NODE;
  }

  /** The health gate: every node live and not draining, ranges healthy, replication lag bounded. */
  static List<String> health(DeploymentSnapshot s, ExecutorOptions options) {
    List<String> problems = new ArrayList<>();
    for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
      for (NodeInfo n : c.memberNodes()) {
        if (!n.isHealthy()) {
          problems.add("'" + c.name() + "' node " + n.id() + " is " + n.liveness()
              + (n.draining() ? " and draining" : ""));
        }
      }
      if (!c.health().isHealthy()) {
        problems.add("'" + c.name() + "' has " + c.health().underReplicatedRanges()
            + " under-replicated and " + c.health().unavailableRanges() + " unavailable ranges");
      }
    }
    s.standbyReplicatingVc().flatMap(VirtualClusterInfo::replication)
        .flatMap(r -> r.lag()).filter(lag -> lag.compareTo(options.maxReplicationLag()) > 0)
        .ifPresent(lag -> problems.add("replication lag " + lag + " exceeds "
            + options.maxReplicationLag()));
    return problems;
  }

  /** For node steps: the node must also be live and not draining before the step counts. */
  static boolean nodeBack(PlanStep step, DeploymentSnapshot s) {
    if (step.nodeId().isEmpty()) {
      return true;
    }
    return s.cluster(step.cluster()).node(step.nodeId().get()).map(NodeInfo::isHealthy)
        .orElse(false);
  }

  /** How long the step may take: its action and its wait. */
  static Duration timeout(StepKind kind, ExecutorOptions options) {
    return switch (kind) {
      case PIN_FINALIZATION, UNPIN_FINALIZATION, RESTORE_SETTINGS -> options.settingTimeout();
      case RESTART_NODE, ROLLBACK_NODE -> options.nodeRestartTimeout();
      case FINALIZE_VC -> options.finalizationTimeout();
      case AWAIT_REPLICATION -> options.replicationTimeout();
      case STOP_READER, DROP_READER, CREATE_READER, AWAIT_READER_SERVING ->
          options.readerVcTimeout();
    };
  }
}
