package io.github.pcrupgrade.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ReleaseSeriesProperties {

  @Provide
  Arbitrary<ReleaseSeries> series() {
    return VersionArbitraries.series();
  }

  @Provide
  Arbitrary<String> anyText() {
    return VersionArbitraries.anyStrings();
  }

  @Provide
  Arbitrary<String> mutatedSeries() {
    return VersionArbitraries.mutationsOf(VersionArbitraries.seriesTexts());
  }

  @Property
  void parsingThePrintedFormGivesTheSameSeries(@ForAll("series") ReleaseSeries s) {
    assertThat(ReleaseSeries.parse(s.toString())).isEqualTo(s);
  }

  @Property
  void orderIsTotalAntisymmetricTransitiveAndConsistentWithEquals(
      @ForAll("series") ReleaseSeries a, @ForAll("series") ReleaseSeries b,
      @ForAll("series") ReleaseSeries c) {
    OrderingLaws.hold(a, b, c);
  }

  @Property
  void parserThrowsOnlyVersionFormatExceptionOnAnyString(@ForAll("anyText") String text) {
    ParserFuzzing.onlyVersionFormatException(ReleaseSeries::parse, text);
  }

  @Property
  void parserThrowsOnlyVersionFormatExceptionOnMutatedSeries(@ForAll("mutatedSeries") String text) {
    ParserFuzzing.onlyVersionFormatException(ReleaseSeries::parse, text);
  }
}
