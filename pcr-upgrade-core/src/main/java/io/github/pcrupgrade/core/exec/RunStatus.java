package io.github.pcrupgrade.core.exec;

/** How an executor run ended. A run never ends with an exception for an expected stop. */
public enum RunStatus {
  /** Every step is done: the deployment is at the target, settings restored. */
  COMPLETED,
  /** Stopped with a diagnosis ({@link HaltReason}); fix what it says, then run again to resume. */
  HALTED,
  /** Stopped before a point of no return (approval not given now, or by option); run again. */
  PAUSED,
  /** The caller cancelled (interrupt or cancel handle); run again to resume. */
  CANCELLED
}
