package io.github.pcrupgrade.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.version.ClusterVersion;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a violation names (the node, the VC) and which remediation it chooses, for the rules where
 * mutation testing found that neither was checked: invariant 2 (the standby's series) and the
 * reader VC's naming rule (crdb-pcr-sql-facts.md: a reader is {@code <replicating>-readonly}).
 */
class NamedSubjectsRuleTest {

  private static List<Violation> of(DeploymentSnapshot s, RuleCode code) {
    return Fixtures.RULES.check(s).violations().stream().filter(v -> v.code() == code).toList();
  }

  @Test
  void aStandbyAheadOfThePrimarysDirectTargetsNamesItsFirstSuchNodeAndIsToldToRollBack() {
    // Given: primary at 24.3; standby n2 and n3 on 25.3, which 24.3 cannot upgrade to directly
    // (facts 1.4: 24.3 -> 25.1, 25.2)
    DeploymentSnapshot s = Fixtures.atRest("v24.3.12");
    s = Fixtures.nodeRuns(s, ClusterRole.STANDBY, 2, "v25.3.1");
    s = Fixtures.nodeRuns(s, ClusterRole.STANDBY, 3, "v25.3.1");

    List<Violation> found = of(s, RuleCode.STANDBY_SERIES_INCOMPATIBLE);

    assertThat(found).hasSize(1);
    Violation v = found.get(0);
    assertThat(v.cluster()).isEqualTo(Fixtures.WEST);
    assertThat(v.nodeId()).contains(2);
    assertThat(v.message()).contains("[2, 3]").contains("25.3").contains("24.3");
    assertThat(v.remediation()).startsWith("roll").contains("[2, 3]").contains("24.3");
  }

  @Test
  void aStandbyBehindThePrimaryIsToldToUpgradeFirst() {
    // Given: primary on 25.2 and finalized; the standby still on 24.3 (not the primary's series)
    DeploymentSnapshot s = Fixtures.deployment().binaries("v25.2.3", "v24.3.12")
        .versions("25.2", "24.3").build();

    List<Violation> found = of(s, RuleCode.STANDBY_SERIES_INCOMPATIBLE);

    assertThat(found).hasSize(1);
    assertThat(found.get(0).nodeId()).contains(1);
    assertThat(found.get(0).remediation()).startsWith("upgrade").contains(Fixtures.WEST)
        .contains("25.2");
  }

  @Test
  void aReaderNamedAfterTheSystemVcBelongsToNoReplicatingVc() {
    // Given: a reader VC 'system-readonly' on the standby; the system VC is never the
    // destination of a stream, so the reader belongs to none
    DeploymentSnapshot s = Fixtures.atRest("v24.3.12");
    ClusterVersion at = ClusterVersion.parse("24.3");
    s = s.with(s.standby().withAddedVc(new VirtualClusterInfo(9, "system-readonly",
        VcKind.READER, DataState.READY, ServiceMode.SHARED, VersionReading.observed(at),
        Optional.of(FinalizationSettings.PRODUCT_DEFAULTS), Optional.empty())));

    List<Violation> found = of(s, RuleCode.READER_WITHOUT_REPLICATING_VC);

    assertThat(found).singleElement().satisfies(v -> {
      assertThat(v.virtualCluster()).contains("system-readonly");
      assertThat(v.message()).contains("'system'");
    });
    // And the well-named reader of the fixtures is not reported
    assertThat(of(Fixtures.atRestWithReader("v24.3.12"), RuleCode.READER_WITHOUT_REPLICATING_VC))
        .isEmpty();
  }
}
