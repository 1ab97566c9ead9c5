package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.event.Progress;
import io.github.pcrupgrade.core.exec.CancelHandle;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.UpgradeJournal;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs one executor run so that SIGTERM and SIGINT stop it gracefully ({@link GracefulStop}), and
 * reports a stopped run: exit 7, the stop journaled, the step the next run continues with.
 */
final class StoppableRun {

  /** How long a run may take to return after its call was cut before the command gives up. */
  private static final Duration AFTER_CUT = Duration.ofSeconds(10);

  private final PrintWriter err;
  private final Duration grace;
  private final Duration fallbackAfter;
  private final List<Runnable> closers;
  private GracefulStop stop;
  private boolean abandoned;

  /**
   * @param grace the executor's {@code stopGrace}
   * @param fallbackAfter when the run is cut if it has not returned after a stop request ({@link
   *     StopFallback#after})
   * @param closers what cuts a call in flight: ends the node upgrader, closes the connections
   *     (so that a statement in flight fails)
   */
  StoppableRun(PrintWriter err, Duration grace, Duration fallbackAfter, List<Runnable> closers) {
    this.err = err;
    this.grace = grace;
    this.fallbackAfter = fallbackAfter;
    this.closers = List.copyOf(closers);
  }

  /** Runs {@code body} on its own thread with a fresh cancel handle, signals handled meanwhile. */
  RunResult execute(Function<CancelHandle, RunResult> body) {
    CancelHandle cancel = new CancelHandle();
    FutureTask<RunResult> task = new FutureTask<>(() -> body.apply(cancel));
    Thread runner = new Thread(task, "pcr-upgrade-run");
    runner.setDaemon(true);
    stop = new GracefulStop(cancel, grace, fallbackAfter, err, closers,
        GracefulStop::threadTimer);
    try (StopSignals signals = StopSignals.install(stop::request)) {
      runner.start();
      long cutSeen = 0;
      while (true) {
        try {
          return task.get(200, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          if (stop.wasCut()) {
            cutSeen = cutSeen == 0 ? System.nanoTime() : cutSeen;
            if (System.nanoTime() - cutSeen > AFTER_CUT.toNanos()) {
              abandoned = true;
              return new RunResult("abandoned", RunStatus.CANCELLED, Optional.empty(),
                  "the run did not return " + AFTER_CUT.toSeconds() + " s after its call was"
                      + " cut (it was waiting for an answer on standard input); its lease ends"
                      + " with this process: the next apply on this host takes it over at once",
                  Optional.empty(), new Progress(0, 0), List.of(), Duration.ZERO,
                  Optional.empty());
            }
          }
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          stop.request("an interrupt"); // treated as a signal: the run still ends cleanly
        }
      }
    } finally {
      stop.finished();
    }
  }

  /**
   * The exit code of {@code result}; for a run stopped by a signal, 7 after journaling the stop
   * (when the executor did not: its call was cut) and printing the step the next run continues
   * with.
   */
  ExitCode report(RunResult result, UpgradeJournal journal, String deploymentId,
      PrintWriter out) {
    Optional<String> signal = stop == null ? Optional.empty() : stop.requestedBy();
    if (signal.isEmpty()) {
      return ExitCode.of(result.status());
    }
    if (result.status() != RunStatus.CANCELLED || abandoned) {
      String planId = result.plan().map(p -> Integer.toHexString(p.stepIds().hashCode()))
          .orElse("");
      try {
        journal.append(new JournalEntry(deploymentId, result.runId(), planId, "",
            JournalEvent.RUN_CANCELLED, "stopped by " + signal.get() + (stop.wasCut()
                ? "; the run was cut where the executor could not stop it, and the outcome of"
                    + " what it was doing is unknown"
                : "") + " (the run ended " + result.status() + ")"));
      } catch (RuntimeException e) {
        err.println("pcr-upgrade: warning: could not journal the stop: " + e.getMessage());
      }
    }
    out.println("Stopped by " + signal.get() + (abandoned ? ": " + result.message()
        : " at " + result.progress() + "; the lease is released") + "; the stop is in the"
        + " journal.");
    out.println("Next: " + next(result));
    return ExitCode.CANCELLED;
  }

  private static String next(RunResult r) {
    Optional<PlanStep> step = r.plan().filter(p -> r.progress().done() < p.steps().size())
        .map(p -> p.steps().get(r.progress().done()));
    return "run the same apply command again; it inspects the deployment afresh and continues"
        + step.map(s -> " with step " + s.id() + " (" + s.description() + ")").orElse("")
        + ", judging a step that was cut mid-way from what it observes";
  }
}
