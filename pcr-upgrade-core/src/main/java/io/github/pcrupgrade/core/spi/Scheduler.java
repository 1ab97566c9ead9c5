package io.github.pcrupgrade.core.spi;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;

/**
 * Time and concurrency for the executor: its only clock, its only way to wait, and its only way to
 * start a call that may block. The executor never reads time, sleeps or creates a thread on its
 * own, so the testkit can run it on virtual time (its {@code VirtualScheduler} runs the run, each
 * blocking call, the lease heartbeat and any second executor as tasks on one reproducible
 * timeline) and production can run a blocking statement on a worker thread while the run's thread
 * renews the lease and watches for cancellation (the project's {@code docs/design.md}).
 *
 * <p><b>Who calls it, how often:</b> the executor, on every poll (sleep), for every port call that
 * may block (submit), and while such a call runs (await, once per heartbeat). Implementations must
 * be thread-safe: a submitted call runs on another task than the one that awaits it.
 *
 * <p><b>Contract:</b> {@link #sleep} returns after at least the duration has passed on
 * {@link #clock()}; {@link #submit} returns at once, without running the call to its end on the
 * caller's task unless the scheduler is {@link #inline inline}.
 */
public interface Scheduler {

  /**
   * The clock every wait and timeout is measured on; it never goes backwards.
   *
   * @return the same clock on every call
   */
  Clock clock();

  /**
   * Waits on the calling task until {@code duration} has passed on {@link #clock()}.
   *
   * @param duration how long to wait; zero returns at once
   * @throws InterruptedException when the waiting task is interrupted; the executor then stops the
   *     run as cancelled
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Starts {@code call}, which may block for as long as the statement or restart it makes, and
   * returns at once.
   *
   * @param what a short description for thread names and diagnostics (no credentials)
   * @param call the blocking call; its exception is delivered by {@link InFlight#result()}
   * @param <T> the call's value
   * @return the call in flight, to await, read or abandon
   */
  <T> InFlight<T> submit(String what, Callable<T> call);

  /**
   * The production scheduler: the system UTC clock, {@link Thread#sleep}, and one worker thread
   * from {@code threads} per submitted call. {@link InFlight#abandon()} interrupts the worker and
   * runs the cancel action the call registered with {@link #whenAbandoned} (the JDBC adapters
   * cancel the statement and close its connection there).
   *
   * @param threads makes each worker's thread (its name, daemon flag and priority are kept)
   * @return a new scheduler; thread-safe
   */
  static Scheduler system(ThreadFactory threads) {
    return system(Clock.systemUTC(), threads);
  }

  /**
   * The production scheduler reading time from {@code clock} (a real-time clock: {@link #sleep}
   * waits with {@link Thread#sleep}, so a clock that does not move with real time would never
   * see a wait end on it), for hosts that inject their own clock.
   *
   * @param clock the clock waits and timeouts are measured on
   * @param threads makes each worker's thread (its name, daemon flag and priority are kept)
   * @return a new scheduler; thread-safe
   */
  static Scheduler system(Clock clock, ThreadFactory threads) {
    return new ThreadScheduler(Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(threads, "threads"));
  }

  /**
   * The scheduler of executors built with only a clock and a {@link Sleeper} (the compatibility
   * path): a submitted call runs to its end on the caller's thread before {@code submit} returns,
   * so no heartbeat or cancellation happens during a call.
   *
   * @param clock the clock waits and timeouts are measured on
   * @param sleeper how {@link #sleep} waits, on {@code clock}
   * @return a new scheduler whose {@link InFlight#abandon()} does nothing
   */
  static Scheduler inline(Clock clock, Sleeper sleeper) {
    return new InlineScheduler(Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(sleeper, "sleeper"));
  }

  /**
   * Registers what to do, besides interrupting, when the call running on the current thread is
   * abandoned (for example cancel a statement and close its connection, which an interrupt alone
   * does not unblock). Has effect only on a worker thread of {@link #system}; elsewhere the action
   * is never run. Close the returned handle when the blocking part is over.
   *
   * @param action what to run when the call is abandoned, on the abandoning thread; its
   *     {@code RuntimeException} is ignored
   * @return the registration; closing it removes {@code action} if it has not run
   */
  static Registration whenAbandoned(Runnable action) {
    Objects.requireNonNull(action, "action");
    if (Thread.currentThread() instanceof ThreadScheduler.Worker w) {
      return w.onAbandon(action);
    }
    return () -> { };
  }

  /** Undoes a {@link #whenAbandoned} registration. */
  @FunctionalInterface
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
