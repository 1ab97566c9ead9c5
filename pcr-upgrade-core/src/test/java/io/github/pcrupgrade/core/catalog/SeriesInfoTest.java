package io.github.pcrupgrade.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A catalog entry that contradicts itself is INVALID_ARGUMENT (CoreErrorCode), like a snapshot. */
class SeriesInfoTest {

  private static final ReleaseSeries S252 = ReleaseSeries.of(25, 2);
  private static final ReleaseSeries S253 = ReleaseSeries.of(25, 3);
  private static final ReleaseSeries S254 = ReleaseSeries.of(25, 4);

  private static SeriesInfo info(ReleaseSeries min, List<ReleaseSeries> from,
      Map<Feature, Integer> features) {
    return new SeriesInfo(S254, ReleaseType.REGULAR, null, null, null, min, from, features);
  }

  private static PcrUpgradeException invalid(Runnable r) {
    PcrUpgradeException e = catchThrowableOfType(PcrUpgradeException.class, r::run);
    assertThat(e).as("expected INVALID_ARGUMENT").isNotNull();
    assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
    return e;
  }

  @Test
  void rejectsMinSupportedAfterTheSeries() {
    PcrUpgradeException e = invalid(() -> info(ReleaseSeries.of(26, 1), List.of(), Map.of()));
    assertThat(e.getMessage()).contains("26.1").contains("25.4");
  }

  @Test
  void rejectsAnUpgradeSourceThatIsNotOlder() {
    PcrUpgradeException e = invalid(() -> info(S252, List.of(S254), Map.of()));
    assertThat(e.getMessage()).contains("25.4");
  }

  @Test
  void rejectsAnUpgradeSourceBelowMinSupported() {
    PcrUpgradeException e = invalid(() -> info(S253, List.of(S252), Map.of()));
    assertThat(e.getMessage()).contains("25.2").contains("25.3");
  }

  @Test
  void rejectsANegativeFirstPatch() {
    PcrUpgradeException e =
        invalid(() -> info(S252, List.of(S252), Map.of(Feature.READER_VC, -1)));
    assertThat(e.getMessage()).contains("READER_VC");
  }

  @Test
  void supportsAFeatureFromItsFirstPatchAndOnlyForItsOwnSeries() {
    SeriesInfo info = info(S252, List.of(S252, S253), Map.of(Feature.SET_REPLICATION_READ_VC, 3));
    assertThat(info.supports(Feature.SET_REPLICATION_READ_VC, BinaryVersion.parse("v25.4.2")))
        .isFalse();
    assertThat(info.supports(Feature.SET_REPLICATION_READ_VC, BinaryVersion.parse("v25.4.3")))
        .isTrue();
    assertThat(info.supports(Feature.SET_REPLICATION_READ_VC, BinaryVersion.parse("v26.1.9")))
        .isFalse();
    assertThat(info.supports(Feature.READER_VC, BinaryVersion.parse("v25.4.9"))).isFalse();
    assertThat(info.upgradesFrom()).isUnmodifiable();
    assertThat(info.features()).isUnmodifiable();
  }
}
