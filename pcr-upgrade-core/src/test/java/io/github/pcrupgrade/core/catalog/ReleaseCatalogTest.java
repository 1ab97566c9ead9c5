package io.github.pcrupgrade.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The built-in catalog against crdb-upgrade-facts.md sections 1 and 6, and the builder. */
class ReleaseCatalogTest {

  private final ReleaseCatalog catalog = ReleaseCatalog.builtIn();

  private static ReleaseSeries s(String text) {
    return ReleaseSeries.parse(text);
  }

  private static List<ReleaseSeries> list(String spaceSeparated) {
    return spaceSeparated == null
        ? List.of()
        : Arrays.stream(spaceSeparated.trim().split(" +")).map(ReleaseSeries::parse).toList();
  }

  private static PcrUpgradeException failure(Runnable r) {
    PcrUpgradeException e = catchThrowableOfType(PcrUpgradeException.class, r::run);
    assertThat(e).as("expected a PcrUpgradeException").isNotNull();
    return e;
  }

  @Test
  void knowsTheSeriesFrom231To264AndNotYet265() {
    assertThat(catalog.series()).containsExactlyElementsOf(list(
        "23.1 23.2 24.1 24.2 24.3 25.1 25.2 25.3 25.4 26.1 26.2 26.3 26.4"));
    assertThat(catalog.knows(s("26.5"))).isFalse();
    assertThat(catalog.find(s("26.5"))).isEmpty();
  }

  // crdb-pcr-sql-facts.md 10.5: "26.4 must be upgradeable from both 26.3 and 26.2" (#175019)
  @Test
  void knows264AsARegularReleaseFrom262And263WithMinSupported262AndNoDates() {
    SeriesInfo info = catalog.info(s("26.4"));
    assertThat(info.type()).isEqualTo(ReleaseType.REGULAR);
    assertThat(info.minSupported()).isEqualTo(s("26.2"));
    assertThat(catalog.isDirectUpgrade(s("26.2"), s("26.4"))).isTrue();
    assertThat(catalog.isDirectUpgrade(s("26.3"), s("26.4"))).isTrue();
    assertThat(catalog.isDirectUpgrade(s("26.1"), s("26.4"))).isFalse();
    assertThat(catalog.path(s("25.4"), s("26.4")).series())
        .containsExactlyElementsOf(list("25.4 26.2 26.4"));
    // its GA date is UNCONFIRMED: absent, not invented
    assertThat(info.ga()).isEmpty();
    assertThat(info.maintenanceEnd()).isNull();
    assertThat(info.assistanceEnd()).isNull();
  }

  // The compatibility table, crdb-upgrade-facts.md 1.4, and 26.4 from crdb-pcr-sql-facts.md 10.5.
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "23.1, 23.2",
      "23.2, 24.1",
      "24.1, 24.2 24.3",
      "24.2, 24.3",
      "24.3, 25.1 25.2",
      "25.1, 25.2",
      "25.2, 25.3 25.4",
      "25.3, 25.4",
      "25.4, 26.1 26.2",
      "26.1, 26.2",
      "26.2, 26.3 26.4",
      "26.3, 26.4",
      "26.4, ",
  })
  void directTargetsAreThoseOfTheCompatibilityTable(String from, String targets) {
    // When
    List<ReleaseSeries> direct = catalog.directTargets(s(from));

    // Then
    assertThat(direct).containsExactlyElementsOf(list(targets));
    for (ReleaseSeries to : list(targets)) {
      assertThat(catalog.isDirectUpgrade(s(from), to)).as("%s -> %s", from, to).isTrue();
      assertThat(catalog.path(s(from), to).hops()).hasSize(1);
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "23.1, 24.1", // binary tolerates it, docs require 23.2: unsupported (facts 1.3)
      "23.2, 24.2",
      "24.1, 25.1",
      "24.2, 25.1", // Innovation -> next Innovation
      "25.1, 25.3",
      "25.3, 26.1",
      "26.1, 26.3",
      "24.2, 25.2", // Innovation only to the NEXT Regular
      "24.1, 25.2", // Regular never skipped
      "25.2, 26.2",
      "24.3, 24.2",
      "24.3, 24.3",
  })
  void isNotADirectUpgrade(String from, String to) {
    assertThat(catalog.isDirectUpgrade(s(from), s(to))).isFalse();
  }

  @Test
  void anInnovationReleaseUpgradesOnlyToTheNextRegular() {
    for (SeriesInfo info : catalog.all()) {
      if (info.type() == ReleaseType.INNOVATION) {
        for (ReleaseSeries to : catalog.directTargets(info.series())) {
          assertThat(catalog.info(to).type()).as("%s -> %s", info.series(), to)
              .isEqualTo(ReleaseType.REGULAR);
          assertThat(to).isEqualTo(catalog.successor(info.series()).orElseThrow());
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "23.1, REGULAR", "23.2, REGULAR", "24.1, REGULAR", "24.2, INNOVATION", "24.3, REGULAR",
      "25.1, INNOVATION", "25.2, REGULAR", "25.3, INNOVATION", "25.4, REGULAR",
      "26.1, INNOVATION", "26.2, REGULAR", "26.3, INNOVATION", "26.4, REGULAR",
  })
  void typesAreThoseOfSection12(String series, ReleaseType type) {
    assertThat(catalog.info(s(series)).type()).isEqualTo(type);
  }

  // crdb-upgrade-facts.md 6.1; versions.csv is the source of record (25.2 GA 2025-05-09).
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "23.1, 2023-05-15, 2024-05-15, 2024-11-15",
      "23.2, 2024-02-05, 2025-02-05, 2025-08-05",
      "24.1, 2024-05-20, 2025-05-20, 2025-11-20",
      "24.2, 2024-08-12, 2025-02-12, ",
      "24.3, 2024-11-18, 2025-11-18, 2026-05-18",
      "25.1, 2025-02-18, 2025-08-18, ",
      "25.2, 2025-05-09, 2026-05-12, 2026-11-12",
      "25.3, 2025-08-04, 2026-02-04, ",
      "25.4, 2025-11-03, 2026-11-03, 2027-05-03",
      "26.1, 2026-02-02, 2026-08-02, ",
      "26.2, 2026-04-27, 2027-04-27, 2027-10-27",
      "26.3, , , ",
      "26.4, , , ",
  })
  void datesAreThoseOfSection61(String series, LocalDate ga, LocalDate maintenance,
      LocalDate assistance) {
    SeriesInfo info = catalog.info(s(series));
    assertThat(info.gaDate()).isEqualTo(ga);
    assertThat(info.ga()).isEqualTo(java.util.Optional.ofNullable(ga));
    assertThat(info.maintenanceEnd()).isEqualTo(maintenance);
    assertThat(info.assistanceEnd()).isEqualTo(assistance);
  }

  @Test
  void innovationReleasesHaveNoAssistancePhase() {
    assertThat(catalog.all()).filteredOn(i -> i.type() == ReleaseType.INNOVATION)
        .isNotEmpty()
        .allSatisfy(i -> assertThat(i.assistanceEnd()).isNull());
  }

  @ParameterizedTest(name = "{0} runs clusters at {1} or later")
  @CsvSource({
      "25.4, 25.2", // release-25.4 branch (code)
      "25.2, 24.3", // master while 25.2 was developed
      "24.3, 24.1", // master while 24.3 was developed
      "24.1, 23.1", // release-24.1 snapshot: tolerated by the binary, not a supported upgrade
      "26.1, 25.4", // inferred from the README rule
      "26.2, 25.4", // inferred from the README rule
      "25.1, 24.3",
      "25.3, 25.2",
  })
  void minSupportedIsThatOfSection13(String series, String min) {
    assertThat(catalog.minSupported(s(series))).isEqualTo(s(min));
  }

  @Test
  void everyDirectSourceIsAtOrAboveMinSupported() {
    for (SeriesInfo info : catalog.all()) {
      for (ReleaseSeries from : info.upgradesFrom()) {
        assertThat(from.isAtLeast(info.minSupported())).as("%s from %s", info.series(), from)
            .isTrue();
      }
    }
  }

  @Test
  void readerVcArrivesIn243() {
    assertThat(catalog.info(s("24.2")).has(Feature.READER_VC)).isFalse();
    for (String series : List.of("24.3", "25.1", "25.2", "25.3", "25.4", "26.1", "26.2", "26.3")) {
      assertThat(catalog.info(s(series)).has(Feature.READER_VC)).as(series).isTrue();
      assertThat(catalog.supports(Feature.READER_VC, BinaryVersion.of(s(series), 0))).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
      "v24.3.11, false", "v24.3.12, true", "v24.3.33, true",
      "v25.1.5, false", "v25.1.6, true",
      "v25.2.0, true", "v25.4.0, true", "v26.2.2, true",
      "v24.2.10, false", "v24.1.29, false",
  })
  void setReplicationReadVcArrivesIn24312And2516And252(String binary, boolean supported) {
    assertThat(catalog.supports(Feature.SET_REPLICATION_READ_VC, BinaryVersion.parse(binary)))
        .isEqualTo(supported);
  }

  @Test
  void firstBinaryWithSetReplicationReadVcIsTheDocumentedPatch() {
    assertThat(catalog.info(s("24.3")).firstBinaryWith(Feature.SET_REPLICATION_READ_VC))
        .contains(BinaryVersion.parse("v24.3.12"));
    assertThat(catalog.info(s("25.1")).firstBinaryWith(Feature.SET_REPLICATION_READ_VC))
        .contains(BinaryVersion.parse("v25.1.6"));
    assertThat(catalog.info(s("24.2")).firstBinaryWith(Feature.SET_REPLICATION_READ_VC)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "24.3, false, false", "25.1, false, false", "25.2, false, false", "25.3, false, false",
      "25.4, true, false", "26.1, true, true", "26.2, true, true", "26.3, true, true",
  })
  void allowUnsafeInternalsFrom254AndOffByDefaultFrom261(
      String series, boolean gated, boolean offByDefault) {
    BinaryVersion binary = BinaryVersion.of(s(series), 0);
    assertThat(catalog.supports(Feature.ALLOW_UNSAFE_INTERNALS, binary)).isEqualTo(gated);
    assertThat(catalog.supports(Feature.UNSAFE_INTERNALS_OFF_BY_DEFAULT, binary))
        .isEqualTo(offByDefault);
  }

  @Test
  void pcrIsPreviewIn232AndGaFrom241() {
    assertThat(catalog.info(s("23.1")).has(Feature.PCR_PREVIEW)).isFalse();
    assertThat(catalog.info(s("23.2")).has(Feature.PCR_PREVIEW)).isTrue();
    assertThat(catalog.info(s("23.2")).has(Feature.PCR_GA)).isFalse();
    assertThat(catalog.info(s("24.1")).has(Feature.PCR_GA)).isTrue();
    assertThat(catalog.info(s("24.1")).has(Feature.NON_VIRTUALIZED_PRIMARY)).isTrue();
  }

  @Test
  void aBinaryOfAnUnknownSeriesSupportsNothing() {
    assertThat(catalog.supports(Feature.PCR_GA, BinaryVersion.parse("v22.2.0"))).isFalse();
  }

  @Test
  void skipUpgradePathFrom241To252GoesThrough243() {
    // Given: crdb-upgrade-facts.md, DESIGN "Multi-hop"
    UpgradePath path = catalog.path(s("24.1"), s("25.2"));

    // Then
    assertThat(path.series()).containsExactlyElementsOf(list("24.1 24.3 25.2"));
    assertThat(path.hops()).containsExactly(
        new UpgradePath.Hop(s("24.1"), s("24.3")), new UpgradePath.Hop(s("24.3"), s("25.2")));
    assertThat(path).hasToString("24.1 -> 24.3 -> 25.2");
  }

  @Test
  void pathFrom231To254IsTheShortestChain() {
    // Given: no skips before 24.3, then Regular to Regular
    UpgradePath path = catalog.path(s("23.1"), s("25.4"));

    // Then
    assertThat(path.series()).containsExactlyElementsOf(list("23.1 23.2 24.1 24.3 25.2 25.4"));
    assertThat(path.from()).isEqualTo(s("23.1"));
    assertThat(path.to()).isEqualTo(s("25.4"));
  }

  @Test
  void pathFromAnInnovationGoesThroughTheNextRegular() {
    assertThat(catalog.path(s("25.1"), s("25.4")).series())
        .containsExactlyElementsOf(list("25.1 25.2 25.4"));
    assertThat(catalog.path(s("24.2"), s("26.1")).series())
        .containsExactlyElementsOf(list("24.2 24.3 25.2 25.4 26.1"));
  }

  @Test
  void pathWithinOneSeriesHasNoHops() {
    UpgradePath path = catalog.path(s("25.2"), s("25.2"));
    assertThat(path.hops()).isEmpty();
    assertThat(path.series()).containsExactly(s("25.2"));
  }

  @Test
  void refusesADowngrade() {
    // When
    PcrUpgradeException e = failure(() -> catalog.path(s("25.2"), s("24.3")));

    // Then
    assertThat(e.code()).isEqualTo(CoreErrorCode.DOWNGRADE);
    assertThat(e.getMessage()).contains("25.2").contains("24.3");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"22.1", "26.9", "26.5", "1000025.4"})
  void refusesAnUnknownSeriesNamingTheKnownOnes(String unknown) {
    // When
    PcrUpgradeException asTarget = failure(() -> catalog.path(s("24.3"), s(unknown)));
    PcrUpgradeException asSource = failure(() -> catalog.path(s(unknown), s("24.3")));
    PcrUpgradeException asInfo = failure(() -> catalog.info(s(unknown)));

    // Then
    for (PcrUpgradeException e : List.of(asTarget, asSource, asInfo)) {
      assertThat(e.code()).isEqualTo(CoreErrorCode.UNKNOWN_SERIES);
      assertThat(e.getMessage()).contains(unknown)
          .contains("23.1, 23.2, 24.1, 24.2, 24.3, 25.1, 25.2, 25.3, 25.4, 26.1, 26.2, 26.3, 26.4");
    }
  }

  @Test
  void pathFrom264To265IsUnknownUntil265IsAdded() {
    PcrUpgradeException e = failure(() -> catalog.path(s("26.4"), s("26.5")));
    assertThat(e.code()).isEqualTo(CoreErrorCode.UNKNOWN_SERIES);
    assertThat(e.getMessage()).contains("26.5");
  }

  @Test
  void addNextMakesA265InnovationReachableFrom264Only() {
    // Given (a hypothetical series: nothing about 26.5 is known, crdb-pcr-sql-facts.md 10.5)
    ReleaseCatalog extended = catalog.toBuilder()
        .addNext(s("26.5"), ReleaseType.INNOVATION, LocalDate.of(2027, 2, 1))
        .build();

    // Then
    assertThat(extended.isDirectUpgrade(s("26.4"), s("26.5"))).isTrue();
    assertThat(extended.isDirectUpgrade(s("26.3"), s("26.5"))).isFalse();
    assertThat(extended.directTargets(s("26.4"))).containsExactlyElementsOf(list("26.5"));
    assertThat(extended.minSupported(s("26.5"))).isEqualTo(s("26.4"));
    assertThat(extended.info(s("26.5")).ga()).contains(LocalDate.of(2027, 2, 1));
    // And: the built-in catalog is unchanged
    assertThat(catalog.knows(s("26.5"))).isFalse();
  }

  @Test
  void addNextOfAnInnovationAllowsOnlyThePreviousSeries() {
    ReleaseCatalog extended = catalog.toBuilder()
        .addNext(s("27.1"), ReleaseType.INNOVATION, null)
        .build();
    assertThat(extended.info(s("27.1")).upgradesFrom()).containsExactly(s("26.4"));
    assertThat(extended.minSupported(s("27.1"))).isEqualTo(s("26.4"));
  }

  @Test
  void addNextRefusesAKnownSeriesAndOneWithoutPredecessor() {
    PcrUpgradeException known = failure(
        () -> catalog.toBuilder().addNext(s("25.4"), ReleaseType.REGULAR, null));
    PcrUpgradeException first = failure(
        () -> catalog.toBuilder().addNext(s("22.2"), ReleaseType.REGULAR, null));
    assertThat(known.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
    assertThat(known.getMessage()).contains("25.4").contains("put()");
    assertThat(first.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
    assertThat(first.getMessage()).contains("22.2");
  }

  @Test
  void putOverridesASeries() {
    // Given: a user who knows 26.3 ships with GA date and may be upgraded to from 26.2 only
    SeriesInfo old = catalog.info(s("26.3"));
    SeriesInfo shipped = new SeriesInfo(s("26.3"), ReleaseType.INNOVATION,
        LocalDate.of(2026, 8, 10), LocalDate.of(2027, 2, 10), null, s("26.2"),
        List.of(s("26.2")), old.features());

    // When
    ReleaseCatalog overridden = catalog.toBuilder().put(shipped).build();

    // Then
    assertThat(overridden.info(s("26.3"))).isEqualTo(shipped);
    assertThat(overridden.series()).isEqualTo(catalog.series());
    assertThat(catalog.info(s("26.3")).gaDate()).isNull();
  }

  @Test
  void buildRefusesASeriesUpgradingFromOneNotInTheCatalog() {
    // Given
    ReleaseCatalog.Builder b = ReleaseCatalog.builder()
        .put(new SeriesInfo(s("25.4"), ReleaseType.REGULAR, null, null, null, s("25.2"),
            List.of(s("25.2"), s("25.3")), Map.of()));

    // When
    PcrUpgradeException e = failure(b::build);

    // Then
    assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("25.4").contains("25.2");
  }

  @Test
  void buildRefusesAnEmptyCatalog() {
    assertThat(failure(() -> ReleaseCatalog.builder().build()).code())
        .isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void aTargetNoChainLeadsToIsUnreachable() {
    // Given: 25.4 known, but nothing upgrades to it from 25.2
    ReleaseCatalog c = ReleaseCatalog.builder()
        .put(new SeriesInfo(s("25.2"), ReleaseType.REGULAR, null, null, null, s("25.2"), List.of(),
            Map.of()))
        .put(new SeriesInfo(s("25.4"), ReleaseType.REGULAR, null, null, null, s("25.4"), List.of(),
            Map.of()))
        .build();

    // When
    PcrUpgradeException e = failure(() -> c.path(s("25.2"), s("25.4")));

    // Then
    assertThat(e.code()).isEqualTo(CoreErrorCode.UNREACHABLE_TARGET);
    assertThat(e.getMessage()).contains("25.2").contains("25.4");
  }

  @Test
  void successorAndPredecessorFollowTheCatalogOrder() {
    assertThat(catalog.successor(s("24.2"))).contains(s("24.3"));
    assertThat(catalog.successor(s("26.3"))).contains(s("26.4"));
    assertThat(catalog.successor(s("26.4"))).isEmpty();
    assertThat(catalog.predecessor(s("23.1"))).isEmpty();
    assertThat(catalog.predecessor(s("25.1"))).contains(s("24.3"));
  }

  @Test
  void catalogListsAreImmutable() {
    Stream.of(catalog.series(), catalog.all(), catalog.directTargets(s("24.1")))
        .forEach(l -> assertThat(l).isUnmodifiable());
  }
}
