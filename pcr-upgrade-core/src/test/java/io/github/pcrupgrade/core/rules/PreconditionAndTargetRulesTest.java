package io.github.pcrupgrade.core.rules;

import static io.github.pcrupgrade.core.model.ClusterRole.PRIMARY;
import static io.github.pcrupgrade.core.model.ClusterRole.STANDBY;
import static io.github.pcrupgrade.core.rules.Fixtures.EAST;
import static io.github.pcrupgrade.core.rules.Fixtures.MAIN;
import static io.github.pcrupgrade.core.rules.Fixtures.RULES;
import static io.github.pcrupgrade.core.rules.Fixtures.WEST;
import static io.github.pcrupgrade.core.rules.Fixtures.atRest;
import static io.github.pcrupgrade.core.rules.Fixtures.atRestWithReader;
import static io.github.pcrupgrade.core.rules.Fixtures.deployment;
import static io.github.pcrupgrade.core.rules.Fixtures.nodeIs;
import static io.github.pcrupgrade.core.rules.Fixtures.nodeRuns;
import static io.github.pcrupgrade.core.rules.Fixtures.reinfer;
import static io.github.pcrupgrade.core.rules.Fixtures.status;
import static io.github.pcrupgrade.core.rules.Fixtures.stream;
import static io.github.pcrupgrade.core.rules.Fixtures.vcAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Preconditions of starting a major upgrade, and the validity of the target. */
class PreconditionAndTargetRulesTest {

  private static final ReleaseSeries V25_2 = ReleaseSeries.parse("25.2");

  private static List<Violation> all(CheckResult r, RuleCode code) {
    return r.violations().stream().filter(v -> v.code() == code).toList();
  }

  @Nested
  class Preconditions {

    @Test
    void aDeploymentAtRestWithAReaderIsReadyToStart() {
      // Given a 24.3 deployment at rest with a reader VC
      DeploymentSnapshot s = atRestWithReader("v24.3.12");

      // When the rules check it against 25.2; Then nothing stands in the way
      assertThat(RULES.check(s, V25_2).violations()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"DEAD,false", "SUSPECT,false", "DECOMMISSIONING,false", "LIVE,true"})
    void refusesToStartWhileANodeIsNotLiveOrDraining(Liveness liveness, boolean draining) {
      // Given primary node 3 not live, or draining
      DeploymentSnapshot s = nodeIs(atRest("v24.3.12"), PRIMARY, 3, liveness, draining);

      // When the rules check it against 25.2
      CheckResult result = RULES.check(s, V25_2);

      // Then node 3 is named
      assertThat(all(result, RuleCode.NODE_NOT_LIVE)).singleElement().satisfies(v -> {
        assertThat(v.cluster()).isEqualTo(EAST);
        assertThat(v.nodeId()).contains(3);
        assertThat(v.message()).contains(EAST, "node 3", draining ? "draining" : liveness.name());
      });
    }

    @Test
    void ignoresADecommissionedNodeForLivenessAndBuilds() {
      // Given primary node 3 decommissioned and left on an older patch
      DeploymentSnapshot s = nodeIs(nodeRuns(atRest("v24.3.12"), PRIMARY, 3, "v24.3.5"),
          PRIMARY, 3, Liveness.DECOMMISSIONED, false);

      // When the rules check it against 25.2; Then it counts neither as down nor as a build
      assertThat(RULES.check(s, V25_2).violations()).isEmpty();
    }

    @Test
    void refusesToStartWithoutAStream() {
      // Given a standby with no replicating VC at all
      DeploymentSnapshot base = atRest("v24.3.12");
      DeploymentSnapshot s = base.with(base.standby().withoutVc(MAIN));

      // When the rules check it against 25.2
      CheckResult result = RULES.check(s, V25_2);

      // Then the missing stream is named on the standby
      assertThat(all(result, RuleCode.REPLICATION_NOT_RUNNING)).singleElement().satisfies(v -> {
        assertThat(v.cluster()).isEqualTo(WEST);
        assertThat(v.message()).contains(WEST);
      });
    }

    @ParameterizedTest
    @ValueSource(strings = {"initializing replication", "running initial scan",
        "replication paused", "replication pending failover", "unimplemented-3"})
    void refusesToStartWhileTheStreamIsNotReplicating(String productStatus) {
      // Given a stream whose status is not 'replicating'
      DeploymentSnapshot s = stream(atRest("v24.3.12"), r -> status(r, productStatus));

      // When the rules check it against 25.2; Then the stream is reported with its status
      assertThat(all(RULES.check(s, V25_2), RuleCode.REPLICATION_NOT_RUNNING)).singleElement()
          .satisfies(v -> assertThat(v.message()).contains(WEST, MAIN, productStatus));
    }

    @Test
    void refusesToStartWhileTheReplicatedVcIsStillFinalizing() {
      // Given the primary main still finalizing 24.2 -> 24.3, carried into the standby
      DeploymentSnapshot s = reinfer(vcAt(atRest("v24.3.12"), PRIMARY, MAIN,
          "24.2-upgrading-to-24.3-step-010"));

      // When the rules check it against 25.2
      CheckResult result = RULES.check(s, V25_2);

      // Then both the primary main and the standby's replicating VC are not finalized
      assertThat(all(result, RuleCode.VC_NOT_FINALIZED)).extracting(Violation::cluster)
          .containsExactlyInAnyOrder(EAST, WEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v25.2.0-alpha.1", "v25.2.0-alpha.00000000",
        "v25.2.0-alpha.00000000-2955-gda20f35"})
    void refusesToStartFromAnAlphaOrDevelopmentBuild(String binary) {
      // Given the standby's node 2 on an alpha or development build of 25.2, the rest on 25.2
      DeploymentSnapshot s = nodeRuns(deployment().binary("v25.2.4").build(), STANDBY, 2, binary);

      // When the rules check it against 25.4
      CheckResult result = RULES.check(s, ReleaseSeries.parse("25.4"));

      // Then the one-way build is named on node 2
      assertThat(all(result, RuleCode.ONE_WAY_BINARY)).singleElement().satisfies(v -> {
        assertThat(v.nodeId()).contains(2);
        assertThat(v.message()).contains(WEST, binary);
      });
    }

    @ParameterizedTest
    @ValueSource(strings = {"v25.2.0-beta.2", "v25.2.0-rc.1"})
    void acceptsBetasAndReleaseCandidatesAsUpgradable(String binary) {
      // Given both clusters on a beta or release candidate
      DeploymentSnapshot s = deployment().binary(binary).build();

      // When the rules check it against 25.4; Then nothing is reported
      assertThat(RULES.check(s, ReleaseSeries.parse("25.4")).violations()).isEmpty();
    }
  }

  @Nested
  class Targets {

    @Test
    void aSeriesMissingFromTheCatalogIsUnknownNotUnreachable() {
      // Given a deployment on 26.4, and 26.5, not yet in the built-in catalog, asked for
      DeploymentSnapshot s = atRest("v26.4.0");

      // When the rules check it against 26.5
      CheckResult result = RULES.check(s, ReleaseSeries.parse("26.5"));

      // Then the target is unknown, and the remedy is to add it to the catalog
      assertThat(result.of(RuleCategory.TARGET)).singleElement().satisfies(v -> {
        assertThat(v.code()).isEqualTo(RuleCode.TARGET_UNKNOWN);
        assertThat(v.message()).contains("26.5");
        assertThat(v.remediation()).contains("26.5", "ReleaseCatalog");
      });
    }

    @Test
    void aDowngradeIsReportedForEachCluster() {
      // Given a deployment at 24.3; When asked for 24.1
      CheckResult result = RULES.check(atRest("v24.3.12"), ReleaseSeries.parse("24.1"));

      // Then both clusters are named
      assertThat(all(result, RuleCode.TARGET_IS_DOWNGRADE)).extracting(Violation::cluster)
          .containsExactlyInAnyOrder(EAST, WEST);
    }

    @ParameterizedTest
    @CsvSource({"v24.1.20,25.2", "v24.1.20,24.2", "v25.1.9,25.4", "v24.3.12,24.3",
        "v25.2.4,26.3"})
    void aTargetReachableInOneOrMoreHopsIsAccepted(String binary, String target) {
      // Given a deployment at rest; When asked for a target reachable through direct upgrades
      CheckResult result = RULES.check(atRest(binary), ReleaseSeries.parse(target));

      // Then nothing is reported about the target
      assertThat(result.of(RuleCategory.TARGET)).isEmpty();
    }

    @Test
    void aTargetAlreadyReachedByTheStandbyIsNoDowngrade() {
      // Given half-way through 24.3 -> 25.2 (the standby finalized to 25.2)
      DeploymentSnapshot s = deployment().binaries("v24.3.12", "v25.2.4")
          .versions("24.3", "25.2").build();

      // When the rules check it against 25.2; Then the target is fine for both clusters
      assertThat(RULES.check(s, V25_2).of(RuleCategory.TARGET)).isEmpty();
    }
  }
}
