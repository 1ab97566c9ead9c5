package io.github.pcrupgrade.core.rules;

import static io.github.pcrupgrade.core.model.ClusterRole.PRIMARY;
import static io.github.pcrupgrade.core.model.ClusterRole.STANDBY;
import static io.github.pcrupgrade.core.rules.Fixtures.RULES;
import static io.github.pcrupgrade.core.rules.Fixtures.atRest;
import static io.github.pcrupgrade.core.rules.Fixtures.nodeIs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One test per bug the rule tests found, so that it stays fixed. */
class RulesRegressionTest {

  @ParameterizedTest
  @EnumSource(ClusterRole.class)
  void aClusterWithoutMemberNodesNeverReachesTheRules(ClusterRole role) {
    // Given a deployment in which every node of one cluster would be decommissioned
    // When the snapshot is built
    // Then it is refused as structurally invalid, so the rules (which once threw
    // NoSuchElementException asking an empty set for its lowest series) never see it
    assertThatThrownBy(() -> {
      DeploymentSnapshot s = atRest("v24.3.12");
      for (int id = 1; id <= 3; id++) {
        s = nodeIs(s, role, id, Liveness.DECOMMISSIONED, false);
      }
    }).isInstanceOf(PcrUpgradeException.class)
        .extracting(e -> ((PcrUpgradeException) e).code())
        .isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
  }

  @org.junit.jupiter.api.Test
  void locatesNewBinariesMidFinalizationAtTheVcThatIsStillFinalizing() {
    // Given the standby on 25.4 binaries while the primary's main is still finalizing to 25.3
    DeploymentSnapshot s = Fixtures.reinfer(Fixtures.vcAt(Fixtures.deployment()
        .binaries("v25.3.2", "v25.4.1").versions("25.3", "25.3").build(),
        PRIMARY, Fixtures.MAIN, "25.2-upgrading-to-25.3-step-004"));

    // When the rules check it
    Violation v = RULES.check(s).violations().stream()
        .filter(x -> x.code() == RuleCode.NEW_UPGRADE_BEFORE_FINALIZED).findFirst().orElseThrow();

    // Then the violation points at the primary's main, the VC to let finish (it used to name the
    // standby with VC 'main', which on the standby is the replicating VC, not the one finalizing),
    // and the message still names the cluster running the newer binaries
    assertThat(v.cluster()).isEqualTo(Fixtures.EAST);
    assertThat(v.virtualCluster()).contains(Fixtures.MAIN);
    assertThat(v.message()).contains(Fixtures.WEST, "25.4", Fixtures.EAST, "25.3");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "24.3-upgrading-to-27.1-step-002", "27.1-upgrading-final-step"})
  void reportsAVcFinalizingToASeriesTheCatalogDoesNotKnow(String version) {
    // Given the primary main finalizing to 27.1, which the catalog does not know
    DeploymentSnapshot s = Fixtures.vcAt(atRest("v24.3.12"), PRIMARY, Fixtures.MAIN, version);

    // When the rules check it
    CheckResult result = RULES.check(s);

    // Then 27.1 is reported as unknown on the primary (only the series already reached used to
    // be looked up, so a step towards 27.1 from 24.3, or the fence below 27.1, passed unnoticed)
    assertThat(result.violations()).filteredOn(v -> v.code() == RuleCode.UNKNOWN_SERIES)
        .singleElement().satisfies(v -> {
          assertThat(v.cluster()).isEqualTo(Fixtures.EAST);
          assertThat(v.message()).contains("27.1");
        });
  }
}
