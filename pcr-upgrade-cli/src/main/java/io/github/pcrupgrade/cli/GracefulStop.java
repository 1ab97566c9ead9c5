package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.exec.CancelHandle;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What {@code apply} does when it is asked to stop (SIGTERM, SIGINT): cancel the run through its
 * {@link CancelHandle}, so that nothing new starts; give the call in flight up to the stop grace
 * to return; past it (or at a second signal), cut it: close the connections, so that a statement
 * in flight fails, and interrupt the run, which ends a node upgrader child. The run then returns
 * and releases its lease. Thread-safe: signals arrive on their own threads.
 */
final class GracefulStop {

  private final CancelHandle cancel;
  private final Duration grace;
  private final PrintWriter err;
  private final List<Runnable> cuts;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicReference<String> requestedBy = new AtomicReference<>();
  private final AtomicBoolean cut = new AtomicBoolean();

  /**
   * @param cuts what ends a call in flight, run once, in order, when the grace has passed
   */
  GracefulStop(CancelHandle cancel, Duration grace, PrintWriter err, List<Runnable> cuts) {
    this.cancel = cancel;
    this.grace = grace;
    this.err = err;
    this.cuts = List.copyOf(cuts);
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
    Thread timer = new Thread(() -> {
      try {
        if (!finished.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          cut("the stop grace of " + ProgressPrinter.human(grace) + " passed");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "pcr-upgrade-stop-grace");
    timer.setDaemon(true);
    timer.start();
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

  /** The run has returned: a pending grace timer does nothing. */
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
