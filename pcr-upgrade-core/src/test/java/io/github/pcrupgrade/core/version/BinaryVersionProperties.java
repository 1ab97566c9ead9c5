package io.github.pcrupgrade.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class BinaryVersionProperties {

  @Provide
  Arbitrary<BinaryVersion> versions() {
    return VersionArbitraries.binaryVersions();
  }

  @Provide
  Arbitrary<String> tags() {
    return VersionArbitraries.binaryTexts();
  }

  @Provide
  Arbitrary<String> anyText() {
    return VersionArbitraries.anyStrings();
  }

  @Provide
  Arbitrary<String> mutated() {
    return VersionArbitraries.mutationsOf(VersionArbitraries.binaryTexts());
  }

  @Property
  void parsingThePrintedFormGivesTheSameVersion(@ForAll("versions") BinaryVersion v) {
    assertThat(BinaryVersion.parse(v.toString())).isEqualTo(v);
  }

  @Property
  void buildTagsWithPrefixOrWithoutVParseToTheCanonicalValue(@ForAll("tags") String tag) {
    // When
    BinaryVersion v = BinaryVersion.parse(tag);

    // Then
    assertThat(tag).endsWith(v.toString().substring(1));
    assertThat(BinaryVersion.parse(v.toString())).isEqualTo(v);
  }

  @Property
  void orderIsTotalAntisymmetricTransitiveAndConsistentWithEquals(
      @ForAll("versions") BinaryVersion a, @ForAll("versions") BinaryVersion b,
      @ForAll("versions") BinaryVersion c) {
    OrderingLaws.hold(a, b, c);
  }

  @Property
  void withinOnePatchStagesOrderDevelopmentAlphaBetaRcRelease(
      @ForAll("versions") BinaryVersion a, @ForAll("versions") BinaryVersion b) {
    BinaryVersion a2 = new BinaryVersion(25, 2, 0, a.stage(), a.stageNumber(), 0, "");
    BinaryVersion b2 = new BinaryVersion(25, 2, 0, b.stage(), b.stageNumber(), 0, "");
    if (a.stage().ordinal() < b.stage().ordinal()) {
      assertThat(a2).isLessThan(b2);
    }
  }

  @Property
  void parserThrowsOnlyVersionFormatExceptionOnAnyString(@ForAll("anyText") String text) {
    ParserFuzzing.onlyVersionFormatException(BinaryVersion::parse, text);
  }

  @Property
  void parserThrowsOnlyVersionFormatExceptionOnMutatedTags(@ForAll("mutated") String text) {
    ParserFuzzing.onlyVersionFormatException(BinaryVersion::parse, text);
  }
}
