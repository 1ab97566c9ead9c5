package io.github.pcrupgrade.core.plan;

import static io.github.pcrupgrade.core.plan.SnapshotEdits.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import org.junit.jupiter.api.Test;

/**
 * What the golden renderings do not show: an empty plan, a rollback plan with each cluster's
 * verdict, warnings, the legacy pin and unpin, and a rollback step's label. The expected text is
 * the rendering's documented shape (a numbered tree: {@code 1. <hop> [KIND]}, then
 * {@code 1.1 [<step id>] <description>}, then titled lists), not a copy of its output.
 */
class PlanRenderingEdgesTest {

  private final Planner planner = Planner.builtIn();

  @Test
  void aPlanWithNothingToDoSaysSoAndHasNoHop() {
    // Given a deployment already at the target, every VC finalized, product defaults
    DeploymentSnapshot s = DeploymentSnapshot.builder().binary("v25.2.3").build();

    // When
    String text = PlanRendering.text(planner.planOrThrow(s, UpgradeRequest.to("25.2").build()));

    // Then
    assertThat(text.lines().toList()).startsWith("Upgrade plan to any 25.2 binary",
        "Expected duration: 0s (from the step estimates)", "(nothing to do)");
    assertThat(text).doesNotContain("1. ");
  }

  @Test
  void aRollbackPlanListsItsStepsThenEachClustersVerdict() {
    // Given the standby and primary n1 on 25.2, nothing finalized (a rollback re-rolls 24.3)
    DeploymentSnapshot s = DeploymentSnapshot.builder().binaries("v24.3.12", "v25.2.1")
        .versions("24.3", "24.3").build();
    s = node(s, ClusterRole.PRIMARY, 1, "v25.2.1");
    RollbackPlan plan = planner.planRollback(s);

    // When
    String text = PlanRendering.text(plan);

    // Then
    assertThat(text.lines().toList()).first().isEqualTo("Rollback plan");
    assertThat(text).doesNotContain("(nothing is rolled back)");
    assertThat(text).contains("\n1. ", "\n   1.1 [" + plan.steps().get(0).id() + "] ");
    assertThat(text).contains("Clusters:\n  - ROLL_BACK: ", "\n  - ROLL_BACK: ",
        "Notes:\n  - Rolling back the primary does not roll back the standby");
    assertThat(text.indexOf("Clusters:")).isGreaterThan(text.indexOf("1.1 ["));
    // a rollback is no point of no return
    assertThat(text).doesNotContain(PlanRendering.NO_RETURN_MARK);
  }

  @Test
  void aRollbackPlanThatRollsNothingBackSaysSoAndGivesTheVerdicts() {
    // Given a deployment at rest on 24.3: there is no unfinished upgrade
    RollbackPlan plan = planner.planRollback(
        DeploymentSnapshot.builder().binary("v24.3.12").build());

    // When
    String text = PlanRendering.text(plan);

    // Then
    assertThat(text.lines().toList()).startsWith("Rollback plan", "(nothing is rolled back)",
        "Clusters:");
    assertThat(text).contains("  - NOTHING_TO_ROLL_BACK: ").doesNotContain("1. ");
  }

  @Test
  void warningsAreListedUnderTheirTitle() {
    // Given a release candidate as the exact target: planned, with a TARGET_PRE_RELEASE warning
    DeploymentSnapshot s = DeploymentSnapshot.builder().binary("v24.3.12").build();
    UpgradePlan plan = planner.planOrThrow(s, UpgradeRequest.to("v25.2.0-rc.1").build());

    // When
    String text = PlanRendering.text(plan);

    // Then
    assertThat(plan.warnings()).isNotEmpty();
    assertThat(text).contains("Warnings:\n  - " + plan.warnings().get(0));
    assertThat(text.indexOf("Warnings:")).isGreaterThan(text.indexOf("1.1 ["));
  }

  @Test
  void theLegacyPinAndItsResetAreLabelledWithTheSettingTheyUse() {
    // Given VCs pinned the legacy way before the upgrade: preserve_downgrade_option = '24.3'
    DeploymentSnapshot s = DeploymentSnapshot.builder().binary("v24.3.12")
        .settings(new FinalizationSettings(true, "24.3")).build();
    UpgradePlan plan = planner.planOrThrow(s, UpgradeRequest.to("25.2").build());

    // When
    String mermaid = PlanRendering.mermaid(plan);

    // Then each finalization is preceded by resetting preserve_downgrade_option (a VC preserved
    // at 24.3 cannot finalize to 25.2), and the label says so
    assertThat(plan.steps()).anyMatch(st -> st.kind() == StepKind.UNPIN_FINALIZATION);
    assertThat(mermaid).contains("reset preserve_downgrade_option primary/system");
  }

  @Test
  void aRollbackStepIsLabelledWithItsNodeAndTheBinaryItGoesBackTo() {
    // Given the standby's n1 on 25.2, nothing finalized
    DeploymentSnapshot s = node(DeploymentSnapshot.builder().binary("v24.3.12").build(),
        ClusterRole.STANDBY, 1, "v25.2.1");
    PlanStep back = planner.planRollback(s).steps().get(0);

    // Then
    assertThat(back.kind()).isEqualTo(StepKind.ROLLBACK_NODE);
    assertThat(PlanRendering.label(back)).isEqualTo("roll back standby n1 onto v24.3.12");
  }
}
