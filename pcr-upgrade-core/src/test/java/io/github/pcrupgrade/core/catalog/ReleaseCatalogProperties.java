package io.github.pcrupgrade.core.catalog;

import static io.github.pcrupgrade.testsupport.Gens.withEdgeCases;
import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** {@link ReleaseCatalog#path} against a brute-force breadth-first search of the catalog. */
class ReleaseCatalogProperties {

  private static final ReleaseCatalog BUILT_IN = ReleaseCatalog.builtIn();

  private static final ReleaseCatalog EXTENDED = BUILT_IN.toBuilder()
      .addNext(ReleaseSeries.of(27, 1), ReleaseType.INNOVATION, null)
      .addNext(ReleaseSeries.of(27, 2), ReleaseType.REGULAR, null)
      .build();

  record Case(ReleaseCatalog catalog, ReleaseSeries from, ReleaseSeries to) {
    @Override
    public String toString() {
      List<String> direct = new ArrayList<>();
      for (ReleaseSeries a : catalog.series()) {
        for (ReleaseSeries b : catalog.series()) {
          if (catalog.isDirectUpgrade(a, b)) {
            direct.add(a + "->" + b);
          }
        }
      }
      return "from " + from + " to " + to + " in a catalog of " + catalog.series()
          + " with direct upgrades " + direct;
    }
  }

  /** Every pair of series of the built-in catalog and of the extended one: 13 x 13 + 15 x 15. */
  private static List<Case> builtInPairs() {
    List<Case> all = new ArrayList<>();
    for (ReleaseCatalog c : List.of(BUILT_IN, EXTENDED)) {
      for (ReleaseSeries from : c.series()) {
        for (ReleaseSeries to : c.series()) {
          all.add(new Case(c, from, to));
        }
      }
    }
    return all;
  }

  private static Gen<Case> randomCatalogPairs() {
    return randomCatalogs().flatMap(c -> Generate.pick(c.series())
        .zip(Generate.pick(c.series()), (from, to) -> new Case(c, from, to)));
  }

  /**
   * Catalogs of 1 to 10 series in which each series may upgrade from any subset of older ones;
   * the masks 0 (no older series) and -1 (every older series) are made likely.
   */
  private static Gen<ReleaseCatalog> randomCatalogs() {
    Gen<Long> mask = withEdgeCases(longs().all(), 0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE);
    return integers().between(1, 10).flatMap(n ->
        lists().of(mask).ofSize(n).map(masks -> {
          ReleaseCatalog.Builder b = ReleaseCatalog.builder();
          for (int i = 0; i < n; i++) {
            ReleaseSeries series = ReleaseSeries.of(30 + i / 2, 1 + i % 2);
            List<ReleaseSeries> from = new ArrayList<>();
            for (int j = 0; j < i; j++) {
              if ((masks.get(i) >>> j & 1) == 1) {
                from.add(ReleaseSeries.of(30 + j / 2, 1 + j % 2));
              }
            }
            ReleaseSeries min = from.isEmpty() ? series : from.get(0);
            b.put(new SeriesInfo(series, i % 2 == 0 ? ReleaseType.REGULAR : ReleaseType.INNOVATION,
                null, null, null, min, from, Map.of()));
          }
          return b.build();
        }));
  }

  @Test
  void pathOfBuiltInSeriesIsAShortestChainOfDirectUpgradesOrATypedRefusal() {
    // Every case, as jqwik did exhaustively: the space is small and each case is a real question
    List<Case> cases = builtInPairs();
    assertThat(cases).hasSize(13 * 13 + 15 * 15);
    for (Case c : cases) {
      try {
        checkPath(c);
      } catch (AssertionError e) {
        throw new AssertionError("path " + c + ": " + e.getMessage(), e);
      }
    }
  }

  @Test
  void pathOfAnyCatalogIsAShortestChainOfDirectUpgradesOrATypedRefusal() {
    qt().forAll(randomCatalogPairs()).checkAssert(ReleaseCatalogProperties::checkPath);
  }

  private static void checkPath(Case c) {
    // Given: the true distance, by brute force over every pair isDirectUpgrade accepts
    Optional<Integer> distance = bruteForceDistance(c.catalog(), c.from(), c.to());

    // When
    UpgradePath path;
    try {
      path = c.catalog().path(c.from(), c.to());
    } catch (Throwable t) {
      // Then: a typed refusal, and only when no forward chain exists
      assertThat(t).isInstanceOf(PcrUpgradeException.class);
      PcrUpgradeException e = (PcrUpgradeException) t;
      if (c.to().isBefore(c.from())) {
        assertThat(e.code()).isEqualTo(CoreErrorCode.DOWNGRADE);
      } else {
        assertThat(e.code()).isEqualTo(CoreErrorCode.UNREACHABLE_TARGET);
        assertThat(distance).isEmpty();
      }
      return;
    }

    // Then: a chain from -> to of direct upgrades, and no shorter chain exists
    assertThat(c.to().isBefore(c.from())).isFalse();
    assertThat(path.from()).isEqualTo(c.from());
    assertThat(path.to()).isEqualTo(c.to());
    for (UpgradePath.Hop hop : path.hops()) {
      assertThat(c.catalog().isDirectUpgrade(hop.from(), hop.to())).as("hop %s", hop).isTrue();
    }
    assertThat(distance).contains(path.hops().size());
  }

  private static Optional<Integer> bruteForceDistance(
      ReleaseCatalog catalog, ReleaseSeries from, ReleaseSeries to) {
    Map<ReleaseSeries, Integer> dist = new HashMap<>();
    Deque<ReleaseSeries> queue = new ArrayDeque<>();
    dist.put(from, 0);
    queue.add(from);
    while (!queue.isEmpty()) {
      ReleaseSeries s = queue.removeFirst();
      for (ReleaseSeries n : catalog.series()) {
        if (!dist.containsKey(n) && catalog.isDirectUpgrade(s, n)) {
          dist.put(n, dist.get(s) + 1);
          queue.addLast(n);
        }
      }
    }
    return Optional.ofNullable(dist.get(to));
  }
}
