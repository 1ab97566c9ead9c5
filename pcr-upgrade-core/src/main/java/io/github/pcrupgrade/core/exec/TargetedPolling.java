package io.github.pcrupgrade.core.exec;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.Condition;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.spi.NarrowRead;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, for one wait of the executor until a step is done, which polls may be narrow reads
 * ({@link io.github.pcrupgrade.core.spi.ClusterInspector#inspect(NarrowRead,
 * io.github.pcrupgrade.core.model.ClusterSnapshot)}) and what they read: only what the step's
 * done-condition looks at (a node's build and liveness, one VC's version or settings, the VC list,
 * the replicated time). The rest of the safety stays with full snapshots, which this class
 * schedules:
 *
 * <ul>
 *   <li>the first poll of a wait is full (most steps are done at once, and a done step is
 *       confirmed by a full snapshot anyway);
 *   <li>at least every {@code fullSnapshotEvery} polls a full snapshot runs the invariant checks,
 *       the topology guard and the divergence guard as before;
 *   <li>a narrow read that shows the step done is never trusted alone: the caller confirms with a
 *       full snapshot before it records the step done.
 * </ul>
 *
 * <p>A condition that reads more than a few values (every node runs a binary, every VC is at a
 * version) or a VC that accepts no SQL (the standby's replicating VC) is always polled in full.
 * One instance per wait; not thread-safe.
 */
final class TargetedPolling {

  private final int fullEvery;
  private final Optional<Map<ClusterRole, NarrowRead>> reads;
  private int sinceFull;
  private boolean first = true;

  /**
   * @param step the step awaited
   * @param previous the latest full snapshot (the one the step acted on)
   * @param fullEvery a full snapshot at least every this many polls; 1 polls in full always
   */
  TargetedPolling(PlanStep step, DeploymentSnapshot previous, int fullEvery) {
    this.fullEvery = fullEvery;
    Optional<Map<ClusterRole, NarrowRead>> r = fullEvery <= 1 ? Optional.empty()
        : reads(step.done(), previous);
    if (r.isPresent() && step.nodeId().isPresent()) {
      // a node step also waits for the node to be live and not draining: the same read
      r = Optional.of(add(r.get(), step.cluster(), NarrowRead.node(step.nodeId().get())));
    }
    this.reads = r;
  }

  /**
   * What the next poll reads narrowly, per cluster; empty when the next poll must be a full
   * snapshot. Counts the poll.
   */
  Optional<Map<ClusterRole, NarrowRead>> next() {
    if (first || reads.isEmpty() || sinceFull + 1 >= fullEvery) {
      first = false;
      sinceFull = 0;
      return Optional.empty();
    }
    sinceFull++;
    return reads;
  }

  /** A full snapshot was taken for another reason (a confirmation): the count starts again. */
  void fullTaken() {
    sinceFull = 0;
  }

  /**
   * What {@code done} reads, per cluster, or empty when it cannot be read narrowly on
   * {@code previous}.
   */
  static Optional<Map<ClusterRole, NarrowRead>> reads(Condition done, DeploymentSnapshot previous) {
    Map<ClusterRole, NarrowRead> out = new EnumMap<>(ClusterRole.class);
    return collect(done, previous, out) ? Optional.of(Map.copyOf(out)) : Optional.empty();
  }

  private static boolean collect(Condition c, DeploymentSnapshot previous,
      Map<ClusterRole, NarrowRead> out) {
    switch (c.kind()) {
      case ALWAYS:
        return true;
      case ALL_OF:
      case ANY_OF:
        for (Condition o : c.operands()) {
          if (!collect(o, previous, out)) {
            return false;
          }
        }
        return true;
      case ALL_NODES_RUN:
      case ALL_VCS_AT_LEAST:
        return false;
      default:
        break;
    }
    ClusterRole role = c.cluster().orElseThrow();
    Optional<String> vc = c.virtualCluster();
    NarrowRead read;
    switch (c.kind()) {
      case NODE_RUNS:
        read = NarrowRead.node(c.nodeId().orElseThrow());
        break;
      case VC_FINAL_AT:
      case VC_VERSION_AT_LEAST:
        if (previous.cluster(role).vc(vc.orElseThrow()).isEmpty()) {
          // a VC still to appear (a reader being created): the VC list shows it first
          read = NarrowRead.virtualClusterList();
        } else if (answers(previous, role, vc.get())) {
          read = NarrowRead.version(vc.get());
        } else {
          return false;
        }
        break;
      case VC_SERVING_AT:
        // the reader comes back through states the VC list shows before its version answers
        read = NarrowRead.virtualClusterList().and(NarrowRead.version(vc.orElseThrow()));
        break;
      case VC_ABSENT:
      case VC_NOT_SERVING:
        read = NarrowRead.virtualClusterList();
        break;
      case SETTING_EQUALS:
      case SETTINGS_EQUAL:
        if (!answers(previous, role, vc.orElseThrow())) {
          return false;
        }
        read = NarrowRead.settings(vc.get());
        break;
      case REPLICATION_RUNNING:
      case REPLICATED_PAST_FINALIZATION:
        read = NarrowRead.replicationOf(vc.orElseThrow());
        break;
      default:
        return false;
    }
    out.merge(role, read, NarrowRead::and);
    return true;
  }

  /** Whether {@code vc} exists and serves SQL in the previous snapshot (its values can be read). */
  private static boolean answers(DeploymentSnapshot previous, ClusterRole role, String vc) {
    return previous.cluster(role).vc(vc).filter(VirtualClusterInfo::isServing)
        .filter(v -> !v.isReplicating()).isPresent();
  }

  private static Map<ClusterRole, NarrowRead> add(Map<ClusterRole, NarrowRead> reads,
      ClusterRole role, NarrowRead read) {
    Map<ClusterRole, NarrowRead> out = new EnumMap<>(ClusterRole.class);
    out.putAll(reads);
    out.merge(role, read, NarrowRead::and);
    return Map.copyOf(out);
  }
}
