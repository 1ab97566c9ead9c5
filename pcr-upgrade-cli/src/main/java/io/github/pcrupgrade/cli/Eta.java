package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.event.Progress;
import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.plan.PlanProgress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A run's elapsed time and what remains of it, followed from its events: the time is the one the
 * events carry (the executor's clock; virtual in the simulation), the remainder comes from the
 * plan's step estimates ({@link PlanProgress}). Not thread-safe: listeners are called on the
 * executor's thread.
 */
final class Eta {

  private final PlanProgress plan;
  private Instant started;
  private Progress progress = new Progress(0, 0);
  private String stepId;
  private Instant stepStarted;
  private boolean finished;

  Eta(PlanProgress plan) {
    this.plan = plan;
  }

  /** Takes in one event. */
  void observe(UpgradeEvent event) {
    if (started == null) {
      started = event.at();
    }
    progress = event.progress();
    if (event instanceof UpgradeEvent.StepStarted s) {
      stepId = s.step().id();
      stepStarted = s.at();
    } else if (event instanceof UpgradeEvent.StepDone || event instanceof UpgradeEvent.StepAlreadyDone) {
      stepId = null;
    } else if (event instanceof UpgradeEvent.Completed) {
      stepId = null;
      finished = true;
    }
  }

  /** Steps done of the total, as the last event said. */
  Progress progress() {
    return progress;
  }

  /** Time since the first event, at {@code at}. */
  Duration elapsed(Instant at) {
    return started == null ? Duration.ZERO : Duration.between(started, at);
  }

  /** What is expected to remain at {@code at}; empty when the plan has no estimates. */
  Optional<Duration> remaining(Instant at) {
    if (finished) {
      return Optional.of(Duration.ZERO);
    }
    if (stepId != null) {
      return plan.remaining(stepId, Duration.between(stepStarted, at), progress.done(),
          progress.total());
    }
    return plan.remainingAfter(progress.done(), progress.total());
  }

  /**
   * One line for a person: {@code progress 5/20 steps, elapsed 12m3s, about 20m left (ETA
   * 2026-01-05T12:32:05Z)}; without estimates, only the progress and the elapsed time.
   */
  String line(Instant at) {
    StringBuilder b = new StringBuilder("progress ").append(progress.done()).append('/')
        .append(progress.total()).append(" steps, elapsed ").append(ProgressPrinter.human(
            elapsed(at)));
    remaining(at).ifPresent(r -> b.append(", about ").append(ProgressPrinter.human(r))
        .append(" left (ETA ").append(at.plus(r).truncatedTo(ChronoUnit.SECONDS)).append(')'));
    return b.toString();
  }
}
