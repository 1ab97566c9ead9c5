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
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(deploymentId, "deploymentId");
      Objects.requireNonNull(planId, "planId");
      Objects.requireNonNull(summary, "summary");
    }
  }

  /** A step is about to act. */
  record StepStarted(String runId, Instant at, Progress progress, StepRef step)
      implements UpgradeEvent {
    /** Checks that no component is null. */
    public StepStarted {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(step, "step");
    }
  }

  /** A step's done-condition already held; it was skipped. */
  record StepAlreadyDone(String runId, Instant at, Progress progress, StepRef step)
      implements UpgradeEvent {
    /** Checks that no component is null. */
    public StepAlreadyDone {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(step, "step");
    }
  }

  /** The run waits for something (a node to rejoin, a finalization, replication). */
  record Waiting(String runId, Instant at, Progress progress, StepRef step, String awaiting,
      Duration waitedSoFar, Duration timeout) implements UpgradeEvent {
    /** Checks that no component is null. */
    public Waiting {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(awaiting, "awaiting");
      Objects.requireNonNull(waitedSoFar, "waitedSoFar");
      Objects.requireNonNull(timeout, "timeout");
    }
  }

  /** A step's done-condition was observed to hold. */
  record StepDone(String runId, Instant at, Progress progress, StepRef step, Duration took)
      implements UpgradeEvent {
    /** Checks that no component is null. */
    public StepDone {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(took, "took");
    }
  }

  /** The approval gate is asked before a point of no return. */
  record ApprovalRequested(String runId, Instant at, Progress progress, StepRef step)
      implements UpgradeEvent {
    /** Checks that no component is null. */
    public ApprovalRequested {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(step, "step");
    }
  }

  /** The run paused (approval not given now, or stop-before-finalization). */
  record Paused(String runId, Instant at, Progress progress, StepRef step, String reason)
      implements UpgradeEvent {
    /** Checks that no component is null. */
    public Paused {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The run halted with a diagnosis. */
  record Halted(String runId, Instant at, Progress progress, String reason, String message)
      implements UpgradeEvent {
    /** Checks that no component is null. */
    public Halted {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  /** The run was cancelled by its caller. */
  record Cancelled(String runId, Instant at, Progress progress) implements UpgradeEvent {
    /** Checks that no component is null. */
    public Cancelled {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(progress, "progress");
    }
  }

  /** The run reached the plan's target. */
  record Completed(String runId, Instant at, Progress progress, Duration took)
      implements UpgradeEvent {
    /** Checks that no component is null. */
    public Completed {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(took, "took");
    }
  }
}
