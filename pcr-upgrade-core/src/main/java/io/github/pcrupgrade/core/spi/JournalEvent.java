package io.github.pcrupgrade.core.spi;

/** What a journal record says happened. */
public enum JournalEvent {
  /** A run began (the detail names the plan and target). */
  RUN_STARTED,
  /** A step's action is about to be sent through a port. */
  STEP_STARTED,
  /** A step was found already done and skipped. */
  STEP_ALREADY_DONE,
  /** A step's done-condition was observed to hold. */
  STEP_DONE,
  /** The run stopped before a point of no return, waiting for approval or by option. */
  RUN_PAUSED,
  /** The run halted; the detail is the diagnosis. */
  RUN_HALTED,
  /** The run was cancelled by its caller. */
  RUN_CANCELLED,
  /**
   * A port call was abandoned while still in flight (a cancellation past its grace, a lost
   * lease, a call past its bound): what it did is unknown; the next run judges the step from the
   * deployment. The detail names the call.
   */
  STEP_OUTCOME_UNKNOWN,
  /** The run reached the target. */
  RUN_COMPLETED,
  /**
   * Something a successor must know (the settings found before the upgrade, the moment a
   * finalization was first observed); the detail holds the fact in the executor's format.
   */
  FACT,
  /**
   * A lease whose holder was proven gone (a dead process on the same host) was taken over before
   * its expiry; the detail names the old holder and the proof.
   */
  LEASE_TAKEN_OVER,
  /** An operator broke the lease ({@code pcr-upgrade lease break}); the detail names both. */
  LEASE_BROKEN
}
