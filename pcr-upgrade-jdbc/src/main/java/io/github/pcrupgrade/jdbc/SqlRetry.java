package io.github.pcrupgrade.jdbc;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.spi.Sleeper;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.DoubleSupplier;

/**
 * Runs a unit of database work, running it again when it fails with a retryable SQLSTATE, a bounded
 * number of times with exponential backoff and jitter. The one place in this module that retries.
 *
 * <p>The work must be safe to run again: a single statement in auto-commit, or a whole transaction
 * that it begins and ends itself. The wait before attempt {@code n + 1} is drawn uniformly between
 * half and all of {@code min(maxBackoff, initialBackoff * 2^(n-1))}, so racing clients spread out,
 * with one exception: when the first attempt lost its session ({@link
 * SqlErrorKind#isLostConnection}), the second runs at once. Waiting does not bring a closed session
 * back, and the next attempt takes another connection (a node restart closes every session on the
 * node, and the adapters then renew the pool's connections, so the next one goes to a live node);
 * a second failure in a row waits as above. Without it every statement that met a connection the
 * restart closed paid a backoff, and an inspection paid one per statement.
 * When the attempts run out, or the failure is not retryable, the {@link SQLException} is wrapped in
 * a {@link PcrUpgradeException} with code {@code PORT_FAILURE}, the operation's description and the
 * SQLSTATE in the message, and the exception as the cause. Immutable and thread-safe.
 */
public final class SqlRetry {

  /**
   * A unit of work that may throw {@link SQLException}.
   *
   * @param <T> what the work returns
   */
  @FunctionalInterface
  public interface SqlWork<T> {
    /**
     * Does the work once; called again for each attempt, so it must be safe to run again (one
     * statement in auto-commit, or a transaction it begins and ends itself).
     *
     * @return the work's result
     * @throws SQLException when the work fails; its kind decides whether it is run again
     */
    T run() throws SQLException;
  }

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Sleeper sleeper;
  private final DoubleSupplier random;

  private SqlRetry(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.sleeper = b.sleeper;
    this.random = b.random;
  }

  /**
   * 8 attempts, backoff from 20 ms up to 1 s, real sleeping.
   *
   * @return the policy the JDBC journal uses unless given another
   */
  public static SqlRetry defaults() {
    return builder().build();
  }

  /**
   * A builder starting from the defaults of {@link #defaults()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * How many times the work runs at most.
   *
   * @return the attempts, the first included; 1 to 100
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Runs {@code work}, retrying serialization conflicts and deadlocks.
   *
   * @param <T> what the work returns
   * @param operation what the work does, for the error message; never contains credentials
   * @param work the work, safe to run again
   * @return what the first successful attempt returned
   * @throws PcrUpgradeException {@code PORT_FAILURE} when the work fails for good, with the last
   *     {@link SQLException} as the cause
   */
  public <T> T run(String operation, SqlWork<T> work) {
    return run(operation, EnumSet.of(SqlErrorKind.RETRYABLE), work);
  }

  /**
   * Runs {@code work}, retrying failures whose kind is in {@code retryOn}. An interrupt while
   * waiting ends the retries: the thread's interrupt flag is set again and the last failure is
   * thrown, with the {@link InterruptedException} suppressed.
   *
   * @param <T> what the work returns
   * @param operation what the work does, for the error message (for example "append to table
   *     \"pcr_upgrade_journal\""); never contains credentials
   * @param retryOn the kinds worth another attempt ({@link SqlErrorKind#of} decides a failure's)
   * @param work the work, safe to run again
   * @return what the first successful attempt returned
   * @throws PcrUpgradeException {@code PORT_FAILURE} when the work fails for good, with the last
   *     {@link SQLException} as the cause
   */
  public <T> T run(String operation, Set<SqlErrorKind> retryOn, SqlWork<T> work) {
    Objects.requireNonNull(operation, "operation");
    return run(retryOn, work, (e, attempts) -> failure(operation, e, attempts));
  }

  /**
   * Runs {@code work}, retrying failures whose kind is in {@code retryOn}; a failure for good is
   * turned into an exception by {@code translate} (given the last exception and the attempts made).
   * An interrupt while waiting ends the retries as in {@link #run(String, Set, SqlWork)}.
   *
   * @param <T> what the work returns
   * @param retryOn the kinds worth another attempt
   * @param work the work, safe to run again
   * @param translate makes the exception to throw from the last {@link SQLException} and the
   *     number of attempts made
   * @return what the first successful attempt returned
   */
  public <T> T run(Set<SqlErrorKind> retryOn, SqlWork<T> work,
      BiFunction<SQLException, Integer, ? extends RuntimeException> translate) {
    Objects.requireNonNull(retryOn, "retryOn");
    Objects.requireNonNull(work, "work");
    Objects.requireNonNull(translate, "translate");
    for (int attempt = 1; ; attempt++) {
      try {
        return work.run();
      } catch (SQLException e) {
        if (!retryOn.contains(SqlErrorKind.of(e)) || attempt >= maxAttempts) {
          throw translate.apply(e, attempt);
        }
        if (attempt == 1 && SqlErrorKind.isLostConnection(e)) {
          continue;
        }
        try {
          sleeper.sleep(backoff(attempt));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          RuntimeException x = translate.apply(e, attempt);
          x.addSuppressed(ie);
          throw x;
        }
      }
    }
  }

  /** The wait after failed attempt {@code attempt} (1-based). */
  Duration backoff(int attempt) {
    long cap = maxBackoff.toNanos();
    long base = initialBackoff.toNanos();
    long exp = attempt - 1 >= 62 ? cap : Math.min(cap, base << Math.min(attempt - 1, 30));
    if (exp < 0) {
      exp = cap;
    }
    double r = Math.min(1.0, Math.max(0.0, random.getAsDouble()));
    return Duration.ofNanos(exp / 2 + (long) (r * (exp - exp / 2)));
  }

  private static PcrUpgradeException failure(String operation, SQLException e, int attempts) {
    String state = e.getSQLState() == null ? "none" : e.getSQLState();
    return new PcrUpgradeException(CoreErrorCode.PORT_FAILURE,
        "could not " + operation + " (SQLSTATE " + state + ", after " + attempts
            + (attempts == 1 ? " attempt" : " attempts") + "): " + e.getMessage(), e);
  }

  /** Configures a {@link SqlRetry}; every setter checks its argument. */
  public static final class Builder {
    private int maxAttempts = 8;
    private Duration initialBackoff = Duration.ofMillis(20);
    private Duration maxBackoff = Duration.ofSeconds(1);
    private Sleeper sleeper = Sleeper.SYSTEM;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    /**
     * How many times the work runs at most, first run included; 1 to 100. Default 8.
     *
     * @param maxAttempts the most attempts; 1 runs the work once and never retries
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} outside the limits
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 100) {
        throw invalid("maxAttempts must be between 1 and 100, got " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * The wait before the second attempt, doubling after; positive. Default 20 ms.
     *
     * @param initialBackoff the first backoff, before jitter halves it at most
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when zero or negative
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = positive("initialBackoff", initialBackoff);
      return this;
    }

    /**
     * The longest wait between attempts; positive. Default 1 s.
     *
     * @param maxBackoff the cap of the doubling backoff, before jitter
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when zero or negative
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = positive("maxBackoff", maxBackoff);
      return this;
    }

    /**
     * How to wait; default {@link Sleeper#SYSTEM}. Tests pass one that records the waits.
     *
     * @param sleeper sleeps between attempts, on the thread running the work
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * The source of jitter, values in [0, 1); default a thread-local random.
     *
     * @param random gives a fraction for each wait; values outside [0, 1] are clamped. Called from
     *     every thread that runs work, so it must be thread-safe
     * @return this builder
     */
    public Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * The retry policy.
     *
     * @return an immutable, thread-safe policy
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when {@code maxBackoff} is shorter
     *     than {@code initialBackoff}
     */
    public SqlRetry build() {
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw invalid("maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff ("
            + initialBackoff + ")");
      }
      return new SqlRetry(this);
    }

    private static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw invalid(name + " must be positive, got " + d);
      }
      return d;
    }

    private static PcrUpgradeException invalid(String message) {
      return new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, message);
    }
  }
}
