package io.github.pcrupgrade.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import org.junit.jupiter.api.Test;

/** The small records of a snapshot: health, binary targets, finalization settings. */
class ValueRecordsTest {

  private static PcrUpgradeException invalid(Runnable r) {
    PcrUpgradeException e = catchThrowableOfType(PcrUpgradeException.class, r::run);
    assertThat(e).as("expected INVALID_ARGUMENT").isNotNull();
    assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
    return e;
  }

  @Test
  void healthyMeansNoUnderReplicatedAndNoUnavailableRanges() {
    assertThat(ClusterHealth.HEALTHY.isHealthy()).isTrue();
    assertThat(new ClusterHealth(1, 0).isHealthy()).isFalse();
    assertThat(new ClusterHealth(0, 1).isHealthy()).isFalse();
    invalid(() -> new ClusterHealth(-1, 0));
  }

  @Test
  void anExactBinaryTargetMustBeOfItsSeries() {
    BinaryVersion b = BinaryVersion.parse("v25.4.3");
    assertThat(BinaryTarget.exactly(b).isSatisfiedBy(b)).isTrue();
    assertThat(BinaryTarget.exactly(b).isSatisfiedBy(BinaryVersion.parse("v25.4.4"))).isFalse();
    assertThat(BinaryTarget.anyPatchOf(ReleaseSeries.of(25, 4))
        .isSatisfiedBy(BinaryVersion.parse("v25.4.9"))).isTrue();
    assertThat(BinaryTarget.anyPatchOf(ReleaseSeries.of(25, 4))
        .isSatisfiedBy(BinaryVersion.parse("v25.2.9"))).isFalse();
    PcrUpgradeException e = invalid(() -> new BinaryTarget(ReleaseSeries.of(25, 2),
        java.util.Optional.of(b)));
    assertThat(e.getMessage()).contains("v25.4.3").contains("25.2");
  }

  @Test
  void finalizationIsPinnedWhenAutoUpgradeIsOffOrTheCurrentVersionIsPreserved() {
    assertThat(FinalizationSettings.PRODUCT_DEFAULTS.pinsAt("25.2")).isFalse();
    assertThat(new FinalizationSettings(false, "").pinsAt("25.2")).isTrue();
    assertThat(new FinalizationSettings(true, "25.2").pinsAt("25.2")).isTrue();
    assertThat(new FinalizationSettings(true, "25.2").preservesDowngrade()).isTrue();
    assertThat(new FinalizationSettings(true, "24.3").pinsAt("25.2")).isFalse();
  }
}
