package io.github.pcrupgrade.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import org.junit.jupiter.api.Test;

/**
 * {@link ReleaseCatalog.Builder#addNext} against the documented upgrade rule (crdb-upgrade-facts.md
 * 1.1 and 1.4: a Regular series is reached from the previous series, and also from the Regular one
 * before it when the previous is an Innovation release; an Innovation series only from the
 * previous one), and the features a new series keeps. The series added here are hypothetical
 * (nothing about 27.x is known); only the rule is under test.
 */
class CatalogExtensionTest {

  private final ReleaseCatalog builtIn = ReleaseCatalog.builtIn();

  private static ReleaseSeries s(String text) {
    return ReleaseSeries.parse(text);
  }

  @Test
  void aRegularSeriesAfterAnInnovationIsReachedFromBothPreviousSeries() {
    ReleaseCatalog c = builtIn.toBuilder()
        .addNext(s("27.1"), ReleaseType.INNOVATION, null)
        .addNext(s("27.2"), ReleaseType.REGULAR, null)
        .build();

    assertThat(c.info(s("27.2")).upgradesFrom()).containsExactly(s("26.4"), s("27.1"));
    assertThat(c.minSupported(s("27.2"))).isEqualTo(s("26.4"));
    assertThat(c.isDirectUpgrade(s("26.4"), s("27.2"))).isTrue();
    assertThat(c.path(s("26.4"), s("27.2")).hops()).hasSize(1);
  }

  @Test
  void aRegularSeriesAfterARegularOneIsReachedFromThatOneOnly() {
    ReleaseCatalog c = builtIn.toBuilder().addNext(s("27.1"), ReleaseType.REGULAR, null).build();

    assertThat(c.info(s("27.1")).upgradesFrom()).containsExactly(s("26.4"));
    assertThat(c.minSupported(s("27.1"))).isEqualTo(s("26.4"));
  }

  @Test
  void anInnovationAfterAnInnovationIsReachedFromThePreviousOnly() {
    ReleaseCatalog c = builtIn.toBuilder()
        .addNext(s("27.1"), ReleaseType.INNOVATION, null)
        .addNext(s("27.2"), ReleaseType.INNOVATION, null)
        .build();

    assertThat(c.info(s("27.2")).upgradesFrom()).containsExactly(s("27.1"));
    assertThat(c.isDirectUpgrade(s("26.4"), s("27.2"))).isFalse();
  }

  @Test
  void aNewSeriesKeepsEveryFeatureOfThePreviousOneFromItsFirstPatch() {
    ReleaseCatalog c = builtIn.toBuilder().addNext(s("27.1"), ReleaseType.REGULAR, null).build();
    SeriesInfo previous = c.info(s("26.4"));
    SeriesInfo added = c.info(s("27.1"));

    assertThat(previous.features()).isNotEmpty();
    assertThat(added.features().keySet()).isEqualTo(previous.features().keySet());
    assertThat(added.features().values()).containsOnly(0);
    // The reader statement of the SQL facts (section 7), present since 24.3.12, stays.
    assertThat(c.supports(Feature.SET_REPLICATION_READ_VC, BinaryVersion.parse("v27.1.0")))
        .isTrue();
    assertThat(c.supports(Feature.READER_VC, BinaryVersion.parse("v27.1.0"))).isTrue();
  }
}
