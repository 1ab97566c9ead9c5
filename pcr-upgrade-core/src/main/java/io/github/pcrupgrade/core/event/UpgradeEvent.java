package io.github.pcrupgrade.core.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What an executor run reports while it works. Every event is an immutable record carrying the
 * run id, the time on the executor's clock and the progress. Listeners receive them in order, on
 * the executor's thread.
 */
public sealed interface UpgradeEvent {

  /** The run this event belongs to. */
  String runId();

  /** When it happened, on the executor's clock. */
  Instant at();

  /** Steps done of the total. */
  Progress progress();

  /** A run began: the plan to run and its size. */
  record RunStarted(String runId, Instant at, Progress progress, String deploymentId,
      String planId, String summary) implements UpgradeEvent {
    public RunStarted {
      Objects.requireNonNull(summary, "summary");
    }
  }

  /** A step is about to act. */
  record StepStarted(String runId, Instant at, Progress progress, StepRef step)
      implements UpgradeEvent {}

  /** A step's done-condition already held; it was skipped. */
  record StepAlreadyDone(String runId, Instant at, Progress progress, StepRef step)
      implements UpgradeEvent {}

  /** The run waits for something (a node to rejoin, a finalization, replication). */
  record Waiting(String runId, Instant at, Progress progress, StepRef step, String awaiting,
      Duration waitedSoFar, Duration timeout) implements UpgradeEvent {}

  /** A step's done-condition was observed to hold. */
  record StepDone(String runId, Instant at, Progress progress, StepRef step, Duration took)
      implements UpgradeEvent {}

  /** The approval gate is asked before a point of no return. */
  record ApprovalRequested(String runId, Instant at, Progress progress, StepRef step)
      implements UpgradeEvent {}

  /** The run paused (approval not given now, or stop-before-finalization). */
  record Paused(String runId, Instant at, Progress progress, StepRef step, String reason)
      implements UpgradeEvent {}

  /** The run halted with a diagnosis. */
  record Halted(String runId, Instant at, Progress progress, String reason, String message)
      implements UpgradeEvent {}

  /** The run was cancelled by its caller. */
  record Cancelled(String runId, Instant at, Progress progress) implements UpgradeEvent {}

  /** The run reached the plan's target. */
  record Completed(String runId, Instant at, Progress progress, Duration took)
      implements UpgradeEvent {}
}
