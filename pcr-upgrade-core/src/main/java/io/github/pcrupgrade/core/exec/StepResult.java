package io.github.pcrupgrade.core.exec;

import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.spi.Lease;
import java.util.Objects;

/**
 * What {@link StepApi#act} did.
 *
 * @param step the step acted on, as the fresh plan gives it
 * @param outcome what was done
 * @param lease the lease as renewed by the call: pass it to the next call
 */
public record StepResult(PlanStep step, StepOutcome outcome, Lease lease) {
  /**
   * Checks that no component is null.
   *
   * @param step the step acted on, as the fresh plan gives it
   * @param outcome what was done
   * @param lease the lease as renewed by the call: pass it to the next call
   * @throws NullPointerException naming the component that is null
   */
  public StepResult {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(lease, "lease");
  }
}
