package io.github.pcrupgrade.core.rules;

import static io.github.pcrupgrade.core.model.ClusterRole.PRIMARY;
import static io.github.pcrupgrade.core.rules.Fixtures.EAST;
import static io.github.pcrupgrade.core.rules.Fixtures.MAIN;
import static io.github.pcrupgrade.core.rules.Fixtures.RULES;
import static io.github.pcrupgrade.core.rules.Fixtures.WEST;
import static io.github.pcrupgrade.core.rules.Fixtures.atRest;
import static io.github.pcrupgrade.core.rules.Fixtures.vcAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.version.ClusterVersion;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Snapshots the rules cannot fully judge: they say so instead of guessing. */
class SnapshotRulesTest {

  private static List<Violation> all(CheckResult r, RuleCode code) {
    return r.violations().stream().filter(v -> v.code() == code).toList();
  }

  @Test
  void aReaderVcNotNamedAfterAnyVcIsAnOrphan() {
    // Given the standby with a reader VC named 'analytics'
    DeploymentSnapshot base = atRest("v24.3.12");
    DeploymentSnapshot s = base.with(base.standby().withAddedVc(new VirtualClusterInfo(4,
        "analytics", VcKind.READER, DataState.READY, ServiceMode.SHARED,
        VersionReading.observed(ClusterVersion.parse("24.3")), Optional.empty(),
        Optional.empty())));

    // When the rules check it
    CheckResult result = RULES.check(s);

    // Then it is reported, with how reader VCs are named and how to drop it
    assertThat(all(result, RuleCode.READER_WITHOUT_REPLICATING_VC)).singleElement()
        .satisfies(v -> {
          assertThat(v.virtualCluster()).contains("analytics");
          assertThat(v.message()).contains(WEST, "analytics", "-readonly");
          assertThat(v.remediation()).contains("DROP VIRTUAL CLUSTER", "analytics");
        });
  }

  @ParameterizedTest
  @CsvSource({"27.1,27.1", "1000025.4,1000025.4"})
  void aVcVersionOfASeriesTheCatalogDoesNotKnowIsReported(String version, String series) {
    // Given the primary main at a version of an unknown series (or of a development build)
    DeploymentSnapshot s = vcAt(atRest("v24.3.12"), PRIMARY, MAIN, version);

    // When the rules check it
    CheckResult result = RULES.check(s);

    // Then the unknown series is named on the primary
    assertThat(all(result, RuleCode.UNKNOWN_SERIES)).as("%s", result.violations())
        .anySatisfy(v -> {
          assertThat(v.cluster()).isEqualTo(EAST);
          assertThat(v.message()).contains(EAST, series);
        });
  }

  @Test
  void anUnknownSeriesIsReportedOncePerCluster() {
    // Given every standby node on 27.1
    DeploymentSnapshot s = Fixtures.allNodesRun(atRest("v24.3.12"),
        io.github.pcrupgrade.core.model.ClusterRole.STANDBY, "v27.1.0");

    // When the rules check it; Then 27.1 is reported once, for the standby
    assertThat(all(RULES.check(s), RuleCode.UNKNOWN_SERIES)).singleElement()
        .satisfies(v -> assertThat(v.cluster()).isEqualTo(WEST));
  }

  @Test
  void anUnknownVersionIsOnlyAWarning() {
    // Given the standby's replicating VC version unknown (its source still readable)
    RuleCases.RuleCase c = RuleCases.of(RuleCode.VERSION_UNKNOWN);

    // When the rules check it
    CheckResult result = RULES.check(c.breaking());

    // Then the rules say what they could not judge, and refuse nothing for it
    assertThat(result.violations()).extracting(Violation::code)
        .containsExactly(RuleCode.VERSION_UNKNOWN);
    assertThat(result.hasErrors()).isFalse();
  }
}
