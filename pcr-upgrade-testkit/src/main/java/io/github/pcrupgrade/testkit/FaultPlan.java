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

  /** One explicit fault and when it fires. */
  public record Planned(Trigger trigger, Fault fault) {
    public Planned {
      Objects.requireNonNull(trigger, "trigger");
      Objects.requireNonNull(fault, "fault");
    }
  }

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

  /** No faults at all (the default). */
  public static FaultPlan none() {
    return new FaultPlan(List.of(), 0, 0, Duration.ZERO);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** True when the plan injects nothing. */
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

    /** {@code fault} fires when {@code trigger} does. */
    public Builder on(Trigger trigger, Fault fault) {
      planned.add(new Planned(trigger, fault));
      return this;
    }

    /** {@code fault} fires {@code afterStart} after the deployment's start. */
    public Builder at(Duration afterStart, Fault fault) {
      return on(Trigger.at(afterStart), fault);
    }

    /** Each port call fails with a transient error with this probability (seeded). */
    public Builder randomTransientErrors(double probability) {
      this.transientErrorProbability = probability;
      return this;
    }

    /** {@code count} random faults, drawn from the seed, fire within {@code window} of the start. */
    public Builder randomFaults(int count, Duration window) {
      this.randomFaults = count;
      this.randomWindow = Objects.requireNonNull(window, "window");
      return this;
    }

    public FaultPlan build() {
      return new FaultPlan(planned, transientErrorProbability, randomFaults, randomWindow);
    }
  }
}
