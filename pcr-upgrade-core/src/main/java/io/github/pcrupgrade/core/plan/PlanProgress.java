package io.github.pcrupgrade.core.plan;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How much of a plan's expected duration remains, from its steps' estimates: what a progress
 * display needs for an ETA. Pure and immutable; the caller brings the time (the executor's clock,
 * as carried by its events), so an ETA in virtual time is as exact as one in real time.
 */
public final class PlanProgress {

  private final List<String> ids;
  private final Map<String, Integer> index;
  /** {@code after[i]}: the sum of the estimates of steps i..n-1; {@code after[n]} is zero. */
  private final Duration[] after;
  private final boolean estimated;

  private PlanProgress(UpgradePlan plan) {
    List<PlanStep> steps = plan.steps();
    this.ids = steps.stream().map(PlanStep::id).toList();
    this.index = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      index.putIfAbsent(ids.get(i), i);
    }
    this.estimated = plan.estimatedDuration().isPresent();
    this.after = new Duration[steps.size() + 1];
    after[steps.size()] = Duration.ZERO;
    for (int i = steps.size() - 1; i >= 0; i--) {
      after[i] = after[i + 1].plus(steps.get(i).estimate().orElse(Duration.ZERO));
    }
  }

  /**
   * The progress of {@code plan}.
   *
   * @param plan the plan being run, with its estimates
   * @return the progress calculator; it holds the step ids and sums, not the plan
   */
  public static PlanProgress of(UpgradePlan plan) {
    return new PlanProgress(Objects.requireNonNull(plan, "plan"));
  }

  /**
   * The plan's expected duration.
   *
   * @return the sum of the steps' estimates, as {@link UpgradePlan#estimatedDuration()}; empty
   *     when a step has no estimate
   */
  public Optional<Duration> total() {
    return estimated ? Optional.of(after[0]) : Optional.empty();
  }

  /**
   * What remains while step {@code stepId} has been under way for {@code inStep}: the estimates of
   * the steps after it, plus what is left of its own (never less than zero: a step over its
   * estimate is taken to end now). A step id the plan lacks (the run re-planned into other steps)
   * is placed by {@code done}, the steps the run counts as done of its own total {@code total}:
   * the last {@code total - done} steps of this plan remain, the first of them under way.
   *
   * @param stepId the id of the step under way
   * @param inStep how long it has been under way
   * @param done how many steps the run counts as done (used only when the plan lacks
   *     {@code stepId})
   * @param total how many steps the run counts in all (used only when the plan lacks
   *     {@code stepId})
   * @return the expected remaining time, zero or more; empty when the plan has no estimates
   */
  public Optional<Duration> remaining(String stepId, Duration inStep, int done, int total) {
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(inStep, "inStep");
    if (!estimated) {
      return Optional.empty();
    }
    Integer at = index.get(stepId);
    int i = at != null ? at : Math.max(0, Math.min(ids.size(), ids.size() - (total - done)));
    if (i >= ids.size()) {
      return Optional.of(Duration.ZERO);
    }
    Duration own = after[i].minus(after[i + 1]).minus(inStep);
    return Optional.of(after[i + 1].plus(own.isNegative() ? Duration.ZERO : own));
  }

  /**
   * What remains once {@code done} of {@code total} steps are done and none is under way: the
   * estimates of the last {@code total - done} steps of the plan.
   *
   * @param done how many steps the run counts as done
   * @param total how many steps the run counts in all; {@code total - done} is clamped to the
   *     plan's step count and to zero
   * @return the expected remaining time, zero or more; empty when the plan has no estimates
   */
  public Optional<Duration> remainingAfter(int done, int total) {
    if (!estimated) {
      return Optional.empty();
    }
    int left = Math.max(0, Math.min(ids.size(), total - done));
    return Optional.of(after[ids.size() - left]);
  }
}
