package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.ReplicationState;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** The mutable state of one simulated virtual cluster. Guarded by the deployment's lock. */
final class VcState {

  /** The VC's version and finalization settings from {@code at} on (replication carries these). */
  record HistoryPoint(Instant at, ClusterVersion version, boolean autoUpgrade, String preserve) {}

  /** A finalization under way. */
  static final class Finalization {
    final ReleaseSeries target;
    final List<ClusterVersion> steps;
    final FinalizationOrigin origin;
    /** How many steps a finalization to {@link #target} from the final version below has. */
    int fullSteps;
    int next;
    String blockedBy;

    Finalization(ReleaseSeries target, List<ClusterVersion> steps, FinalizationOrigin origin) {
      this.target = target;
      this.steps = steps;
      this.origin = origin;
    }
  }

  /** A replication stream ingested into this VC (the consumer side). */
  static final class Stream {
    final SimulatedCluster source;
    final String sourceVc;
    final long jobId;
    final Instant createdAt;
    ReplicationState state;
    Instant initialScanDoneAt;
    Instant replicatedTime;
    Instant failoverTime;
    boolean startServiceAfterFailover;

    Stream(SimulatedCluster source, String sourceVc, long jobId, Instant createdAt,
        ReplicationState state) {
      this.source = source;
      this.sourceVc = sourceVc;
      this.jobId = jobId;
      this.createdAt = createdAt;
      this.state = state;
    }
  }

  final long id;
  final String name;
  final VcKind kind;
  final Instant createdAt;
  DataState dataState;
  ServiceMode serviceMode;
  ClusterVersion version;
  boolean autoUpgrade = true;
  String preserve = "";
  /** Other settings (system VC only), by name. */
  final TreeMap<String, String> other = new TreeMap<>();
  final List<HistoryPoint> history = new ArrayList<>();
  Finalization finalization;
  Instant lastFinalizedAt;
  Stream stream;
  /** Why the SQL servers of a started service refused to start, or null. */
  String sqlServerError;
  /** After a failover: where this VC used to replicate from. */
  String priorSourceCluster;
  String priorSourceVc;
  Instant failedOverAt;
  /** After a failover: the source's cluster ID, its VC's tenant id and the failover time. */
  java.util.UUID priorSourceClusterId;
  long priorSourceTenantId;
  Instant priorFailoverTime;

  VcState(long id, String name, VcKind kind, DataState dataState, ServiceMode serviceMode,
      ClusterVersion version, Instant createdAt) {
    this.id = id;
    this.name = name;
    this.kind = kind;
    this.dataState = dataState;
    this.serviceMode = serviceMode;
    this.version = version;
    this.createdAt = createdAt;
  }

  void remember(Instant at) {
    HistoryPoint last = history.isEmpty() ? null : history.get(history.size() - 1);
    HistoryPoint p = new HistoryPoint(at, version, autoUpgrade, preserve);
    if (last != null && last.version().equals(version) && last.version().toString()
        .equals(version.toString()) && last.autoUpgrade() == autoUpgrade
        && last.preserve().equals(preserve)) {
      return;
    }
    history.add(p);
  }

  /** The state as of {@code t} (the earliest known state for times before it). */
  HistoryPoint asOf(Instant t) {
    for (int i = history.size() - 1; i >= 0; i--) {
      if (!history.get(i).at().isAfter(t)) {
        return history.get(i);
      }
    }
    return history.get(0);
  }

  /** True when the VC accepts SQL connections. */
  boolean connectable() {
    return kind == VcKind.SYSTEM
        || serviceMode == ServiceMode.SHARED && dataState == DataState.READY
            && sqlServerError == null;
  }

  /** True when the product's auto-upgrade would leave this VC alone at its current version. */
  boolean pinned() {
    return !autoUpgrade || preserve.equals(version.toString());
  }
}
