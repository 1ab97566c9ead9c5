package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.exec.CancelHandle;
import io.github.pcrupgrade.core.exec.ExecutorOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CLI's own cut after a stop request is only a fallback (issue 16, item 5): the executor
 * abandons a call in flight after its stopGrace by itself (docs/design.md), so the CLI cuts only a
 * run that has not returned well after that, one blocked where it sees no cancellation (the
 * approval prompt). The timer is driven by hand: no wall-clock wait.
 */
class GracefulStopTest {

  /** A timer that records what it was asked to run and when, and runs it only when told. */
  private static final class ManualTimer implements GracefulStop.Timer {
    final List<Duration> delays = new ArrayList<>();
    final List<Runnable> tasks = new ArrayList<>();

    @Override
    public void after(Duration delay, Runnable task) {
      delays.add(delay);
      tasks.add(task);
    }

    void fire() {
      tasks.forEach(Runnable::run);
    }
  }

  private final CancelHandle cancel = new CancelHandle();
  private final StringWriter err = new StringWriter();
  private final List<String> cuts = new ArrayList<>();
  private final ManualTimer timer = new ManualTimer();

  private GracefulStop stop(Duration grace, Duration fallback) {
    return new GracefulStop(cancel, grace, fallback, new PrintWriter(err, true),
        List.of(() -> cuts.add("upgrader"), () -> cuts.add("pools")), timer);
  }

  @Test
  void aStopCancelsTheRunAndSchedulesTheCutOnlyAfterTheFallbackNotAfterTheGrace() {
    GracefulStop s = stop(Duration.ofSeconds(1), Duration.ofSeconds(17));

    s.request("SIGTERM");

    assertThat(cancel.isCancelled()).isTrue();
    assertThat(timer.delays).containsExactly(Duration.ofSeconds(17));
    assertThat(cuts).isEmpty();
    assertThat(err.toString()).contains("SIGTERM received: stopping")
        .contains("gets up to 1s (--stop-grace)");
  }

  @Test
  void aRunThatReturnedBeforeTheFallbackIsNeverCut() {
    GracefulStop s = stop(Duration.ofSeconds(1), Duration.ofSeconds(17));
    s.request("SIGTERM");

    // the executor abandoned its call after the grace and returned
    s.finished();
    timer.fire();

    assertThat(cuts).isEmpty();
    assertThat(s.wasCut()).isFalse();
    assertThat(err.toString()).doesNotContain("cutting");
  }

  @Test
  void aRunStillBlockedWhenTheFallbackFiresIsCutOnce() {
    GracefulStop s = stop(Duration.ofSeconds(1), Duration.ofSeconds(17));
    s.request("SIGINT");

    timer.fire();
    timer.fire();

    assertThat(cuts).containsExactly("upgrader", "pools");
    assertThat(s.wasCut()).isTrue();
    assertThat(err.toString()).contains("the run did not stop within 17s")
        .contains("blocked where the executor cannot stop it: cutting the call in flight");
  }

  @Test
  void aSecondSignalCutsAtOnce() {
    GracefulStop s = stop(Duration.ofSeconds(1), Duration.ofSeconds(17));
    s.request("SIGTERM");

    s.request("SIGTERM");

    assertThat(cuts).containsExactly("upgrader", "pools");
    assertThat(err.toString()).contains("a second SIGTERM: cutting");
  }

  // docs/design.md: heartbeat = min(leaseTtl / 3, pollInterval x 10); a run sees a cancellation
  // within one poll or one heartbeat, then gives the call stopGrace
  @Test
  void theFallbackWaitsForTheGraceTheTimeToSeeTheStopAndAMargin() {
    ExecutorOptions defaults = ExecutorOptions.builder().stopGrace(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(2)).leaseTtl(Duration.ofMinutes(5)).build();
    // heartbeat min(100 s, 20 s) = 20 s; max poll 4 s
    assertThat(StopFallback.after(defaults)).isEqualTo(Duration.ofSeconds(30 + 20 + 5));

    ExecutorOptions slowPolls = ExecutorOptions.builder().stopGrace(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(100)).maxPollInterval(Duration.ofMinutes(2))
        .leaseTtl(Duration.ofHours(1)).build();
    // heartbeat min(20 min, 1 s) = 1 s, but a wait between polls may last 2 min
    assertThat(StopFallback.after(slowPolls)).isEqualTo(Duration.ofSeconds(1 + 120 + 5));
  }
}
