package io.github.pcrupgrade.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A blocking simulated statement run on its own thread, so that a test can look at the deployment
 * while the statement holds its caller. Waits are for conditions with generous real deadlines,
 * never fixed sleeps.
 */
final class StatementInFlight {

  static final Duration DEADLINE = Duration.ofSeconds(30);

  private final Thread thread;
  private volatile Throwable failure;
  private volatile boolean returned;

  private StatementInFlight(String name, Runnable body) {
    this.thread = new Thread(() -> {
      try {
        body.run();
        returned = true;
      } catch (Throwable t) {
        failure = t;
      }
    }, name);
    thread.setDaemon(true);
  }

  /** Starts {@code body} on a new thread. */
  static StatementInFlight start(String name, Runnable body) {
    StatementInFlight s = new StatementInFlight(name, body);
    s.thread.start();
    return s;
  }

  /** Waits (real time, up to {@link #DEADLINE}) until {@code condition} holds; false if it never did. */
  static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  /** Waits until the statement's thread ended; false if it is still running after the deadline. */
  boolean awaitEnd() throws InterruptedException {
    thread.join(DEADLINE.toMillis());
    return !thread.isAlive();
  }

  boolean isRunning() {
    return thread.isAlive();
  }

  /** Interrupts the statement's thread, as a client that goes away. */
  void interrupt() {
    thread.interrupt();
  }

  boolean returned() {
    return returned;
  }

  Throwable failure() {
    return failure;
  }
}
