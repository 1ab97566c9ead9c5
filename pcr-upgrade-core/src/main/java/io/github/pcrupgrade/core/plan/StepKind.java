package io.github.pcrupgrade.core.plan;

/** What a plan step does. */
public enum StepKind {
  /** Set a finalization setting in one VC so the product cannot finalize on its own. */
  PIN_FINALIZATION,
  /**
   * {@code RESET CLUSTER SETTING cluster.preserve_downgrade_option} in one VC, right before
   * finalizing it (a set value makes finalization fail); with auto-upgrade on it lets the product
   * finalize at once, so it is then a point of no return.
   */
  UNPIN_FINALIZATION,
  /** Drain one node, swap its binary for the step's binary target, restart it (host's upgrader). */
  RESTART_NODE,
  /** {@code SET CLUSTER SETTING version = 'X.Y'} in one VC: the point of no return. */
  FINALIZE_VC,
  /**
   * Wait until the standby's replicated time passes the moment the primary's replicated VC
   * finished finalizing (so the standby's replicating VC really is at the new version).
   */
  AWAIT_REPLICATION,
  /** {@code ALTER VIRTUAL CLUSTER <reader> STOP SERVICE} on the standby. */
  STOP_READER,
  /** {@code DROP VIRTUAL CLUSTER <reader>} on the standby. */
  DROP_READER,
  /**
   * {@code ALTER VIRTUAL CLUSTER <replicating> SET REPLICATION READ VIRTUAL CLUSTER} on the
   * standby: re-creates {@code <replicating>-readonly} at the standby's version.
   */
  CREATE_READER,
  /** Wait until the new reader VC serves (data state ready, service shared). */
  AWAIT_READER_SERVING,
  /** Put one VC's finalization settings back to what was found before the upgrade began. */
  RESTORE_SETTINGS,
  /** Drain one node, put its previous binary back, restart it (rollback plans only). */
  ROLLBACK_NODE
}
