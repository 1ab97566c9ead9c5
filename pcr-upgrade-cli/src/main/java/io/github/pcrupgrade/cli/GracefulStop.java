package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.exec.CancelHandle;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What {@code apply} does when it is asked to stop (SIGTERM, SIGINT): cancel the run through its
 * {@link CancelHandle}. The executor then starts nothing new, gives the call in flight its {@code
 * stopGrace} ({@code --stop-grace}) to return, abandons it past that (cancelling the statement,
 * ending the node upgrader child), journals the stop and returns.
 *
 * <p>The cut here (close the connections, end the node upgrader) is only a fallback for a run the
 * executor cannot stop: one blocked where no cancellation is seen, such as the approval prompt
 * waiting on standard input. It fires when the run has not returned {@link StopFallback#after} a
 * request (the grace, plus the time the executor may take to see the cancellation, plus a margin),
 * or at a second signal. Thread-safe: signals arrive on their own threads.
 */
final class GracefulStop {

  /** Runs a task once after a delay (a daemon thread in production; by hand in tests). */
  interface Timer {
    void after(Duration delay, Runnable task);
  }

  private final CancelHandle cancel;
  private final Duration grace;
  private final Duration fallbackAfter;
  private final Timer timer;
  private final PrintWriter err;
  private final List<Runnable> cuts;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicReference<String> requestedBy = new AtomicReference<>();
  private final AtomicBoolean cut = new AtomicBoolean();

  /**
   * @param grace the executor's {@code stopGrace}, for the messages
   * @param fallbackAfter how long after a request the run may take to return before it is cut
   * @param cuts what ends a call in flight, run once, in order, when the fallback fires
   */
  GracefulStop(CancelHandle cancel, Duration grace, Duration fallbackAfter, PrintWriter err,
      List<Runnable> cuts, Timer timer) {
    this.cancel = cancel;
    this.grace = grace;
    this.fallbackAfter = fallbackAfter;
    this.err = err;
    this.cuts = List.copyOf(cuts);
    this.timer = timer;
  }

  /** A daemon thread that waits {@code delay}, then runs {@code task}. */
  static void threadTimer(Duration delay, Runnable task) {
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(delay.toMillis());
        task.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "pcr-upgrade-stop-fallback");
    t.setDaemon(true);
    t.start();
  }

  /** A stop request from {@code source} ("SIGTERM"); a second request cuts at once. */
  void request(String source) {
    if (!requestedBy.compareAndSet(null, source)) {
      cut("a second " + source);
      return;
    }
    err.println("pcr-upgrade: " + source + " received: stopping; nothing new starts, and the"
        + " call in flight gets up to " + ProgressPrinter.human(grace) + " (--stop-grace) to"
        + " return (send it again to cut it now)");
    err.flush();
    cancel.cancel();
    timer.after(fallbackAfter, () -> cut("the run did not stop within "
        + ProgressPrinter.human(fallbackAfter) + " (the stop grace of "
        + ProgressPrinter.human(grace) + ", the time the run may take to see the stop, and a"
        + " margin); it is blocked where the executor cannot stop it"));
  }

  private void cut(String why) {
    if (finished.getCount() == 0 || !cut.compareAndSet(false, true)) {
      return;
    }
    err.println("pcr-upgrade: " + why + ": cutting the call in flight (closing the connections,"
        + " ending the node upgrader); its outcome is unknown, and the next run judges it from"
        + " the deployment");
    err.flush();
    for (Runnable c : cuts) {
      try {
        c.run();
      } catch (RuntimeException e) {
        err.println("pcr-upgrade: warning: while cutting: " + e.getMessage());
      }
    }
  }

  /** The run has returned: a pending fallback does nothing. */
  void finished() {
    finished.countDown();
  }

  /** The signal that asked for the stop, if one did. */
  Optional<String> requestedBy() {
    return Optional.ofNullable(requestedBy.get());
  }

  /** Whether the call in flight was cut. */
  boolean wasCut() {
    return cut.get();
  }
}
