package io.github.pcrupgrade.core.version;

import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.testsupport.Gens;
import org.junit.jupiter.api.Test;

class ReleaseSeriesProperties {

  @Test
  void parsingThePrintedFormGivesTheSameSeries() {
    qt().forAll(VersionGens.series())
        .checkAssert(s -> assertThat(ReleaseSeries.parse(s.toString())).isEqualTo(s));
  }

  @Test
  void orderIsTotalAntisymmetricTransitiveAndConsistentWithEquals() {
    qt().forAll(Gens.triples(VersionGens.series(), VersionGens::copy))
        .checkAssert(t -> OrderingLaws.hold(t.get(0), t.get(1), t.get(2)));
  }

  @Test
  void parserThrowsOnlyVersionFormatExceptionOnAnyString() {
    qt().forAll(VersionGens.anyStrings())
        .checkAssert(text -> ParserFuzzing.onlyVersionFormatException(ReleaseSeries::parse, text));
  }

  @Test
  void parserThrowsOnlyVersionFormatExceptionOnMutatedSeries() {
    qt().forAll(VersionGens.mutationsOf(VersionGens.seriesTexts()))
        .checkAssert(text -> ParserFuzzing.onlyVersionFormatException(ReleaseSeries::parse, text));
  }
}
