package io.github.pcrupgrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A simulated event that throws must not take the rest of the simulation with it: before the fix
 * {@code advanceTo} let the exception escape (so every event due after it in the same advance was
 * lost, and the caller's sleep failed), and {@code replicationTick} re-scheduled itself only at its
 * end, so one throwing tick stopped simulated replication for good.
 */
class SimulationEventFailureTest {

  private static SimulatedDeployment deployment() {
    return SimulatedDeployment.builder().nodes(1, 1).series("24.3").seed(5).build();
  }

  private static Instant replicatedTime(SimulatedDeployment d) {
    return d.standby().replicationStatus("main").replicatedTime();
  }

  @Test
  void anEventThatThrowsIsRecordedByTheMonitorAndTheEventsDueAfterItStillRun() {
    // Given: an event that throws at +1 s and one that counts at +2 s
    SimulatedDeployment d = deployment();
    AtomicInteger ranAfter = new AtomicInteger();
    d.scheduleEvent(Duration.ofSeconds(1), "broken", () -> {
      throw new IllegalStateException("simulated bug");
    });
    d.scheduleEvent(Duration.ofSeconds(2), "after", ranAfter::incrementAndGet);

    // When: one advance covers both
    Throwable told = catchThrowable(() -> d.advance(Duration.ofSeconds(5)));

    // Then: the later event ran, the clock reached its target, the caller is told of the failure
    // at the end, and the failure is on record
    assertThat(told).isInstanceOf(IllegalStateException.class).hasMessage("simulated bug");
    assertThat(ranAfter).hasValue(1);
    assertThat(d.now()).isEqualTo(SimulatedDeployment.DEFAULT_START.plusSeconds(5));
    assertThat(d.monitor().violations()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo(MonitorViolation.Kind.SIMULATION_EVENT_FAILED);
      assertThat(v.message()).contains("broken", "simulated bug");
    });
    assertThat(d.trace()).anyMatch(t -> t.kind().equals("error")
        && t.detail().contains("simulated event 'broken' failed"));
  }

  @Test
  void aReplicationTickThatThrowsDoesNotStopReplication() {
    // Given: the source VC's history is emptied, so the next replication tick throws while
    // reading the source's version as of the replicated time
    SimulatedDeployment d = deployment();
    d.advance(Duration.ofMinutes(1));
    Instant before = replicatedTime(d);
    VcState source = d.primary().vcs.get("main");
    List<VcState.HistoryPoint> saved;
    synchronized (d) {
      saved = List.copyOf(source.history);
      source.history.clear();
    }

    // When: one tick fails (the advance says so), then the history is back and time goes on
    assertThat(catchThrowable(() -> d.advance(SimulatedDeployment.REPLICATION_INTERVAL)))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(d.monitor().violations()).as("the tick failed")
        .anyMatch(v -> v.kind() == MonitorViolation.Kind.SIMULATION_EVENT_FAILED
            && v.message().contains("replication tick"));
    synchronized (d) {
      source.history.addAll(saved);
    }
    Instant afterFailure = replicatedTime(d);
    d.advance(Duration.ofMinutes(5));

    // Then: replication kept ticking after the failed tick
    assertThat(replicatedTime(d)).isAfter(afterFailure).isAfter(before);
    assertThat(Duration.between(replicatedTime(d), d.now()))
        .isLessThanOrEqualTo(Duration.ofSeconds(10).plus(SimulatedDeployment.REPLICATION_INTERVAL));
  }
}
