package io.github.pcrupgrade.core.version;

import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.testsupport.Gens;
import org.junit.jupiter.api.Test;

class BinaryVersionProperties {

  @Test
  void parsingThePrintedFormGivesTheSameVersion() {
    qt().forAll(VersionGens.binaryVersions())
        .checkAssert(v -> assertThat(BinaryVersion.parse(v.toString())).isEqualTo(v));
  }

  @Test
  void buildTagsWithPrefixOrWithoutVParseToTheCanonicalValue() {
    qt().forAll(VersionGens.binaryTexts()).checkAssert(tag -> {
      // When
      BinaryVersion v = BinaryVersion.parse(tag);

      // Then
      assertThat(tag).endsWith(v.toString().substring(1));
      assertThat(BinaryVersion.parse(v.toString())).isEqualTo(v);
    });
  }

  @Test
  void orderIsTotalAntisymmetricTransitiveAndConsistentWithEquals() {
    qt().forAll(Gens.triples(VersionGens.binaryVersions(), VersionGens::copy))
        .checkAssert(t -> OrderingLaws.hold(t.get(0), t.get(1), t.get(2)));
  }

  @Test
  void withinOnePatchStagesOrderDevelopmentAlphaBetaRcRelease() {
    qt().forAll(Gens.pairs(VersionGens.binaryVersions(), VersionGens::copy)).checkAssert(p -> {
      BinaryVersion a = p.get(0);
      BinaryVersion b = p.get(1);
      BinaryVersion a2 = new BinaryVersion(25, 2, 0, a.stage(), a.stageNumber(), 0, "");
      BinaryVersion b2 = new BinaryVersion(25, 2, 0, b.stage(), b.stageNumber(), 0, "");
      if (a.stage().ordinal() < b.stage().ordinal()) {
        assertThat(a2).isLessThan(b2);
      }
    });
  }

  @Test
  void parserThrowsOnlyVersionFormatExceptionOnAnyString() {
    qt().forAll(VersionGens.anyStrings())
        .checkAssert(text -> ParserFuzzing.onlyVersionFormatException(BinaryVersion::parse, text));
  }

  @Test
  void parserThrowsOnlyVersionFormatExceptionOnMutatedTags() {
    qt().forAll(VersionGens.mutationsOf(VersionGens.binaryTexts()))
        .checkAssert(text -> ParserFuzzing.onlyVersionFormatException(BinaryVersion::parse, text));
  }
}
