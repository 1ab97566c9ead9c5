package io.github.pcrupgrade.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.event.UpgradeListener;
import io.github.pcrupgrade.core.plan.PlanProgress;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.json.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The progress events of {@code apply --format json} and {@code demo --format json}: one JSON
 * object per line ({@code "event": "progress"}, docs/run-report.md), written when a step starts
 * or ends, when the run ends, and at most every {@code every} while a step is awaited. The times
 * are the executor's clock, as the events carry it. Events carry no credentials; the step id is
 * the plan's, made of validated names.
 */
final class JsonProgress implements UpgradeListener {

  /**
   * One progress event.
   *
   * @param event always {@code progress}
   * @param runId the run's id
   * @param at when, on the executor's clock
   * @param phase what happened: STEP_STARTED, WAITING, STEP_DONE, COMPLETED, HALTED, PAUSED,
   *     CANCELLED
   * @param step the id of the step under way or just done; absent between steps
   * @param stepsDone steps done
   * @param stepsTotal steps in the plan being run
   * @param elapsed time since the run's first event
   * @param remaining what the step estimates say remains; absent without estimates
   * @param eta {@code at + remaining}; absent without estimates
   */
  record ProgressEvent(String event, String runId, Instant at, String phase,
      Optional<String> step, int stepsDone, int stepsTotal, Duration elapsed,
      Optional<Duration> remaining, Optional<Instant> eta) {}

  private static final ObjectMapper MAPPER =
      Json.mapper().copy().disable(SerializationFeature.INDENT_OUTPUT);

  private final PrintWriter out;
  private final Eta eta;
  private final Duration every;
  private Instant lastWaiting;

  JsonProgress(PrintWriter out, UpgradePlan plan, Duration every) {
    this.out = out;
    this.eta = new Eta(PlanProgress.of(plan));
    this.every = every;
  }

  /** {@code value} as JSON on one line, as the progress events are written. */
  static String oneLine(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  @Override
  public void onEvent(UpgradeEvent event) {
    eta.observe(event);
    String phase;
    Optional<String> step = Optional.empty();
    if (event instanceof UpgradeEvent.StepStarted e) {
      phase = "STEP_STARTED";
      step = Optional.of(e.step().id());
    } else if (event instanceof UpgradeEvent.StepDone e) {
      phase = "STEP_DONE";
      step = Optional.of(e.step().id());
    } else if (event instanceof UpgradeEvent.Waiting e) {
      if (lastWaiting != null && e.at().isBefore(lastWaiting.plus(every))) {
        return;
      }
      lastWaiting = e.at();
      phase = "WAITING";
      step = Optional.of(e.step().id());
    } else if (event instanceof UpgradeEvent.Completed) {
      phase = "COMPLETED";
    } else if (event instanceof UpgradeEvent.Halted) {
      phase = "HALTED";
    } else if (event instanceof UpgradeEvent.Paused) {
      phase = "PAUSED";
    } else if (event instanceof UpgradeEvent.Cancelled) {
      phase = "CANCELLED";
    } else {
      return;
    }
    Optional<Duration> remaining = eta.remaining(event.at());
    ProgressEvent p = new ProgressEvent("progress", event.runId(), event.at(), phase, step,
        event.progress().done(), event.progress().total(), eta.elapsed(event.at()), remaining,
        remaining.map(r -> event.at().plus(r)));
    out.println(oneLine(p));
    out.flush();
  }
}
