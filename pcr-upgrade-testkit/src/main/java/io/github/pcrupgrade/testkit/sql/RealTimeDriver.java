package io.github.pcrupgrade.testkit.sql;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Moves a simulated deployment's virtual clock along with the wall clock, {@code speed} times as
 * fast, so that clients talking to a {@link SimulatedPcrServer} in real time (a tool in another
 * language, the CLI's {@code apply}) see finalizations, restarts and replication progress. Without
 * it, virtual time moves only when a test or an executor's sleeper advances it. One daemon thread;
 * {@link #close()} stops it.
 *
 * <p>While a driver runs, the deployment's blocking statements ({@code SET CLUSTER SETTING
 * version}, {@code STOP SERVICE}) wait for the driven clock instead of advancing it themselves
 * ({@link SimulatedDeployment#drivenInRealTime()}): a statement of virtual duration {@code d} holds
 * its wire connection for about {@code d / speed} of real time.
 */
public final class RealTimeDriver implements AutoCloseable {

  private final ScheduledExecutorService ticker;
  private final AutoCloseable driven;

  private RealTimeDriver(SimulatedDeployment deployment, double speed, Duration tick) {
    this.driven = deployment.drivenInRealTime();
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "pcr-upgrade-sim-clock");
      t.setDaemon(true);
      return t;
    });
    Duration step = Duration.ofNanos((long) (tick.toNanos() * speed));
    ticker.scheduleAtFixedRate(() -> deployment.advance(step), tick.toMillis(), tick.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * Starts driving {@code deployment}: every {@code tick} of wall time, virtual time advances by
   * {@code tick * speed}.
   *
   * @param speed how many times faster than real time, 0.1 to 10,000
   * @param tick how often the clock moves, 10 ms to 10 s
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} naming the parameter out of range
   */
  public static RealTimeDriver start(SimulatedDeployment deployment, double speed, Duration tick) {
    Objects.requireNonNull(deployment, "deployment");
    if (!(speed >= 0.1 && speed <= 10_000)) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "speed must be between 0.1 and 10000, got " + speed);
    }
    if (tick == null || tick.toMillis() < 10 || tick.toSeconds() > 10) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "tick must be between 10 ms and 10 s, got " + tick);
    }
    return new RealTimeDriver(deployment, speed, tick);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      driven.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not release the deployment's clock", e);
    }
  }
}
