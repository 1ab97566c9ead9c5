package io.github.pcrupgrade.core.version;

import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.testsupport.Gens;
import org.junit.jupiter.api.Test;

class ClusterVersionProperties {

  @Test
  void parsingThePrintedFormGivesTheSameVersionAndSpelling() {
    qt().forAll(VersionGens.clusterVersions()).checkAssert(v -> {
      // When
      ClusterVersion again = ClusterVersion.parse(v.toString());

      // Then
      assertThat(again).isEqualTo(v);
      assertThat(again.form()).isEqualTo(v.form());
      assertThat(again.upgradingTo()).isEqualTo(v.upgradingTo());
      assertThat(again.toString()).isEqualTo(v.toString());
    });
  }

  @Test
  void everyAcceptedSpellingParsesToAValueThatPrintsStably() {
    qt().forAll(VersionGens.clusterTexts()).checkAssert(text -> {
      // When
      ClusterVersion v = ClusterVersion.parse(text);

      // Then: the canonical form reads back to the same value and prints the same
      ClusterVersion canonical = ClusterVersion.parse(v.toString());
      assertThat(canonical).isEqualTo(v);
      assertThat(canonical.toString()).isEqualTo(v.toString());
    });
  }

  @Test
  void finalOnlyWhenExactlyXY() {
    qt().forAll(VersionGens.clusterVersions()).checkAssert(v -> {
      assertThat(v.isFinal()).isEqualTo(v.equals(v.base().finalVersion()));
      assertThat(v.isFinal()).isEqualTo(v.form() == ClusterVersion.Form.FINAL);
      assertThat(v.isTransitional()).isNotEqualTo(v.isFinal());
    });
  }

  @Test
  void orderIsTotalAntisymmetricTransitiveAndConsistentWithEquals() {
    qt().forAll(Gens.triples(VersionGens.clusterVersions(), VersionGens::copy))
        .checkAssert(t -> OrderingLaws.hold(t.get(0), t.get(1), t.get(2)));
  }

  @Test
  void orderLawsHoldAmongNearbyVersionsSpelledDifferently() {
    qt().forAll(Gens.triples(VersionGens.nearbyClusterVersions(), VersionGens::copy))
        .checkAssert(t -> OrderingLaws.hold(t.get(0), t.get(1), t.get(2)));
  }

  @Test
  void aStepIsAboveItsBaseAndBelowTheFenceOfItsTarget() {
    qt().forAll(VersionGens.clusterVersions()).checkAssert(v -> {
      if (v.form() == ClusterVersion.Form.UPGRADING_STEP) {
        ReleaseSeries to = v.upgradingTo().orElseThrow();
        assertThat(v).isGreaterThan(v.base().finalVersion());
        assertThat(v).isLessThan(ClusterVersion.finalFence(to));
        assertThat(ClusterVersion.finalFence(to)).isLessThan(to.finalVersion());
      }
    });
  }

  @Test
  void parserThrowsOnlyVersionFormatExceptionOnAnyString() {
    qt().forAll(VersionGens.anyStrings())
        .checkAssert(text -> ParserFuzzing.onlyVersionFormatException(ClusterVersion::parse, text));
  }

  @Test
  void parserThrowsOnlyVersionFormatExceptionOnMutatedVersions() {
    qt().forAll(VersionGens.mutationsOf(VersionGens.clusterTexts()))
        .checkAssert(text -> ParserFuzzing.onlyVersionFormatException(ClusterVersion::parse, text));
  }
}
