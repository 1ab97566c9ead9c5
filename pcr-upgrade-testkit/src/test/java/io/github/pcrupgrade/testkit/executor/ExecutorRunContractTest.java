package io.github.pcrupgrade.testkit.executor;

import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.deployment;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fast;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fastOptions;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.exec.CancelHandle;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.StepKind;
import io.github.pcrupgrade.core.spi.ApprovalGate;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.testkit.Ports;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the executor's class documentation and the journal's and events' contracts promise about a
 * run as a whole: a builder that refuses a missing port, the journal's trail of a run, the events
 * around an approval and a pause, and the settle time after node restarts only.
 */
class ExecutorRunContractTest {

  @Test
  void buildingWithoutAPortIsRefusedNamingIt() {
    // Given
    Ports p = deployment().build().ports();
    List<UnaryOperator<UpgradeExecutor.Builder>> complete = List.of(
        b -> b.primary(p.primaryInspector(), p.primaryOperations()),
        b -> b.standby(p.standbyInspector(), p.standbyOperations()),
        b -> b.nodeUpgrader(p.nodeUpgrader()),
        b -> b.journal(p.journal()));
    List<String> named = List.of("primary(inspector, operations)",
        "standby(inspector, operations)", "nodeUpgrader", "journal");

    for (int missing = 0; missing < complete.size(); missing++) {
      UpgradeExecutor.Builder b = UpgradeExecutor.builder();
      for (int i = 0; i < complete.size(); i++) {
        if (i != missing) {
          b = complete.get(i).apply(b);
        }
      }
      UpgradeExecutor.Builder without = b;
      String name = named.get(missing);

      // When / Then
      assertThatThrownBy(without::build).isInstanceOfSatisfying(PcrUpgradeException.class,
          e -> {
            assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains(name);
          });
    }
  }

  @Test
  void anExecutorActsOnTheDeploymentItWasBuiltFor() {
    // Given
    SimulatedDeployment d = deployment().deploymentId("east-west").build();

    // When: built with every setter chained, the catalog last but one
    UpgradeExecutor x = d.ports().executor().options(fast()).catalog(ReleaseCatalog.builtIn())
        .build();

    // Then
    assertThat(x.deploymentId()).isEqualTo("east-west");
    assertThat(x.run(to("25.2")).isCompleted()).isTrue();
    assertThat(d.journal().history("east-west")).isNotEmpty();
  }

  @Test
  void theJournalTellsTheWholeRunUnderOnePlanId() {
    // Given
    SimulatedDeployment d = deployment().build();

    // When
    RunResult r = d.ports().executor().options(fast()).build().run(to("25.2"));

    // Then: started, every step started before it was done, completed; one non-empty plan id
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    List<JournalRecord> h = d.journal().history(d.deploymentId());
    assertThat(h.get(0).entry().event()).isEqualTo(JournalEvent.RUN_STARTED);
    assertThat(h.get(h.size() - 1).entry().event()).isEqualTo(JournalEvent.RUN_COMPLETED);
    List<String> done = stepsWith(h, JournalEvent.STEP_DONE);
    assertThat(done).isEqualTo(r.plan().orElseThrow().stepIds());
    for (String step : done) {
      assertThat(indexOf(h, step, JournalEvent.STEP_STARTED))
          .as("STEP_STARTED of %s", step).isGreaterThanOrEqualTo(0)
          .isLessThan(indexOf(h, step, JournalEvent.STEP_DONE));
    }
    Set<String> planIds = h.stream().map(rec -> rec.entry().planId()).collect(Collectors.toSet());
    assertThat(planIds).singleElement().satisfies(id -> {
      assertThat(id).isNotBlank();
      assertThat(h.get(0).entry().detail()).contains("plan " + id);
    });
  }

  @Test
  void eachPointOfNoReturnIsAnnouncedBeforeTheApprovalGateIsAsked() {
    // Given
    SimulatedDeployment d = deployment().build();
    FaultEvidence.Events events = FaultEvidence.events();

    // When
    RunResult r = d.ports().executor().options(fastOptions().requireApproval(true).build())
        .listener(events).build().run(to("25.2"));

    // Then: one ApprovalRequested per finalization, each before the step started
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    List<String> finalizations = r.plan().orElseThrow().steps().stream()
        .filter(PlanStep::pointOfNoReturn).map(PlanStep::id).toList();
    assertThat(finalizations).hasSize(3);
    List<UpgradeEvent.ApprovalRequested> asked = events.all().stream()
        .filter(e -> e instanceof UpgradeEvent.ApprovalRequested)
        .map(e -> (UpgradeEvent.ApprovalRequested) e).toList();
    assertThat(asked).extracting(a -> a.step().id()).isEqualTo(finalizations);
    assertThat(d.approvalGate().requests()).extracting(ApprovalGate.Request::stepId)
        .isEqualTo(finalizations);
    for (String step : finalizations) {
      assertThat(events.all().indexOf(asked.get(finalizations.indexOf(step))))
          .isLessThan(events.all().indexOf(events.all().stream()
              .filter(e -> e instanceof UpgradeEvent.StepStarted s && s.step().id().equals(step))
              .findFirst().orElseThrow()));
    }
  }

  @Test
  void aDeniedApprovalPausesTheRunInTheJournalAndTheEvents() {
    // Given: the gate denies
    SimulatedDeployment d = deployment().build();
    FaultEvidence.Events events = FaultEvidence.events();

    // When
    RunResult r = d.ports().executor().options(fastOptions().requireApproval(true).build())
        .approvalGate(req -> ApprovalGate.Decision.NOT_NOW).listener(events).build()
        .run(to("25.2"));

    // Then: paused at the standby's system VC finalization, said in all three places
    String step = "25.2:standby:finalize:system";
    assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.PAUSED);
    List<JournalRecord> h = d.journal().history(d.deploymentId());
    JournalRecord last = h.get(h.size() - 1);
    assertThat(last.entry().event()).isEqualTo(JournalEvent.RUN_PAUSED);
    assertThat(last.entry().stepId()).isEqualTo(step);
    assertThat(events.all()).last().isInstanceOfSatisfying(UpgradeEvent.Paused.class,
        p -> assertThat(p.step().id()).isEqualTo(step));
    assertThat(indexOf(h, step, JournalEvent.STEP_STARTED)).isNegative();
  }

  @Test
  void aNodeSettlesAfterEachRestartAndOnlyThen() {
    // Given: a settle time of 30 s
    SimulatedDeployment d = deployment().build();
    FaultEvidence.Events events = FaultEvidence.events();
    Duration settle = Duration.ofSeconds(30);

    // When
    RunResult r = d.ports().executor().options(fastOptions().settleTime(settle).build())
        .listener(events).build().run(to("25.2"));

    // Then
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    assertSettledAfterEach(r, events, StepKind.RESTART_NODE, settle);
  }

  @Test
  void aNodeSettlesAfterEachRollbackAndOnlyThen() {
    // Given: the standby's binaries upgraded, the run paused before its finalization
    SimulatedDeployment d = deployment().build();
    RunResult paused = d.ports().executor()
        .options(fastOptions().stopBeforeFinalization(true).build()).build().run(to("25.2"));
    assertThat(paused.status()).as(paused.toString()).isEqualTo(RunStatus.PAUSED);
    FaultEvidence.Events events = FaultEvidence.events();
    Duration settle = Duration.ofSeconds(30);

    // When
    RunResult r = d.ports().executor().options(fastOptions().settleTime(settle).build())
        .listener(events).build().rollback(new CancelHandle());

    // Then
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    assertSettledAfterEach(r, events, StepKind.ROLLBACK_NODE, settle);
  }

  /** Each step of {@code kind} is followed by one settle wait and then settleTime; no other is. */
  private static void assertSettledAfterEach(RunResult r, FaultEvidence.Events events,
      StepKind kind, Duration settle) {
    List<String> nodeSteps = r.plan().orElseThrow().steps().stream()
        .filter(s -> s.kind() == kind).map(PlanStep::id).toList();
    assertThat(nodeSteps).isNotEmpty();
    List<UpgradeEvent.Waiting> settles = events.waits().stream()
        .filter(w -> w.awaiting().contains("settle")).toList();
    assertThat(settles).extracting(w -> w.step().id()).isEqualTo(nodeSteps);
    for (UpgradeEvent.Waiting w : settles) {
      assertThat(Duration.between(w.at(), events.done(w.step().id())))
          .as("settling after %s", w.step().id()).isGreaterThanOrEqualTo(settle);
    }
  }

  private static List<String> stepsWith(List<JournalRecord> h, JournalEvent event) {
    return h.stream().filter(rec -> rec.entry().event() == event)
        .map(rec -> rec.entry().stepId()).toList();
  }

  private static int indexOf(List<JournalRecord> h, String step, JournalEvent event) {
    for (int i = 0; i < h.size(); i++) {
      if (h.get(i).entry().event() == event && h.get(i).entry().stepId().equals(step)) {
        return i;
      }
    }
    return -1;
  }
}
