package io.github.pcrupgrade.testkit.executor;

import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.deployment;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fast;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fastOptions;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.finalizationStarts;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.to;
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
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every fault the testkit can inject, met by the executor: it either rides the fault out (a
 * transient error, a late rejoin within its timeout, a short stall) or halts with the reason that
 * says what happened and what to do; never a violation of its own; and once the fault is cleared,
 * a rerun completes.
 */
class ExecutorFaultsTest {

  private static final String TARGET = "25.2";

  /** A listener that injects {@code fault} once, when an event of {@code type} for step id. */
  private static UpgradeListener on(Class<? extends UpgradeEvent> type, String stepId,
      Consumer<UpgradeEvent> action) {
    boolean[] fired = {false};
    return e -> {
      String id = e instanceof UpgradeEvent.StepStarted s ? s.step().id()
          : e instanceof UpgradeEvent.StepDone s ? s.step().id() : "";
      if (!fired[0] && type.isInstance(e) && id.equals(stepId)) {
        fired[0] = true;
        action.accept(e);
      }
    };
  }

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

    // When
    RunResult r = run(d, fast());

    // Then
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    d.monitor().assertClean();
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
    d.monitor().assertClean();
    d.advance(Duration.ofMinutes(20));
    rerunCompletes(d);
    d.monitor().assertClean();
  }

  @Test
  void aNodeThatDiesForAWhileIsWaitedForByTheHealthGate() {
    // Given: a primary node dies while the standby rolls
    SimulatedDeployment d = deployment().build();
    UpgradeListener kill = on(UpgradeEvent.StepDone.class, "25.2:standby:restart:n1",
        e -> d.inject(Fault.nodeDies("primary", 2, Duration.ofMinutes(3))));

    // When
    RunResult r = run(d, fast(), kill);

    // Then
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    d.monitor().assertClean();
  }

  @Test
  void aNodeThatStaysDeadHaltsAtTheHealthGateNamingItAndARerunCompletesOnceRestarted() {
    // Given
    SimulatedDeployment d = deployment().build();
    UpgradeListener kill = on(UpgradeEvent.StepDone.class, "25.2:standby:restart:n1",
        e -> d.inject(Fault.nodeDies("primary", 2, Duration.ZERO)));

    // When
    RunResult r = run(d, fastOptions().healthTimeout(Duration.ofMinutes(2)).build(), kill);

    // Then
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
    UpgradeListener contend = on(UpgradeEvent.StepStarted.class, "25.2:primary:finalize:main",
        e -> d.inject(Fault.serializationFailures("primary", 2)));

    // When
    RunResult r = run(d, fast(), contend);

    // Then
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    d.monitor().assertClean();
  }

  @Test
  void aConnectionLostBeforeTheStatementTookEffectIsRetried() {
    // Given
    SimulatedDeployment d = deployment().reader(true).build();
    UpgradeListener cut = on(UpgradeEvent.StepStarted.class,
        "25.2:standby:reader-drop:main-readonly",
        e -> d.inject(Fault.connectionLost("standby", 1, false)));

    // When
    RunResult r = run(d, fast(), cut);

    // Then
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    d.monitor().assertClean();
  }

  @Test
  void aConnectionLostAfterTheStatementTookEffectIsRiddenOutWithoutRepeatingIt() {
    // Given: the drop takes effect, then the connection breaks; the product refuses a second drop
    SimulatedDeployment d = deployment().reader(true).build();
    UpgradeListener cut = on(UpgradeEvent.StepStarted.class,
        "25.2:standby:reader-drop:main-readonly",
        e -> d.inject(Fault.connectionLost("standby", 1, true)));

    // When
    RunResult r = run(d, fast(), cut);

    // Then
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    d.monitor().assertClean();
  }

  @Test
  void aConnectionLostAfterAFinalizationTookEffectDoesNotBeginItTwice() {
    // Given
    SimulatedDeployment d = deployment().build();
    UpgradeListener cut = on(UpgradeEvent.StepStarted.class, "25.2:primary:finalize:main",
        e -> d.inject(Fault.connectionLost("primary", 1, true)));

    // When
    RunResult r = run(d, fast(), cut);

    // Then
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    d.monitor().assertClean();
    assertThat(finalizationStarts(d)).filteredOn(t -> t.cluster().equals("primary")
        && t.detail().startsWith("main:")).hasSize(1);
  }

  @Test
  void aShortReplicationStallIsWaitedFor() {
    // Given
    SimulatedDeployment d = deployment().reader(true).build();
    UpgradeListener stall = on(UpgradeEvent.StepStarted.class, "25.2:primary:finalize:main",
        e -> d.inject(Fault.replicationStall(Duration.ofMinutes(5))));

    // When
    RunResult r = run(d, fast(), stall);

    // Then
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    d.monitor().assertClean();
  }

  @Test
  void aReplicationStallLongerThanTheTimeoutHaltsBeforeTheReaderIsTouched() {
    // Given
    SimulatedDeployment d = deployment().reader(true).build();
    UpgradeListener stall = on(UpgradeEvent.StepStarted.class, "25.2:primary:finalize:main",
        e -> d.inject(Fault.replicationStall(Duration.ofMinutes(30))));

    // When
    RunResult r = run(d, fastOptions().replicationTimeout(Duration.ofMinutes(3)).build(), stall);

    // Then
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
    UpgradeListener spike = on(UpgradeEvent.StepDone.class, "25.2:standby:restart:n1",
        e -> {
          d.inject(Fault.lagSpike(Duration.ofMinutes(20), Duration.ofMinutes(6)));
          d.advance(Duration.ofMinutes(4));
        });

    // When
    RunResult r = run(d, fastOptions().maxReplicationLag(Duration.ofMinutes(2)).build(), spike);

    // Then
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    d.monitor().assertClean();
  }

  @Test
  void aLagSpikeLongerThanTheHealthTimeoutHaltsNamingTheLagAndARerunCompletes() {
    // Given: the replicated time stands still while the lag grows past the 2 min bound
    SimulatedDeployment d = deployment().build();
    UpgradeListener spike = on(UpgradeEvent.StepDone.class, "25.2:standby:restart:n1",
        e -> {
          d.inject(Fault.lagSpike(Duration.ofMinutes(20), Duration.ofMinutes(30)));
          d.advance(Duration.ofMinutes(4));
        });

    // When
    RunResult r = run(d, fastOptions().maxReplicationLag(Duration.ofMinutes(2))
        .healthTimeout(Duration.ofMinutes(2)).build(), spike);

    // Then
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
    UpgradeListener operator = on(UpgradeEvent.StepDone.class, "25.2:standby:restart:n3",
        e -> d.inject(Fault.externalFinalization("standby", "system")));

    // When
    RunResult r = run(d, fast(), operator);

    // Then: the operator did what the plan was about to do; the executor waits for it instead
    // of beginning it again, and the monitor blames the operator alone
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
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
    UpgradeListener operator = on(UpgradeEvent.StepDone.class, "25.2:standby:restart:n1",
        e -> d.inject(Fault.externalReenablesAutoUpgrade("primary", "system")));

    // When
    RunResult r = run(d, fast(), operator);

    // Then
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
    UpgradeListener operator = on(UpgradeEvent.StepDone.class, "25.2:standby:restart:n1",
        e -> d.inject(Fault.externalFailover()));

    // When
    RunResult r = run(d, fast(), operator);

    // Then: the run halts at the first inspection after the failover began, before acting or
    // judging anything done across it (issue 14: TOPOLOGY_CHANGED, formerly noticed only when a
    // re-plan wanted a step outside the run's plan), and a rerun plans the failed-over clusters
    // independently and finishes
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
