package io.github.pcrupgrade.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.github.pcrupgrade.core.PcrUpgradeException;

class ReleaseSeriesTest {

  @ParameterizedTest
  @CsvSource({"24.3, 24, 3", "25.2, 25, 2", "23.1, 23, 1", "1000025.4, 1000025, 4", "0.0, 0, 0"})
  void parsesYearAndRelease(String text, int year, int release) {
    // When
    ReleaseSeries s = ReleaseSeries.parse(text);

    // Then
    assertThat(s).isEqualTo(ReleaseSeries.of(year, release));
    assertThat(s.toString()).isEqualTo(text);
  }

  @Test
  void ordersNumericallyNotAsText() {
    // Given: "24.10" sorts before "24.3" as text
    ReleaseSeries s243 = ReleaseSeries.parse("24.3");
    ReleaseSeries s2410 = ReleaseSeries.of(24, 10);

    // Then
    assertThat(s243).isLessThan(s2410);
    assertThat(ReleaseSeries.parse("24.3")).isLessThan(ReleaseSeries.parse("25.1"));
    assertThat(ReleaseSeries.parse("25.4").isAfter(ReleaseSeries.parse("25.3"))).isTrue();
    assertThat(ReleaseSeries.parse("25.3").isBefore(ReleaseSeries.parse("25.4"))).isTrue();
    assertThat(ReleaseSeries.parse("25.3").isAtLeast(ReleaseSeries.parse("25.3"))).isTrue();
  }

  @Test
  void devOffsetSeriesIsDevelopmentAndOrdersAfterEveryRelease() {
    // Given: dev builds offset the year by 1,000,000 (facts 2.5, 5.3)
    ReleaseSeries dev = ReleaseSeries.parse("1000025.4");

    // Then
    assertThat(dev.isDevelopment()).isTrue();
    assertThat(dev.withoutDevOffset()).isEqualTo(ReleaseSeries.of(25, 4));
    assertThat(dev).isGreaterThan(ReleaseSeries.of(99, 4));
    assertThat(ReleaseSeries.of(25, 4).isDevelopment()).isFalse();
    assertThat(ReleaseSeries.of(25, 4).withoutDevOffset()).isEqualTo(ReleaseSeries.of(25, 4));
  }

  @Test
  void finalVersionIsTheFinalClusterVersionOfTheSeries() {
    assertThat(ReleaseSeries.of(24, 3).finalVersion()).isEqualTo(ClusterVersion.parse("24.3"));
  }

  @Test
  void readsBackTheLargestSeriesItCanHold() {
    // Given: regression, the parser stopped at 9 digits while the type prints any int
    ReleaseSeries largest = ReleaseSeries.of(Integer.MAX_VALUE, Integer.MAX_VALUE);

    // Then
    assertThat(ReleaseSeries.parse(largest.toString())).isEqualTo(largest);
    assertThat(ReleaseSeries.parse("1000000000.1")).isEqualTo(ReleaseSeries.of(1_000_000_000, 1));
  }

  @Test
  void rejectsNegativeParts() {
    assertThatThrownBy(() -> ReleaseSeries.of(-1, 3))
        .isInstanceOf(PcrUpgradeException.class)
        .hasMessageContaining("-1.3");
  }
}
