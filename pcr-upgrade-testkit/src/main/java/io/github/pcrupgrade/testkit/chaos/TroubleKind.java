package io.github.pcrupgrade.testkit.chaos;

import io.github.pcrupgrade.testkit.Fault;
import java.util.Objects;

/**
 * Every kind of trouble a chaos run may suffer. The campaign counts, per kind, the runs in which
 * it fired (its trigger fired and it was applied; for a simulation fault that is armed, such as a
 * restart that will fail, when it was armed), so that a campaign proves its trouble happened.
 */
public enum TroubleKind {
  /** {@link Fault.NodeFailsToRestart}: a node's next restart fails and it stays down. */
  NODE_FAILS_TO_RESTART,
  /** {@link Fault.NodeRejoinsLate}: a node's next restart rejoins late. */
  NODE_REJOINS_LATE,
  /** {@link Fault.NodeDies}: a node's process dies (and maybe comes back on its own). */
  NODE_DIES,
  /** {@link Fault.TransientSqlErrors}: the next port calls on a cluster fail with 40001/08006. */
  TRANSIENT_SQL_ERRORS,
  /** {@link Fault.ReplicationStall}: replicated time stops advancing for a while. */
  REPLICATION_STALL,
  /** {@link Fault.LagSpike}: the replication lag grows for a while. */
  LAG_SPIKE,
  /** {@link Fault.ExternalFinalization}: an operator finalizes a VC by hand. */
  EXTERNAL_FINALIZATION,
  /** {@link Fault.ExternalReenablesAutoUpgrade}: an operator re-enables auto-upgrade. */
  EXTERNAL_REENABLES_AUTO_UPGRADE,
  /** {@link Fault.ExternalFailover}: an operator fails over to the standby. */
  EXTERNAL_FAILOVER,
  /** {@link Fault.VcStalls}: a serving VC refuses connections for a while. */
  VC_STALLS,
  /** {@link Fault.ShowVersionBlocks}: {@code SHOW CLUSTER SETTING version} blocks. */
  SHOW_VERSION_BLOCKS,
  /** {@link Fault.LicenceThrottled}: a cluster refuses transactions beyond a few open ones. */
  LICENCE_THROTTLED,
  /** {@link Fault.ReaderStatementIgnored}: {@code SET REPLICATION READ VIRTUAL CLUSTER} does nothing. */
  READER_STATEMENT_IGNORED,
  /** A random port call failed with a transient error (before or after taking effect). */
  RANDOM_TRANSIENT_ERROR,
  /**
   * The connection of a running finalization or STOP SERVICE dropped: the port call failed, and
   * the statement stopped where it was ({@code InterruptedFinalization.STOPS}).
   */
  CONNECTION_DROPPED_STATEMENT_STOPS,
  /**
   * The connection of a running finalization or STOP SERVICE dropped: the port call failed, and
   * a finalization went on in the background ({@code InterruptedFinalization.CONTINUES}).
   */
  CONNECTION_DROPPED_STATEMENT_CONTINUES,
  /** A finalization statement that takes many minutes ran. */
  SLOW_FINALIZATION,
  /** A STOP SERVICE of the reader VC that takes minutes ran. */
  SLOW_STOP_SERVICE,
  /** An operator asked the library whether to fail back fast, after a failover, and obeyed it. */
  FAST_FAILBACK_ATTEMPT,
  /** The approval gate said "not now" before a point of no return. */
  APPROVAL_DENIED,
  /** The caller cancelled the run. */
  CANCELLED,
  /** The executor's process died at a port call; a new executor instance resumed. */
  EXECUTOR_CRASH,
  /** A second executor tried to run the same upgrade at the same time. */
  CONTENDING_EXECUTOR;

  /**
   * The kind of a simulation fault.
   *
   * @param f a fault the chaos generator can plan
   * @return the constant of its fault type
   * @throws IllegalArgumentException for a fault type the campaign does not generate
   */
  public static TroubleKind of(Fault f) {
    Objects.requireNonNull(f, "f");
    if (f instanceof Fault.NodeFailsToRestart) {
      return NODE_FAILS_TO_RESTART;
    } else if (f instanceof Fault.NodeRejoinsLate) {
      return NODE_REJOINS_LATE;
    } else if (f instanceof Fault.NodeDies) {
      return NODE_DIES;
    } else if (f instanceof Fault.TransientSqlErrors) {
      return TRANSIENT_SQL_ERRORS;
    } else if (f instanceof Fault.ReplicationStall) {
      return REPLICATION_STALL;
    } else if (f instanceof Fault.LagSpike) {
      return LAG_SPIKE;
    } else if (f instanceof Fault.ExternalFinalization) {
      return EXTERNAL_FINALIZATION;
    } else if (f instanceof Fault.ExternalReenablesAutoUpgrade) {
      return EXTERNAL_REENABLES_AUTO_UPGRADE;
    } else if (f instanceof Fault.ExternalFailover) {
      return EXTERNAL_FAILOVER;
    } else if (f instanceof Fault.VcStalls) {
      return VC_STALLS;
    } else if (f instanceof Fault.ShowVersionBlocks) {
      return SHOW_VERSION_BLOCKS;
    } else if (f instanceof Fault.LicenceThrottled) {
      return LICENCE_THROTTLED;
    } else if (f instanceof Fault.ReaderStatementIgnored) {
      return READER_STATEMENT_IGNORED;
    }
    throw new IllegalArgumentException("a fault kind the campaign does not know: " + f);
  }
}
