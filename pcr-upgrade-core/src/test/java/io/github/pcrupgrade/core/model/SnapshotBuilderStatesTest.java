package io.github.pcrupgrade.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.rules.FailbackVerdict;
import io.github.pcrupgrade.core.rules.RuleCategory;
import io.github.pcrupgrade.core.rules.RuleCode;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The snapshot builder expresses the states an upgrade passes through (a rolling restart under
 * way, a finalized VC, a failover) without a chain of {@code withVc(...)}; its bad arguments are
 * typed errors; a snapshot's derived sets cannot be changed; copies keep identity and licence.
 */
class SnapshotBuilderStatesTest {

  @Test
  void aNodeBinaryExpressesARollingRestartUnderWay() {
    // Given a standby whose node 2 already runs the new binary
    DeploymentSnapshot s = DeploymentSnapshot.builder()
        .binary("v24.3.12")
        .nodeBinary(ClusterRole.STANDBY, 2, "v25.2.4")
        .build();

    // Then only that node runs it, and the cluster's VCs stay at the old series
    assertThat(s.standby().node(2).orElseThrow().binary()).isEqualTo(BinaryVersion.parse("v25.2.4"));
    assertThat(s.standby().node(1).orElseThrow().binary())
        .isEqualTo(BinaryVersion.parse("v24.3.12"));
    assertThat(s.standby().binarySeries())
        .containsExactly(ReleaseSeries.parse("24.3"), ReleaseSeries.parse("25.2"));
    assertThat(s.primary().binarySeries()).containsExactly(ReleaseSeries.parse("24.3"));
    assertThat(s.standby().systemVc().version().version()).isEqualTo(ClusterVersion.parse("24.3"));
    // A standby mid-restart ahead of the primary breaks no invariant (P1: standby first)
    assertThat(Rules.builtIn().check(s, ReleaseSeries.parse("25.2")).errors())
        .noneMatch(v -> v.code().category() == RuleCategory.INVARIANT);
  }

  @Test
  void aVcVersionExpressesTheStandbySystemVcFinalizedFirst() {
    // Given the standby on 25.2 binaries with its system VC finalized, the primary untouched
    DeploymentSnapshot s = DeploymentSnapshot.builder()
        .binaries("v24.3.12", "v25.2.4")
        .versions("24.3", "24.3")
        .vcVersion(ClusterRole.STANDBY, "system", "25.2")
        .build();

    // Then the standby's system VC is at 25.2, the replicated app VC still at the primary's 24.3
    assertThat(s.standby().systemVc().version().version()).isEqualTo(ClusterVersion.parse("25.2"));
    assertThat(s.standby().replicatingVc().orElseThrow().version().version())
        .isEqualTo(ClusterVersion.parse("24.3"));
    // and this is the documented order's second stage: no error (invariants 1, 3, 4 hold)
    assertThat(Rules.builtIn().check(s, ReleaseSeries.parse("25.2")).errors()).isEmpty();
  }

  @Test
  void aVcFinalizedAboveItsBinariesIsReportedByTheRules() {
    // Given the primary's app VC at 25.2 while every primary node runs 24.3 (invariant 4 broken)
    DeploymentSnapshot s = DeploymentSnapshot.builder()
        .binaries("v24.3.12", "v25.2.4")
        .vcVersion(ClusterRole.PRIMARY, "main", "25.2")
        .build();

    // Then the rules report an error on that VC (the builder itself does not judge)
    assertThat(Rules.builtIn().check(s).errors()).extracting(Violation::virtualCluster).contains(Optional.of("main"));
  }

  @Test
  void failedOverMeansTheStandbyServesItsAppVcWithNoStream() {
    // Given a failover after the standby alone was upgraded and finalized to 25.2
    DeploymentSnapshot s = DeploymentSnapshot.builder()
        .binaries("v24.3.12", "v25.2.4")
        .failedOver(true)
        .vcVersion(ClusterRole.STANDBY, "main", "25.2")
        .build();

    // Then it is a failed-over deployment
    assertThat(s.isFailedOver()).isTrue();
    VirtualClusterInfo main = s.standby().vc("main").orElseThrow();
    assertThat(main.dataState()).isEqualTo(DataState.READY);
    assertThat(main.isServing()).isTrue();
    assertThat(main.replication()).isEmpty();
    // and a fast failback from the newer standby is refused (invariant 7)
    FailbackVerdict verdict = Rules.builtIn().mayFastFailBack(s);
    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.violations()).extracting(Violation::code)
        .contains(RuleCode.FAST_FAILBACK_FROM_NEWER);
  }

  @Test
  void afterAFailoverTheAppVcIsAtTheVersionReplicationCarried() {
    // Given the primary at 24.3 and a failover before any upgrade
    DeploymentSnapshot s = DeploymentSnapshot.builder().binary("v24.3.12").failedOver(true)
        .build();

    // Then the promoted VC has the primary's version, and a failback is allowed (not newer)
    assertThat(s.standby().vc("main").orElseThrow().version().version())
        .isEqualTo(ClusterVersion.parse("24.3"));
    assertThat(Rules.builtIn().mayFastFailBack(s).allowed()).isTrue();
  }

  @Test
  void aFailoverKeepsTheReaderVc() {
    DeploymentSnapshot s = DeploymentSnapshot.builder().readerVc(true).failedOver(true).build();

    // A failover to LATEST leaves the reader VC in place (crdb-pcr-sql-facts.md, failover)
    assertThat(s.standby().vc("main-readonly")).isPresent();
    assertThat(s.isFailedOver()).isTrue();
  }

  @Test
  void aNodeBinaryForAMissingNodeIsATypedError() {
    DeploymentSnapshot.Builder b = DeploymentSnapshot.builder().nodes(3, 3)
        .nodeBinary(ClusterRole.PRIMARY, 4, "v25.2.4");

    assertThatThrownBy(b::build).isInstanceOfSatisfying(PcrUpgradeException.class, e -> {
      assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
      assertThat(e.getMessage()).contains("node 4").contains("nodes 1 to 3");
    });
    assertThatThrownBy(() -> DeploymentSnapshot.builder()
        .nodeBinary(ClusterRole.PRIMARY, 0, "v25.2.4"))
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void aVcVersionForAMissingOrReplicatingVcIsATypedError() {
    assertThatThrownBy(() -> DeploymentSnapshot.builder()
        .vcVersion(ClusterRole.STANDBY, "main-readonly", "24.3").build())
        .isInstanceOfSatisfying(PcrUpgradeException.class, e -> {
          assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains("'main-readonly'");
        });
    assertThatThrownBy(() -> DeploymentSnapshot.builder()
        .vcVersion(ClusterRole.STANDBY, "main", "24.3").build())
        .isInstanceOfSatisfying(PcrUpgradeException.class, e -> {
          assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains("replicat");
        });
  }

  @Test
  void badCountsAreTypedErrorsNotIllegalArgument() {
    assertThatThrownBy(() -> DeploymentSnapshot.builder().nodes(0, 3))
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> DeploymentSnapshot.builder()
        .lag(java.time.Duration.ofSeconds(-1)))
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void aNullArgumentIsANullPointerExceptionNamingTheParameter() {
    DeploymentSnapshot.Builder b = DeploymentSnapshot.builder();
    assertThatThrownBy(() -> b.nodeBinary(null, 1, "v25.2.4"))
        .isInstanceOf(NullPointerException.class).hasMessage("role");
    assertThatThrownBy(() -> b.nodeBinary(ClusterRole.PRIMARY, 1, null))
        .isInstanceOf(NullPointerException.class).hasMessage("binary");
    assertThatThrownBy(() -> b.vcVersion(ClusterRole.PRIMARY, null, "25.2"))
        .isInstanceOf(NullPointerException.class).hasMessage("vc");
    assertThatThrownBy(() -> b.binary(null))
        .isInstanceOf(NullPointerException.class).hasMessage("binary");
    assertThatThrownBy(() -> b.appVc(null))
        .isInstanceOf(NullPointerException.class).hasMessage("name");
  }

  @Test
  void theDerivedSetsOfASnapshotCannotBeChanged() {
    ClusterSnapshot c = DeploymentSnapshot.builder().build().primary();

    assertThatThrownBy(() -> c.binaries().add(BinaryVersion.parse("v25.2.4")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.binarySeries().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(c.binaries()).containsExactly(BinaryVersion.parse("v24.3.12"));
  }

  @Test
  void copiesKeepTheClusterIdentityAndLicence() {
    // Given a snapshot with an identity and a licence
    UUID id = UUID.fromString("0b6b8f8c-1111-4222-8333-944455556666");
    ClusterLicence licence = new ClusterLicence(Optional.empty(), java.util.Set.of("main"));
    ClusterSnapshot c = DeploymentSnapshot.builder().build().primary().withClusterId(id)
        .withLicence(licence);

    // When it is copied through each with-method
    for (ClusterSnapshot copy : java.util.List.of(c.withNodes(c.nodes()),
        c.withVirtualClusters(c.virtualClusters()), c.withHealth(ClusterHealth.HEALTHY),
        c.as("renamed", ClusterRole.STANDBY), c.at(Instant.EPOCH))) {
      // Then neither is lost
      assertThat(copy.clusterId()).contains(id);
      assertThat(copy.licence()).contains(licence);
    }
  }
}
