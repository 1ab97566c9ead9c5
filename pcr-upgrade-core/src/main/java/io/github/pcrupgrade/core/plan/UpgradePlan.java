package io.github.pcrupgrade.core.plan;

import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.rules.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable upgrade plan: hops of steps in the order they must run, plus the warnings the
 * rules found (they did not prevent planning; the executor's health gate acts on them) and notes
 * for the operator. An empty plan means the deployment is already at the target.
 *
 * @param target what the plan upgrades to
 * @param hops the hops, in order
 * @param warnings violations that did not refuse the plan
 * @param notes what an operator should know (choices made, failback, reader VC)
 */
public record UpgradePlan(
    BinaryTarget target, List<Hop> hops, List<Violation> warnings, List<String> notes) {

  public UpgradePlan {
    Objects.requireNonNull(target, "target");
    hops = List.copyOf(hops);
    warnings = List.copyOf(warnings);
    notes = List.copyOf(notes);
  }

  /** Every step, in order. */
  public List<PlanStep> steps() {
    return hops.stream().flatMap(h -> h.steps().stream()).toList();
  }

  /** The step ids, in order. */
  public List<String> stepIds() {
    return hops.stream().flatMap(h -> h.steps().stream()).map(PlanStep::id).toList();
  }

  /** The step with this id, if the plan has it. */
  public Optional<PlanStep> step(String id) {
    return hops.stream().flatMap(h -> h.steps().stream()).filter(s -> s.id().equals(id))
        .findFirst();
  }

  /**
   * How long the plan is expected to take: the sum of its steps' estimates; empty when a step has
   * none (the plan was made without {@link StepEstimates}). Zero for an empty plan.
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

  /** True when nothing remains to be done. */
  public boolean isEmpty() {
    return hops.stream().allMatch(h -> h.steps().isEmpty());
  }

  /** The plan as a numbered text tree ({@link PlanRendering#text}). */
  public String toText() {
    return PlanRendering.text(this);
  }

  /** The plan as a Mermaid flowchart ({@link PlanRendering#mermaid}). */
  public String toMermaid() {
    return PlanRendering.mermaid(this);
  }
}
