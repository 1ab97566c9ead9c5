package io.github.pcrupgrade.core.exec;

/** What {@link StepApi#act} did. In every case, observe the step to learn when it is done. */
public enum StepOutcome {
  /** The step's statement or node upgrader call was sent and has returned. */
  SENT,
  /** The step is a wait (await replication, await the reader); nothing is sent for it. */
  NOTHING_TO_SEND,
  /**
   * The step's done-condition already holds: nothing was sent (a node step may still be coming
   * back; its observation says when it is).
   */
  ALREADY_DONE,
  /**
   * The step's action visibly took effect already (a finalization under way, a reader stopping
   * or dropped, a reader created): nothing was sent again, so acting twice is safe.
   */
  UNDER_WAY
}
