package io.github.pcrupgrade.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.Planner;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A halt for a plan that differs from the one confirmed says how, by step id: the steps not
 * confirmed (with their descriptions), the steps no longer planned, at most five of each named.
 */
class PlanDifferenceTest {

  private static final DeploymentSnapshot AT_REST = DeploymentSnapshot.builder().nodes(3, 3)
      .binary("v24.3.12").readerVc(true).build();

  private static UpgradePlan plan(String target) {
    return Planner.builtIn().plan(AT_REST, UpgradeRequest.to(target).build()).plan()
        .orElseThrow();
  }

  @Test
  void theSamePlanDiffersOnlyInOrder() {
    UpgradePlan p = plan("25.2");

    assertThat(PlanDifference.describe(p, p)).isEqualTo("the same steps in another order");
  }

  @Test
  void stepsAddedAndGoneAreNamedAndCountedPastFive() {
    UpgradePlan shorter = plan("25.2");
    UpgradePlan longer = plan("25.4");
    List<PlanStep> added = longer.steps().stream()
        .filter(st -> shorter.step(st.id()).isEmpty()).toList();
    assertThat(added).hasSizeGreaterThan(5);

    String more = PlanDifference.describe(shorter, longer);
    String less = PlanDifference.describe(longer, shorter);

    PlanStep firstAdded = added.get(0);
    assertThat(more).startsWith("not confirmed: " + firstAdded.id() + " ("
        + firstAdded.description() + ")").endsWith(" and " + (added.size() - 5) + " more")
        .doesNotContain("no longer planned").doesNotContain(added.get(5).id() + " (");
    assertThat(more.split(", ")).hasSize(5);
    assertThat(less).startsWith("no longer planned: " + firstAdded.id() + ", ")
        .endsWith(" and " + (added.size() - 5) + " more").doesNotContain("not confirmed")
        .doesNotContain("(");
  }

  @Test
  void stepsBothAddedAndGoneAreNamedInThatOrder() {
    // without its reader VC the 25.2 hop loses the reader steps; the 25.4 plan adds a hop
    UpgradePlan confirmed = plan("25.2");
    UpgradePlan now = Planner.builtIn().plan(AT_REST.with(AT_REST.standby()
        .withoutVc("main-readonly")), UpgradeRequest.to("25.4").build()).plan().orElseThrow();
    List<String> gone = confirmed.steps().stream().map(PlanStep::id)
        .filter(id -> now.step(id).isEmpty()).toList();
    assertThat(gone).isNotEmpty().hasSizeLessThanOrEqualTo(5);

    String d = PlanDifference.describe(confirmed, now);

    assertThat(d).startsWith("not confirmed: ").contains(" more; no longer planned: ")
        .endsWith("; no longer planned: " + String.join(", ", gone));
  }
}
