package io.github.pcrupgrade.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.version.ClusterVersion.Form;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every cluster-version form in crdb-upgrade-facts.md 2.5 and crdb-pcr-sql-facts.md 9.1. */
class ClusterVersionTest {

  private static ReleaseSeries s(String text) {
    return ReleaseSeries.parse(text);
  }

  private static ClusterVersion v(String text) {
    return ClusterVersion.parse(text);
  }

  static Stream<Arguments> forms() {
    // text, form, base, internal, final?, upgradingFrom, upgradingTo, printed
    return Stream.of(
        Arguments.of("24.3", Form.FINAL, "24.3", 0, true, null, null, "24.3"),
        Arguments.of("24.3-0", Form.FINAL, "24.3", 0, true, null, null, "24.3"),
        Arguments.of("24.2-upgrading-to-24.3-step-004", Form.UPGRADING_STEP, "24.2", 4, false,
            "24.2", "24.3", "24.2-upgrading-to-24.3-step-004"),
        Arguments.of("24.3-upgrading-final-step", Form.FINAL_FENCE, "24.3", -1, false, null,
            "24.3", "24.3-upgrading-final-step"),
        Arguments.of("23.2-8", Form.LEGACY, "23.2", 8, false, "23.2", null, "23.2-8"),
        Arguments.of("24.2-upgrading-step-004", Form.UPGRADING_STEP_UNKNOWN_TARGET, "24.2", 4,
            false, "24.2", null, "24.2-upgrading-step-004"),
        Arguments.of("1000025.4", Form.FINAL, "1000025.4", 0, true, null, null, "1000025.4"),
        Arguments.of("1000023.1-upgrading-to-1000023.2-step-002", Form.UPGRADING_STEP,
            "1000023.1", 2, false, "1000023.1", "1000023.2",
            "1000023.1-upgrading-to-1000023.2-step-002"),
        Arguments.of("25.3-upgrading-to-25.4-step-001", Form.UPGRADING_STEP, "25.3", 1, false,
            "25.3", "25.4", "25.3-upgrading-to-25.4-step-001"),
        Arguments.of("24.1-upgrading-to-24.2-step-012", Form.UPGRADING_STEP, "24.1", 12, false,
            "24.1", "24.2", "24.1-upgrading-to-24.2-step-012"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void parsesEveryDocumentedForm(
      String text, Form form, String base, int internal, boolean isFinal, String from, String to,
      String printed) {
    // When
    ClusterVersion cv = v(text);

    // Then
    assertThat(cv.form()).isEqualTo(form);
    assertThat(cv.base()).isEqualTo(s(base));
    assertThat(cv.internal()).isEqualTo(internal);
    assertThat(cv.isFinal()).isEqualTo(isFinal);
    assertThat(cv.isTransitional()).isEqualTo(!isFinal);
    assertThat(cv.upgradingFrom()).isEqualTo(Optional.ofNullable(from).map(ReleaseSeries::parse));
    assertThat(cv.upgradingTo()).isEqualTo(Optional.ofNullable(to).map(ReleaseSeries::parse));
    assertThat(cv.toString()).isEqualTo(printed);
    assertThat(v(cv.toString())).isEqualTo(cv);
  }

  @Test
  void zeroInternalLegacySpellingEqualsTheFinalVersion() {
    // Given: "24.3-0 equals 24.3" (facts 2.5)
    ClusterVersion legacyZero = v("24.3-0");

    // Then
    assertThat(legacyZero).isEqualTo(v("24.3")).hasSameHashCodeAs(v("24.3"));
    assertThat(legacyZero.isFinal()).isTrue();
    assertThat(legacyZero.toString()).isEqualTo("24.3");
  }

  @Test
  void legacySpellingEqualsItsV241Rename() {
    // Given: "23.2-8 is now named 23.2-upgrading-to-24.1-step-008" (v24.1.0-alpha.1 notes)
    ClusterVersion legacy = v("23.2-8");
    ClusterVersion renamed = v("23.2-upgrading-to-24.1-step-008");

    // Then: one product value, two spellings, each printed as parsed
    assertThat(legacy).isEqualTo(renamed).hasSameHashCodeAs(renamed);
    assertThat(legacy.compareTo(renamed)).isZero();
    assertThat(legacy.toString()).isEqualTo("23.2-8");
    assertThat(renamed.toString()).isEqualTo("23.2-upgrading-to-24.1-step-008");
  }

  @Test
  void unknownTargetStepEqualsTheStepThatNamesItsTarget() {
    assertThat(v("24.2-upgrading-step-004")).isEqualTo(v("24.2-upgrading-to-24.3-step-004"));
  }

  @Test
  void transitionalStepIsFromItsBaseToItsTargetAndNotFinal() {
    // Given
    ClusterVersion step = v("24.2-upgrading-to-24.3-step-004");

    // Then
    assertThat(step.isFinal()).isFalse();
    assertThat(step.upgradingFrom()).contains(s("24.2"));
    assertThat(step.upgradingTo()).contains(s("24.3"));
    assertThat(step.reachedSeries()).contains(s("24.2"));
    assertThat(step.isAtLeast(s("24.2"))).isTrue();
    assertThat(step.isAtLeast(s("24.3"))).isFalse();
    assertThat(step).isGreaterThan(v("24.2")).isLessThan(v("24.3"));
  }

  @Test
  void fenceIsBelowItsFinalVersionAndAboveEveryStepTowardsIt() {
    // Given: the fence of a final release has Internal -1 (facts 2.5)
    ClusterVersion fence = v("24.3-upgrading-final-step");

    // Then
    assertThat(fence.upgradingTo()).contains(s("24.3"));
    assertThat(fence.upgradingFrom()).isEmpty();
    assertThat(fence.reachedSeries()).isEmpty();
    assertThat(fence.isFinal()).isFalse();
    assertThat(fence).isLessThan(v("24.3"));
    assertThat(fence.isAtLeast(s("24.3"))).isFalse();
    for (String step : List.of(
        "24.2-upgrading-to-24.3-step-002", "24.2-upgrading-to-24.3-step-004",
        "24.2-upgrading-to-24.3-step-999", "24.2-upgrading-step-010", "24.2-48", "24.2")) {
      assertThat(fence).as("fence vs %s", step).isGreaterThan(v(step));
    }
    assertThat(ClusterVersion.finalFence(s("24.3"))).isEqualTo(fence);
  }

  @Test
  void devOffsetVersionsAreDevelopmentAndKeepTheOffsetWhenPrinted() {
    // Given: dev builds offset Major by +1,000,000 on both sides (facts 2.5)
    ClusterVersion dev = v("1000025.4");
    ClusterVersion devStep = v("1000023.1-upgrading-to-1000023.2-step-002");

    // Then
    assertThat(dev.isDevelopment()).isTrue();
    assertThat(dev.isFinal()).isTrue();
    assertThat(dev.base().withoutDevOffset()).isEqualTo(s("25.4"));
    assertThat(devStep.isDevelopment()).isTrue();
    assertThat(devStep.upgradingTo()).contains(s("1000023.2"));
    assertThat(devStep.toString()).isEqualTo("1000023.1-upgrading-to-1000023.2-step-002");
    assertThat(dev).isGreaterThan(v("99.4"));
    assertThat(v("25.4").isDevelopment()).isFalse();
  }

  @Test
  void skipUpgradeSequenceFrom252To254IsOrderedAndPassesAFinalLookingSkippedSeries() {
    // Given: the sequence SHOW CLUSTER SETTING version shows while finalizing 25.2 -> 25.4
    // (crdb-upgrade-facts.md 2.5, crdb-pcr-sql-facts.md 9.1)
    List<ClusterVersion> shown = Stream.of(
        "25.2",
        "25.2-upgrading-to-25.3-step-002",
        "25.2-upgrading-to-25.3-step-004",
        "25.2-upgrading-to-25.3-step-008",
        "25.3-upgrading-final-step",
        "25.3",
        "25.3-upgrading-to-25.4-step-001",
        "25.3-upgrading-to-25.4-step-002",
        "25.3-upgrading-to-25.4-step-014",
        "25.4-upgrading-final-step",
        "25.4").map(ClusterVersion::parse).toList();
    ClusterVersion target = s("25.4").finalVersion();

    // Then: strictly increasing
    for (int i = 1; i < shown.size(); i++) {
      assertThat(shown.get(i)).as("%s after %s", shown.get(i), shown.get(i - 1))
          .isGreaterThan(shown.get(i - 1));
    }
    // And: 25.3 is final, but it is not the target; only 25.4 is
    ClusterVersion skipped = v("25.3");
    assertThat(skipped.isFinal()).isTrue();
    assertThat(skipped).isNotEqualTo(target);
    assertThat(skipped.isAtLeast(s("25.4"))).isFalse();
    assertThat(shown.stream().filter(cv -> cv.equals(target)).toList()).hasSize(1);
    assertThat(shown.get(shown.size() - 1)).isEqualTo(target);
  }

  @Test
  void ordersByProductValueAcrossSeries() {
    assertThat(v("23.2-8")).isLessThan(v("23.2-upgrading-to-24.1-step-010"));
    assertThat(v("23.2-upgrading-to-24.1-step-999")).isLessThan(v("24.1-upgrading-final-step"));
    assertThat(v("24.1")).isLessThan(v("24.1-upgrading-to-24.2-step-002"));
    assertThat(v("24.3").isBefore(v("25.1"))).isTrue();
    assertThat(v("25.1").isAfter(v("24.3"))).isTrue();
    assertThat(v("25.1").isAtLeast(v("25.1"))).isTrue();
  }

  @Test
  void factoriesBuildTheSameValuesAsTheParser() {
    assertThat(ClusterVersion.finalOf(24, 3)).isEqualTo(v("24.3"));
    assertThat(ClusterVersion.upgradingStep(s("24.2"), s("24.3"), 4))
        .isEqualTo(v("24.2-upgrading-to-24.3-step-004"))
        .hasToString("24.2-upgrading-to-24.3-step-004");
  }

  @Test
  void readsBackTheLargestStepItCanHold() {
    // Given: regression, the parser stopped at 9 digits while the type prints any int
    ClusterVersion largest = ClusterVersion.upgradingStep(
        ReleaseSeries.of(24, 2), ReleaseSeries.of(24, 3), Integer.MAX_VALUE);

    // Then
    assertThat(v(largest.toString())).isEqualTo(largest);
    assertThat(v("24.2-" + Integer.MAX_VALUE).internal()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void stepNumbersArePaddedToThreeDigitsAndLongerOnesPrintedWhole() {
    assertThat(ClusterVersion.upgradingStep(s("24.2"), s("24.3"), 1234))
        .hasToString("24.2-upgrading-to-24.3-step-1234");
    assertThat(v("24.2-upgrading-to-24.3-step-4")).hasToString("24.2-upgrading-to-24.3-step-004");
  }
}
