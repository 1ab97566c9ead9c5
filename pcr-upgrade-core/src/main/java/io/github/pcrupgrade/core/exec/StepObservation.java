package io.github.pcrupgrade.core.exec;

import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.spi.Lease;
import java.util.Objects;

/**
 * Whether a step is done now ({@link StepApi#observe}).
 *
 * @param step the step observed
 * @param done true when its done-condition holds now (and, for a node step, the node is live and
 *     not draining)
 * @param awaited what is still awaited, in words; empty when done
 * @param lease the lease as renewed by the call: pass it to the next call
 */
public record StepObservation(PlanStep step, boolean done, String awaited, Lease lease) {
  /**
   * Checks that no component is null.
   *
   * @param step the step observed
   * @param done true when its done-condition holds now (and, for a node step, the node is live and
   *     not draining)
   * @param awaited what is still awaited, in words; empty when done
   * @param lease the lease as renewed by the call: pass it to the next call
   * @throws NullPointerException naming the component that is null
   */
  public StepObservation {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(awaited, "awaited");
    Objects.requireNonNull(lease, "lease");
  }
}
