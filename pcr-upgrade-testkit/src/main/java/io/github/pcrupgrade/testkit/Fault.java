package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
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
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "count must be at least 1, got " + count);
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

  /**
   * A VC that is {@code shared} yet refuses every connection with {@code 08000 service unavailable
   * for target tenant (<vc>)} for {@code duration}, as a reader VC whose startup stalls "after the
   * initial scan or after an upgrade" (v26.2.0 release notes, known limitation; crdb-pcr-sql-facts.md
   * 3.6 and 10.2). The stall starts when the fault is applied if the VC serves then, otherwise when
   * a session next tries to reach it once it serves (a re-created reader after its initial scan).
   * It stalls once; {@code STOP SERVICE} followed by {@code START SERVICE SHARED} (the documented
   * remedy) ends it early.
   */
  record VcStalls(String cluster, String vc, Duration duration) implements Fault {
    public VcStalls {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(vc, "vc");
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative() || duration.isZero()) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "duration must be positive, got " + duration);
      }
    }
  }

  /**
   * For {@code during} after it is applied, every {@code SHOW CLUSTER SETTING version} in
   * {@code vc} of {@code cluster} ({@code "*"}: in every VC) blocks {@code blockFor} before it
   * answers, as the product's statement retries until the node's in-memory value and the persisted
   * one agree (crdb-pcr-sql-facts.md 9.1: up to about 2 minutes).
   */
  record ShowVersionBlocks(String cluster, String vc, Duration blockFor, Duration during)
      implements Fault {
    /** The longest the product's {@code SHOW CLUSTER SETTING version} retries (9.1). */
    public static final Duration MAX_BLOCK = Duration.ofMinutes(2);

    public ShowVersionBlocks {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(vc, "vc");
      Objects.requireNonNull(blockFor, "blockFor");
      Objects.requireNonNull(during, "during");
      if (blockFor.isNegative() || blockFor.isZero() || blockFor.compareTo(MAX_BLOCK) > 0) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "blockFor must be positive and at most " + MAX_BLOCK + ", got " + blockFor);
      }
      if (during.isNegative() || during.isZero()) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "during must be positive, got " + during);
      }
    }
  }

  /**
   * From now on {@code cluster} is unlicensed and past its grace period: beyond
   * {@link #MAX_OPEN_TRANSACTIONS} concurrently open transactions of SQL clients, a new one fails
   * with {@code XXC02 No license installed. The maximum number of concurrently open transactions
   * has been reached.} (crdb-pcr-sql-facts.md 11.3, {@code MaybeFailIfThrottled}). Whether
   * internal or PCR traffic counts is UNCONFIRMED (11.3 item 7); the simulation counts only
   * clients: wire sessions and port calls.
   */
  record LicenceThrottled(String cluster) implements Fault {
    /** How many transactions may be open at once on a throttled cluster (11.3). */
    public static final int MAX_OPEN_TRANSACTIONS = 5;

    public LicenceThrottled {
      Objects.requireNonNull(cluster, "cluster");
    }
  }

  /**
   * The next {@code count} {@code ALTER VIRTUAL CLUSTER ... SET REPLICATION READ VIRTUAL CLUSTER}
   * statements on {@code cluster} succeed and do nothing, as the product's did before 24.3.12 /
   * 25.1.6 and still does during a stream's initial scan (crdb-pcr-sql-facts.md 10.3: PR #143752,
   * issue #147643), on any binary: for testing that a tool verifies that the reader appeared and
   * sends the statement again.
   */
  record ReaderStatementIgnored(String cluster, int count) implements Fault {
    public ReaderStatementIgnored {
      Objects.requireNonNull(cluster, "cluster");
      if (count < 1) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "count must be at least 1, got " + count);
      }
    }
  }

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
