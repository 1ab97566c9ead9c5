package io.github.pcrupgrade.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.version.ClusterVersion;
import org.junit.jupiter.api.Test;

class VersionReadingTest {

  private static final ClusterVersion V252 = ClusterVersion.parse("25.2");

  private static PcrUpgradeException invalid(Runnable r) {
    PcrUpgradeException e = catchThrowableOfType(PcrUpgradeException.class, r::run);
    assertThat(e).as("expected INVALID_ARGUMENT").isNotNull();
    assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
    return e;
  }

  @Test
  void anObservedVersionIsKnownAndNeedsNoEvidence() {
    VersionReading r = VersionReading.observed(V252);
    assertThat(r.provenance()).isEqualTo(Provenance.OBSERVED);
    assertThat(r.known()).contains(V252);
    assertThat(r).hasToString("25.2");
  }

  @Test
  void anInferredVersionIsKnownAndStatesItsEvidence() {
    VersionReading r = VersionReading.inferred(V252, "primary main at 25.2, replicated past it");
    assertThat(r.known()).contains(V252);
    assertThat(r.toString()).contains("25.2").contains("inferred").contains("primary main");
  }

  @Test
  void anUnknownVersionHasNoValueAndSaysWhy() {
    VersionReading r = VersionReading.unknown("the replicating VC accepts no SQL");
    assertThat(r.known()).isEmpty();
    assertThat(r.version()).isNull();
    assertThat(r.toString()).contains("unknown").contains("accepts no SQL");
  }

  @Test
  void rejectsAnInferredVersionWithoutEvidence() {
    PcrUpgradeException e = invalid(() -> VersionReading.inferred(V252, " "));
    assertThat(e.getMessage()).contains("INFERRED");
  }

  @Test
  void rejectsAnUnknownVersionWithoutAReason() {
    invalid(() -> VersionReading.unknown(""));
  }

  @Test
  void rejectsAVersionOnAnUnknownReading() {
    invalid(() -> new VersionReading(Provenance.UNKNOWN, V252, "why"));
  }

  @Test
  void rejectsAMissingVersionOnAnObservedOrInferredReading() {
    invalid(() -> new VersionReading(Provenance.OBSERVED, null, ""));
    invalid(() -> new VersionReading(Provenance.INFERRED, null, "evidence"));
  }
}
