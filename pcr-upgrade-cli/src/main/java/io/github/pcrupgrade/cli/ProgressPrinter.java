package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.event.UpgradeListener;
import io.github.pcrupgrade.core.plan.PlanProgress;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Prints a run's progress for a person: one line per step (n/total, cluster, what it does), what
 * it waits for when that changes, and how long each step took. Given the plan, it also shows the
 * elapsed time and, from the steps' estimates, what remains and the ETA ({@link Eta}): on a
 * terminal in a line redrawn in place after every event ({@link StatusLine}); otherwise in the
 * line of each finished step and in a plain line at most every {@code every} while a step is
 * awaited. All times are the executor's clock, as the events carry it. Never prints credentials: events
 * carry none. Text in events may quote servers (node addresses, error messages), so each value is
 * printed with its control characters escaped, on one line.
 */
final class ProgressPrinter implements UpgradeListener {

  /**
   * How often {@code apply} and {@code demo} print a plain progress line (or a JSON progress
   * event) while a step is awaited, on the executor's clock.
   */
  static final Duration EVERY = Duration.ofSeconds(30);

  private final PrintWriter out;
  private final Clock clock;
  private final Instant started;
  private final Eta eta;
  private final StatusLine status;
  private final Duration every;
  private Instant lastLine;
  private String lastAwaited = "";

  ProgressPrinter(PrintWriter out, Clock clock) {
    this(out, clock, null, null, Duration.ZERO);
  }

  private ProgressPrinter(PrintWriter out, Clock clock, Eta eta, StatusLine status,
      Duration every) {
    this.out = out;
    this.clock = clock;
    this.started = clock.instant();
    this.eta = eta;
    this.status = status;
    this.every = every;
  }

  /**
   * A printer that also shows the elapsed time and the ETA of {@code plan}: redrawn on
   * {@code status} when there is one (a terminal), otherwise in plain lines at most every
   * {@code every} while a step is awaited.
   */
  static ProgressPrinter withEta(PrintWriter out, Clock clock, UpgradePlan plan,
      Optional<StatusLine> status, Duration every) {
    return new ProgressPrinter(out, clock, new Eta(PlanProgress.of(plan)), status.orElse(null),
        every);
  }

  @Override
  public void onEvent(UpgradeEvent event) {
    if (eta != null) {
      eta.observe(event);
    }
    if (status != null) {
      status.clear();
    }
    print(event);
    out.flush();
    if (eta == null) {
      return;
    }
    boolean over = event instanceof UpgradeEvent.Completed || event instanceof UpgradeEvent.Halted
        || event instanceof UpgradeEvent.Cancelled || event instanceof UpgradeEvent.Paused
        // the approval prompt follows on this line
        || event instanceof UpgradeEvent.ApprovalRequested;
    if (status != null) {
      if (!over) {
        status.show(eta.line(event.at()));
      }
    } else if (event instanceof UpgradeEvent.Waiting
        && (lastLine == null || !event.at().isBefore(lastLine.plus(every)))) {
      out.printf("         %s%n", eta.line(event.at()));
      out.flush();
      lastLine = event.at();
    }
  }

  private void print(UpgradeEvent event) {
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
      if (eta != null) {
        out.printf("         done in %s; %s%n", human(e.took()), eta.line(e.at()));
        lastLine = e.at();
      } else {
        out.printf("         done in %s (elapsed %s)%n", human(e.took()),
            human(Duration.between(started, clock.instant())));
      }
    } else if (event instanceof UpgradeEvent.Paused e) {
      out.printf("paused: %s%n", SafeText.escape(e.reason()));
    } else if (event instanceof UpgradeEvent.Halted e) {
      out.printf("halted (%s): %s%n", e.reason(), SafeText.escape(e.message()));
    } else if (event instanceof UpgradeEvent.Cancelled e) {
      out.printf("cancelled at %s%n", e.progress());
    }
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
