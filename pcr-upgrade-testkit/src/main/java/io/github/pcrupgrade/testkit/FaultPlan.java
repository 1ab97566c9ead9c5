package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The faults a simulated deployment suffers: explicit ones, each with its {@link Trigger}, and
 * random ones drawn from the deployment's seed (so a seed reproduces them exactly). Immutable.
 *
 * @param planned the explicit faults, in the order given
 * @param transientErrorProbability the probability, per port call, of a random transient SQL error
 *     (0 for none)
 * @param randomFaults how many random faults (node deaths, late rejoins, stalls, lag spikes) to
 *     draw from the seed
 * @param randomWindow the virtual time window, from the start, in which random faults fire
 */
public record FaultPlan(
    List<Planned> planned, double transientErrorProbability, int randomFaults,
    Duration randomWindow) {

  /**
   * One explicit fault and when it fires.
   *
   * @param trigger when the fault is applied
   * @param fault what goes wrong
   */
  public record Planned(Trigger trigger, Fault fault) {
    /**
     * Checks that no component is null.
     *
     * @param trigger when the fault is applied
     * @param fault what goes wrong
     * @throws NullPointerException if either is null
     */
    public Planned {
      Objects.requireNonNull(trigger, "trigger");
      Objects.requireNonNull(fault, "fault");
    }
  }

  /**
   * Copies the planned faults and checks the numbers.
   *
   * @param planned the explicit faults
   * @param transientErrorProbability the per-call probability of a random transient error
   * @param randomFaults how many random faults to draw
   * @param randomWindow the window in which random faults fire
   * @throws NullPointerException if {@code planned} (or one of its faults) or {@code
   *     randomWindow} is null
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if the probability is outside [0, 1] or
   *     {@code randomFaults} is negative
   */
  public FaultPlan {
    Objects.requireNonNull(planned, "planned");
    planned = List.copyOf(planned);
    Objects.requireNonNull(randomWindow, "randomWindow");
    if (transientErrorProbability < 0 || transientErrorProbability > 1) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "transientErrorProbability must be within [0, 1], got " + transientErrorProbability);
    }
    if (randomFaults < 0) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "randomFaults must not be negative");
    }
  }

  /**
   * No faults at all (the default).
   *
   * @return an empty plan
   */
  public static FaultPlan none() {
    return new FaultPlan(List.of(), 0, 0, Duration.ZERO);
  }

  /**
   * A builder of an empty plan.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * True when the plan injects nothing.
   *
   * @return whether there is no planned fault, no random fault and no random transient error
   */
  public boolean isEmpty() {
    return planned.isEmpty() && transientErrorProbability == 0 && randomFaults == 0;
  }

  /** Builds a {@link FaultPlan}. Not thread-safe. */
  public static final class Builder {
    private final List<Planned> planned = new ArrayList<>();
    private double transientErrorProbability;
    private int randomFaults;
    private Duration randomWindow = Duration.ZERO;

    private Builder() {}

    /**
     * {@code fault} fires when {@code trigger} does.
     *
     * @param trigger when the fault is applied
     * @param fault what goes wrong
     * @return this builder
     * @throws NullPointerException if either is null
     */
    public Builder on(Trigger trigger, Fault fault) {
      planned.add(new Planned(trigger, fault));
      return this;
    }

    /**
     * {@code fault} fires {@code afterStart} after the deployment's start.
     *
     * @param afterStart how long after the start, in virtual time
     * @param fault what goes wrong
     * @return this builder
     */
    public Builder at(Duration afterStart, Fault fault) {
      return on(Trigger.at(afterStart), fault);
    }

    /**
     * Each port call fails with a transient error with this probability (seeded).
     *
     * @param probability from 0 (none, the default) to 1, checked by {@link #build()}; the error
     *     is {@code 40001} or {@code 08006}, the latter sometimes after the call took effect
     * @return this builder
     */
    public Builder randomTransientErrors(double probability) {
      this.transientErrorProbability = probability;
      return this;
    }

    /**
     * {@code count} random faults, drawn from the seed, fire within {@code window} of the start.
     * Each is a node death, a late rejoin, a replication stall or a lag spike, in either cluster.
     *
     * @param count how many, zero or more (checked by {@link #build()})
     * @param window the virtual time, from the start, in which they fire
     * @return this builder
     * @throws NullPointerException if {@code window} is null
     */
    public Builder randomFaults(int count, Duration window) {
      this.randomFaults = count;
      this.randomWindow = Objects.requireNonNull(window, "window");
      return this;
    }

    /**
     * Builds the plan.
     *
     * @return the plan, with the faults in the order given
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if the probability or the count is out
     *     of range
     */
    public FaultPlan build() {
      return new FaultPlan(planned, transientErrorProbability, randomFaults, randomWindow);
    }
  }
}
