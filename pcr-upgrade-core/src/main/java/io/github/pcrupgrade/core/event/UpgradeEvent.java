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

  /**
   * The run this event belongs to.
   *
   * @return the run's id, the same in every event of one run and in its {@code RunResult}
   */
  String runId();

  /**
   * When it happened, on the executor's clock.
   *
   * @return the instant, from the executor's {@code Scheduler} clock (virtual time in the testkit)
   */
  Instant at();

  /**
   * Steps done of the total.
   *
   * @return the progress at the moment of the event
   */
  Progress progress();

  /**
   * A run began: the plan to run and its size. Emitted once per run, after the plan was made
   * (and, when it has steps, the lease taken), before the first step; a run with nothing to do
   * emits it and then {@link Completed}.
   *
   * @param runId the run it belongs to
   * @param at when it happened, on the executor's clock
   * @param progress steps done of the plan's total at that moment
   * @param deploymentId the deployment the run acts on
   * @param planId a short id of the plan's step ids (the one journaled with each record)
   * @param summary what the run does and how many steps, one line
   */
  record RunStarted(String runId, Instant at, Progress progress, String deploymentId,
      String planId, String summary) implements UpgradeEvent {
    /**
     * Checks that no component is null.
     *
     * @param runId the run it belongs to
     * @param at when it happened, on the executor's clock
     * @param progress steps done of the plan's total at that moment
     * @param deploymentId the deployment the run acts on
     * @param planId a short id of the plan's step ids (the one journaled with each record)
     * @param summary what the run does and how many steps, one line
     * @throws NullPointerException naming the component that is null
     */
    public RunStarted {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(deploymentId, "deploymentId");
      Objects.requireNonNull(planId, "planId");
      Objects.requireNonNull(summary, "summary");
    }
  }

  /**
   * A step is about to act: its precondition held (and the approval gate said yes, when asked)
   * and the lease was renewed. The action is sent right after, unless an earlier run's action is
   * found under way; then the run only waits for it.
   *
   * @param runId the run it belongs to
   * @param at when it happened, on the executor's clock
   * @param progress steps done of the plan's total at that moment
   * @param step the step it is about
   */
  record StepStarted(String runId, Instant at, Progress progress, StepRef step)
      implements UpgradeEvent {
    /**
     * Checks that no component is null.
     *
     * @param runId the run it belongs to
     * @param at when it happened, on the executor's clock
     * @param progress steps done of the plan's total at that moment
     * @param step the step it is about
     * @throws NullPointerException naming the component that is null
     */
    public StepStarted {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(step, "step");
    }
  }

  /**
   * A step's done-condition already held; it was skipped, nothing sent.
   *
   * @param runId the run it belongs to
   * @param at when it happened, on the executor's clock
   * @param progress steps done of the plan's total at that moment
   * @param step the step it is about
   */
  record StepAlreadyDone(String runId, Instant at, Progress progress, StepRef step)
      implements UpgradeEvent {
    /**
     * Checks that no component is null.
     *
     * @param runId the run it belongs to
     * @param at when it happened, on the executor's clock
     * @param progress steps done of the plan's total at that moment
     * @param step the step it is about
     * @throws NullPointerException naming the component that is null
     */
    public StepAlreadyDone {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(step, "step");
    }
  }

  /**
   * The run waits for something (a node to rejoin, a finalization, replication, the health gate,
   * a reader VC to answer, the pause between restarts). Emitted on every poll of a wait that
   * found it not over yet (once for the pause between restarts), so a listener sees how long it
   * has waited.
   *
   * @param runId the run it belongs to
   * @param at when it happened, on the executor's clock
   * @param progress steps done of the plan's total at that moment
   * @param step the step it is about
   * @param awaiting what is awaited, in words (the condition, or the health problems seen)
   * @param waitedSoFar how long this wait has lasted; zero for the pause between restarts
   * @param timeout how long the wait may last before the run halts ({@code TIMEOUT} or
   *     {@code PRECONDITION_NOT_MET}); for the pause between restarts, its length
   */
  record Waiting(String runId, Instant at, Progress progress, StepRef step, String awaiting,
      Duration waitedSoFar, Duration timeout) implements UpgradeEvent {
    /**
     * Checks that no component is null.
     *
     * @param runId the run it belongs to
     * @param at when it happened, on the executor's clock
     * @param progress steps done of the plan's total at that moment
     * @param step the step it is about
     * @param awaiting what is awaited, in words (the condition, or the health problems seen)
     * @param waitedSoFar how long this wait has lasted; zero for the pause between restarts
     * @param timeout how long the wait may last before the run halts ({@code TIMEOUT} or
     *     {@code PRECONDITION_NOT_MET}); for the pause between restarts, its length
     * @throws NullPointerException naming the component that is null
     */
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

  /**
   * A step's done-condition was observed to hold (confirmed on a full inspection) and the step
   * was journaled done.
   *
   * @param runId the run it belongs to
   * @param at when it happened, on the executor's clock
   * @param progress steps done of the plan's total at that moment
   * @param step the step it is about
   * @param took from {@link StepStarted} to this moment; for a node restart or rollback it
   *     includes the pause that follows it ({@code settleTime})
   */
  record StepDone(String runId, Instant at, Progress progress, StepRef step, Duration took)
      implements UpgradeEvent {
    /**
     * Checks that no component is null.
     *
     * @param runId the run it belongs to
     * @param at when it happened, on the executor's clock
     * @param progress steps done of the plan's total at that moment
     * @param step the step it is about
     * @param took from {@link StepStarted} to this moment; for a node restart or rollback it
     *     includes the pause that follows it ({@code settleTime})
     * @throws NullPointerException naming the component that is null
     */
    public StepDone {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(took, "took");
    }
  }

  /**
   * The approval gate is asked before a point of no return (only with
   * {@code ExecutorOptions.requireApproval}).
   *
   * @param runId the run it belongs to
   * @param at when it happened, on the executor's clock
   * @param progress steps done of the plan's total at that moment
   * @param step the step it is about
   */
  record ApprovalRequested(String runId, Instant at, Progress progress, StepRef step)
      implements UpgradeEvent {
    /**
     * Checks that no component is null.
     *
     * @param runId the run it belongs to
     * @param at when it happened, on the executor's clock
     * @param progress steps done of the plan's total at that moment
     * @param step the step it is about
     * @throws NullPointerException naming the component that is null
     */
    public ApprovalRequested {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(step, "step");
    }
  }

  /**
   * The run paused before a point of no return (approval not given now, or
   * {@code stopBeforeFinalization}); nothing was sent for the step. Running again resumes.
   *
   * @param runId the run it belongs to
   * @param at when it happened, on the executor's clock
   * @param progress steps done of the plan's total at that moment
   * @param step the step it is about
   * @param reason why it paused, one sentence
   */
  record Paused(String runId, Instant at, Progress progress, StepRef step, String reason)
      implements UpgradeEvent {
    /**
     * Checks that no component is null.
     *
     * @param runId the run it belongs to
     * @param at when it happened, on the executor's clock
     * @param progress steps done of the plan's total at that moment
     * @param step the step it is about
     * @param reason why it paused, one sentence
     * @throws NullPointerException naming the component that is null
     */
    public Paused {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The run halted with a diagnosis; the last event of the run.
   *
   * @param runId the run it belongs to
   * @param at when it happened, on the executor's clock
   * @param progress steps done of the plan's total at that moment
   * @param reason the {@code HaltReason}'s name, for example {@code TOPOLOGY_CHANGED}
   * @param message the diagnosis: what was seen, on which cluster, VC or node, ending with a
   *     {@code Next:} line saying what to do
   */
  record Halted(String runId, Instant at, Progress progress, String reason, String message)
      implements UpgradeEvent {
    /**
     * Checks that no component is null.
     *
     * @param runId the run it belongs to
     * @param at when it happened, on the executor's clock
     * @param progress steps done of the plan's total at that moment
     * @param reason the {@code HaltReason}'s name, for example {@code TOPOLOGY_CHANGED}
     * @param message the diagnosis: what was seen, on which cluster, VC or node, ending with a
     *     {@code Next:} line saying what to do
     * @throws NullPointerException naming the component that is null
     */
    public Halted {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The run was cancelled by its caller; the last event of the run.
   *
   * @param runId the run it belongs to
   * @param at when it happened, on the executor's clock
   * @param progress steps done of the plan's total at that moment
   */
  record Cancelled(String runId, Instant at, Progress progress) implements UpgradeEvent {
    /**
     * Checks that no component is null.
     *
     * @param runId the run it belongs to
     * @param at when it happened, on the executor's clock
     * @param progress steps done of the plan's total at that moment
     * @throws NullPointerException naming the component that is null
     */
    public Cancelled {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(progress, "progress");
    }
  }

  /**
   * The run reached the plan's target (settings restored); the last event of the run.
   *
   * @param runId the run it belongs to
   * @param at when it happened, on the executor's clock
   * @param progress steps done of the plan's total at that moment
   * @param took from the run's start to its end
   */
  record Completed(String runId, Instant at, Progress progress, Duration took)
      implements UpgradeEvent {
    /**
     * Checks that no component is null.
     *
     * @param runId the run it belongs to
     * @param at when it happened, on the executor's clock
     * @param progress steps done of the plan's total at that moment
     * @param took from the run's start to its end
     * @throws NullPointerException naming the component that is null
     */
    public Completed {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(took, "took");
    }
  }
}
