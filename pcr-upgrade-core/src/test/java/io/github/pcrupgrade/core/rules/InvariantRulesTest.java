package io.github.pcrupgrade.core.rules;

import static io.github.pcrupgrade.core.model.ClusterRole.PRIMARY;
import static io.github.pcrupgrade.core.model.ClusterRole.STANDBY;
import static io.github.pcrupgrade.core.rules.Fixtures.EAST;
import static io.github.pcrupgrade.core.rules.Fixtures.MAIN;
import static io.github.pcrupgrade.core.rules.Fixtures.READER;
import static io.github.pcrupgrade.core.rules.Fixtures.RULES;
import static io.github.pcrupgrade.core.rules.Fixtures.SYSTEM;
import static io.github.pcrupgrade.core.rules.Fixtures.WEST;
import static io.github.pcrupgrade.core.rules.Fixtures.atRest;
import static io.github.pcrupgrade.core.rules.Fixtures.deployment;
import static io.github.pcrupgrade.core.rules.Fixtures.nodeIs;
import static io.github.pcrupgrade.core.rules.Fixtures.nodeRuns;
import static io.github.pcrupgrade.core.rules.Fixtures.reinfer;
import static io.github.pcrupgrade.core.rules.Fixtures.vcAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The data-safety invariants 1-5 of DESIGN.md in the shapes a deployment takes. */
class InvariantRulesTest {

  private static List<Violation> all(CheckResult r, RuleCode code) {
    return r.violations().stream().filter(v -> v.code() == code).toList();
  }

  @Nested
  class ReplicatedVcNotNewerThanDestination {

    @Test
    void comparesTheReplicatedVcWithTheDestinationNotHostWithHost() {
      // Given the primary system VC finalized to 25.2 (its main still at 24.3) and the standby
      // system VC at 24.3
      DeploymentSnapshot s = vcAt(deployment().binary("v25.2.4").versions("24.3", "24.3").build(),
          PRIMARY, SYSTEM, "25.2");

      // When the rules check it
      CheckResult result = RULES.check(s);

      // Then nothing newer is replicated: only the order (P2) is departed from
      assertThat(result.has(RuleCode.REPLICATED_VC_NEWER_THAN_DESTINATION)).isFalse();
      assertThat(result.hasErrors()).as("%s", result.violations()).isFalse();
      assertThat(result.has(RuleCode.PRIMARY_FINALIZED_BEFORE_STANDBY)).isTrue();
    }

    @Test
    void reportsAnAppVcStillFinalizingAboveTheDestination() {
      // Given the primary main mid-finalization to 25.2 while the standby system VC is at 24.3
      DeploymentSnapshot s = reinfer(vcAt(vcAt(
          deployment().binary("v25.2.4").versions("24.3", "24.3").build(),
          PRIMARY, SYSTEM, "25.2"), PRIMARY, MAIN, "24.3-upgrading-to-25.2-step-004"));

      // When the rules check it
      CheckResult result = RULES.check(s);

      // Then the replicated VC is already above the destination
      assertThat(all(result, RuleCode.REPLICATED_VC_NEWER_THAN_DESTINATION)).singleElement()
          .satisfies(v -> assertThat(v.message())
              .contains(EAST, WEST, "24.3-upgrading-to-25.2-step-004", "24.3"));
    }

    @Test
    void judgesWhatReplicationCarriesEvenBeforeTheStandbyIsReinspected() {
      // Given the primary main finalized to 25.2 while the standby's replicating VC still shows
      // the 24.3 inferred at the last inspection, and the standby system VC at 24.3
      DeploymentSnapshot s = vcAt(vcAt(
          deployment().binary("v25.2.4").versions("24.3", "24.3").build(),
          PRIMARY, SYSTEM, "25.2"), PRIMARY, MAIN, "25.2");

      // When the rules check it
      CheckResult result = RULES.check(s);

      // Then the newer source version counts
      assertThat(result.has(RuleCode.REPLICATED_VC_NEWER_THAN_DESTINATION)).isTrue();
    }

    @Test
    void aNonVirtualizedPrimaryAtRestIsReadyToUpgrade() {
      // Given a non-virtualized primary whose system cluster replicates into the standby
      DeploymentSnapshot s = deployment().nonVirtualizedPrimary(true).build();

      // When the rules check it against 25.2
      CheckResult result = RULES.check(s, ReleaseSeries.parse("25.2"));

      // Then nothing is reported, and the stream's source is the primary's system cluster
      assertThat(result.violations()).isEmpty();
      assertThat(s.standbyReplicatingVc().orElseThrow().replication().orElseThrow()
          .sourceVirtualCluster()).isEqualTo(SYSTEM);
    }

    @Test
    void aNonVirtualizedPrimaryFinalizedFirstCarriesItsSystemClusterIntoAnOlderStandby() {
      // Given a non-virtualized primary finalized to 25.2 while the standby is at 24.3
      DeploymentSnapshot s = reinfer(vcAt(deployment().nonVirtualizedPrimary(true)
          .binary("v25.2.4").versions("24.3", "24.3").build(), PRIMARY, SYSTEM, "25.2"));

      // When the rules check it
      CheckResult result = RULES.check(s);

      // Then invariant 1 names the primary's system cluster as the source
      assertThat(all(result, RuleCode.REPLICATED_VC_NEWER_THAN_DESTINATION)).singleElement()
          .satisfies(v -> {
            assertThat(v.cluster()).isEqualTo(WEST);
            assertThat(v.virtualCluster()).contains(MAIN);
            assertThat(v.message()).contains(EAST, "VC '" + SYSTEM + "'", "25.2", "24.3");
          });
    }
  }

  @Nested
  class StandbySeriesCompatible {

    @Test
    void reportsAStandbyBehindThePrimarysSeries() {
      // Given the standby on 24.1 while the primary is on 24.3
      DeploymentSnapshot s = deployment().binaries("v24.3.12", "v24.1.20").build();

      // When the rules check it
      CheckResult result = RULES.check(s);

      // Then the standby's series is incompatible, and the remedy is to upgrade it
      assertThat(all(result, RuleCode.STANDBY_SERIES_INCOMPATIBLE)).singleElement()
          .satisfies(v -> {
            assertThat(v.cluster()).isEqualTo(WEST);
            assertThat(v.nodeId()).contains(1);
            assertThat(v.message()).contains(WEST, EAST, "24.1", "24.3");
            assertThat(v.remediation()).contains(WEST, "24.3");
          });
    }

    @Test
    void acceptsAStandbyOnTheNextInnovationSeries() {
      // Given the standby on 25.1 (Innovation, a direct target of 24.3)
      DeploymentSnapshot s = deployment().binaries("v24.3.12", "v25.1.9")
          .versions("24.3", "24.3").build();

      // When the rules check it; Then the series is compatible
      assertThat(RULES.check(s).violations()).isEmpty();
    }

    @Test
    void acceptsAStandbyOnTheNextRegularSeriesSkippingTheInnovation() {
      // Given the primary finalized on 25.2 and the standby on 25.4 binaries, not yet finalized
      DeploymentSnapshot s = deployment().binaries("v25.2.4", "v25.4.1")
          .versions("25.2", "25.2").build();

      // When the rules check it; Then nothing is reported
      assertThat(RULES.check(s).violations()).isEmpty();
    }

    @Test
    void takesThePrimarysSeriesFromItsSystemVcNotItsBinaries() {
      // Given the primary on 25.2 binaries but its system VC still at 24.3, and the standby on
      // 25.4 binaries (a direct target of 25.2, not of 24.3)
      DeploymentSnapshot s = deployment().binaries("v25.2.4", "v25.4.1")
          .versions("24.3", "25.2").build();

      // When the rules check it
      CheckResult result = RULES.check(s);

      // Then the standby's series is incompatible with the primary's 24.3
      assertThat(all(result, RuleCode.STANDBY_SERIES_INCOMPATIBLE)).singleElement()
          .satisfies(v -> assertThat(v.message()).contains("25.4", "24.3"));
    }

    @Test
    void reportsAStandbySkippingARegularAfterAnInnovation() {
      // Given the primary on 25.1 (Innovation: its only direct target is 25.2) and the standby
      // on 25.3
      DeploymentSnapshot s = deployment().binaries("v25.1.9", "v25.3.2")
          .versions("25.1", "25.1").build();

      // When the rules check it; Then the standby's series is incompatible
      assertThat(RULES.check(s).has(RuleCode.STANDBY_SERIES_INCOMPATIBLE)).isTrue();
    }
  }

  @Nested
  class SystemVcAtOrAboveOtherVcs {

    @Test
    void reportsAnAppVcFinalizedBeforeItsSystemVc() {
      // Given primary main finalized to 25.2 while the primary system VC is at 24.3 (the
      // standby, already finalized, can take it)
      DeploymentSnapshot s = reinfer(vcAt(
          deployment().binary("v25.2.4").versions("24.3", "25.2").build(),
          PRIMARY, MAIN, "25.2"));

      // When the rules check it
      CheckResult result = RULES.check(s);

      // Then invariant 3 is broken on the primary, and only there
      assertThat(all(result, RuleCode.VC_ABOVE_SYSTEM_VC)).singleElement().satisfies(v -> {
        assertThat(v.cluster()).isEqualTo(EAST);
        assertThat(v.virtualCluster()).contains(MAIN);
        assertThat(v.message()).contains(EAST, MAIN, "25.2", "24.3");
      });
      assertThat(result.has(RuleCode.REPLICATED_VC_NEWER_THAN_DESTINATION)).isFalse();
    }
  }

  @Nested
  class VcNotAboveNodeBinaries {

    @Test
    void readsTheTargetOfALegacyVersionFromTheCatalog() {
      // Given a 23.2 -> 24.1 upgrade finalizing (legacy spelling 23.2-8) while node 2 still runs
      // a 23.2 binary
      DeploymentSnapshot s = vcAt(nodeRuns(
          deployment().binary("v24.1.20").versions("23.2", "24.1").build(),
          PRIMARY, 2, "v23.2.9"), PRIMARY, SYSTEM, "23.2-8");

      // When the rules check it
      CheckResult result = RULES.check(s);

      // Then the VC is being finalized to 24.1, which node 2 cannot run
      assertThat(all(result, RuleCode.VC_ABOVE_NODE_BINARY)).singleElement().satisfies(v -> {
        assertThat(v.nodeId()).contains(2);
        assertThat(v.message()).contains("23.2-8", "24.1", "v23.2.9");
      });
    }

    @Test
    void countsTheFenceOfAFinalVersionAsFinalizingToIt() {
      // Given the primary system VC at the fence below 25.2 while node 1 runs v24.3.12
      DeploymentSnapshot s = vcAt(nodeRuns(
          deployment().binary("v25.2.4").versions("24.3", "25.2").build(),
          PRIMARY, 1, "v24.3.12"), PRIMARY, SYSTEM, "25.2-upgrading-final-step");

      // When the rules check it; Then node 1 cannot run what the VC is finalizing to
      assertThat(all(RULES.check(s), RuleCode.VC_ABOVE_NODE_BINARY)).singleElement()
          .satisfies(v -> assertThat(v.nodeId()).contains(1));
    }

    @Test
    void ignoresADecommissionedNodeOnAnOldBinary() {
      // Given the primary finalized to 25.2 and its node 3, decommissioned, left on 24.3
      DeploymentSnapshot s = nodeIs(nodeRuns(
          deployment().binary("v25.2.4").versions("25.2", "25.2").build(),
          PRIMARY, 3, "v24.3.12"), PRIMARY, 3, Liveness.DECOMMISSIONED, false);

      // When the rules check it; Then the node does not count
      assertThat(RULES.check(s, ReleaseSeries.parse("25.2")).violations()).isEmpty();
    }
  }

  @Nested
  class NodeBinarySupportsEveryVc {

    @Test
    void countsTheReplicatingVcWhoseVersionIsInferred() {
      // Given the primary on 25.2 with its main not yet finalized (24.3), and the standby already
      // restarted on 25.4 (MinSupported 25.2) for the next hop
      DeploymentSnapshot s = reinfer(vcAt(
          deployment().binaries("v25.2.4", "v25.4.1").versions("25.2", "25.2").build(),
          PRIMARY, MAIN, "24.3"));

      // When the rules check it
      CheckResult result = RULES.check(s);

      // Then the standby's replicating VC, at 24.3 by replication, is below 25.4's MinSupported
      assertThat(all(result, RuleCode.VC_BELOW_MIN_SUPPORTED)).singleElement().satisfies(v -> {
        assertThat(v.cluster()).isEqualTo(WEST);
        assertThat(v.virtualCluster()).contains(MAIN);
        assertThat(v.message()).contains(WEST, MAIN, "25.4", "25.2", "24.3", "inferred");
      });
    }

    @Test
    void countsTheReaderVc() {
      // Given the standby restarted on 25.4 with everything at 25.2 but its reader VC at 24.3
      DeploymentSnapshot s = vcAt(deployment().binaries("v25.2.4", "v25.4.1")
          .versions("25.2", "25.2").readerVc(true).build(), STANDBY, READER, "24.3");

      // When the rules check it; Then the reader VC is below 25.4's MinSupported
      assertThat(all(RULES.check(s), RuleCode.VC_BELOW_MIN_SUPPORTED)).singleElement()
          .satisfies(v -> assertThat(v.virtualCluster()).contains(READER));
    }

    @Test
    void reportsAFenceBelowMinSupported() {
      // Given the standby restarted on 25.4 while its system VC is at the fence below 25.2
      DeploymentSnapshot s = vcAt(deployment().binaries("v25.2.4", "v25.4.1")
          .versions("25.2", "25.2").build(), STANDBY, SYSTEM, "25.2-upgrading-final-step");

      // When the rules check it; Then the fence is not yet 25.2
      assertThat(RULES.check(s).has(RuleCode.VC_BELOW_MIN_SUPPORTED)).isTrue();
    }
  }

  @Test
  void aDeploymentAtRestBreaksNothing() {
    // Given deployments at rest on every supported PCR series
    for (String binary : List.of("v24.1.20", "v24.3.12", "v25.2.4", "v25.4.1", "v26.2.2")) {
      // When the rules check them; Then nothing is reported
      assertThat(RULES.check(atRest(binary)).violations()).as(binary).isEmpty();
    }
  }
}
