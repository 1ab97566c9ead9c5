package io.github.pcrupgrade.testkit.executor;

import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.deployment;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fast;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fastOptions;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.to;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.event.Slf4jUpgradeListener;
import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.exec.HaltReason;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One executor at a time (invariant 9); listeners see ordered progress and cannot break a run. */
class ExecutorLeaseAndEventsTest {

  @Test
  void aSecondExecutorHaltsWithLeaseHeldWhileTheFirstHoldsTheLease() {
    // Given: executor A holds the lease
    SimulatedDeployment d = deployment().build();
    d.journal().acquireLease(d.deploymentId(), "A", Duration.ofMinutes(5));

    // When
    RunResult b = d.ports("B").executor().executorId("B").options(fast()).build().run(to("25.2"));

    // Then
    assertThat(b.status()).isEqualTo(RunStatus.HALTED);
    assertThat(b.haltReason()).contains(HaltReason.LEASE_HELD);
    assertThat(b.message()).contains("'A'", "Next: wait until the other executor finishes");
    assertThat(d.trace()).noneMatch(t -> t.kind().equals("port") && t.detail().contains("[B]"));
    d.monitor().assertClean();
  }

  @Test
  void aSecondExecutorStartedInTheMiddleOfARunHaltsAndTheFirstCompletes() {
    // Given
    SimulatedDeployment d = deployment().reader(true).build();
    List<RunResult> second = new ArrayList<>();

    // When: B is started (on the same thread) while A is between two steps
    RunResult a = d.ports("A").executor().executorId("A").options(fast()).listener(e -> {
      if (e instanceof UpgradeEvent.StepDone s && s.progress().done() == 5 && second.isEmpty()) {
        second.add(d.ports("B").executor().executorId("B").options(fast()).build()
            .run(to("25.2")));
      }
    }).build().run(to("25.2"));

    // Then
    assertThat(a.isCompleted()).as(a.toString()).isTrue();
    assertThat(second).singleElement()
        .satisfies(b -> assertThat(b.haltReason()).contains(HaltReason.LEASE_HELD));
    d.monitor().assertClean();
  }

  @Test
  void aRunWhoseWaitsOutlastTheLeaseKeepsItAndCompletes() {
    // Given: a 40 s lease (longer than one call of the node upgrader, which blocks through the
    // drain and the restart), a 3 min settle time after each restart, and a second executor
    // that tries to take over while the first one waits
    SimulatedDeployment d = deployment().build();
    List<RunResult> intruder = new ArrayList<>();

    // When
    RunResult a = d.ports("A").executor().executorId("A")
        .options(fastOptions().leaseTtl(Duration.ofSeconds(40))
            .settleTime(Duration.ofMinutes(3)).build())
        .listener(e -> {
          if (e instanceof UpgradeEvent.Waiting w && w.awaiting().contains("settle")
              && intruder.isEmpty()) {
            intruder.add(d.ports("B").executor().executorId("B").options(fast()).build()
                .run(to("25.2")));
          }
        }).build().run(to("25.2"));

    // Then
    assertThat(a.isCompleted()).as(a.toString()).isTrue();
    assertThat(intruder).singleElement()
        .satisfies(b -> assertThat(b.haltReason()).contains(HaltReason.LEASE_HELD));
    d.monitor().assertClean();
  }

  @Test
  void aListenerThatThrowsNeverBreaksARun() {
    // Given
    SimulatedDeployment d = deployment().reader(true).build();

    // When
    RunResult r = d.ports().executor().options(fast()).listener(e -> {
      throw new IllegalStateException("listener bug");
    }).build().run(to("25.4"));

    // Then
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    d.monitor().assertClean();
  }

  @Test
  void eventsCarryProgressInOrderUpToTheTotal() {
    // Given
    SimulatedDeployment d = deployment().reader(true).build();
    List<UpgradeEvent> events = new ArrayList<>();

    // When
    RunResult r = d.ports().executor().options(fast()).listener(events::add).build()
        .run(to("25.4"));

    // Then
    int total = r.progress().total();
    assertThat(events.get(0)).isInstanceOf(UpgradeEvent.RunStarted.class);
    assertThat(events).last().isInstanceOf(UpgradeEvent.Completed.class);
    assertThat(events).allSatisfy(e -> assertThat(e.progress().total()).isEqualTo(total));
    int done = 0;
    for (UpgradeEvent e : events) {
      if (e instanceof UpgradeEvent.StepDone || e instanceof UpgradeEvent.StepAlreadyDone) {
        assertThat(e.progress().done()).as(e.toString()).isEqualTo(++done);
      } else {
        assertThat(e.progress().done()).as(e.toString()).isEqualTo(done);
      }
    }
    assertThat(done).isEqualTo(total);
    assertThat(events).extracting(UpgradeEvent::at).isSorted();
  }

  @Test
  void theSlf4jListenerPutsTheClusterOrDeploymentInFrontOfEveryLine() {
    // Given
    SimulatedDeployment d = deployment().build();
    CapturingLogger log = new CapturingLogger();
    d.inject(io.github.pcrupgrade.testkit.Fault.nodeRejoinsLate("standby", 1,
        Duration.ofMinutes(30)));

    // When: one run halts, the next one completes
    RunResult halted = d.ports().executor()
        .options(fastOptions().nodeRestartTimeout(Duration.ofMinutes(1)).build())
        .listener(new Slf4jUpgradeListener(log)).build().run(to("25.2"));
    d.advance(Duration.ofMinutes(30));
    RunResult completed = d.ports().executor().options(fast())
        .listener(new Slf4jUpgradeListener(log)).build().run(to("25.2"));

    // Then
    assertThat(halted.haltReason()).contains(HaltReason.TIMEOUT);
    assertThat(completed.isCompleted()).isTrue();
    assertThat(log.lines).isNotEmpty().allSatisfy(line ->
        assertThat(line).matches("(?s)(primary|standby|simulated-pcr) - .*"));
    assertThat(log.lines).anyMatch(l -> l.startsWith(
        "simulated-pcr - run simulated-pcr-executor-1 halted (TIMEOUT)"));
    assertThat(log.lines).anyMatch(l -> l.startsWith(
        "simulated-pcr - run simulated-pcr-executor-1 completed"));
    assertThat(log.lines).anyMatch(l -> l.startsWith("standby - [3/16]"));
  }

  @Test
  void haltMessagesNameWhereAndSayWhatToDoNext() {
    // Given: a node that does not come back in time
    SimulatedDeployment d = deployment().build();
    d.inject(io.github.pcrupgrade.testkit.Fault.nodeRejoinsLate("standby", 1,
        Duration.ofMinutes(30)));

    // When
    RunResult r = d.ports().executor()
        .options(fastOptions().nodeRestartTimeout(Duration.ofMinutes(1)).build()).build()
        .run(to("25.2"));

    // Then
    assertThat(r.haltReason()).contains(HaltReason.TIMEOUT);
    assertThat(r.message()).contains("'standby' node n1", "node 1 is", "Next: find out why",
        "run again to resume");
  }

  /** Keeps each formatted line; every level enabled. */
  private static final class CapturingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    final List<String> lines = new ArrayList<>();

    CapturingLogger() {
      this.name = "capture";
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern,
        Object[] args, Throwable t) {
      lines.add(MessageFormatter.basicArrayFormat(pattern, args));
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }
  }
}
