package io.github.pcrupgrade.core.exec;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.event.Progress;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.rules.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run ended. Expected stops (halts, pauses, cancellations) are results, never exceptions.
 * A halted, paused or cancelled run is resumed by running again with the same inputs.
 *
 * @param runId the run's id (as in events and the journal)
 * @param status how it ended
 * @param haltReason why it halted (present exactly when HALTED)
 * @param message one or more lines: what happened, naming cluster/VC/node, what was seen and what
 *     to do next
 * @param plan the plan the run started from (empty when planning was refused)
 * @param progress steps done of the plan's total
 * @param violations the violations behind an INVARIANT_VIOLATED or PLAN_REFUSED halt
 * @param took how long the run took on the executor's clock
 * @param cause the exception behind a PORT_FAILURE or LEASE halt, if any
 */
public record RunResult(
    String runId,
    RunStatus status,
    Optional<HaltReason> haltReason,
    String message,
    Optional<UpgradePlan> plan,
    Progress progress,
    List<Violation> violations,
    Duration took,
    Optional<Throwable> cause) {

  /**
   * Checks the components and copies {@code violations}.
   *
   * @param runId the run's id (as in events and the journal)
   * @param status how it ended
   * @param haltReason why it halted (present exactly when HALTED)
   * @param message one or more lines: what happened, naming cluster/VC/node, what was seen and what
   *     to do next
   * @param plan the plan the run started from (empty when planning was refused)
   * @param progress steps done of the plan's total
   * @param violations the violations behind an INVARIANT_VIOLATED or PLAN_REFUSED halt
   * @param took how long the run took on the executor's clock
   * @param cause the exception behind a PORT_FAILURE or LEASE halt, if any
   * @throws NullPointerException naming the component that is null
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when a halt reason is given for a run
   *     that did not halt, or is missing for one that did
   */
  public RunResult {
    Objects.requireNonNull(violations, "violations");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(haltReason, "haltReason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(progress, "progress");
    violations = List.copyOf(violations);
    Objects.requireNonNull(took, "took");
    Objects.requireNonNull(cause, "cause");
    if ((status == RunStatus.HALTED) != haltReason.isPresent()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "a halt reason is given exactly for HALTED runs");
    }
  }

  /**
   * Whether the run reached the target.
   *
   * @return true exactly when {@link #status()} is {@link RunStatus#COMPLETED}
   */
  public boolean isCompleted() {
    return status == RunStatus.COMPLETED;
  }

  @Override
  public String toString() {
    return status + haltReason.map(r -> " (" + r + ")").orElse("") + " at " + progress + ": "
        + message;
  }
}
