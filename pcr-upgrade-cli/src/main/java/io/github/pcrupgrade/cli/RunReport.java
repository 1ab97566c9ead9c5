package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.rules.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The run report of {@code apply} and {@code simulate} in JSON (schemaVersion 1, docs/run-report.md).
 *
 * @param schemaVersion always 1
 * @param runId the run's id
 * @param status COMPLETED, HALTED, PAUSED or CANCELLED
 * @param haltReason why it halted
 * @param message what happened and what to do next
 * @param stepsDone steps done
 * @param stepsTotal steps in the plan
 * @param took how long the run took (virtual time for simulate)
 * @param violations violations behind a halt
 * @param monitorViolations for simulate: what the invariant monitor recorded (must be empty)
 */
record RunReport(int schemaVersion, String runId, String status, Optional<String> haltReason,
    String message, int stepsDone, int stepsTotal, Duration took, List<Violation> violations,
    List<String> monitorViolations) {

  static RunReport of(RunResult r, List<String> monitorViolations) {
    return new RunReport(1, r.runId(), r.status().name(), r.haltReason().map(Enum::name),
        r.message(), r.progress().done(), r.progress().total(), r.took(), r.violations(),
        monitorViolations);
  }

  static ExitCode exitCode(RunResult r) {
    return switch (r.status()) {
      case COMPLETED -> ExitCode.OK;
      case HALTED -> ExitCode.HALTED;
      case PAUSED -> ExitCode.PAUSED;
      case CANCELLED -> ExitCode.CANCELLED;
    };
  }
}
