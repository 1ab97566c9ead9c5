package io.github.pcrupgrade.core.exec;

/** Why a run halted. Each constant says what to do next. */
public enum HaltReason {
  /** A data-safety invariant is broken; the message names the rule. Fix the deployment first. */
  INVARIANT_VIOLATED,
  /** The plan cannot be made from this state (target, snapshot); see the violations. */
  PLAN_REFUSED,
  /** A step's precondition does not hold (health gate, versions); wait or fix, then rerun. */
  PRECONDITION_NOT_MET,
  /** A wait exceeded its timeout; the message says what was awaited. Investigate, then rerun. */
  TIMEOUT,
  /** A port failed (SQL, node upgrader, journal); the cause is attached. Fix it, then rerun. */
  PORT_FAILURE,
  /** Another executor holds the deployment's lease; wait for it or for the lease to expire. */
  LEASE_HELD,
  /** This executor lost its lease (expired or taken over); it stopped before acting. */
  LEASE_LOST,
  /**
   * The deployment changed in a way the plan did not expect (an external actor finalized, failed
   * over, or re-enabled auto-upgrade); the message says what changed. Rerun to re-plan.
   */
  STATE_DIVERGED
}
