package io.github.pcrupgrade.testkit.steps;

import static io.github.pcrupgrade.testkit.steps.StepDriving.api;
import static io.github.pcrupgrade.testkit.steps.StepDriving.deployment;
import static io.github.pcrupgrade.testkit.steps.StepDriving.records;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.exec.StepApi;
import io.github.pcrupgrade.core.exec.StepObservation;
import io.github.pcrupgrade.core.exec.StepOutcome;
import io.github.pcrupgrade.core.exec.StepResult;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.StepKind;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What the step API records in the journal (its safety contract, items 3 and 4): the moment the
 * primary's replicated VC is first seen final, by whichever call sees it first; the reader VC it
 * created; {@code STEP_DONE} once per step; {@code STEP_ALREADY_DONE} when acting finds a step
 * done.
 */
class StepApiRecordsTest {

  private static final UpgradeRequest TO_25_2 = UpgradeRequest.to("25.2").build();

  /**
   * Takes the recommended loop's steps until the fresh plan's first step matches {@code stop}.
   *
   * @return the plan whose first step matches
   */
  static UpgradePlan driveUntil(SimulatedDeployment d, StepApi api, Lease lease,
      UpgradeRequest request, Predicate<PlanStep> stop) {
    for (int i = 0; i < 200; i++) {
      UpgradePlan plan = api.plan(lease, request).orThrow();
      assertThat(plan.isEmpty()).as("the plan ran out before the step looked for").isFalse();
      PlanStep step = plan.steps().get(0);
      if (stop.test(step)) {
        return plan;
      }
      api.act(lease, request, plan, step.id());
      StepDriving.awaitDone(d, api, lease, plan, step);
    }
    throw new AssertionError("no step matched in 200 steps");
  }

  /** Waits on the virtual clock, without calling the API's recording calls, until it holds. */
  static void awaitHolds(SimulatedDeployment d, StepApi api, PlanStep step) {
    for (int i = 0; i < StepDriving.MAX_OBSERVATIONS; i++) {
      if (api.holds(step.done())) {
        return;
      }
      try {
        d.scheduler().sleep(StepDriving.POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    throw new AssertionError(step.id() + " never done");
  }

  private static List<String> finalizedFacts(SimulatedDeployment d) {
    return records(d, JournalEvent.FACT).stream().map(r -> r.entry().detail())
        .filter(f -> f.startsWith("finalized " + ClusterRole.PRIMARY + " main 25.2 ")).toList();
  }

  /** The primary's finalization of main sent and complete, nothing having observed it yet. */
  private static UpgradePlan primaryFinalizedUnobserved(SimulatedDeployment d, StepApi api,
      Lease lease) {
    UpgradePlan plan = driveUntil(d, api, lease, TO_25_2, s -> s.kind() == StepKind.FINALIZE_VC
        && s.cluster() == ClusterRole.PRIMARY && s.virtualCluster().equals(Optional.of("main")));
    PlanStep finalize = plan.steps().get(0);
    assertThat(api.act(lease, TO_25_2, plan, finalize.id()).outcome())
        .isEqualTo(StepOutcome.SENT);
    awaitHolds(d, api, finalize);
    assertThat(finalizedFacts(d)).as("nothing observed the finalization yet").isEmpty();
    return plan;
  }

  @Test
  void observingRecordsWhenThePrimaryWasFirstSeenFinal() {
    // Given the primary's main finalized to 25.2, not yet observed
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = primaryFinalizedUnobserved(d, api, lease);
    PlanStep finalize = plan.steps().get(0);

    // When the step is observed
    StepObservation o = api.observe(lease, plan, finalize.id());

    // Then the observation is recorded once, at the primary's cluster time of that call
    assertThat(o.done()).isTrue();
    assertThat(finalizedFacts(d)).containsExactly("finalized PRIMARY main 25.2 "
        + d.primary().now());
  }

  @Test
  void actingOnAStepFoundDoneRecordsTheObservationAndJournalsIt() {
    // Given the primary's main finalized to 25.2, not yet observed
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = primaryFinalizedUnobserved(d, api, lease);
    PlanStep finalize = plan.steps().get(0);

    // When the orchestrator acts on the step again
    StepResult again = api.act(lease, TO_25_2, plan, finalize.id());

    // Then it is found done, journaled as such, and the finalization observed at this call
    assertThat(again.outcome()).isEqualTo(StepOutcome.ALREADY_DONE);
    assertThat(records(d, JournalEvent.STEP_ALREADY_DONE).stream()
        .map(r -> r.entry().stepId())).containsExactly(finalize.id());
    assertThat(finalizedFacts(d)).containsExactly("finalized PRIMARY main 25.2 "
        + d.primary().now());
  }

  @Test
  void planningRecordsADueObservationAndPlansWithIt() {
    // Given the primary's main finalized to 25.2, not yet observed
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    primaryFinalizedUnobserved(d, api, lease);

    // When the orchestrator plans, and plans again at once
    UpgradePlan first = api.plan(lease, TO_25_2).orThrow();
    UpgradePlan second = api.plan(lease, TO_25_2).orThrow();

    // Then the first plan recorded the observation and was made with it: the same as the next
    assertThat(finalizedFacts(d)).containsExactly("finalized PRIMARY main 25.2 "
        + d.primary().now());
    assertThat(first.stepIds()).isEqualTo(second.stepIds());
  }

  @Test
  void stepDoneIsJournaledOnceHoweverOftenTheStepIsObserved() {
    // Given the first pin acted on
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = api.plan(lease, TO_25_2).orThrow();
    PlanStep pin = plan.steps().get(0);
    api.act(lease, TO_25_2, plan, pin.id());

    // When it is observed three times
    for (int i = 0; i < 3; i++) {
      assertThat(api.observe(lease, plan, pin.id()).done()).isTrue();
    }

    // Then STEP_DONE was journaled the first time only
    assertThat(records(d, JournalEvent.STEP_DONE).stream().map(r -> r.entry().stepId()))
        .containsExactly(pin.id());
  }

  @Test
  void theNextUpgradeJournalsItsOwnStepDone() {
    // Given an upgrade to 25.2 completed through the API (its pins journaled STEP_DONE)
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator");
    StepDriving.drive(d, api, lease, TO_25_2);
    assertThat(records(d, JournalEvent.RUN_COMPLETED)).hasSize(1);
    UpgradeRequest to254 = UpgradeRequest.to("25.4").build();
    UpgradePlan plan = api.plan(lease, to254).orThrow();
    PlanStep pin = plan.steps().get(0);
    assertThat(pin.id()).isEqualTo("pin:primary:system");

    // When the next upgrade's first pin, of the same id, is acted on and observed
    api.act(lease, to254, plan, pin.id());
    assertThat(api.observe(lease, plan, pin.id()).done()).isTrue();

    // Then it is journaled done for this upgrade too
    assertThat(records(d, JournalEvent.STEP_DONE).stream()
        .filter(r -> r.entry().stepId().equals(pin.id()))).hasSize(2);
  }

  @Test
  void observingTheReaderCreatedRecordsItAtTheApisTime() {
    SimulatedDeployment d = deployment().reader(true).build();
    readerCreatedIsRecordedAtTheApisTime(d, api(d));
  }

  @Test
  void anApiBuiltWithAClockAndASleeperRecordsAtThatClocksTime() {
    SimulatedDeployment d = deployment().reader(true).build();
    readerCreatedIsRecordedAtTheApisTime(d, d.ports().steps().clock(d.clock())
        .sleeper(d.sleeper()).catalog(d.catalog()).options(StepDriving.options()).build());
  }

  private static void readerCreatedIsRecordedAtTheApisTime(SimulatedDeployment d, StepApi api) {
    // Given a deployment with a reader VC, taken up to its reader's re-creation
    Lease lease = api.acquireLease("orchestrator");
    UpgradePlan plan = driveUntil(d, api, lease, TO_25_2,
        s -> s.kind() == StepKind.CREATE_READER);
    PlanStep create = plan.steps().get(0);
    String reader = VirtualClusterInfo.readerNameFor(create.virtualCluster().orElseThrow());

    // When it is acted on and observed until done
    api.act(lease, TO_25_2, plan, create.id());
    StepDriving.awaitDone(d, api, lease, plan, create);

    // Then the reader VC the API created is recorded, once, with its id, series and the time
    List<String> created = records(d, JournalEvent.FACT).stream().map(r -> r.entry().detail())
        .filter(f -> f.startsWith("reader-created ")).toList();
    VirtualClusterInfo vc = d.trueSnapshot().standby().vc(reader).orElseThrow();
    assertThat(created).containsExactly("reader-created " + reader + " " + vc.id() + " 25.2 "
        + d.now());
  }

  @Test
  void aReleasedLeaseCanBeTakenByAnotherHolderAtOnce() {
    // Given an orchestrator's live lease
    SimulatedDeployment d = deployment().build();
    StepApi api = api(d);
    Lease lease = api.acquireLease("orchestrator-a");

    // When it releases it
    api.releaseLease(lease);

    // Then another holder takes it at once, before the TTL ran out
    assertThat(api.acquireLease("orchestrator-b").holderId()).isEqualTo("orchestrator-b");
  }

  @Test
  void theApiNamesItsDeployment() {
    SimulatedDeployment d = deployment().build();
    assertThat(api(d).deploymentId()).isEqualTo(d.deploymentId());
    assertThat(d.ports().steps().deploymentId("other").build().deploymentId())
        .isEqualTo("other");
  }
}
