package io.github.pcrupgrade.core.spi;

import java.time.Duration;

/**
 * Waits. The executor never calls {@code Thread.sleep} itself: it waits through the sleeper it was
 * given, so that the testkit can run hours of virtual time in milliseconds (its sleeper advances
 * the virtual clock). Called from the executor's thread only, between polls.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * The real sleeper, {@link Thread#sleep(long, int)}; a zero or negative duration returns at once
   * (as {@link Scheduler#system}'s sleep does), never an {@code IllegalArgumentException}.
   */
  Sleeper SYSTEM = d -> {
    if (d.isNegative() || d.isZero()) {
      return;
    }
    Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
  };

  /**
   * Returns after {@code duration} has passed on the clock the caller was given together with this
   * sleeper.
   *
   * @param duration how long to wait
   * @throws InterruptedException when the waiting thread is interrupted; the executor then stops
   *     the run as cancelled
   */
  void sleep(Duration duration) throws InterruptedException;
}
