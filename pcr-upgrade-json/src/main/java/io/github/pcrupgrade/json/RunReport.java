package io.github.pcrupgrade.json;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.exec.HaltReason;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.rules.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The run report, schema version {@value #SCHEMA_VERSION} ({@code docs/run-report.md}): how a run
 * of {@code apply} or {@code simulate} ended.
 *
 * @param schemaVersion the document's schema version
 * @param runId the run's id
 * @param status how the run ended
 * @param haltReason why it halted, exactly when HALTED
 * @param message what happened and what to do next
 * @param stepsDone steps done
 * @param stepsTotal steps in the plan
 * @param took how long the run took (virtual time for simulate)
 * @param violations violations behind a halt
 * @param monitorViolations for simulate: what the invariant monitor recorded (must be empty)
 */
public record RunReport(int schemaVersion, String runId, RunStatus status,
    Optional<HaltReason> haltReason, String message, int stepsDone, int stepsTotal, Duration took,
    List<Violation> violations, List<String> monitorViolations) {

  /** The schema version this class writes. */
  public static final int SCHEMA_VERSION = 1;

  /**
   * Checks that the components are present and agree; a {@code null} {@code violations} or
   * {@code monitorViolations} reads as empty.
   *
   * @param schemaVersion the document's schema version
   * @param runId the run's id
   * @param status how the run ended
   * @param haltReason why it halted; present exactly when {@code status} is HALTED
   * @param message what happened and what to do next
   * @param stepsDone steps done, 0 to {@code stepsTotal}
   * @param stepsTotal steps in the plan
   * @param took how long the run took
   * @param violations the violations behind a halt
   * @param monitorViolations what the testkit's invariant monitor recorded; empty outside the
   *     simulation
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when {@code haltReason} is given for a
   *     status other than HALTED or missing for HALTED, or {@code stepsDone} is not between 0 and
   *     {@code stepsTotal}; {@link JsonDocuments#read} reports it as {@code MALFORMED_DOCUMENT}
   */
  public RunReport {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(haltReason, "haltReason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(took, "took");
    violations = violations == null ? List.of() : List.copyOf(violations);
    monitorViolations = monitorViolations == null ? List.of() : List.copyOf(monitorViolations);
    if (haltReason.isPresent() != (status == RunStatus.HALTED)) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "\"haltReason\" is given exactly when \"status\" is HALTED,"
          + " got status " + status + (haltReason.isPresent() ? " with" : " without")
          + " a haltReason");
    }
    if (stepsDone < 0 || stepsDone > stepsTotal) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "\"stepsDone\" is between 0 and \"stepsTotal\", got "
          + stepsDone + " of " + stepsTotal);
    }
  }

  /**
   * The report of a run, at schema version {@value #SCHEMA_VERSION}.
   *
   * @param r how the executor's run ended
   * @param monitorViolations what the testkit's invariant monitor recorded during a simulated
   *     run; empty outside the simulation
   * @return the document {@code simulate --format json} prints ({@code apply} prints it on one
   *     line)
   */
  public static RunReport of(RunResult r, List<String> monitorViolations) {
    Objects.requireNonNull(r, "r");
    Objects.requireNonNull(monitorViolations, "monitorViolations");
    return new RunReport(SCHEMA_VERSION, r.runId(), r.status(), r.haltReason(), r.message(),
        r.progress().done(), r.progress().total(), r.took(), r.violations(), monitorViolations);
  }
}
