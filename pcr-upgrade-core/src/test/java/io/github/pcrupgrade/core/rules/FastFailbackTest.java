package io.github.pcrupgrade.core.rules;

import static io.github.pcrupgrade.core.model.ClusterRole.PRIMARY;
import static io.github.pcrupgrade.core.model.ClusterRole.STANDBY;
import static io.github.pcrupgrade.core.rules.Fixtures.EAST;
import static io.github.pcrupgrade.core.rules.Fixtures.MAIN;
import static io.github.pcrupgrade.core.rules.Fixtures.RULES;
import static io.github.pcrupgrade.core.rules.Fixtures.WEST;
import static io.github.pcrupgrade.core.rules.Fixtures.atRest;
import static io.github.pcrupgrade.core.rules.Fixtures.deployment;
import static io.github.pcrupgrade.core.rules.Fixtures.failedOver;
import static io.github.pcrupgrade.core.rules.Fixtures.failingBack;
import static io.github.pcrupgrade.core.rules.Fixtures.vcAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import org.junit.jupiter.api.Test;

/**
 * Failover during an upgrade is allowed; fast failback is refused while the promoted standby is
 * newer than the original primary (DESIGN.md invariant 7, upgrade-with-pcr.md).
 */
class FastFailbackTest {

  /** Half-way through 24.3 -> 25.2: the standby upgraded and finalized, the primary not. */
  private static DeploymentSnapshot halfWay() {
    return deployment().binaries("v24.3.12", "v25.2.4").versions("24.3", "25.2").build();
  }

  @Test
  void refusesAFastFailbackWhenNoFailoverHappened() {
    // Given a deployment replicating normally
    DeploymentSnapshot s = atRest("v24.3.12");

    // When asked whether it may fail back
    FailbackVerdict verdict = RULES.mayFastFailBack(s);

    // Then it may not: there is nothing to fail back from
    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.reason()).contains("no failover", WEST);
    assertThat(verdict.violations()).isEmpty();
  }

  @Test
  void refusesAFastFailbackWhileThePromotedStandbyIsNewer() {
    // Given a failover half-way through the upgrade: the promoted standby is on 25.2, the
    // original primary on 24.3
    DeploymentSnapshot s = failedOver(halfWay());

    // When asked whether it may fail back
    FailbackVerdict verdict = RULES.mayFastFailBack(s);

    // Then it may not, and the answer names both clusters and their versions
    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.reason()).contains(WEST, EAST, "25.2", "24.3");
    assertThat(verdict.violations()).isNotEmpty().allSatisfy(v -> {
      assertThat(v.code()).isEqualTo(RuleCode.FAST_FAILBACK_FROM_NEWER);
      assertThat(v.severity()).isEqualTo(Severity.ERROR);
      assertThat(v.cluster()).isEqualTo(WEST);
      assertThat(v.message()).contains(WEST, EAST, "25.2", "24.3");
      assertThat(v.remediation()).contains(EAST).isNotBlank();
      assertThat(v.source()).isNotBlank();
    });
  }

  @Test
  void allowsAFastFailbackWhenBothClustersAreOnTheSameSeries() {
    // Given a failover of a deployment at rest on 24.3
    DeploymentSnapshot s = failedOver(atRest("v24.3.12"));

    // When asked whether it may fail back
    FailbackVerdict verdict = RULES.mayFastFailBack(s);

    // Then it may, and the answer says why
    assertThat(verdict.allowed()).isTrue();
    assertThat(verdict.reason()).contains(WEST, EAST, "24.3");
    assertThat(verdict.violations()).isEmpty();
  }

  @Test
  void allowsAFastFailbackOnceTheOriginalPrimaryCaughtUp() {
    // Given a failover half-way, after which the original primary was upgraded and finalized
    DeploymentSnapshot s = failedOver(
        deployment().binary("v25.2.4").versions("25.2", "25.2").build());

    // When asked whether it may fail back; Then it may
    assertThat(RULES.mayFastFailBack(s).allowed()).isTrue();
  }

  @Test
  void aFailedOverDeploymentBreaksNoInvariantAndNeedsNoStream() {
    // Given a failover half-way through the upgrade (no stream runs any more)
    DeploymentSnapshot s = failedOver(halfWay());

    // When the rules check it, alone and against the target
    CheckResult alone = RULES.check(s);
    CheckResult withTarget = RULES.check(s, ReleaseSeries.parse("25.2"));

    // Then nothing is replicated, so no invariant is at stake, and no stream is asked for
    assertThat(s.isFailedOver()).isTrue();
    assertThat(alone.of(RuleCategory.INVARIANT)).isEmpty();
    assertThat(withTarget.has(RuleCode.REPLICATION_NOT_RUNNING)).isFalse();
    assertThat(withTarget.has(RuleCode.REPLICATION_ERROR)).isFalse();
  }

  @Test
  void aFailbackOnTheSameSeriesBreaksNothing() {
    // Given a fast failback running between two clusters on 24.3
    DeploymentSnapshot s = failingBack(failedOver(atRest("v24.3.12")));

    // When the rules check it; Then nothing is broken: the only report is the warning that a
    // stream into the cluster given as primary also looks like swapped URLs (issue 14)
    assertThat(s.isFailingBack()).isTrue();
    assertThat(RULES.check(s).violations()).extracting(Violation::code)
        .containsExactly(RuleCode.CLUSTERS_LIKELY_SWAPPED);
    assertThat(RULES.check(s).hasErrors()).isFalse();
  }

  @Test
  void aFailbackFromANewerClusterIsReportedOnTheOriginalPrimary() {
    // Given a fast failback started anyway from the promoted standby (main finalized to 25.2)
    // into the original primary on 24.3
    DeploymentSnapshot s = failingBack(vcAt(failedOver(halfWay()), STANDBY, MAIN, "25.2"));

    // When the rules check it
    CheckResult result = RULES.check(s);

    // Then invariant 7 is broken for the VC carried and for the binaries it lands on
    assertThat(result.errors()).extracting(Violation::code)
        .containsOnly(RuleCode.FAST_FAILBACK_FROM_NEWER);
    assertThat(result.errors()).anySatisfy(v -> {
      assertThat(v.cluster()).isEqualTo(EAST);
      assertThat(v.virtualCluster()).contains(MAIN);
    });
    assertThat(result.errors()).anySatisfy(v -> {
      assertThat(v.cluster()).isEqualTo(EAST);
      assertThat(v.nodeId()).contains(1);
      assertThat(v.message()).contains(EAST, WEST, "24.3", "25.2");
    });
  }

  /**
   * After a failover in the first hop of 24.1 -> 24.3 -> 25.1, the original primary went on to
   * 25.1 binaries (its VCs at 24.3 or later) while the promoted standby's {@code main} stayed at
   * 24.1. The failback would carry that 24.1 version row into a cluster whose 25.1 binaries need
   * every VC at 24.3 (MinSupported, invariant 5; crdb-pcr-sql-facts 4.1 and 4.2), although the
   * promoted standby is not newer. Chaos seed 1, run 6065.
   */
  private static DeploymentSnapshot originalPrimaryAheadOfPromotedMain(String promotedMain) {
    DeploymentSnapshot s = failedOver(
        deployment().binaries("v25.1.10", "v24.3.12").versions("25.1", "24.3").build());
    return vcAt(vcAt(s, PRIMARY, MAIN, "24.3"), STANDBY, MAIN, promotedMain);
  }

  @Test
  void refusesAFastFailbackThatWouldCarryAVcBelowTheOriginalPrimarysMinSupported() {
    // Given the original primary on 25.1 binaries and the promoted main at 24.1
    DeploymentSnapshot s = originalPrimaryAheadOfPromotedMain("24.1");

    // When asked whether it may fail back
    FailbackVerdict verdict = RULES.mayFastFailBack(s);

    // Then it may not: invariant 5, on the original primary's nodes, for the VC carried
    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.violations()).extracting(Violation::code)
        .containsExactly(RuleCode.VC_BELOW_MIN_SUPPORTED);
    Violation v = verdict.violations().get(0);
    assertThat(v.cluster()).isEqualTo(EAST);
    assertThat(v.virtualCluster()).contains(MAIN);
    assertThat(v.nodeId()).contains(1);
    assertThat(v.message()).contains(EAST, WEST, "25.1", "24.3", "24.1");
    assertThat(v.remediation()).contains(WEST, "24.3");
    assertThat(verdict.reason()).isEqualTo(v.message());
  }

  @Test
  void allowsThatFastFailbackOnceThePromotedVcReachedTheMinSupported() {
    // Given the same, with the promoted main finalized to 24.3 (25.1's MinSupported)
    DeploymentSnapshot s = originalPrimaryAheadOfPromotedMain("24.3");

    // When asked whether it may fail back; Then it may
    assertThat(RULES.mayFastFailBack(s).allowed()).isTrue();
  }
}
