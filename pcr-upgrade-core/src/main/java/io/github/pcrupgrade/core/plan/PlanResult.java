package io.github.pcrupgrade.core.plan;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.rules.Violation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of planning: a plan, or a refusal carrying the violations that prevent planning
 * (each with its remediation). Exactly one of the two is present.
 *
 * @param plan the plan, when one could be made
 * @param refusal the violations that prevent planning; empty when a plan was made
 */
public record PlanResult(Optional<UpgradePlan> plan, List<Violation> refusal) {

  /**
   * Copies the refusal and checks that exactly one of the two is present.
   *
   * @param plan not null; present exactly when {@code refusal} is empty
   * @param refusal not null
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for both or neither
   */
  public PlanResult {
    Objects.requireNonNull(refusal, "refusal");
    Objects.requireNonNull(plan, "plan");
    refusal = List.copyOf(refusal);
    if (plan.isPresent() == !refusal.isEmpty()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "a result is either a plan or a non-empty refusal");
    }
  }

  /**
   * A plan was made.
   *
   * @param plan the plan
   * @return a result holding it, with an empty refusal
   */
  public static PlanResult planned(UpgradePlan plan) {
    Objects.requireNonNull(plan, "plan");
    return new PlanResult(Optional.of(plan), List.of());
  }

  /**
   * No plan can be made.
   *
   * @param violations why, each with its remediation; at least one
   * @return a result without a plan
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for an empty list
   */
  public static PlanResult refused(List<Violation> violations) {
    Objects.requireNonNull(violations, "violations");
    return new PlanResult(Optional.empty(), violations);
  }

  /**
   * Whether a plan was made.
   *
   * @return true when {@link #plan()} is present (it may have no steps)
   */
  public boolean isPlanned() {
    return plan.isPresent();
  }

  /**
   * Whether planning was refused.
   *
   * @return true when {@link #refusal()} is not empty
   */
  public boolean isRefused() {
    return plan.isEmpty();
  }

  /**
   * The plan.
   *
   * @return the plan, when one was made
   * @throws PcrUpgradeException {@code PLAN_REFUSED}, listing every violation and its remediation
   */
  public UpgradePlan orThrow() {
    return plan.orElseThrow(() -> new PcrUpgradeException(CoreErrorCode.PLAN_REFUSED,
        "cannot plan the upgrade: " + refusal.stream().map(Violation::toString)
            .collect(Collectors.joining("; "))));
  }
}
