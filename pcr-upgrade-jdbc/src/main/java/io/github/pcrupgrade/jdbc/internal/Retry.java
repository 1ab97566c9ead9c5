package io.github.pcrupgrade.jdbc.internal;

import io.github.pcrupgrade.core.spi.Sleeper;
import io.github.pcrupgrade.jdbc.CockroachSqlException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one place where idempotent reads are retried: bounded attempts, exponential backoff with
 * full jitter. Only {@link CockroachSqlException}s whose kind is transient (40001, connection
 * errors) are retried; everything else propagates at once.
 */
public final class Retry {

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Sleeper sleeper;
  private final LongSupplier random;

  /**
   * @param maxAttempts attempts in all, at least 1
   * @param baseDelay the first backoff before jitter
   * @param maxDelay the cap on one backoff
   * @param sleeper how to wait
   * @param random a source of non-negative random longs for the jitter
   */
  public Retry(int maxAttempts, Duration baseDelay, Duration maxDelay, Sleeper sleeper,
      LongSupplier random) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.baseDelay = Objects.requireNonNull(baseDelay, "baseDelay");
    this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Runs {@code read}, retrying transient failures; the last failure propagates. */
  public <T> T read(Supplier<T> read) {
    for (int attempt = 1; ; attempt++) {
      try {
        return read.get();
      } catch (CockroachSqlException e) {
        if (!e.kind().isTransient() || attempt >= maxAttempts) {
          throw e;
        }
        pause(attempt, e);
      }
    }
  }

  /** The backoff before attempt {@code attempt + 1}: uniform in [0, min(max, base * 2^(attempt-1))]. */
  Duration backoff(int attempt) {
    long cap = baseDelay.toNanos() << Math.min(attempt - 1, 20);
    if (cap <= 0 || cap > maxDelay.toNanos()) {
      cap = maxDelay.toNanos();
    }
    return Duration.ofNanos(Math.floorMod(random.getAsLong(), cap + 1));
  }

  private void pause(int attempt, CockroachSqlException cause) {
    try {
      sleeper.sleep(backoff(attempt));
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      cause.addSuppressed(ie);
      throw cause;
    }
  }
}
