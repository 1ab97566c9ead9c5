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

  /**
   * The next restart of the node fails: the process exits at start and the node stays down.
   * Armed when applied; it bites at the node's next restart through the {@code NodeUpgrader}
   * (drained, binary swapped, then the call fails with {@code PORT_FAILURE} and the node is down
   * on the new binary until restarted or rolled back).
   *
   * @param cluster the cluster's name
   * @param nodeId the node's id, or 0 for the next node restarted in that cluster
   */
  record NodeFailsToRestart(String cluster, int nodeId) implements Fault {
    /**
     * Checks the cluster name is given.
     *
     * @param cluster the cluster's name
     * @param nodeId the node's id, or 0 for any
     * @throws NullPointerException if {@code cluster} is null
     */
    public NodeFailsToRestart {
      Objects.requireNonNull(cluster, "cluster");
    }
  }

  /**
   * The next restart of the node succeeds but the node rejoins (becomes live) {@code delay} late.
   * Armed when applied; it bites at the node's next restart through the {@code NodeUpgrader},
   * whose call returns once the process started, before the node is live.
   *
   * @param cluster the cluster's name
   * @param nodeId the node's id, or 0 for the next node restarted in that cluster
   * @param delay how much later than the deployment's rejoin time the node becomes live
   */
  record NodeRejoinsLate(String cluster, int nodeId, Duration delay) implements Fault {
    /**
     * Checks that no object component is null.
     *
     * @param cluster the cluster's name
     * @param nodeId the node's id, or 0 for any
     * @param delay the extra rejoin time
     * @throws NullPointerException if {@code cluster} or {@code delay} is null
     */
    public NodeRejoinsLate {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(delay, "delay");
    }
  }

  /**
   * The node's process dies. It comes back on its own after {@code downFor}, or (when
   * {@code downFor} is zero) only when restarted through the {@code NodeUpgrader} or
   * {@link SimulatedCluster#restartNode}. A node that is not live when the fault is applied is
   * left alone (the trace says so).
   *
   * @param cluster the cluster's name
   * @param nodeId the node's id, or 0 for a live node chosen with the seed
   * @param downFor how long after its death the node is restarted on its own (it is live again
   *     after the deployment's restart and rejoin times more), or zero for never
   */
  record NodeDies(String cluster, int nodeId, Duration downFor) implements Fault {
    /**
     * Checks that no object component is null.
     *
     * @param cluster the cluster's name
     * @param nodeId the node's id, or 0 for any live node
     * @param downFor how long it stays dead, zero for until restarted
     * @throws NullPointerException if {@code cluster} or {@code downFor} is null
     */
    public NodeDies {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(downFor, "downFor");
    }
  }

  /**
   * The next {@code count} port calls on the cluster (inspector and operations) fail with a
   * transient error: {@code 40001} ("restart transaction") or {@code 08006} (connection lost).
   * With {@code afterEffect} the statement takes effect before the connection breaks, as when a
   * connection is lost after the commit. The errors reach the caller as {@code PcrUpgradeException}
   * {@code TRANSIENT}; wire sessions and node upgrader calls are not affected.
   *
   * @param cluster the cluster's name
   * @param sqlState {@link SimulatedSqlException#SERIALIZATION_FAILURE} or {@link
   *     SimulatedSqlException#CONNECTION_FAILURE}
   * @param count how many port calls fail, at least 1 (queued after any still pending)
   * @param afterEffect whether each failing call takes effect before it fails
   */
  record TransientSqlErrors(String cluster, String sqlState, int count, boolean afterEffect)
      implements Fault {
    /**
     * Checks the components.
     *
     * @param cluster the cluster's name
     * @param sqlState the SQLSTATE the calls fail with
     * @param count how many port calls fail
     * @param afterEffect whether each takes effect first
     * @throws NullPointerException if {@code cluster} or {@code sqlState} is null
     * @throws IllegalArgumentException if {@code count} is below 1
     */
    public TransientSqlErrors {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(sqlState, "sqlState");
      if (count < 1) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "count must be at least 1, got " + count);
      }
    }
  }

  /**
   * The replication stream stops advancing its replicated time for {@code duration}: the lag
   * grows, and whatever waits for replicated time to pass a moment (the reader VC's re-creation
   * after the app VC's finalization, invariant 6) waits with it. A stall applied during another
   * lasts until the later end.
   *
   * @param duration how long replicated time stands still, from when the fault is applied
   */
  record ReplicationStall(Duration duration) implements Fault {
    /**
     * Checks the duration is given.
     *
     * @param duration how long replicated time stands still
     * @throws NullPointerException if {@code duration} is null
     */
    public ReplicationStall {
      Objects.requireNonNull(duration, "duration");
    }
  }

  /**
   * The replication lag grows by {@code extraLag} for {@code duration}. A spike applied during
   * another replaces it.
   *
   * @param extraLag how far further behind the clock replicated time stays
   * @param duration how long, from when the fault is applied
   */
  record LagSpike(Duration extraLag, Duration duration) implements Fault {
    /**
     * Checks that no component is null.
     *
     * @param extraLag the extra lag
     * @param duration how long it lasts
     * @throws NullPointerException if either is null
     */
    public LagSpike {
      Objects.requireNonNull(extraLag, "extraLag");
      Objects.requireNonNull(duration, "duration");
    }
  }

  /**
   * An operator finalizes {@code vc} of {@code cluster} by hand ({@code SET CLUSTER SETTING version}
   * to the version its binaries run), ignoring the plan. Subject to the product's own checks.
   * The invariant monitor records it as an unrequested finalization (invariant 8); a refusal by
   * the product's checks, or a VC that does not exist, leaves the deployment as it was.
   *
   * @param cluster the cluster's name
   * @param vc the VC's name
   */
  record ExternalFinalization(String cluster, String vc) implements Fault {
    /**
     * Checks that no component is null.
     *
     * @param cluster the cluster's name
     * @param vc the VC's name
     * @throws NullPointerException if either is null
     */
    public ExternalFinalization {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(vc, "vc");
    }
  }

  /**
   * An operator sets {@code cluster.auto_upgrade.enabled = true} and resets the preserve option,
   * undoing the library's pin in that VC (crdb-upgrade-facts.md 2.2, 2.3): the simulated
   * auto-upgrade loop may then finalize it. Nothing happens for a VC that does not exist.
   *
   * @param cluster the cluster's name
   * @param vc the VC's name
   */
  record ExternalReenablesAutoUpgrade(String cluster, String vc) implements Fault {
    /**
     * Checks that no component is null.
     *
     * @param cluster the cluster's name
     * @param vc the VC's name
     * @throws NullPointerException if either is null
     */
    public ExternalReenablesAutoUpgrade {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(vc, "vc");
    }
  }

  /**
   * An operator fails over: {@code COMPLETE REPLICATION TO LATEST} on the standby's replicating VC,
   * then {@code START SERVICE SHARED} once the failover completed. It fails over the first
   * stream not already failing over (the standby's first); with none, or when the product refuses,
   * the trace says so and nothing changes.
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
   *
   * @param cluster the cluster's name
   * @param vc the VC's name
   * @param duration how long the VC refuses connections once the stall starts, positive
   */
  record VcStalls(String cluster, String vc, Duration duration) implements Fault {
    /**
     * Checks the components.
     *
     * @param cluster the cluster's name
     * @param vc the VC's name
     * @param duration how long it refuses connections
     * @throws NullPointerException if a component is null
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if {@code duration} is not positive
     */
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
   *
   * @param cluster the cluster's name
   * @param vc the VC's name, or {@code "*"} for every VC of the cluster
   * @param blockFor how long each statement blocks, positive and at most {@link #MAX_BLOCK}
   * @param during how long the fault lasts from when it is applied, positive
   */
  record ShowVersionBlocks(String cluster, String vc, Duration blockFor, Duration during)
      implements Fault {
    /** The longest the product's {@code SHOW CLUSTER SETTING version} retries (9.1). */
    public static final Duration MAX_BLOCK = Duration.ofMinutes(2);

    /**
     * Checks the components.
     *
     * @param cluster the cluster's name
     * @param vc the VC's name, or {@code "*"}
     * @param blockFor how long each statement blocks
     * @param during how long the fault lasts
     * @throws NullPointerException if a component is null
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if {@code blockFor} is not within
     *     (0, {@link #MAX_BLOCK}] or {@code during} is not positive
     */
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
   * clients: wire sessions and port calls. It lasts until {@link SimulatedDeployment#clearFaults()}.
   *
   * @param cluster the cluster's name
   */
  record LicenceThrottled(String cluster) implements Fault {
    /** How many transactions may be open at once on a throttled cluster (11.3). */
    public static final int MAX_OPEN_TRANSACTIONS = 5;

    /**
     * Checks the cluster name is given.
     *
     * @param cluster the cluster's name
     * @throws NullPointerException if {@code cluster} is null
     */
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
   *
   * @param cluster the cluster's name (the standby's, where the reader is created)
   * @param count how many statements are ignored, at least 1 (added to any still pending)
   */
  record ReaderStatementIgnored(String cluster, int count) implements Fault {
    /**
     * Checks the components.
     *
     * @param cluster the cluster's name
     * @param count how many statements are ignored
     * @throws NullPointerException if {@code cluster} is null
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if {@code count} is below 1
     */
    public ReaderStatementIgnored {
      Objects.requireNonNull(cluster, "cluster");
      if (count < 1) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "count must be at least 1, got " + count);
      }
    }
  }

  /**
   * A {@link NodeFailsToRestart}.
   *
   * @param cluster the cluster's name
   * @param nodeId the node's id, or 0 for the next node restarted
   * @return the fault
   */
  static Fault nodeFailsToRestart(String cluster, int nodeId) {
    return new NodeFailsToRestart(cluster, nodeId);
  }

  /**
   * A {@link NodeRejoinsLate}.
   *
   * @param cluster the cluster's name
   * @param nodeId the node's id, or 0 for the next node restarted
   * @param delay how much later than usual the node becomes live
   * @return the fault
   */
  static Fault nodeRejoinsLate(String cluster, int nodeId, Duration delay) {
    return new NodeRejoinsLate(cluster, nodeId, delay);
  }

  /**
   * A {@link NodeDies}.
   *
   * @param cluster the cluster's name
   * @param nodeId the node's id, or 0 for a live node chosen with the seed
   * @param downFor how long until it is restarted on its own, zero for never
   * @return the fault
   */
  static Fault nodeDies(String cluster, int nodeId, Duration downFor) {
    return new NodeDies(cluster, nodeId, downFor);
  }

  /**
   * {@link TransientSqlErrors} with {@code 40001}, each before the call takes effect.
   *
   * @param cluster the cluster's name
   * @param count how many port calls fail, at least 1
   * @return the fault
   */
  static Fault serializationFailures(String cluster, int count) {
    return new TransientSqlErrors(cluster, SimulatedSqlException.SERIALIZATION_FAILURE, count, false);
  }

  /**
   * {@link TransientSqlErrors} with {@code 08006}, the connection lost.
   *
   * @param cluster the cluster's name
   * @param count how many port calls fail, at least 1
   * @param afterEffect whether each call takes effect before its connection is lost
   * @return the fault
   */
  static Fault connectionLost(String cluster, int count, boolean afterEffect) {
    return new TransientSqlErrors(cluster, SimulatedSqlException.CONNECTION_FAILURE, count,
        afterEffect);
  }

  /**
   * A {@link ReplicationStall}.
   *
   * @param duration how long replicated time stands still
   * @return the fault
   */
  static Fault replicationStall(Duration duration) {
    return new ReplicationStall(duration);
  }

  /**
   * A {@link LagSpike}.
   *
   * @param extraLag the extra lag
   * @param duration how long it lasts
   * @return the fault
   */
  static Fault lagSpike(Duration extraLag, Duration duration) {
    return new LagSpike(extraLag, duration);
  }

  /**
   * An {@link ExternalFinalization}.
   *
   * @param cluster the cluster's name
   * @param vc the VC the operator finalizes
   * @return the fault
   */
  static Fault externalFinalization(String cluster, String vc) {
    return new ExternalFinalization(cluster, vc);
  }

  /**
   * An {@link ExternalReenablesAutoUpgrade}.
   *
   * @param cluster the cluster's name
   * @param vc the VC whose pin the operator undoes
   * @return the fault
   */
  static Fault externalReenablesAutoUpgrade(String cluster, String vc) {
    return new ExternalReenablesAutoUpgrade(cluster, vc);
  }

  /**
   * An {@link ExternalFailover}.
   *
   * @return the fault
   */
  static Fault externalFailover() {
    return new ExternalFailover();
  }
}
