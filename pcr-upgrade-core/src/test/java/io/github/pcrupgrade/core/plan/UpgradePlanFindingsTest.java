package io.github.pcrupgrade.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.rules.RuleCode;
import io.github.pcrupgrade.core.rules.Severity;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link UpgradePlan#warnings()} never holds an ERROR item; non-refusing errors have their list. */
class UpgradePlanFindingsTest {

  private static final BinaryTarget TARGET = BinaryTarget.anyPatchOf(ReleaseSeries.parse("25.2"));
  private static final Violation MIXED = Violation.of(RuleCode.MIXED_BINARIES, "standby", null,
      null, "n1 runs v25.2.1, n2 runs v24.3.12", "finish the rolling restart");
  private static final Violation BEHIND = Violation.of(RuleCode.STANDBY_BINARIES_BEHIND_PRIMARY,
      "primary", null, 1, "primary n1 runs v25.2.1 before the standby", "upgrade the standby");

  @Test
  void theFindingsConstructorSplitsBySeverityKeepingTheOrder() {
    assertThat(MIXED.severity()).isEqualTo(Severity.ERROR);
    assertThat(BEHIND.severity()).isEqualTo(Severity.WARNING);
    Violation node = Violation.of(RuleCode.NODE_NOT_LIVE, "standby", null, 2, "n2 is suspect",
        "bring n2 back");
    UpgradePlan plan = new UpgradePlan(TARGET, List.of(), List.of(MIXED, BEHIND, node),
        List.of());
    assertThat(plan.errors()).containsExactly(MIXED, node);
    assertThat(plan.warnings()).containsExactly(BEHIND);
    assertThat(plan.findings()).containsExactly(MIXED, node, BEHIND);
  }

  @Test
  void refusesAnErrorAmongTheWarningsWithATypedError() {
    assertThatThrownBy(() -> new UpgradePlan(TARGET, List.of(), List.of(), List.of(MIXED),
        List.of()))
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("warnings holds an ERROR violation (MIXED_BINARIES)");
  }

  @Test
  void refusesAWarningAmongTheErrorsWithATypedError() {
    assertThatThrownBy(() -> new UpgradePlan(TARGET, List.of(), List.of(BEHIND), List.of(),
        List.of()))
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("errors holds a WARNING violation (STANDBY_BINARIES_BEHIND_PRIMARY)");
  }

  @Test
  void rendersErrorsBeforeWarningsInTheText() {
    String text = new UpgradePlan(TARGET, List.of(), List.of(MIXED), List.of(BEHIND), List.of())
        .toText();
    assertThat(text).contains("Errors:\n  - " + MIXED, "Warnings:\n  - " + BEHIND);
    assertThat(text.indexOf("Errors:")).isLessThan(text.indexOf("Warnings:"));
  }
}
