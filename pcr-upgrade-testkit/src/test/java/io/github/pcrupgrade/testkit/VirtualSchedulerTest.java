package io.github.pcrupgrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.pcrupgrade.core.spi.InFlight;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The virtual-time scheduler: one task at a time, the earliest wake-up resumes first, ties in the
 * order the tasks were created, and the clock moves only through the advance it was given.
 */
class VirtualSchedulerTest {

  private static final Instant T0 = Instant.parse("2026-01-05T12:00:00Z");

  /** A clock moved only by the scheduler's advance; records every advance. */
  private static final class Timeline extends Clock {
    Instant now = T0;
    final List<Instant> advances = new ArrayList<>();

    void advanceTo(Instant t) {
      advances.add(t);
      if (t.isAfter(now)) {
        now = t;
      }
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private record Woke(String task, Instant at) {}

  @Test
  void theEarliestWakeUpResumesFirstAndTiesGoInTheOrderTheTasksWereCreated() throws Exception {
    // Given
    Timeline t = new Timeline();
    VirtualScheduler s = new VirtualScheduler(t, t::advanceTo);
    List<Woke> log = new ArrayList<>();

    // When: A and C sleep 5 minutes, B one minute
    List<InFlight<Void>> all = List.of(
        sleeper(s, "A", Duration.ofMinutes(5), log),
        sleeper(s, "B", Duration.ofMinutes(1), log),
        sleeper(s, "C", Duration.ofMinutes(5), log));
    for (InFlight<Void> f : all) {
      assertThat(f.await(Duration.ofHours(1))).isTrue();
    }

    // Then
    assertThat(log).containsExactly(
        new Woke("B", T0.plus(Duration.ofMinutes(1))),
        new Woke("A", T0.plus(Duration.ofMinutes(5))),
        new Woke("C", T0.plus(Duration.ofMinutes(5))));
    assertThat(t.advances).containsExactly(T0.plus(Duration.ofMinutes(1)),
        T0.plus(Duration.ofMinutes(5)));
  }

  @Test
  void awaitReturnsWhenTheCallReturnsNotAtItsTimeout() throws Exception {
    // Given
    Timeline t = new Timeline();
    VirtualScheduler s = new VirtualScheduler(t, t::advanceTo);

    // When: a call that blocks 2 minutes, awaited for up to an hour
    InFlight<String> f = s.submit("call", () -> {
      s.block(Duration.ofMinutes(2));
      return "done";
    });
    boolean returned = f.await(Duration.ofHours(1));

    // Then
    assertThat(returned).isTrue();
    assertThat(f.result()).isEqualTo("done");
    assertThat(t.instant()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
  }

  @Test
  void awaitGivesUpAtItsTimeoutWhileTheCallGoesOn() throws Exception {
    // Given
    Timeline t = new Timeline();
    VirtualScheduler s = new VirtualScheduler(t, t::advanceTo);
    InFlight<String> f = s.submit("call", () -> {
      s.block(Duration.ofHours(2));
      return "done";
    });

    // When
    boolean first = f.await(Duration.ofMinutes(10));

    // Then
    assertThat(first).isFalse();
    assertThat(f.isDone()).isFalse();
    assertThat(t.instant()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    assertThatThrownBy(f::result).isInstanceOf(IllegalStateException.class);
    assertThat(f.await(Duration.ofHours(3))).isTrue();
    assertThat(t.instant()).isEqualTo(T0.plus(Duration.ofHours(2)));
  }

  @Test
  void anAbandonedCallSeesAnInterruptAtTheCurrentVirtualTime() throws Exception {
    // Given: a call blocked for 10 minutes
    Timeline t = new Timeline();
    VirtualScheduler s = new VirtualScheduler(t, t::advanceTo);
    List<Instant> interruptedAt = new ArrayList<>();
    InFlight<String> f = s.submit("call", () -> {
      try {
        s.block(Duration.ofMinutes(10));
        return "finished";
      } catch (InterruptedException e) {
        interruptedAt.add(t.instant());
        throw e;
      }
    });
    assertThat(f.await(Duration.ofMinutes(1))).isFalse();

    // When
    f.abandon();

    // Then: it ends at once (t + 1 min), not at t + 10 min
    assertThat(f.await(Duration.ofHours(1))).isTrue();
    assertThat(interruptedAt).containsExactly(T0.plus(Duration.ofMinutes(1)));
    assertThatThrownBy(f::result).hasCauseInstanceOf(InterruptedException.class);
  }

  @Test
  void theSimulationsEventsRunAsItsClockIsMovedToAWakeUp() throws Exception {
    // Given: a deployment whose primary app VC finalizes in 3 steps of 1 minute
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").primaryBinary("v25.2.3")
        .standbyBinary("v25.2.3").finalizationStepDuration(Duration.ofMinutes(1)).build();
    d.primary().setClusterSetting("system", "version", "25.2");
    Instant begin = d.now();

    // When: a task sleeps 30 minutes of virtual time
    InFlight<Void> f = d.scheduler().submit("sleeper", () -> {
      d.scheduler().sleep(Duration.ofMinutes(30));
      return null;
    });
    assertThat(f.await(Duration.ofHours(1))).isTrue();

    // Then: the finalization scheduled inside the simulation ran on the way
    assertThat(d.now()).isEqualTo(begin.plus(Duration.ofMinutes(30)));
    assertThat(d.trueVersion(d.primary().name(), "system")).hasValueSatisfying(
        v -> assertThat(v.toString()).isEqualTo("25.2"));
  }

  @Test
  void wakeUpsFollowVirtualTimeThenCreationOrderForAnyScheduleOfSleeps() {
    qt().withExamples(60).forAll(lists().of(lists().of(integers().between(0, 600))
        .ofSizeBetween(0, 4)).ofSizeBetween(1, 5)).checkAssert(plans -> {
          Timeline t = new Timeline();
          VirtualScheduler s = new VirtualScheduler(t, t::advanceTo);
          List<long[]> log = new ArrayList<>(); // {seconds since T0, task, index}
          List<InFlight<Void>> tasks = new ArrayList<>();
          for (int i = 0; i < plans.size(); i++) {
            int task = i;
            List<Integer> sleeps = plans.get(i);
            tasks.add(s.start("t" + i, () -> {
              for (int k = 0; k < sleeps.size(); k++) {
                s.sleep(Duration.ofSeconds(sleeps.get(k)));
                log.add(new long[] {Duration.between(T0, t.instant()).toSeconds(), task, k});
              }
              return null;
            }));
          }
          try {
            for (InFlight<Void> f : tasks) {
              assertThat(f.await(Duration.ofDays(1))).isTrue();
            }
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
          // each task wakes at the running sum of its own sleeps
          for (long[] w : log) {
            long expected = plans.get((int) w[1]).subList(0, (int) w[2] + 1).stream()
                .mapToLong(Integer::longValue).sum();
            assertThat(w[0]).isEqualTo(expected);
          }
          // and the wake-ups, across tasks, come in time order (the clock never goes back)
          assertThat(log).isSortedAccordingTo(Comparator.comparingLong(w -> w[0]));
          assertThat(log).hasSize(plans.stream().mapToInt(List::size).sum());
        });
  }

  private static InFlight<Void> sleeper(VirtualScheduler s, String name, Duration d,
      List<Woke> log) {
    return s.start(name, () -> {
      s.sleep(d);
      log.add(new Woke(name, s.now()));
      return null;
    });
  }
}
