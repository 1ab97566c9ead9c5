package io.github.pcrupgrade.testkit.executor;

import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.deployment;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fast;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fastOptions;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.to;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.exec.CancelHandle;
import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.HaltReason;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.core.spi.InFlight;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.testkit.CuttingOperations;
import io.github.pcrupgrade.testkit.InterruptedFinalization;
import io.github.pcrupgrade.testkit.Ports;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Port calls that block for minutes, as the product's finalization does inside its statement
 * (crdb-pcr-sql-facts 10.1), run on the deployment's virtual-time scheduler: the lease is renewed
 * during the call, a cancellation gives the call {@code stopGrace} and then abandons it, a call is
 * bounded by its step's timeout, and a finalization cut part-way is sent again (issue 13).
 */
class ExecutorBlockingCallsTest {

  private static final Duration LONG_CALL = Duration.ofMinutes(10);

  @Test
  void aSecondExecutorCannotActWhileTheFirstsTenMinuteFinalizationRuns() {
    // Given: the primary's finalizations each take 10 minutes inside the statement, twice the
    // 5-minute lease TTL, and executor B starts as a task of the same virtual timeline once A's
    // statement has run 6 minutes
    SimulatedDeployment d = deployment().finalizationDuration("primary", "system", LONG_CALL)
        .finalizationDuration("primary", "main", LONG_CALL).build();
    CuttingOperations primaryOps = recording(d, "A");
    VirtualScheduler s = d.scheduler();
    AtomicReference<Boolean> aWasInCall = new AtomicReference<>();
    InFlight<RunResult> b = s.start("executor B", () -> {
      waitUntilInCallFor(d, primaryOps, Duration.ofMinutes(6));
      RunResult r = d.ports("B").executor().executorId("B").options(fast()).build()
          .run(to("25.2"));
      aWasInCall.set(primaryOps.inCallSince().isPresent());
      return r;
    });

    // When
    RunResult a = executor(d, "A", primaryOps, fast()).run(to("25.2"));

    // Then: A kept its lease through the call (heartbeat), B never acted, A completed
    assertThat(a.isCompleted()).as(a.toString()).isTrue();
    RunResult second = result(b);
    assertThat(second.haltReason()).as(second.toString()).contains(HaltReason.LEASE_HELD);
    assertThat(aWasInCall.get()).as("B tried while A's statement was in flight").isTrue();
    assertThat(d.trace()).noneMatch(t -> t.kind().equals("port") && t.detail().contains("[B]"));
    d.monitor().assertClean();
  }

  @Test
  void aCancellationDuringALongCallGivesItStopGraceThenAbandonsItAndJournalsTheUnknownOutcome() {
    // Given: a 10-minute finalization and a caller that cancels 1 minute into it
    SimulatedDeployment d = deployment().finalizationDuration("primary", "system", LONG_CALL)
        .build();
    CuttingOperations primaryOps = recording(d, "A");
    CancelHandle cancel = new CancelHandle();
    AtomicReference<Instant> cancelledAt = new AtomicReference<>();
    d.scheduler().start("caller", () -> {
      waitUntilInCallFor(d, primaryOps, Duration.ofMinutes(1));
      cancelledAt.set(d.now());
      cancel.cancel();
      return null;
    });

    // When
    RunResult r = executor(d, "A", primaryOps,
        fastOptions().stopGrace(Duration.ofSeconds(30)).build()).run(to("25.2"), cancel);

    // Then: the run returned within heartbeat + stopGrace of the cancellation, long before the
    // statement would have ended, and journaled that the call's outcome is unknown
    assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.CANCELLED);
    assertThat(Duration.between(cancelledAt.get(), d.now()))
        .isLessThanOrEqualTo(Duration.ofSeconds(10 + 30 + 10));
    assertThat(events(d, JournalEvent.STEP_OUTCOME_UNKNOWN)).singleElement()
        .satisfies(e -> assertThat(e.entry().detail()).contains("abandoned", "cancelled"));
    assertThat(events(d, JournalEvent.RUN_CANCELLED)).hasSize(1);
  }

  @Test
  void aCallRunningPastItsStepsTimeoutIsAbandonedAndHaltsWithTimeout() {
    // Given: a finalization takes 30 minutes inside its statement, the finalization timeout is 5
    SimulatedDeployment d = deployment()
        .finalizationDuration("primary", "system", Duration.ofMinutes(30)).build();
    CuttingOperations primaryOps = recording(d, "A");

    // When
    RunResult r = executor(d, "A", primaryOps,
        fastOptions().finalizationTimeout(Duration.ofMinutes(5)).build()).run(to("25.2"));

    // Then
    assertThat(r.haltReason()).as(r.toString()).contains(HaltReason.TIMEOUT);
    assertThat(r.message()).contains("did not return within", "may still complete");
    assertThat(events(d, JournalEvent.STEP_OUTCOME_UNKNOWN)).hasSize(1);
  }

  @Test
  void aFinalizationCutMidWayThatStopsIsSentAgainAndCompletes() {
    // Given: the primary app VC's 10-minute finalization statement is cut after 1 minute and the
    // server stops the finalization where it was (auto-upgrade is pinned off: nothing resumes it)
    SimulatedDeployment d = deployment().finalizationDuration("primary", "main", LONG_CALL)
        .onInterruptedFinalization(InterruptedFinalization.STOPS).build();
    CuttingOperations primaryOps = recording(d, "A")
        .cutFirstFinalization("main", Duration.ofMinutes(1));

    // When: the finalization timeout (20 min) is far shorter than it would take without a re-send
    RunResult r = executor(d, "A", primaryOps,
        fastOptions().finalizationTimeout(Duration.ofMinutes(20)).build()).run(to("25.2"));

    // Then
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    assertThat(primaryOps.finalizations()).filteredOn(c -> c.vc().equals("main")).hasSize(2);
    List<JournalRecord> again = events(d, JournalEvent.STEP_STARTED).stream()
        .filter(e -> e.entry().detail().startsWith("again:")).toList();
    assertThat(again).singleElement().satisfies(e -> assertThat(e.entry().detail())
        .contains("has not moved for PT2M (resendAfter)"));
    d.monitor().assertClean();
  }

  @Test
  void aFinalizationCutMidWayThatContinuesCompletesWithoutBeingSentAgain() {
    // Given: the statement is cut after 1 minute, and the server carries on without its client
    SimulatedDeployment d = deployment().finalizationDuration("primary", "main", LONG_CALL)
        .onInterruptedFinalization(InterruptedFinalization.CONTINUES).build();
    CuttingOperations primaryOps = recording(d, "A")
        .cutFirstFinalization("main", Duration.ofMinutes(1));

    // When
    RunResult r = executor(d, "A", primaryOps,
        fastOptions().finalizationTimeout(Duration.ofMinutes(20)).build()).run(to("25.2"));

    // Then
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    assertThat(primaryOps.finalizations()).filteredOn(c -> c.vc().equals("main")).hasSize(1);
    d.monitor().assertClean();
  }

  @Test
  void aStopServiceCutMidWayLeavesTheReaderStoppingAndIsSentAgain() {
    // Given: STOP SERVICE of the reader takes 8 minutes inside the statement and is cut after 1;
    // the VC then stays stopping (crdb-pcr-sql-facts 10.1) and DROP would refuse it
    SimulatedDeployment d = deployment().reader(true)
        .serviceStopDuration("standby", "main-readonly", Duration.ofMinutes(8)).build();
    Ports p = d.ports("A");
    CuttingOperations standbyOps = new CuttingOperations(d, p.standbyOperations())
        .cutFirstStop("main-readonly", Duration.ofMinutes(1));

    // When: readerVcTimeout (15 min) is far shorter than a wait without a re-send
    RunResult r = p.executor().executorId("A")
        .options(fastOptions().readerVcTimeout(Duration.ofMinutes(15)).build())
        .standby(p.standbyInspector(), standbyOps).build().run(to("25.2"));

    // Then
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    assertThat(standbyOps.stops()).hasSize(2);
    d.monitor().assertClean();
  }

  @Test
  void aLegitimatelyLongMigrationThatSitsAtOneVersionInsideItsStatementIsNotSentAgain() {
    // Given: each migration step takes 5 minutes, longer than resendAfter (2 min), so a VC sits
    // at one transitional version for 5 minutes while its statement is still running
    SimulatedDeployment d = deployment().finalizationStepDuration(Duration.ofMinutes(5)).build();
    Ports p = d.ports("A");
    CuttingOperations primaryOps = new CuttingOperations(d, p.primaryOperations());
    CuttingOperations standbyOps = new CuttingOperations(d, p.standbyOperations());

    // When
    RunResult r = p.executor().executorId("A").options(fast())
        .primary(p.primaryInspector(), primaryOps).standby(p.standbyInspector(), standbyOps)
        .build().run(to("25.2"));

    // Then: one statement per VC, each of which lasted longer than resendAfter
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    assertThat(primaryOps.finalizations()).extracting(CuttingOperations.Call::vc)
        .containsExactly("system", "main");
    assertThat(standbyOps.finalizations()).extracting(CuttingOperations.Call::vc)
        .containsExactly("system");
    assertThat(events(d, JournalEvent.STEP_STARTED))
        .noneMatch(e -> e.entry().detail().startsWith("again:"));
    d.monitor().assertClean();
  }

  private static CuttingOperations recording(SimulatedDeployment d, String holder) {
    return new CuttingOperations(d, d.ports(holder).primaryOperations());
  }

  private static UpgradeExecutor executor(SimulatedDeployment d, String holder,
      CuttingOperations primaryOps, ExecutorOptions options) {
    Ports p = d.ports(holder);
    return p.executor().executorId(holder).options(options)
        .primary(p.primaryInspector(), primaryOps).build();
  }

  /** Sleeps on the virtual timeline (bounded) until a finalization has been in flight for d. */
  private static void waitUntilInCallFor(SimulatedDeployment d, CuttingOperations ops,
      Duration inCall) throws InterruptedException {
    Instant deadline = d.now().plus(Duration.ofHours(6));
    while (ops.inCallSince().map(t -> Duration.between(t, d.now()).compareTo(inCall) < 0)
        .orElse(true)) {
      if (d.now().isAfter(deadline)) {
        throw new AssertionError("no finalization was in flight for " + inCall);
      }
      d.scheduler().sleep(Duration.ofSeconds(15));
    }
  }

  private static <T> T result(InFlight<T> f) {
    try {
      assertThat(f.await(Duration.ofHours(12))).as("the task ended").isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    return f.result();
  }

  private static List<JournalRecord> events(SimulatedDeployment d, JournalEvent event) {
    return d.journal().history(d.deploymentId()).stream()
        .filter(r -> r.entry().event() == event).toList();
  }
}
