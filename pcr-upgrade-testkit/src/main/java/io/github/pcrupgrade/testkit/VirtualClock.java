package io.github.pcrupgrade.testkit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** The simulation's clock: reads the deployment's virtual time; never moves by itself. */
final class VirtualClock extends Clock {

  private final SimulatedDeployment sim;
  private final ZoneId zone;

  VirtualClock(SimulatedDeployment sim, ZoneId zone) {
    this.sim = Objects.requireNonNull(sim, "sim");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  VirtualClock(SimulatedDeployment sim) {
    this(sim, ZoneOffset.UTC);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId newZone) {
    return new VirtualClock(sim, newZone);
  }

  @Override
  public Instant instant() {
    return sim.now();
  }

  @Override
  public String toString() {
    return "VirtualClock[" + sim.now() + "]";
  }
}
