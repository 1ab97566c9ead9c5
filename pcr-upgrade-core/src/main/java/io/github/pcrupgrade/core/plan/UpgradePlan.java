package io.github.pcrupgrade.core.plan;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.rules.Severity;
import io.github.pcrupgrade.core.rules.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An immutable upgrade plan: hops of steps in the order they must run, plus what the rules found
 * without refusing the plan (errors and warnings, kept apart by severity; the executor's health
 * gate acts on them) and notes for the operator. An empty plan means the deployment is already at
 * the target.
 *
 * <p>A non-refusing error is a {@link Severity#ERROR} violation whose rule does not stop planning,
 * for example {@code MIXED_BINARIES} while a rolling restart is under way: the plan continues from
 * it, and the executor's health gate halts while it holds.
 *
 * @param target what the plan upgrades to
 * @param hops the hops, in order
 * @param errors violations of severity {@link Severity#ERROR} that did not refuse the plan
 * @param warnings violations of severity {@link Severity#WARNING}; never an error
 * @param notes what an operator should know (choices made, failback, reader VC)
 */
public record UpgradePlan(BinaryTarget target, List<Hop> hops, List<Violation> errors,
    List<Violation> warnings, List<String> notes) {

  /**
   * Checks and copies the components.
   *
   * @param target not null
   * @param hops not null; empty for a deployment already at the target
   * @param errors not null; only {@link Severity#ERROR} violations
   * @param warnings not null; only {@link Severity#WARNING} violations
   * @param notes not null; may be empty
   * @throws NullPointerException naming the component when one is null
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when {@code errors} holds a warning or
   *     {@code warnings} an error
   */
  public UpgradePlan {
    Objects.requireNonNull(target, "target");
    hops = List.copyOf(Objects.requireNonNull(hops, "hops"));
    errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
    warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
    notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
    for (Violation v : errors) {
      if (!v.isError()) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, "errors holds a "
            + v.severity() + " violation (" + v.code() + "); put it in warnings");
      }
    }
    for (Violation v : warnings) {
      if (v.isError()) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, "warnings holds an ERROR"
            + " violation (" + v.code() + "); put it in errors");
      }
    }
  }

  /**
   * A plan whose non-refusing findings are split by severity into {@link #errors()} and
   * {@link #warnings()}, each keeping the order of {@code findings}.
   *
   * @param target what the plan upgrades to
   * @param hops the hops, in order
   * @param findings violations that did not refuse the plan, of either severity
   * @param notes what an operator should know
   * @throws NullPointerException naming the component when one is null
   */
  public UpgradePlan(BinaryTarget target, List<Hop> hops, List<Violation> findings,
      List<String> notes) {
    this(target, hops,
        Objects.requireNonNull(findings, "findings").stream().filter(Violation::isError).toList(),
        findings.stream().filter(v -> !v.isError()).toList(), notes);
  }

  /**
   * The errors, then the warnings: everything the rules found without refusing the plan.
   *
   * @return the errors followed by the warnings
   */
  public List<Violation> findings() {
    return Stream.concat(errors.stream(), warnings.stream()).toList();
  }

  /**
   * Every step, in order.
   *
   * @return an immutable list of the hops' steps, concatenated; empty when nothing remains
   */
  public List<PlanStep> steps() {
    return hops.stream().flatMap(h -> h.steps().stream()).toList();
  }

  /**
   * The step ids, in order.
   *
   * @return an immutable list of the ids of {@link #steps()}
   */
  public List<String> stepIds() {
    return hops.stream().flatMap(h -> h.steps().stream()).map(PlanStep::id).toList();
  }

  /**
   * The step with this id.
   *
   * @param id a step id, such as {@code 25.2:standby:restart:n3}; compared exactly
   * @return the step; empty when the plan does not have it (not planned, or already done when the
   *     plan was made)
   */
  public Optional<PlanStep> step(String id) {
    Objects.requireNonNull(id, "id");
    return hops.stream().flatMap(h -> h.steps().stream()).filter(s -> s.id().equals(id))
        .findFirst();
  }

  /**
   * How long the plan is expected to take: the sum of its steps' estimates; empty when a step has
   * none (the plan was made without {@link StepEstimates}). Zero for an empty plan.
   *
   * @return the total; empty when a step has no estimate
   */
  public Optional<Duration> estimatedDuration() {
    Duration total = Duration.ZERO;
    for (Hop h : hops) {
      for (PlanStep s : h.steps()) {
        if (s.estimate().isEmpty()) {
          return Optional.empty();
        }
        total = total.plus(s.estimate().get());
      }
    }
    return Optional.of(total);
  }

  /**
   * Whether nothing remains to be done: the deployment is at the target.
   *
   * @return true when no hop has a step
   */
  public boolean isEmpty() {
    return hops.stream().allMatch(h -> h.steps().isEmpty());
  }

  /**
   * The plan as a numbered text tree.
   *
   * @return {@link PlanRendering#text PlanRendering.text(this)}
   */
  public String toText() {
    return PlanRendering.text(this);
  }

  /**
   * The plan as a Mermaid flowchart.
   *
   * @return {@link PlanRendering#mermaid PlanRendering.mermaid(this)}
   */
  public String toMermaid() {
    return PlanRendering.mermaid(this);
  }
}
