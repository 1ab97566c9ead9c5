package io.github.pcrupgrade.core.rules;

import static io.github.pcrupgrade.core.model.ClusterRole.PRIMARY;
import static io.github.pcrupgrade.core.model.ClusterRole.STANDBY;
import static io.github.pcrupgrade.core.rules.Fixtures.RULES;
import static io.github.pcrupgrade.core.rules.Fixtures.SYSTEM;
import static io.github.pcrupgrade.core.rules.Fixtures.atRest;
import static io.github.pcrupgrade.core.rules.Fixtures.deployment;
import static io.github.pcrupgrade.core.rules.Fixtures.nodeRuns;
import static io.github.pcrupgrade.core.rules.Fixtures.vcAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import org.junit.jupiter.api.Test;

/**
 * The procedure rules P1-P3: a deployment that departs from the documented order is warned
 * about, not refused, until an invariant is at stake.
 */
class ProcedureRulesTest {

  @Test
  void warnsWhenThePrimaryStartsBeforeTheStandbyHasFinishedItsNodes() {
    // Given standby node 1 on 25.2, standby nodes 2 and 3 still on 24.3, and primary node 1
    // already on 25.2
    DeploymentSnapshot s = nodeRuns(nodeRuns(atRest("v24.3.12"), STANDBY, 1, "v25.2.4"),
        PRIMARY, 1, "v25.2.4");

    // When the rules check it
    CheckResult result = RULES.check(s);

    // Then P1 is departed from, and that is a warning only
    assertThat(result.has(RuleCode.STANDBY_BINARIES_BEHIND_PRIMARY)).isTrue();
    assertThat(result.hasErrors()).as("%s", result.violations()).isFalse();
  }

  @Test
  void warnsWhenThePrimarySystemVcStartsFinalizingBeforeTheStandbys() {
    // Given both clusters on 25.2 binaries, the primary system VC finalizing, the standby's not
    DeploymentSnapshot s = vcAt(deployment().binary("v25.2.4").versions("24.3", "24.3").build(),
        PRIMARY, SYSTEM, "24.3-upgrading-to-25.2-step-004");

    // When the rules check it
    CheckResult result = RULES.check(s);

    // Then P2 is departed from, as a warning
    assertThat(result.warnings()).extracting(Violation::code)
        .containsExactly(RuleCode.PRIMARY_FINALIZED_BEFORE_STANDBY);
    assertThat(result.hasErrors()).isFalse();
  }

  @Test
  void newBinariesWhileAVcFinalizesAreOnlyAWarningWhileEveryVcIsSupported() {
    // Given the standby on 25.4 while the primary's main finishes 25.2 -> 25.3 (25.4 supports
    // everything from 25.2)
    RuleCases.RuleCase c = RuleCases.of(RuleCode.NEW_UPGRADE_BEFORE_FINALIZED);

    // When the rules check it
    CheckResult result = RULES.check(c.breaking());

    // Then P3 is the only thing reported
    assertThat(result.violations()).extracting(Violation::code)
        .containsOnly(RuleCode.NEW_UPGRADE_BEFORE_FINALIZED);
  }

  @Test
  void newBinariesThatCannotRunAVcStillFinalizingAreAnError() {
    // Given the primary system VC still finalizing 24.3 -> 25.2, and the standby restarted on
    // 25.4 (MinSupported 25.2)
    DeploymentSnapshot s = vcAt(deployment().binaries("v25.2.4", "v25.4.1")
        .versions("24.3", "25.2").build(), PRIMARY, SYSTEM, "24.3-upgrading-to-25.2-step-004");

    // When the rules check it
    CheckResult result = RULES.check(s);

    // Then P3 is departed from and the standby's replicated VC (24.3) is below 25.4's
    // MinSupported
    assertThat(result.has(RuleCode.NEW_UPGRADE_BEFORE_FINALIZED)).isTrue();
    assertThat(result.has(RuleCode.VC_BELOW_MIN_SUPPORTED)).isTrue();
  }
}
