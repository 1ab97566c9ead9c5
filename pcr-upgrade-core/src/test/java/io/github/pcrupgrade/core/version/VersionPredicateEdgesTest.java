package io.github.pcrupgrade.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import io.github.pcrupgrade.core.PcrUpgradeException;

/**
 * The equal and negative cases of the version predicates, and the edges of the constructors,
 * which the ordering properties alone do not pin down (mutation testing found them unchecked).
 * Expected values come from crdb-upgrade-facts.md 3 (version forms, padding, dev offset).
 */
class VersionPredicateEdgesTest {

  @Test
  void aClusterVersionIsAtLeastItselfButNotAtLeastALaterOne() {
    ClusterVersion v = ClusterVersion.parse("24.3");
    ClusterVersion later = ClusterVersion.parse("24.3-upgrading-to-25.1-step-002");

    assertThat(v.isAtLeast(ClusterVersion.parse("24.3"))).isTrue();
    assertThat(v.isAtLeast(later)).isFalse();
    assertThat(later.isAtLeast(v)).isTrue();
  }

  @Test
  void aClusterVersionIsAtLeastTheFinalVersionOfItsOwnSeriesOnly() {
    ClusterVersion v = ClusterVersion.parse("24.3");

    assertThat(v.isAtLeast(ReleaseSeries.parse("24.3"))).isTrue();
    assertThat(v.isAtLeast(ReleaseSeries.parse("25.1"))).isFalse();
    // A transitional version towards 25.1 has not reached 25.1 (facts 3: final only at X.Y).
    assertThat(ClusterVersion.parse("24.3-upgrading-to-25.1-step-014")
        .isAtLeast(ReleaseSeries.parse("25.1"))).isFalse();
  }

  @Test
  void isBeforeAndIsAfterAreStrict() {
    ClusterVersion v = ClusterVersion.parse("25.2");
    ClusterVersion same = ClusterVersion.parse("25.2");
    ClusterVersion earlier = ClusterVersion.parse("25.1");

    assertThat(v.isBefore(same)).isFalse();
    assertThat(v.isAfter(same)).isFalse();
    assertThat(v.isBefore(earlier)).isFalse();
    assertThat(earlier.isBefore(v)).isTrue();
    assertThat(v.isAfter(earlier)).isTrue();
  }

  @Test
  void theLegacyZeroStepEqualsTheFinalVersion() {
    // facts 3: "24.3-0, which equals 24.3".
    ClusterVersion legacy = ClusterVersion.parse("24.3-0");
    ClusterVersion fin = ClusterVersion.parse("24.3");

    assertThat(legacy).isEqualTo(fin);
    assertThat(legacy.hashCode()).isEqualTo(fin.hashCode());
    assertThat(legacy.isBefore(fin)).isFalse();
    assertThat(legacy.isAtLeast(fin)).isTrue();
  }

  @Test
  void aBinaryIsAtLeastItselfButNotAtLeastALaterPatch() {
    BinaryVersion b = BinaryVersion.parse("v24.3.5");

    assertThat(b.isAtLeast(BinaryVersion.parse("v24.3.5"))).isTrue();
    assertThat(b.isAtLeast(BinaryVersion.parse("v24.3.6"))).isFalse();
    assertThat(b.isAtLeast(BinaryVersion.parse("v24.3.4"))).isTrue();
  }

  @Test
  void upgradingStepZeroIsRefusedAndStepOneIsTheFirst() {
    ReleaseSeries from = ReleaseSeries.parse("24.3");
    ReleaseSeries to = ReleaseSeries.parse("25.1");

    assertThatThrownBy(() -> ClusterVersion.upgradingStep(from, to, 0))
        .isInstanceOf(PcrUpgradeException.class)
        .hasMessageContaining("positive");
    ClusterVersion first = ClusterVersion.upgradingStep(from, to, 1);
    assertThat(first).hasToString("24.3-upgrading-to-25.1-step-001");
    assertThat(first.isAfter(ClusterVersion.finalOf(from))).isTrue();
  }

  @Test
  void stepNumbersArePaddedToThreeDigitsAndLongerOnesKept() {
    ReleaseSeries from = ReleaseSeries.parse("24.3");
    ReleaseSeries to = ReleaseSeries.parse("25.1");

    assertThat(ClusterVersion.upgradingStep(from, to, 4))
        .hasToString("24.3-upgrading-to-25.1-step-004");
    assertThat(ClusterVersion.upgradingStep(from, to, 40))
        .hasToString("24.3-upgrading-to-25.1-step-040");
    assertThat(ClusterVersion.upgradingStep(from, to, 1234))
        .hasToString("24.3-upgrading-to-25.1-step-1234");
  }

  @Test
  void theDevelopmentOffsetStartsAtOneMillionMajors() {
    // facts 3 and 5.3: dev builds offset Major by +1,000,000, e.g. 1000025.4.
    assertThat(ReleaseSeries.parse("1000025.4").isDevelopment()).isTrue();
    assertThat(new ReleaseSeries(ReleaseSeries.DEV_OFFSET, 1).isDevelopment()).isTrue();
    assertThat(new ReleaseSeries(ReleaseSeries.DEV_OFFSET - 1, 1).isDevelopment()).isFalse();
    assertThat(ReleaseSeries.parse("25.4").isDevelopment()).isFalse();
  }

  @Test
  void aMalformedInputOfEightyCharactersIsQuotedWholeAndALongerOneIsCut() {
    String eighty = "x".repeat(80);
    String eightyOne = "x".repeat(81);

    assertThatThrownBy(() -> ReleaseSeries.parse(eighty))
        .isInstanceOf(VersionFormatException.class)
        .hasMessageContaining("'" + eighty + "'")
        .hasMessageNotContaining(eighty + "...");
    assertThatThrownBy(() -> ReleaseSeries.parse(eightyOne))
        .isInstanceOf(VersionFormatException.class)
        .hasMessageContaining("'" + eighty + "...'");
  }
}
