package io.github.pcrupgrade.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ClusterVersionProperties {

  @Provide
  Arbitrary<ClusterVersion> versions() {
    return VersionArbitraries.clusterVersions();
  }

  @Provide
  Arbitrary<ClusterVersion> nearby() {
    return VersionArbitraries.nearbyClusterVersions();
  }

  @Provide
  Arbitrary<String> spellings() {
    return VersionArbitraries.clusterTexts();
  }

  @Provide
  Arbitrary<String> anyText() {
    return VersionArbitraries.anyStrings();
  }

  @Provide
  Arbitrary<String> mutated() {
    return VersionArbitraries.mutationsOf(VersionArbitraries.clusterTexts());
  }

  @Property
  void parsingThePrintedFormGivesTheSameVersionAndSpelling(@ForAll("versions") ClusterVersion v) {
    // When
    ClusterVersion again = ClusterVersion.parse(v.toString());

    // Then
    assertThat(again).isEqualTo(v);
    assertThat(again.form()).isEqualTo(v.form());
    assertThat(again.upgradingTo()).isEqualTo(v.upgradingTo());
    assertThat(again.toString()).isEqualTo(v.toString());
  }

  @Property
  void everyAcceptedSpellingParsesToAValueThatPrintsStably(@ForAll("spellings") String text) {
    // When
    ClusterVersion v = ClusterVersion.parse(text);

    // Then: the canonical form reads back to the same value and prints the same
    ClusterVersion canonical = ClusterVersion.parse(v.toString());
    assertThat(canonical).isEqualTo(v);
    assertThat(canonical.toString()).isEqualTo(v.toString());
  }

  @Property
  void finalOnlyWhenExactlyXY(@ForAll("versions") ClusterVersion v) {
    assertThat(v.isFinal()).isEqualTo(v.equals(v.base().finalVersion()));
    assertThat(v.isFinal()).isEqualTo(v.form() == ClusterVersion.Form.FINAL);
    assertThat(v.isTransitional()).isNotEqualTo(v.isFinal());
  }

  @Property
  void orderIsTotalAntisymmetricTransitiveAndConsistentWithEquals(
      @ForAll("versions") ClusterVersion a, @ForAll("versions") ClusterVersion b,
      @ForAll("versions") ClusterVersion c) {
    OrderingLaws.hold(a, b, c);
  }

  @Property
  void orderLawsHoldAmongNearbyVersionsSpelledDifferently(
      @ForAll("nearby") ClusterVersion a, @ForAll("nearby") ClusterVersion b,
      @ForAll("nearby") ClusterVersion c) {
    OrderingLaws.hold(a, b, c);
  }

  @Property
  void aStepIsAboveItsBaseAndBelowTheFenceOfItsTarget(@ForAll("versions") ClusterVersion v) {
    if (v.form() == ClusterVersion.Form.UPGRADING_STEP) {
      ReleaseSeries to = v.upgradingTo().orElseThrow();
      assertThat(v).isGreaterThan(v.base().finalVersion());
      assertThat(v).isLessThan(ClusterVersion.finalFence(to));
      assertThat(ClusterVersion.finalFence(to)).isLessThan(to.finalVersion());
    }
  }

  @Property
  void parserThrowsOnlyVersionFormatExceptionOnAnyString(@ForAll("anyText") String text) {
    ParserFuzzing.onlyVersionFormatException(ClusterVersion::parse, text);
  }

  @Property
  void parserThrowsOnlyVersionFormatExceptionOnMutatedVersions(@ForAll("mutated") String text) {
    ParserFuzzing.onlyVersionFormatException(ClusterVersion::parse, text);
  }
}
