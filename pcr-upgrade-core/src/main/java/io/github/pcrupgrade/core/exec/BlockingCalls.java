package io.github.pcrupgrade.core.exec;

import io.github.pcrupgrade.core.spi.InFlight;
import io.github.pcrupgrade.core.spi.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The one way the executor makes a port call that may block (the project's {@code docs/design.md},
 * "How the executor uses it"): the call runs as a task of the scheduler while the run's task renews
 * the lease every heartbeat, watches for cancellation, and bounds the call by the timeout of the
 * step it serves. Deciding what an abandoned call means (halt, cancel, journal) is the caller's.
 */
final class BlockingCalls {

  /** What the run does while a call is in flight. */
  interface Watch {
    /**
     * Renews the lease; throws to stop the run (the call has already been abandoned then, and
     * the exception propagates unchanged).
     */
    void heartbeat();

    /** Whether the run's caller asked it to stop. */
    boolean cancelled();
  }

  /** Why a call was given up. */
  enum Why {
    /** The run was cancelled and the call did not return within {@code stopGrace}. */
    CANCELLED,
    /** The call ran longer than its bound (the step's timeout plus one poll interval). */
    TIMED_OUT
  }

  /** A call the run gave up on; it may still complete. */
  static final class Abandoned extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Why why;
    final transient Duration ran;

    Abandoned(Why why, String what, Duration ran) {
      super(what + " was abandoned after " + ran + " (" + why + ")", null, false, false);
      this.why = why;
      this.ran = ran;
    }
  }

  private final Scheduler scheduler;
  private final Duration heartbeat;
  private final Duration stopGrace;

  BlockingCalls(Scheduler scheduler, ExecutorOptions options) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.heartbeat = heartbeat(options);
    this.stopGrace = options.stopGrace();
  }

  /** How often the lease is renewed during a call: min(leaseTtl / 3, pollInterval x 10). */
  static Duration heartbeat(ExecutorOptions options) {
    Duration third = options.leaseTtl().dividedBy(3);
    Duration tenPolls = options.pollInterval().multipliedBy(10);
    return third.compareTo(tenPolls) < 0 ? third : tenPolls;
  }

  Duration heartbeat() {
    return heartbeat;
  }

  /**
   * Runs {@code call} to its end and returns its value (or rethrows its exception as
   * {@link InFlight#result()} does).
   *
   * @param what the call, for thread names and messages
   * @param bound how long the call may run before it is abandoned
   * @throws Abandoned when the call was given up (cancelled past the grace, or past its bound)
   */
  <T> T run(String what, Duration bound, Callable<T> call, Watch watch) {
    Instant begin = scheduler.clock().instant();
    InFlight<T> f = scheduler.submit(what, call);
    try {
      while (!f.await(untilNext(begin, bound))) {
        try {
          watch.heartbeat();
        } catch (RuntimeException e) {
          f.abandon();
          throw e;
        }
        if (watch.cancelled()) {
          if (f.await(stopGrace)) {
            break;
          }
          f.abandon();
          throw new Abandoned(Why.CANCELLED, what, ran(begin));
        }
        if (ran(begin).compareTo(bound) >= 0) {
          f.abandon();
          throw new Abandoned(Why.TIMED_OUT, what, ran(begin));
        }
      }
    } catch (InterruptedException e) {
      f.abandon();
      Thread.currentThread().interrupt();
      throw new Abandoned(Why.CANCELLED, what, ran(begin));
    }
    return f.result();
  }

  private Duration untilNext(Instant begin, Duration bound) {
    Duration left = bound.minus(ran(begin));
    if (left.isNegative()) {
      return Duration.ZERO;
    }
    return left.compareTo(heartbeat) < 0 ? left : heartbeat;
  }

  private Duration ran(Instant begin) {
    return Duration.between(begin, scheduler.clock().instant());
  }
}
