package io.github.pcrupgrade.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.plan.ExecutionFacts;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.Planner;
import io.github.pcrupgrade.core.plan.StepKind;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * When a finalization observation is due (ExecutionFacts' contract): the primary's replicated VC
 * is final at a series for the first time, and a plan carried out awaits the replication of that
 * series or this upgrade began that finalization. Never for the starting version.
 */
class FinalizationObservationsTest {

  private static final ReleaseSeries S25_2 = ReleaseSeries.parse("25.2");
  private static final DeploymentSnapshot AT_REST = DeploymentSnapshot.builder().nodes(3, 3)
      .binary("v24.3.12").readerVc(true).build();
  private static final UpgradePlan PLAN = Planner.builtIn()
      .plan(AT_REST, UpgradeRequest.to("25.2").build()).plan().orElseThrow();

  private static DeploymentSnapshot primaryMainAt(String version) {
    return AT_REST.with(AT_REST.primary().withVc("main", v -> v.withVersion(
        VersionReading.observed(ClusterVersion.parse(version)))));
  }

  private static String primaryFinalizeOf(String vc) {
    return PLAN.steps().stream().filter(st -> st.kind() == StepKind.FINALIZE_VC
        && st.cluster() == ClusterRole.PRIMARY && st.virtualCluster().orElseThrow().equals(vc)).map(PlanStep::id).findFirst().orElseThrow();
  }

  private static JournalRecord record(JournalEvent event, String stepId) {
    return new JournalRecord(1, Instant.EPOCH, new JournalEntry("d", "r", "p", stepId, event, ""));
  }

  @Test
  void theReplicatedVcFinalAtASeriesAPlanAwaitsIsDue() {
    assertThat(PLAN.steps()).anyMatch(st -> st.kind() == StepKind.AWAIT_REPLICATION
        && st.version().orElseThrow().equals(S25_2));

    assertThat(FinalizationObservations.due(primaryMainAt("25.2"), ExecutionFacts.NONE,
        List.of(PLAN), Set.of())).contains(new FinalizationObservations.Due("main", S25_2));
  }

  @Test
  void aTransitionalVersionIsNotYetAnObservation() {
    assertThat(FinalizationObservations.due(primaryMainAt("24.3-upgrading-to-25.1-step-004"),
        ExecutionFacts.NONE, List.of(PLAN), Set.of())).isEmpty();
    assertThat(FinalizationObservations.due(AT_REST.with(AT_REST.primary().withVc("main",
        v -> v.withVersion(VersionReading.unknown("no answer")))), ExecutionFacts.NONE,
        List.of(PLAN), Set.of())).isEmpty();
  }

  @Test
  void anObservationAlreadyRecordedIsNotDueAgain() {
    ExecutionFacts seen = ExecutionFacts.NONE.withFinalization(ClusterRole.PRIMARY, "main", S25_2,
        Instant.EPOCH);

    assertThat(FinalizationObservations.due(primaryMainAt("25.2"), seen, List.of(PLAN),
        Set.of())).isEmpty();
  }

  @Test
  void theStartingVersionWhichNoPlanAwaitsIsNeverDue() {
    // 24.3 is final and is where the plan starts: no step awaits its replication
    assertThat(FinalizationObservations.due(AT_REST, ExecutionFacts.NONE, List.of(PLAN),
        Set.of())).isEmpty();
    assertThat(FinalizationObservations.due(primaryMainAt("25.2"), ExecutionFacts.NONE,
        List.of(), Set.of())).isEmpty();
  }

  @Test
  void aFinalizationThisUpgradeBeganIsDueWithoutAPlanAwaitingIt() {
    Set<String> begun = Set.of(primaryFinalizeOf("main"));

    assertThat(FinalizationObservations.due(primaryMainAt("25.2"), ExecutionFacts.NONE,
        List.of(), begun)).contains(new FinalizationObservations.Due("main", S25_2));
    // another finalization begun does not make it due
    assertThat(FinalizationObservations.due(primaryMainAt("25.2"), ExecutionFacts.NONE,
        List.of(), Set.of(primaryFinalizeOf("system")))).isEmpty();
  }

  @Test
  void stepsBegunCountSinceTheLastCompletedUpgradeOnly() {
    Set<String> begun = FinalizationObservations.begunSteps(List.of(
        record(JournalEvent.STEP_STARTED, "old"),
        record(JournalEvent.RUN_COMPLETED, ""),
        record(JournalEvent.STEP_STARTED, "a"),
        record(JournalEvent.STEP_DONE, "b"),
        record(JournalEvent.STEP_ALREADY_DONE, "c"),
        record(JournalEvent.STEP_STARTED, "d")));

    assertThat(begun).containsExactlyInAnyOrder("a", "d");
  }
}
