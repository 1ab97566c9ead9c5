package io.github.pcrupgrade.testkit.executor;

import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.deployment;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fast;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fastOptions;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.finalizationStarts;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.to;
import static io.github.pcrupgrade.testkit.executor.FaultEvidence.events;
import static io.github.pcrupgrade.testkit.executor.FaultEvidence.on;
import static io.github.pcrupgrade.testkit.executor.FaultEvidence.portCalls;
import static io.github.pcrupgrade.testkit.executor.FaultEvidence.traced;
import static io.github.pcrupgrade.testkit.executor.FaultEvidence.tracedOnce;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.event.UpgradeListener;
import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.HaltReason;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.testkit.Fault;
import io.github.pcrupgrade.testkit.FaultPlan;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.Trigger;
import io.github.pcrupgrade.testkit.TraceEvent;
import io.github.pcrupgrade.testkit.executor.FaultEvidence.Events;
import io.github.pcrupgrade.testkit.executor.FaultEvidence.Injection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every fault the testkit can inject, met by the executor: it either rides the fault out (a
 * transient error, a late rejoin within its timeout, a short stall) or halts with the reason that
 * says what happened and what to do; never a violation of its own; and once the fault is cleared,
 * a rerun completes. A case that rides a fault out proves from the simulation's trace that the
 * fault fired, and from the trace and the run's events what the executor did about it (a retry of
 * the failed call, a wait naming the fault's effect that lasted as long as the effect): a run that
 * never met its fault completes with a clean monitor too ({@link FaultEvidence}).
 */
class ExecutorFaultsTest {

  private static final String TARGET = "25.2";

  private static RunResult run(SimulatedDeployment d, ExecutorOptions options,
      UpgradeListener... listeners) {
    var b = d.ports().executor().options(options);
    for (UpgradeListener l : listeners) {
      b.listener(l);
    }
    return b.build().run(to(TARGET));
  }

  private static void rerunCompletes(SimulatedDeployment d) {
    RunResult again = run(d, fast());
    assertThat(again.isCompleted()).as(again.toString()).isTrue();
    assertThat(d.trueVersion("primary", "main")).contains(ClusterVersion.parse(TARGET));
    assertThat(d.trueVersion("standby", "main")).contains(ClusterVersion.parse(TARGET));
  }

  /** Completed with a clean monitor: the outcome of a fault ridden out (not proof that it fired). */
  private static void assertCompletedClean(RunResult r, SimulatedDeployment d) {
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    d.monitor().assertClean();
  }

  /**
   * The injected SQL errors on a cluster: exactly {@code count} of them were raised, and each
   * failed call was made again after it (the executor retried instead of giving up or guessing).
   */
  private static void assertEachErrorRetried(SimulatedDeployment d, String cluster, String sqlState,
      int count) {
    List<TraceEvent> errors = traced(d, cluster, "error", "SQLSTATE " + sqlState);
    assertThat(errors).as("injected %s errors on '%s'", sqlState, cluster).hasSize(count);
    for (TraceEvent error : errors) {
      String call = error.detail().substring(0, error.detail().indexOf(": ERROR: "));
      assertThat(portCalls(d, cluster, call)).as("'%s' made again after %s", call, error)
          .anySatisfy(t -> assertThat(t.sequence()).isGreaterThan(error.sequence()));
    }
  }

  private static void assertHalted(RunResult r, HaltReason reason, String... messageParts) {
    assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.HALTED);
    assertThat(r.haltReason()).as(r.toString()).contains(reason);
    assertThat(r.message()).contains(messageParts);
  }

  @Test
  void aNodeThatFailsToRestartHaltsTheRunNamingItAndARerunCompletesOnceItIsBack() {
    // Given
    SimulatedDeployment d = deployment().faults(FaultPlan.builder()
        .on(Trigger.onNodeRestart(2, "standby"), Fault.nodeFailsToRestart("standby", 2)).build())
        .build();

    // When
    RunResult r = run(d, fast());

    // Then
    tracedOnce(d, "standby", "node", "n2 failed to start (simulated fault)");
    assertHalted(r, HaltReason.PORT_FAILURE, "node 2", "'standby'");
    d.monitor().assertClean();
    d.standby().restartNode(2);
    rerunCompletes(d);
    d.monitor().assertClean();
  }

  @Test
  void aNodeThatRejoinsLateWithinTheTimeoutIsWaitedFor() {
    // Given
    SimulatedDeployment d = deployment().build();
    d.inject(Fault.nodeRejoinsLate("standby", 1, Duration.ofMinutes(3)));
    Events events = events();

    // When
    RunResult r = run(d, fast(), events);

    // Then: n1 came back at least 3 minutes after it stopped; the executor restarted it once
    // and waited for it, its step done only after the rejoin
    assertCompletedClean(r, d);
    TraceEvent stopped = tracedOnce(d, "standby", "node", "n1 stopped");
    TraceEvent rejoined = tracedOnce(d, "standby", "node", "n1 rejoined");
    assertThat(Duration.between(stopped.at(), rejoined.at())).isGreaterThanOrEqualTo(
        Duration.ofMinutes(3));
    assertThat(portCalls(d, "standby", "upgrade n1 to")).hasSize(1);
    assertThat(events.waitsFor("25.2:standby:restart:n1")).isNotEmpty();
    assertThat(events.done("25.2:standby:restart:n1")).isAfterOrEqualTo(rejoined.at());
  }

  @Test
  void aNodeThatRejoinsLaterThanTheTimeoutHaltsWithTimeoutAndARerunCompletes() {
    // Given
    SimulatedDeployment d = deployment().build();
    d.inject(Fault.nodeRejoinsLate("standby", 1, Duration.ofMinutes(20)));

    // When
    RunResult r = run(d, fastOptions().nodeRestartTimeout(Duration.ofMinutes(2)).build());

    // Then
    assertHalted(r, HaltReason.TIMEOUT, "node 1", "'standby'");
    assertThat(traced(d, "standby", "node", "n1 rejoined")).as("n1 had not rejoined").isEmpty();
    d.monitor().assertClean();
    d.advance(Duration.ofMinutes(20));
    rerunCompletes(d);
    d.monitor().assertClean();
  }

  @Test
  void aNodeThatDiesForAWhileIsWaitedForByTheHealthGate() {
    // Given: a primary node dies while the standby rolls
    SimulatedDeployment d = deployment().build();
    Events events = events();
    Injection kill = on(UpgradeEvent.StepDone.class, "25.2:standby:restart:n1",
        e -> d.inject(Fault.nodeDies("primary", 2, Duration.ofMinutes(3))));

    // When
    RunResult r = run(d, fast(), kill, events);

    // Then: the next restart waited, naming the dead node, until it was back
    assertCompletedClean(r, d);
    kill.firedAt();
    TraceEvent died = tracedOnce(d, "primary", "node", "n2 died");
    TraceEvent back = traced(d, "primary", "node", "n2 rejoined").stream()
        .filter(t -> t.sequence() > died.sequence()).findFirst().orElseThrow();
    assertThat(events.waitsFor("25.2:standby:restart:n2"))
        .anySatisfy(w -> assertThat(w.awaiting()).contains("'primary' node 2"));
    assertThat(events.started("25.2:standby:restart:n2")).isAfterOrEqualTo(back.at());
  }

  @Test
  void aNodeThatStaysDeadHaltsAtTheHealthGateNamingItAndARerunCompletesOnceRestarted() {
    // Given
    SimulatedDeployment d = deployment().build();
    Injection kill = on(UpgradeEvent.StepDone.class, "25.2:standby:restart:n1",
        e -> d.inject(Fault.nodeDies("primary", 2, Duration.ZERO)));

    // When
    RunResult r = run(d, fastOptions().healthTimeout(Duration.ofMinutes(2)).build(), kill);

    // Then
    kill.firedAt();
    tracedOnce(d, "primary", "node", "n2 died");
    assertHalted(r, HaltReason.PRECONDITION_NOT_MET, "'primary' node 2");
    d.monitor().assertClean();
    d.primary().restartNode(2);
    rerunCompletes(d);
    d.monitor().assertClean();
  }

  @Test
  void transientSerializationFailuresAreRetried() {
    // Given
    SimulatedDeployment d = deployment().build();
    Injection contend = on(UpgradeEvent.StepStarted.class, "25.2:primary:finalize:main",
        e -> d.inject(Fault.serializationFailures("primary", 2)));

    // When
    RunResult r = run(d, fast(), contend);

    // Then: both errors were raised, each failed call made again, the app VC finalized once
    assertCompletedClean(r, d);
    contend.firedAt();
    assertEachErrorRetried(d, "primary", "40001", 2);
    assertThat(finalizationStarts(d)).filteredOn(t -> t.cluster().equals("primary")
        && t.detail().startsWith("main:")).hasSize(1);
  }

  @Test
  void transientFailuresThatDoNotStopEndInAHaltNotAnEndlessRetry() {
    // Given: from the app VC's finalization on, every primary call fails with 40001 (far more
    // failures than any bounded retry tolerates)
    SimulatedDeployment d = deployment().build();
    Injection contend = on(UpgradeEvent.StepStarted.class, "25.2:primary:finalize:main",
        e -> d.inject(Fault.serializationFailures("primary", 1_000)));

    // When
    RunResult r = run(d, fast(), contend);

    // Then the retries were bounded: the run halted, naming the failure, with it as the cause,
    // and nothing was finalized by a guess
    contend.firedAt();
    assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.HALTED);
    assertThat(r.haltReason()).contains(HaltReason.PORT_FAILURE);
    assertThat(r.message()).contains("40001");
    assertThat(r.cause()).isPresent();
    assertThat(traced(d, "primary", "error", "SQLSTATE 40001")).hasSizeBetween(2, 20);
    assertThat(d.trueVersion("primary", "main")).contains(ClusterVersion.parse("24.3"));
    d.monitor().assertClean();
  }

  @Test
  void aConnectionLostBeforeTheStatementTookEffectIsRetried() {
    // Given
    SimulatedDeployment d = deployment().reader(true).build();
    Injection cut = on(UpgradeEvent.StepStarted.class,
        "25.2:standby:reader-drop:main-readonly",
        e -> d.inject(Fault.connectionLost("standby", 1, false)));

    // When
    RunResult r = run(d, fast(), cut);

    // Then
    assertCompletedClean(r, d);
    cut.firedAt();
    assertEachErrorRetried(d, "standby", "08006", 1);
  }

  @Test
  void aConnectionLostAfterTheStatementTookEffectIsRiddenOutWithoutRepeatingIt() {
    // Given: the drop takes effect, then the connection breaks; the product refuses a second drop
    SimulatedDeployment d = deployment().reader(true).build();
    Injection cut = on(UpgradeEvent.StepStarted.class,
        "25.2:standby:reader-drop:main-readonly",
        e -> d.inject(Fault.connectionLost("standby", 1, true)));

    // When
    RunResult r = run(d, fast(), cut);

    // Then: the error hit the drop itself, which was not sent again
    assertCompletedClean(r, d);
    cut.firedAt();
    assertThat(traced(d, "standby", "error", "SQLSTATE 08006")).singleElement()
        .satisfies(t -> assertThat(t.detail()).startsWith("DROP VIRTUAL CLUSTER main-readonly"));
    assertThat(portCalls(d, "standby", "DROP VIRTUAL CLUSTER main-readonly")).hasSize(1);
  }

  @Test
  void aConnectionLostAfterAFinalizationTookEffectDoesNotBeginItTwice() {
    // Given
    SimulatedDeployment d = deployment().build();
    Injection cut = on(UpgradeEvent.StepStarted.class, "25.2:primary:finalize:main",
        e -> d.inject(Fault.connectionLost("primary", 1, true)));

    // When
    RunResult r = run(d, fast(), cut);

    // Then
    assertCompletedClean(r, d);
    cut.firedAt();
    assertThat(traced(d, "primary", "error", "SQLSTATE 08006")).singleElement()
        .satisfies(t -> assertThat(t.detail()).startsWith("SET CLUSTER SETTING version"));
    assertThat(finalizationStarts(d)).filteredOn(t -> t.cluster().equals("primary")
        && t.detail().startsWith("main:")).hasSize(1);
  }

  @Test
  void aShortReplicationStallIsWaitedFor() {
    // Given
    SimulatedDeployment d = deployment().reader(true).build();
    Events events = events();
    Injection stall = on(UpgradeEvent.StepStarted.class, "25.2:primary:finalize:main",
        e -> d.inject(Fault.replicationStall(Duration.ofMinutes(5))));

    // When
    RunResult r = run(d, fast(), stall, events);

    // Then: the wait for the standby's replicated time lasted until the stall was over
    // (invariant 6: the reader is re-created only after replication passed the finalization)
    assertCompletedClean(r, d);
    stall.firedAt();
    Instant stallEnds = tracedOnce(d, "", "fault", "replication stalls until").at()
        .plus(Duration.ofMinutes(5));
    assertThat(events.waitsFor("25.2:standby:await-replication:main")).isNotEmpty();
    assertThat(events.done("25.2:standby:await-replication:main")).isAfterOrEqualTo(stallEnds);
    assertThat(events.started("25.2:standby:reader-drop:main-readonly")).isAfter(stallEnds);
  }

  @Test
  void aReplicationStallLongerThanTheTimeoutHaltsBeforeTheReaderIsTouched() {
    // Given
    SimulatedDeployment d = deployment().reader(true).build();
    Injection stall = on(UpgradeEvent.StepStarted.class, "25.2:primary:finalize:main",
        e -> d.inject(Fault.replicationStall(Duration.ofMinutes(30))));

    // When
    RunResult r = run(d, fastOptions().replicationTimeout(Duration.ofMinutes(3)).build(), stall);

    // Then
    stall.firedAt();
    tracedOnce(d, "", "fault", "replication stalls until");
    assertHalted(r, HaltReason.TIMEOUT, "'standby'", "main");
    assertThat(d.snapshot().standby().vc("main-readonly")).get()
        .satisfies(v -> assertThat(v.isServing()).isTrue());
    d.monitor().assertClean();
    d.advance(Duration.ofMinutes(30));
    rerunCompletes(d);
    d.monitor().assertClean();
  }

  @Test
  void aLagSpikeHoldsTheHealthGateUntilItPasses() {
    // Given: the replicated time stands still while the lag grows past the 2 min bound
    SimulatedDeployment d = deployment().build();
    Events events = events();
    Injection spike = on(UpgradeEvent.StepDone.class, "25.2:standby:restart:n1",
        e -> {
          d.inject(Fault.lagSpike(Duration.ofMinutes(20), Duration.ofMinutes(6)));
          d.advance(Duration.ofMinutes(4));
        });

    // When
    RunResult r = run(d, fastOptions().maxReplicationLag(Duration.ofMinutes(2)).build(), spike,
        events);

    // Then: the next restart waited, naming the lag, until the spike was over
    assertCompletedClean(r, d);
    spike.firedAt();
    Instant spikeEnds = tracedOnce(d, "", "fault", "replication lag +PT20M").at()
        .plus(Duration.ofMinutes(6));
    assertThat(events.waitsFor("25.2:standby:restart:n2"))
        .anySatisfy(w -> assertThat(w.awaiting()).contains("replication lag", "exceeds PT2M"));
    assertThat(events.started("25.2:standby:restart:n2")).isAfterOrEqualTo(spikeEnds);
  }

  @Test
  void aLagSpikeLongerThanTheHealthTimeoutHaltsNamingTheLagAndARerunCompletes() {
    // Given: the replicated time stands still while the lag grows past the 2 min bound
    SimulatedDeployment d = deployment().build();
    Injection spike = on(UpgradeEvent.StepDone.class, "25.2:standby:restart:n1",
        e -> {
          d.inject(Fault.lagSpike(Duration.ofMinutes(20), Duration.ofMinutes(30)));
          d.advance(Duration.ofMinutes(4));
        });

    // When
    RunResult r = run(d, fastOptions().maxReplicationLag(Duration.ofMinutes(2))
        .healthTimeout(Duration.ofMinutes(2)).build(), spike);

    // Then
    spike.firedAt();
    assertHalted(r, HaltReason.PRECONDITION_NOT_MET, "replication lag", "exceeds PT2M",
        "25.2:standby:restart:n2");
    d.monitor().assertClean();
    d.advance(Duration.ofMinutes(30));
    rerunCompletes(d);
    d.monitor().assertClean();
  }

  @Test
  void anExternalFinalizationOfTheNextStepIsRiddenOutAndOnlyTheOperatorIsRecorded() {
    // Given: an operator finalizes the standby's system VC by hand just before the executor would
    SimulatedDeployment d = deployment().build();
    Injection operator = on(UpgradeEvent.StepDone.class, "25.2:standby:restart:n3",
        e -> d.inject(Fault.externalFinalization("standby", "system")));

    // When
    RunResult r = run(d, fast(), operator);

    // Then: the operator did what the plan was about to do; the executor waits for it instead
    // of beginning it again, and the monitor blames the operator alone
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    operator.firedAt();
    tracedOnce(d, "standby", "fault", "an operator runs SET CLUSTER SETTING version in system");
    assertThat(d.monitor().violations()).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("'standby' VC 'system'",
            "by an operator by hand"));
    assertThat(finalizationStarts(d)).filteredOn(t -> t.cluster().equals("standby"))
        .hasSize(1);
  }

  @Test
  void anExternalReEnablingOfAutoUpgradeHaltsAsDivergedAndARerunPinsAgainAndCompletes() {
    // Given
    SimulatedDeployment d = deployment().build();
    Injection operator = on(UpgradeEvent.StepDone.class, "25.2:standby:restart:n1",
        e -> d.inject(Fault.externalReenablesAutoUpgrade("primary", "system")));

    // When
    RunResult r = run(d, fast(), operator);

    // Then
    operator.firedAt();
    assertHalted(r, HaltReason.STATE_DIVERGED, "pin:primary:system", "run again");
    d.monitor().assertClean();
    rerunCompletes(d);
    d.monitor().assertClean();
    assertThat(d.snapshot().primary().systemVc().settings()).get()
        .satisfies(s -> assertThat(s.autoUpgradeEnabled()).isTrue());
  }

  @Test
  void anExternalFailoverMidRunHaltsAsTopologyChangedAndARerunFinishesBothClusters() {
    // Given
    SimulatedDeployment d = deployment().build();
    Injection operator = on(UpgradeEvent.StepDone.class, "25.2:standby:restart:n1",
        e -> d.inject(Fault.externalFailover()));

    // When
    RunResult r = run(d, fast(), operator);

    // Then: the run halts at the first inspection after the failover began, before acting or
    // judging anything done across it (issue 14: TOPOLOGY_CHANGED, formerly noticed only when a
    // re-plan wanted a step outside the run's plan), and a rerun plans the failed-over clusters
    // independently and finishes
    operator.firedAt();
    assertHalted(r, HaltReason.TOPOLOGY_CHANGED, "'standby' ingests", "failing over",
        "run again");
    d.monitor().assertClean();
    // a rerun while the failover is still in progress is refused (the roles are changing)
    RunResult during = run(d, fast());
    assertHalted(during, HaltReason.PLAN_REFUSED, "failover", "in progress");
    assertThat(d.advanceUntil(() -> d.snapshot().isFailedOver(), Duration.ofMinutes(10)))
        .as("the failover completes").isTrue();
    RunResult again = run(d, fast());
    assertThat(again.isCompleted()).as(again.toString()).isTrue();
    d.monitor().assertClean();
    assertThat(d.trueVersion("primary", "main")).contains(ClusterVersion.parse(TARGET));
    assertThat(d.trueVersion("standby", "main")).contains(ClusterVersion.parse(TARGET));
  }
}
