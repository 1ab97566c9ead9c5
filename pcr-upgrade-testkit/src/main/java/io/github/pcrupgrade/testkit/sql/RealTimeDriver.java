package io.github.pcrupgrade.testkit.sql;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a simulated deployment's virtual clock along with the wall clock, {@code speed} times as
 * fast, so that clients talking to a {@link SimulatedPcrServer} in real time (a tool in another
 * language, the CLI's {@code apply}) see finalizations, restarts and replication progress. Without
 * it, virtual time moves only when a test or an executor's sleeper advances it. One daemon thread;
 * {@link #close()} stops it.
 *
 * <p><b>Failures.</b> A tick that fails (an event of the simulation, or a listener such as the
 * wire front's, throwing inside it; even an {@link Error}) is logged and counted ({@link
 * #failedTicks()}), and the next tick runs as planned: the clock never stops while the driver is
 * open. Nothing a connection handler does runs on the clock's thread except those listeners.
 *
 * <p>While a driver runs, the deployment's blocking statements ({@code SET CLUSTER SETTING
 * version}, {@code STOP SERVICE}) wait for the driven clock instead of advancing it themselves
 * ({@link SimulatedDeployment#drivenInRealTime()}): a statement of virtual duration {@code d} holds
 * its wire connection for about {@code d / speed} of real time.
 */
public final class RealTimeDriver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RealTimeDriver.class);

  private final ScheduledExecutorService ticker;
  private final AutoCloseable driven;
  private final AtomicLong failedTicks = new AtomicLong();

  private RealTimeDriver(SimulatedDeployment deployment, double speed, Duration tick) {
    this.driven = deployment.drivenInRealTime();
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "pcr-upgrade-sim-clock");
      t.setDaemon(true);
      return t;
    });
    Duration step = Duration.ofNanos((long) (tick.toNanos() * speed));
    // A task that throws is never run again by a ScheduledExecutorService: tick() must not throw.
    ticker.scheduleAtFixedRate(() -> tick(deployment, step), tick.toMillis(), tick.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void tick(SimulatedDeployment deployment, Duration step) {
    try {
      deployment.advance(step);
    } catch (RuntimeException | Error e) {
      long n = failedTicks.incrementAndGet();
      LOG.error("simulated clock: a tick failed at virtual time {} ({} failed so far); the clock"
          + " goes on", deployment.now(), n, e);
    }
  }

  /**
   * How many ticks have failed so far (each was logged; the clock went on).
   *
   * @return the count since {@link #start}, 0 when every tick succeeded
   */
  public long failedTicks() {
    return failedTicks.get();
  }

  /**
   * Starts driving {@code deployment}: every {@code tick} of wall time, virtual time advances by
   * {@code tick * speed}.
   *
   * @param deployment the deployment whose virtual clock to drive; while the driver is open its
   *     blocking statements wait for the driven clock
   * @param speed how many times faster than real time, 0.1 to 10,000
   * @param tick how often the clock moves, 10 ms to 10 s
   * @return the running driver; close it to stop the clock and hand the deployment's clock back
   * @throws NullPointerException if {@code deployment} is null
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} naming the parameter out of range
   */
  public static RealTimeDriver start(SimulatedDeployment deployment, double speed, Duration tick) {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(tick, "tick");
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
