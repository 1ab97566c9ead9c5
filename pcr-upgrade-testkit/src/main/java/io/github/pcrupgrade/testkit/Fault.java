package io.github.pcrupgrade.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * Something that goes wrong in the simulated deployment. Faults are scheduled in a
 * {@link FaultPlan} by virtual time or by {@link Trigger}. A node id of 0 means "chosen with the
 * deployment's seed" (for restart faults: the node being restarted when the fault is armed, or the
 * next one restarted in that cluster).
 */
public sealed interface Fault {

  /** The next restart of the node fails: the process exits at start and the node stays down. */
  record NodeFailsToRestart(String cluster, int nodeId) implements Fault {
    public NodeFailsToRestart {
      Objects.requireNonNull(cluster, "cluster");
    }
  }

  /** The next restart of the node succeeds but the node rejoins (becomes live) {@code delay} late. */
  record NodeRejoinsLate(String cluster, int nodeId, Duration delay) implements Fault {
    public NodeRejoinsLate {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(delay, "delay");
    }
  }

  /**
   * The node's process dies. It comes back on its own after {@code downFor}, or (when
   * {@code downFor} is zero) only when restarted through the {@code NodeUpgrader} or
   * {@link SimulatedCluster#restartNode}.
   */
  record NodeDies(String cluster, int nodeId, Duration downFor) implements Fault {
    public NodeDies {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(downFor, "downFor");
    }
  }

  /**
   * The next {@code count} port calls on the cluster (inspector and operations) fail with a
   * transient error: {@code 40001} ("restart transaction") or {@code 08006} (connection lost).
   * With {@code afterEffect} the statement takes effect before the connection breaks, as when a
   * connection is lost after the commit.
   */
  record TransientSqlErrors(String cluster, String sqlState, int count, boolean afterEffect)
      implements Fault {
    public TransientSqlErrors {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(sqlState, "sqlState");
      if (count < 1) {
        throw new IllegalArgumentException("count must be at least 1, got " + count);
      }
    }
  }

  /** The replication stream stops advancing its replicated time for {@code duration}. */
  record ReplicationStall(Duration duration) implements Fault {
    public ReplicationStall {
      Objects.requireNonNull(duration, "duration");
    }
  }

  /** The replication lag grows by {@code extraLag} for {@code duration}. */
  record LagSpike(Duration extraLag, Duration duration) implements Fault {
    public LagSpike {
      Objects.requireNonNull(extraLag, "extraLag");
      Objects.requireNonNull(duration, "duration");
    }
  }

  /**
   * An operator finalizes {@code vc} of {@code cluster} by hand ({@code SET CLUSTER SETTING version}
   * to the version its binaries run), ignoring the plan. Subject to the product's own checks.
   */
  record ExternalFinalization(String cluster, String vc) implements Fault {
    public ExternalFinalization {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(vc, "vc");
    }
  }

  /** An operator sets {@code cluster.auto_upgrade.enabled = true} and resets the preserve option. */
  record ExternalReenablesAutoUpgrade(String cluster, String vc) implements Fault {
    public ExternalReenablesAutoUpgrade {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(vc, "vc");
    }
  }

  /**
   * An operator fails over: {@code COMPLETE REPLICATION TO LATEST} on the standby's replicating VC,
   * then {@code START SERVICE SHARED} once the failover completed.
   */
  record ExternalFailover() implements Fault {}

  static Fault nodeFailsToRestart(String cluster, int nodeId) {
    return new NodeFailsToRestart(cluster, nodeId);
  }

  static Fault nodeRejoinsLate(String cluster, int nodeId, Duration delay) {
    return new NodeRejoinsLate(cluster, nodeId, delay);
  }

  static Fault nodeDies(String cluster, int nodeId, Duration downFor) {
    return new NodeDies(cluster, nodeId, downFor);
  }

  static Fault serializationFailures(String cluster, int count) {
    return new TransientSqlErrors(cluster, SimulatedSqlException.SERIALIZATION_FAILURE, count, false);
  }

  static Fault connectionLost(String cluster, int count, boolean afterEffect) {
    return new TransientSqlErrors(cluster, SimulatedSqlException.CONNECTION_FAILURE, count,
        afterEffect);
  }

  static Fault replicationStall(Duration duration) {
    return new ReplicationStall(duration);
  }

  static Fault lagSpike(Duration extraLag, Duration duration) {
    return new LagSpike(extraLag, duration);
  }

  static Fault externalFinalization(String cluster, String vc) {
    return new ExternalFinalization(cluster, vc);
  }

  static Fault externalReenablesAutoUpgrade(String cluster, String vc) {
    return new ExternalReenablesAutoUpgrade(cluster, vc);
  }

  static Fault externalFailover() {
    return new ExternalFailover();
  }
}
