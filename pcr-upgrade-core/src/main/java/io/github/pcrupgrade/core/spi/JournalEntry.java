package io.github.pcrupgrade.core.spi;

import java.util.Objects;

/**
 * A record to append to the journal. The journal stamps it with its own time and sequence.
 *
 * @param deploymentId the deployment the record is about
 * @param runId the run (one executor invocation) that wrote it
 * @param planId the plan being run
 * @param stepId the step, or empty for run-level events
 * @param event what happened
 * @param detail a one-line human-readable detail; never contains credentials
 */
public record JournalEntry(
    String deploymentId, String runId, String planId, String stepId, JournalEvent event,
    String detail) {

  /**
   * Checks that no component is null (a run-level entry has an empty {@code stepId}).
   *
   * @param deploymentId the deployment the record is about
   * @param runId the run (one executor invocation) that wrote it
   * @param planId the plan being run
   * @param stepId the step, or empty for run-level events
   * @param event what happened
   * @param detail a one-line human-readable detail; never contains credentials
   * @throws NullPointerException naming the component that is null
   */
  public JournalEntry {
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(planId, "planId");
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(detail, "detail");
  }
}
