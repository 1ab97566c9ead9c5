package io.github.pcrupgrade.core.plan;

/** Whether one cluster can be rolled back, and why not. */
public enum RollbackVerdict {
  /** Some nodes run a newer series than the system VC, which has not begun finalizing: planned. */
  ROLL_BACK,
  /** No node runs a newer series than the system VC: there is no unfinished upgrade to undo. */
  NOTHING_TO_ROLL_BACK,
  /**
   * The system VC has begun (or finished) finalizing: the cluster can no longer be rolled back;
   * only a restore from a backup into a cluster on the previous version goes back.
   */
  FINALIZATION_BEGUN,
  /**
   * Rolling this cluster (the standby) back would leave it behind the primary, which cannot be
   * rolled back: replication would carry a newer VC into an older cluster.
   */
  BLOCKED_BY_OTHER_CLUSTER
}
