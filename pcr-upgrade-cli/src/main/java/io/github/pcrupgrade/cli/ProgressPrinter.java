package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.event.UpgradeListener;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Prints a run's progress for a person: one line per step (n/total, cluster, what it does), what
 * it waits for when that changes, and how long each step took. Never prints credentials: events
 * carry none. Text in events may quote servers (node addresses, error messages), so each value is
 * printed with its control characters escaped, on one line.
 */
final class ProgressPrinter implements UpgradeListener {

  private final PrintWriter out;
  private final Clock clock;
  private final Instant started;
  private String lastAwaited = "";

  ProgressPrinter(PrintWriter out, Clock clock) {
    this.out = out;
    this.clock = clock;
    this.started = clock.instant();
  }

  @Override
  public void onEvent(UpgradeEvent event) {
    if (event instanceof UpgradeEvent.StepStarted e) {
      lastAwaited = "";
      out.printf("[%2d/%d] %-8s %s%s%n", e.progress().done() + 1, e.progress().total(),
          e.step().cluster(), SafeText.escape(e.step().description()),
          e.step().pointOfNoReturn() ? "  (point of no return)" : "");
    } else if (event instanceof UpgradeEvent.StepAlreadyDone e) {
      out.printf("[%2d/%d] %-8s already done: %s%n", e.progress().done(), e.progress().total(),
          e.step().cluster(), SafeText.escape(e.step().description()));
    } else if (event instanceof UpgradeEvent.Waiting e) {
      if (!e.awaiting().equals(lastAwaited)) {
        lastAwaited = e.awaiting();
        out.printf("         waiting for %s (timeout %s)%n", SafeText.escape(e.awaiting()),
            human(e.timeout()));
      }
    } else if (event instanceof UpgradeEvent.StepDone e) {
      out.printf("         done in %s (elapsed %s)%n", human(e.took()),
          human(Duration.between(started, clock.instant())));
    } else if (event instanceof UpgradeEvent.Paused e) {
      out.printf("paused: %s%n", SafeText.escape(e.reason()));
    } else if (event instanceof UpgradeEvent.Halted e) {
      out.printf("halted (%s): %s%n", e.reason(), SafeText.escape(e.message()));
    } else if (event instanceof UpgradeEvent.Cancelled e) {
      out.printf("cancelled at %s%n", e.progress());
    }
    out.flush();
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
    }
    return (s / 3600) + "h" + ((s % 3600) / 60 == 0 ? "" : ((s % 3600) / 60) + "m");
  }
}
