package io.github.pcrupgrade.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What remains of a plan, from its step estimates: the expected values are worked out by hand
 * from the estimates below and the plan's documented order.
 */
class PlanProgressTest {

  private static final StepEstimates ESTIMATES = StepEstimates.defaults()
      .withRestart(Duration.ofMinutes(4)).withSettle(Duration.ofMinutes(1))
      .withFinalization(Duration.ofMinutes(2)).withStatement(Duration.ofSeconds(10));

  /** v25.2.3 -> v25.2.7, 2 + 2 nodes: four restarts of 5 min each (4 min + 1 min settle). */
  private static UpgradePlan patch(StepEstimates estimates) {
    return Planner.builtIn().planOrThrow(
        DeploymentSnapshot.builder().nodes(2, 2).binary("v25.2.3").build(),
        UpgradeRequest.to("v25.2.7").estimates(estimates).build());
  }

  @Test
  void theTotalIsTheSumOfTheEstimates() {
    assertThat(PlanProgress.of(patch(ESTIMATES)).total()).contains(Duration.ofMinutes(20));
  }

  @Test
  void whatRemainsShrinksWithTheTimeSpentInTheCurrentStep() {
    UpgradePlan plan = patch(ESTIMATES);
    List<String> ids = plan.stepIds();
    PlanProgress p = PlanProgress.of(plan);

    assertThat(p.remaining(ids.get(0), Duration.ZERO, 0, 4)).contains(Duration.ofMinutes(20));
    assertThat(p.remaining(ids.get(0), Duration.ofMinutes(3), 0, 4))
        .contains(Duration.ofMinutes(17));
    // the second step, 1 min in: 2 steps after it (10 min) + 4 min of its own
    assertThat(p.remaining(ids.get(1), Duration.ofMinutes(1), 1, 4))
        .contains(Duration.ofMinutes(14));
    // a step over its estimate is taken to end now: only the steps after it remain
    assertThat(p.remaining(ids.get(2), Duration.ofHours(1), 2, 4))
        .contains(Duration.ofMinutes(5));
  }

  @Test
  void whatRemainsBetweenStepsIsTheEstimatesOfTheStepsNotDone() {
    PlanProgress p = PlanProgress.of(patch(ESTIMATES));

    assertThat(p.remainingAfter(0, 4)).contains(Duration.ofMinutes(20));
    assertThat(p.remainingAfter(3, 4)).contains(Duration.ofMinutes(5));
    assertThat(p.remainingAfter(4, 4)).contains(Duration.ZERO);
  }

  @Test
  void aStepTheRunReplannedIntoIsPlacedByTheRunsProgress() {
    PlanProgress p = PlanProgress.of(patch(ESTIMATES));

    // 1 of 2 steps of another plan done: the last 1 step of this one remains, under way 2 min
    assertThat(p.remaining("elsewhere", Duration.ofMinutes(2), 1, 2))
        .contains(Duration.ofMinutes(3));
  }

  @Test
  void aPlanWithoutEstimatesGivesNoRemainder() {
    UpgradePlan estimated = patch(ESTIMATES);
    UpgradePlan bare = new UpgradePlan(estimated.target(), estimated.hops().stream()
        .map(h -> new Hop(h.id(), h.kind(), h.from(), h.to(), h.binary(), h.cluster(),
            h.steps().stream().map(s -> new PlanStep(s.id(), s.kind(), s.cluster(),
                s.clusterName(), s.virtualCluster(), s.nodeId(), s.binary(), s.version(),
                s.setting(), s.settingValue(), s.restoreTo(), s.done(), s.precondition(),
                s.pointOfNoReturn(), s.description())).toList())).toList(),
        estimated.warnings(), estimated.notes());
    PlanProgress p = PlanProgress.of(bare);

    assertThat(p.total()).isEmpty();
    assertThat(p.remaining(bare.stepIds().get(0), Duration.ZERO, 0, 4)).isEmpty();
    assertThat(p.remainingAfter(1, 4)).isEmpty();
  }
}
