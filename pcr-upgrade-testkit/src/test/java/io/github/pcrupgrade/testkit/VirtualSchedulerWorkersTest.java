package io.github.pcrupgrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.spi.InFlight;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The scheduler keeps a task's thread for the next task (a run submits one call per port call,
 * and starting a thread costs far more than a handoff): reuse must change which thread runs a
 * call, never when it runs or what it returns.
 */
class VirtualSchedulerWorkersTest {

  @Test
  void callsMadeOneAfterAnotherReuseOneThread() throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().nodes(1, 1).build();
    VirtualScheduler s = d.scheduler();
    Set<Thread> threads = new HashSet<>();

    for (int i = 0; i < 50; i++) {
      InFlight<Thread> f = s.submit("call " + i, Thread::currentThread);
      assertThat(f.await(Duration.ofSeconds(1))).isTrue();
      threads.add(f.result());
    }

    assertThat(threads).hasSize(1).doesNotContain(Thread.currentThread());
  }

  @Test
  void reusedThreadsKeepTheVirtualTimeline() throws Exception {
    // Given: three calls that each sleep a different virtual time, submitted twice in a row
    SimulatedDeployment d = SimulatedDeployment.builder().nodes(1, 1).build();
    VirtualScheduler s = d.scheduler();
    List<Instant> ends = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      Instant start = d.now();
      List<InFlight<Instant>> calls = new ArrayList<>();
      for (int seconds : new int[] {30, 10, 20}) {
        calls.add(s.submit("sleep " + seconds, () -> {
          s.sleep(Duration.ofSeconds(seconds));
          return d.now();
        }));
      }
      // When
      for (InFlight<Instant> c : calls) {
        assertThat(c.await(Duration.ofMinutes(1))).isTrue();
        ends.add(c.result());
      }
      // Then: each call ended at its own virtual time after the round's start
      assertThat(ends.subList(3 * round, 3 * round + 3)).containsExactly(
          start.plusSeconds(30), start.plusSeconds(10), start.plusSeconds(20));
    }
  }
}
