package io.github.pcrupgrade.core.exec;

import io.github.pcrupgrade.core.ErrorCode;

/**
 * Why the {@link StepApi} refused a call: the code of the {@code PcrUpgradeException} it throws.
 * Nothing was sent to any cluster when one of these is thrown (except {@link #OUTCOME_UNKNOWN},
 * whose call was sent and given up). A lease that is missing, expired or another's is refused
 * with the journal's {@code LEASE_LOST} (or {@code INVALID_ARGUMENT} for another deployment's),
 * a request the planner refuses with {@code PLAN_REFUSED}.
 */
public enum StepRefusal implements ErrorCode {
  /**
   * No plan of the current upgrade was made through {@link StepApi#plan}, so the original
   * settings and the topology were never recorded; call it first.
   */
  NOT_PLANNED,
  /** The step id is not in the plan the orchestrator passed; pass the plan the id came from. */
  NOT_IN_PLAN,
  /**
   * A fresh plan, made now from a new inspection with the journal's memory, does not contain the
   * step: it is done, or the deployment or the journal changed. Re-plan and take its first step.
   */
  NOT_IN_FRESH_PLAN,
  /**
   * The step's precondition, or before a restart or finalization the health gate, does not hold
   * now; the message names what. Wait, or fix it, then act again.
   */
  PRECONDITION_NOT_MET,
  /** A data-safety invariant is broken; the message names the rule. Fix the deployment first. */
  INVARIANT_VIOLATED,
  /**
   * The topology the upgrade was planned for changed (a failover, a URL now reaching another
   * cluster, a VC re-created, a node added); nothing is done or judged done across it. Find out
   * why; a new upgrade (after the current one is abandoned) plans from the new topology.
   */
  TOPOLOGY_CHANGED,
  /**
   * The step's port call ran past its bound (the step's timeout plus one poll interval) and was
   * abandoned; it may still complete. Observe the step, and act again only on a fresh plan.
   */
  OUTCOME_UNKNOWN
}
