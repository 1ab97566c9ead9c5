package io.github.pcrupgrade.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The preconditions the planner puts on finalizations and restarts, judged against the documented
 * order (crdb-upgrade-facts.md 6.3; DESIGN invariants 3 to 5, P1, P2): each holds when its step is
 * due (the plan carried out on the pure {@link DeploymentModel} up to that step), and fails once
 * one fact it stands for is taken away. Mutation testing found that these conditions could be
 * swapped or dropped with every test green.
 */
class StepPreconditionsTest {

  private static final String MAIN = "main";
  private static final String SYSTEM = VirtualClusterInfo.SYSTEM;

  private final Planner planner = Planner.builtIn();

  /** 24.3 -> 25.2 (one Regular-to-Regular hop; MinSupported(25.2) = 24.3), 3 + 3 nodes. */
  private DeploymentSnapshot atRest() {
    return DeploymentSnapshot.builder().names("dc-east", "dc-west").binary("v24.3.12")
        .readerVc(true).build();
  }

  private UpgradePlan plan(DeploymentSnapshot s) {
    return planner.plan(s, UpgradeRequest.to("25.2").build()).orThrow();
  }

  /** The model's state just before the first step matching {@code which}, and that step. */
  private record Due(DeploymentModel.State state, PlanStep step) {
    DeploymentSnapshot snapshot() {
      return state.snapshot();
    }

    boolean preHoldsOn(DeploymentSnapshot s) {
      return step.precondition().holds(s, state.facts());
    }
  }

  private static Due due(UpgradePlan plan, DeploymentSnapshot start, Predicate<PlanStep> which) {
    DeploymentModel.State st = DeploymentModel.State.of(start);
    for (PlanStep step : plan.steps()) {
      if (which.test(step)) {
        return new Due(st, step);
      }
      st = DeploymentModel.apply(step, st);
    }
    throw new AssertionError("no such step in " + PlannerTest.rows(plan));
  }

  private static Predicate<PlanStep> finalizeOf(ClusterRole role, String vc) {
    return s -> s.kind() == StepKind.FINALIZE_VC && s.cluster() == role
        && s.virtualCluster().orElse("").equals(vc);
  }

  private static Predicate<PlanStep> restartOf(ClusterRole role, int node) {
    return s -> s.kind() == StepKind.RESTART_NODE && s.cluster() == role
        && s.nodeId().orElse(0) == node;
  }

  private static DeploymentSnapshot nodeOn(DeploymentSnapshot s, ClusterRole role, int id,
      String binary) {
    ClusterSnapshot c = s.cluster(role);
    NodeInfo n = c.node(id).orElseThrow();
    return s.with(c.withNode(n.withBinary(BinaryVersion.parse(binary))));
  }

  private static DeploymentSnapshot vcAt(DeploymentSnapshot s, ClusterRole role, String vc,
      String version) {
    ClusterSnapshot c = s.cluster(role);
    return s.with(c.withVc(vc,
        v -> v.withVersion(VersionReading.observed(ClusterVersion.parse(version)))));
  }

  private static DeploymentSnapshot autoUpgradeOn(DeploymentSnapshot s, ClusterRole role,
      String vc) {
    ClusterSnapshot c = s.cluster(role);
    return s.with(c.withVc(vc, v -> v.withSettings(new FinalizationSettings(true,
        v.settings().orElseThrow().preserveDowngradeOption()))));
  }

  @Test
  void theStandbySystemVcFinalizesOnlyWhenEveryStandbyNodeRunsTheNewBinary() {
    DeploymentSnapshot start = atRest();
    Due d = due(plan(start), start, finalizeOf(ClusterRole.STANDBY, SYSTEM));

    assertThat(d.preHoldsOn(d.snapshot())).isTrue();
    assertThat(d.preHoldsOn(nodeOn(d.snapshot(), ClusterRole.STANDBY, 3, "v24.3.12")))
        .as("invariant 4: a standby node still on 24.3").isFalse();
  }

  @Test
  void thePrimarySystemVcFinalizesAfterTheStandbySystemVcAndOnlyOnNewBinaries() {
    DeploymentSnapshot start = atRest();
    Due d = due(plan(start), start, finalizeOf(ClusterRole.PRIMARY, SYSTEM));

    assertThat(d.preHoldsOn(d.snapshot())).isTrue();
    assertThat(d.preHoldsOn(vcAt(d.snapshot(), ClusterRole.STANDBY, SYSTEM, "24.3")))
        .as("P2: the standby's system VC before the primary's").isFalse();
    assertThat(d.preHoldsOn(nodeOn(d.snapshot(), ClusterRole.PRIMARY, 2, "v24.3.12")))
        .as("invariant 4: a primary node still on 24.3").isFalse();
  }

  @Test
  void thePrimaryAppVcFinalizesOnlyAfterItsSystemVc() {
    DeploymentSnapshot start = atRest();
    Due d = due(plan(start), start, finalizeOf(ClusterRole.PRIMARY, MAIN));

    assertThat(d.preHoldsOn(d.snapshot())).isTrue();
    assertThat(d.preHoldsOn(vcAt(d.snapshot(), ClusterRole.PRIMARY, SYSTEM,
        "24.3-upgrading-to-25.1-step-004")))
        .as("invariant 3 and P2: the system VC is not final at 25.2 yet").isFalse();
    // The system VC's precondition is not the app VC's: the two are not interchangeable.
    Due sys = due(plan(start), start, finalizeOf(ClusterRole.PRIMARY, SYSTEM));
    assertThat(sys.step().precondition()).isNotEqualTo(d.step().precondition());
    assertThat(d.step().precondition().holds(sys.snapshot(), sys.state().facts()))
        .as("the app VC's precondition fails while the primary system VC is at 24.3").isFalse();
  }

  @Test
  void aStandbyRestartNeedsFinalizationPinnedInEveryVcAndEveryVcAtMinSupported() {
    DeploymentSnapshot start = atRest();
    Due d = due(plan(start), start, restartOf(ClusterRole.STANDBY, 1));

    assertThat(d.preHoldsOn(d.snapshot())).isTrue();
    for (ClusterRole role : ClusterRole.values()) {
      for (String vc : List.of(SYSTEM, MAIN)) {
        if (role == ClusterRole.STANDBY && vc.equals(MAIN)) {
          continue; // the replicating VC's settings are the primary's, replicated
        }
        assertThat(d.preHoldsOn(autoUpgradeOn(d.snapshot(), role, vc)))
            .as("finalization of %s %s must be pinned (invariant 8)", role, vc).isFalse();
      }
    }
    assertThat(d.preHoldsOn(vcAt(d.snapshot(), ClusterRole.STANDBY, "main-readonly", "24.1")))
        .as("invariant 5: the reader below MinSupported(25.2) = 24.3").isFalse();
  }

  @Test
  void aPrimaryRestartWaitsForEveryStandbyNodeAndNeedsThePins() {
    DeploymentSnapshot start = atRest();
    Due d = due(plan(start), start, restartOf(ClusterRole.PRIMARY, 1));

    assertThat(d.preHoldsOn(d.snapshot())).isTrue();
    assertThat(d.preHoldsOn(nodeOn(d.snapshot(), ClusterRole.STANDBY, 2, "v24.3.12")))
        .as("P1: the standby's binaries first").isFalse();
    assertThat(d.preHoldsOn(autoUpgradeOn(d.snapshot(), ClusterRole.PRIMARY, MAIN))).isFalse();
    assertThat(d.preHoldsOn(vcAt(d.snapshot(), ClusterRole.PRIMARY, MAIN, "24.1"))).isFalse();
  }

  /** The standby after a failover: its main serves the application and ingests nothing. */
  private static DeploymentSnapshot failedOver(DeploymentSnapshot s) {
    ClusterSnapshot c = s.standby();
    ClusterVersion carried = c.vc(MAIN).orElseThrow().version().known().orElseThrow();
    return s.with(c.withVc(MAIN, v -> v.withReplication(Optional.empty())
        .withState(DataState.READY, ServiceMode.SHARED)
        .withVersion(VersionReading.observed(carried))
        .withSettings(FinalizationSettings.PRODUCT_DEFAULTS)));
  }

  @Test
  void afterAFailoverEachClusterKeepsTheFinalizeAndRestartOrder() {
    DeploymentSnapshot start = failedOver(DeploymentSnapshot.builder().names("dc-east", "dc-west")
        .binary("v24.3.12").build());
    assertThat(start.isFailedOver()).isTrue();
    UpgradePlan plan = plan(start);

    for (ClusterRole role : ClusterRole.values()) {
      Due restart = due(plan, start, restartOf(role, 1));
      assertThat(restart.preHoldsOn(restart.snapshot())).isTrue();
      assertThat(restart.preHoldsOn(autoUpgradeOn(restart.snapshot(), role, SYSTEM)))
          .as("%s restart needs finalization pinned", role).isFalse();
      assertThat(restart.preHoldsOn(vcAt(restart.snapshot(), role, MAIN, "24.1")))
          .as("%s restart needs every VC at MinSupported", role).isFalse();

      Due sys = due(plan, start, finalizeOf(role, SYSTEM));
      assertThat(sys.preHoldsOn(sys.snapshot())).isTrue();
      assertThat(sys.preHoldsOn(nodeOn(sys.snapshot(), role, 3, "v24.3.12")))
          .as("%s system VC finalizes only on new binaries", role).isFalse();

      Due app = due(plan, start, finalizeOf(role, MAIN));
      assertThat(app.preHoldsOn(app.snapshot())).isTrue();
      assertThat(app.preHoldsOn(vcAt(app.snapshot(), role, SYSTEM, "24.3")))
          .as("%s app VC finalizes after its system VC", role).isFalse();
    }
  }
}
