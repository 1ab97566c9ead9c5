package io.github.pcrupgrade.core.plan;

/** What a group of steps in a plan is. */
public enum HopKind {
  /** One direct major upgrade {@code from -> to}: a full PCR cycle ending finalized. */
  MAJOR,
  /**
   * The rest of a major upgrade whose finalizations are all done: waiting for replication,
   * re-creating the reader VC, restoring settings. Its {@code from} is no longer observable.
   */
  COMPLETION,
  /** Rolling restarts onto another patch of the same series: no pinning, no finalization. */
  PATCH,
  /** Rolling restarts back onto the previous binaries of one cluster (rollback plans only). */
  ROLLBACK
}
