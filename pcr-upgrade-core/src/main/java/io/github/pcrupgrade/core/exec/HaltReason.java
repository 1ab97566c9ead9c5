package io.github.pcrupgrade.core.exec;

/** Why a run halted. Each constant says what to do next ({@link #whatToDo()}). */
public enum HaltReason {
  /** A data-safety invariant is broken; the message names the rule. Fix the deployment first. */
  INVARIANT_VIOLATED("fix the deployment as each violation's remediation says; nothing more was"
      + " done, and a rerun checks again before acting"),
  /** The plan cannot be made from this state (target, snapshot); see the violations. */
  PLAN_REFUSED("fix what the violations name (or choose another target), then run again"),
  /** A step's precondition does not hold (health gate, versions); wait or fix, then rerun. */
  PRECONDITION_NOT_MET("bring back what is named (the node, the ranges, the replication lag) or"
      + " wait for it, then run again to resume; nothing was done for this step"),
  /** A wait exceeded its timeout; the message says what was awaited. Investigate, then rerun. */
  TIMEOUT("find out why it did not happen (the named node's or VC's logs and jobs), fix it,"
      + " then run again to resume; a step found done is skipped"),
  /** A port failed (SQL, node upgrader, journal); the cause is attached. Fix it, then rerun. */
  PORT_FAILURE("fix the cause shown (connectivity, the node upgrader, the journal), then run"
      + " again to resume; a step found done or under way is not repeated"),
  /** Another executor holds the deployment's lease; wait for it or for the lease to expire. */
  LEASE_HELD("wait until the other executor finishes or its lease expires, then run again;"
      + " nothing was done"),
  /** This executor lost its lease (expired or taken over); it stopped before acting. */
  LEASE_LOST("make sure no other executor is acting on the deployment, then run again to"
      + " re-plan from a fresh inspection"),
  /**
   * The deployment changed in a way the plan did not expect (an external actor finalized, failed
   * over, or re-enabled auto-upgrade); the message says what changed. Rerun to re-plan.
   */
  STATE_DIVERGED("find out who changed the deployment, then run again to re-plan from the"
      + " current state"),
  /**
   * The topology the run planned for changed (a failover, a cluster URL now reaching another
   * cluster, a VC re-created or a node added by someone else); the message names what changed.
   * The run stopped before its next action and judged nothing done across the change.
   */
  TOPOLOGY_CHANGED("find out what changed the topology (a failover? another cluster behind the"
      + " URL?), make sure the primary and standby are given as they now are, then run again to"
      + " plan from the new topology; the pinned settings stay pinned until then");

  private final String whatToDo;

  HaltReason(String whatToDo) {
    this.whatToDo = whatToDo;
  }

  /**
   * What an operator should do next, as a sentence fragment (the halt message ends with it).
   *
   * @return the fragment, lower case, without a final full stop
   */
  public String whatToDo() {
    return whatToDo;
  }
}
