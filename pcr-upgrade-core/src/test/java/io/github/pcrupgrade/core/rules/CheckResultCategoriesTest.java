package io.github.pcrupgrade.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import org.junit.jupiter.api.Test;

/**
 * A check result split by category and turned into a refusal: PIT found that a filter letting
 * every violation through, and the throwing variant, were unchecked.
 */
class CheckResultCategoriesTest {

  /** Primary on 25.2, standby still on 24.3: invariant 2 broken and P1 departed from. */
  private static DeploymentSnapshot standbyBehind() {
    return Fixtures.deployment().binaries("v25.2.3", "v24.3.12").versions("25.2", "24.3").build();
  }

  @Test
  void eachCategoryHoldsOnlyItsOwnViolations() {
    CheckResult r = Fixtures.RULES.check(standbyBehind());

    assertThat(r.has(RuleCode.STANDBY_SERIES_INCOMPATIBLE)).isTrue();
    assertThat(r.has(RuleCode.STANDBY_BINARIES_BEHIND_PRIMARY)).isTrue();
    for (RuleCategory category : RuleCategory.values()) {
      assertThat(r.of(category)).allSatisfy(v -> assertThat(v.code().category())
          .isEqualTo(category));
    }
    assertThat(r.of(RuleCategory.INVARIANT)).extracting(Violation::code)
        .contains(RuleCode.STANDBY_SERIES_INCOMPATIBLE)
        .doesNotContain(RuleCode.STANDBY_BINARIES_BEHIND_PRIMARY);
    assertThat(r.of(RuleCategory.PROCEDURE)).extracting(Violation::code)
        .contains(RuleCode.STANDBY_BINARIES_BEHIND_PRIMARY)
        .doesNotContain(RuleCode.STANDBY_SERIES_INCOMPATIBLE);
  }

  @Test
  void orThrowRefusesABrokenDeploymentAndReturnsACleanResult() {
    PcrUpgradeException e = catchThrowableOfType(PcrUpgradeException.class,
        () -> Fixtures.RULES.check(standbyBehind()).orThrow());

    assertThat(e.code()).isEqualTo(CoreErrorCode.PLAN_REFUSED);
    assertThat(e.getMessage()).contains("STANDBY_SERIES_INCOMPATIBLE");
    CheckResult clean = Fixtures.RULES.check(Fixtures.atRest("v24.3.12"));
    assertThat(clean.orThrow()).isSameAs(clean);
  }

  @Test
  void builtInRulesUseTheBuiltInCatalog() {
    Rules rules = Rules.builtIn();

    assertThat(rules.catalog().series()).isEqualTo(ReleaseCatalog.builtIn().series());
    assertThat(rules.check(Fixtures.atRest("v24.3.12")).isClean()).isTrue();
  }
}
