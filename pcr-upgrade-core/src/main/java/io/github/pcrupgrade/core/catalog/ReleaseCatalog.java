package io.github.pcrupgrade.core.catalog;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The release catalog: every known major series with its type, dates, {@code MinSupported},
 * direct-upgrade sources and features. It is data: {@link #builtIn()} is the catalog of
 * crdb-upgrade-facts.md (23.1 to 26.3) and crdb-pcr-sql-facts.md 10.5 (26.4, dates unknown);
 * {@link #builder()} and {@link #toBuilder()} let a user add a series the library does not know
 * yet (26.5, say) or override one, without a new release.
 * Immutable and thread-safe.
 */
public final class ReleaseCatalog {

  private static final ReleaseCatalog BUILT_IN = builtInBuilder().build();

  private final TreeMap<ReleaseSeries, SeriesInfo> bySeries;
  /** {@link #bySeries} for the look-ups by series alone: the rules ask on every check. */
  private final Map<ReleaseSeries, SeriesInfo> infoOf;
  private final Map<ReleaseSeries, List<ReleaseSeries>> targets;
  /**
   * Every path between two known series that exists, worked out once when the catalog is built
   * (the planner asks for the same paths on every plan); a pair without a path is absent.
   */
  private final Map<ReleaseSeries, Map<ReleaseSeries, UpgradePath>> paths;

  private ReleaseCatalog(TreeMap<ReleaseSeries, SeriesInfo> bySeries) {
    this.bySeries = bySeries;
    this.infoOf = Map.copyOf(bySeries);
    Map<ReleaseSeries, List<ReleaseSeries>> t = new HashMap<>();
    for (ReleaseSeries s : bySeries.keySet()) {
      t.put(s, new ArrayList<>());
    }
    for (SeriesInfo info : bySeries.values()) {
      for (ReleaseSeries from : info.upgradesFrom()) {
        t.get(from).add(info.series());
      }
    }
    t.replaceAll((k, v) -> v.stream().sorted().toList());
    this.targets = Map.copyOf(t);
    Map<ReleaseSeries, Map<ReleaseSeries, UpgradePath>> p = new HashMap<>();
    for (ReleaseSeries from : bySeries.keySet()) {
      Map<ReleaseSeries, UpgradePath> fromHere = new HashMap<>();
      for (ReleaseSeries to : bySeries.tailMap(from, true).keySet()) {
        search(from, to).ifPresent(path -> fromHere.put(to, path));
      }
      p.put(from, Map.copyOf(fromHere));
    }
    this.paths = Map.copyOf(p);
  }

  /**
   * The catalog of the series documented in the fact files.
   *
   * @return the shared catalog of 23.1 to 26.4 (crdb-upgrade-facts.md; 26.4 from
   *     crdb-pcr-sql-facts.md 10.5, its dates unknown); extend it with {@link #toBuilder()}
   */
  public static ReleaseCatalog builtIn() {
    return BUILT_IN;
  }

  /**
   * An empty builder.
   *
   * @return a builder with no series; start from {@code builtIn().toBuilder()} to extend the
   *     built-in catalog instead
   */
  public static Builder builder() {
    return new Builder(Map.of());
  }

  /**
   * A builder holding this catalog's series, to add or override some.
   *
   * @return a new builder; changing it leaves this catalog as it is
   */
  public Builder toBuilder() {
    return new Builder(bySeries);
  }

  /**
   * Every known series.
   *
   * @return an immutable list, oldest first, never empty
   */
  public List<ReleaseSeries> series() {
    return List.copyOf(bySeries.keySet());
  }

  /**
   * Every known series' information.
   *
   * @return an immutable list, oldest first, never empty
   */
  public List<SeriesInfo> all() {
    return List.copyOf(bySeries.values());
  }

  /**
   * Whether the catalog knows a series.
   *
   * @param series the series to look up
   * @return true when the catalog has an entry for it
   */
  public boolean knows(ReleaseSeries series) {
    Objects.requireNonNull(series, "series");
    return infoOf.containsKey(series);
  }

  /**
   * The information on a series, if known.
   *
   * @param series the series to look up
   * @return its information; empty when the catalog does not know it ({@link #info} throws
   *     instead)
   */
  public Optional<SeriesInfo> find(ReleaseSeries series) {
    Objects.requireNonNull(series, "series");
    return Optional.ofNullable(infoOf.get(series));
  }

  /**
   * The information on a series.
   *
   * @param series the series to look up
   * @return its information
   * @throws PcrUpgradeException {@code UNKNOWN_SERIES}, naming the series the catalog knows
   */
  public SeriesInfo info(ReleaseSeries series) {
    SeriesInfo info = infoOf.get(Objects.requireNonNull(series, "series"));
    if (info == null) {
      throw unknown(series);
    }
    return info;
  }

  /**
   * The oldest cluster version a binary of {@code series} runs with.
   *
   * @param series the binary's series
   * @return its {@code MinSupported}: every VC must be finalized at least there before a node
   *     restarts into {@code series} (invariant 5 of docs/design.md)
   * @throws PcrUpgradeException {@code UNKNOWN_SERIES} when the catalog does not know it
   */
  public ReleaseSeries minSupported(ReleaseSeries series) {
    return info(series).minSupported();
  }

  /**
   * The series directly after {@code series} in the catalog.
   *
   * @param series a known series
   * @return the next known series, whether or not it is a direct upgrade target; empty for the
   *     newest
   * @throws PcrUpgradeException {@code UNKNOWN_SERIES} when the catalog does not know
   *     {@code series}
   */
  public Optional<ReleaseSeries> successor(ReleaseSeries series) {
    info(series);
    return Optional.ofNullable(bySeries.higherKey(series));
  }

  /**
   * The series directly before {@code series} in the catalog.
   *
   * @param series a known series
   * @return the previous known series; empty for the oldest
   * @throws PcrUpgradeException {@code UNKNOWN_SERIES} when the catalog does not know
   *     {@code series}
   */
  public Optional<ReleaseSeries> predecessor(ReleaseSeries series) {
    info(series);
    return Optional.ofNullable(bySeries.lowerKey(series));
  }

  /**
   * The series a cluster on {@code from} may upgrade to directly: those whose
   * {@link SeriesInfo#upgradesFrom()} lists it.
   *
   * @param from a known series
   * @return an immutable list, oldest first; empty for the newest series
   * @throws PcrUpgradeException {@code UNKNOWN_SERIES} when the catalog does not know {@code from}
   */
  public List<ReleaseSeries> directTargets(ReleaseSeries from) {
    Objects.requireNonNull(from, "from");
    info(from);
    return targets.get(from);
  }

  /**
   * Whether {@code from -> to} is one direct major upgrade.
   *
   * @param from a known series
   * @param to any series
   * @return true when {@code to} is among {@link #directTargets directTargets(from)}; false for an
   *     unknown {@code to}
   * @throws PcrUpgradeException {@code UNKNOWN_SERIES} when the catalog does not know {@code from}
   */
  public boolean isDirectUpgrade(ReleaseSeries from, ReleaseSeries to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return directTargets(from).contains(to) && knows(to);
  }

  /**
   * The shortest chain of direct upgrades from {@code from} to {@code to} (fewest hops; among
   * equally short chains, the one that jumps furthest first). A path from a series to itself has no
   * hops.
   *
   * @param from the current series
   * @param to the target series
   * @return the path, starting at {@code from} and ending at {@code to}
   * @throws PcrUpgradeException {@code UNKNOWN_SERIES} when either series is unknown (naming the
   *     known ones), {@code DOWNGRADE} when {@code to} is older than {@code from},
   *     {@code UNREACHABLE_TARGET} when no chain of direct upgrades leads there
   */
  public UpgradePath path(ReleaseSeries from, ReleaseSeries to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    info(from);
    info(to);
    UpgradePath known = paths.get(from).get(to);
    if (known != null) {
      return known;
    }
    if (to.isBefore(from)) {
      throw new PcrUpgradeException(
          CoreErrorCode.DOWNGRADE,
          "cannot upgrade from " + from + " to " + to + ": that is a downgrade. A major version"
              + " cannot be lowered once finalized; choose a target at or after " + from);
    }
    throw new PcrUpgradeException(
        CoreErrorCode.UNREACHABLE_TARGET,
        "no chain of direct upgrades leads from " + from + " to " + to + " in the release"
            + " catalog (direct targets of " + from + ": " + directTargets(from) + "). If a"
            + " newer series has shipped, add it with ReleaseCatalog.builder()");
  }

  /**
   * The shortest chain of direct upgrades between two known series, {@code from} not after
   * {@code to} (breadth first, trying the furthest jump first); empty when none leads there.
   */
  private Optional<UpgradePath> search(ReleaseSeries from, ReleaseSeries to) {
    Map<ReleaseSeries, ReleaseSeries> cameFrom = new HashMap<>();
    Deque<ReleaseSeries> queue = new ArrayDeque<>();
    queue.add(from);
    cameFrom.put(from, from);
    while (!queue.isEmpty()) {
      ReleaseSeries s = queue.removeFirst();
      if (s.equals(to)) {
        break;
      }
      List<ReleaseSeries> next = new ArrayList<>(targets.get(s));
      Collections.reverse(next);
      for (ReleaseSeries n : next) {
        if (!n.isAfter(to) && cameFrom.putIfAbsent(n, s) == null) {
          queue.addLast(n);
        }
      }
    }
    if (!cameFrom.containsKey(to)) {
      return Optional.empty();
    }
    List<ReleaseSeries> chain = new ArrayList<>();
    for (ReleaseSeries s = to; ; s = cameFrom.get(s)) {
      chain.add(s);
      if (s.equals(from)) {
        break;
      }
    }
    Collections.reverse(chain);
    return Optional.of(new UpgradePath(chain));
  }

  /**
   * Whether a binary has a feature.
   *
   * @param feature the feature
   * @param binary the binary, of any series
   * @return true when {@code binary}'s series is known and its patch is at least the first patch
   *     of that series with the feature; false for a series the catalog does not know
   */
  public boolean supports(Feature feature, BinaryVersion binary) {
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(binary, "binary");
    SeriesInfo info = infoOf.get(binary.series());
    return info != null && info.supports(feature, binary);
  }

  private PcrUpgradeException unknown(ReleaseSeries series) {
    return new PcrUpgradeException(
        CoreErrorCode.UNKNOWN_SERIES,
        "release series " + series + " is not in the release catalog, which knows "
            + bySeries.keySet().stream().map(Object::toString).collect(Collectors.joining(", "))
            + ". Add it with ReleaseCatalog.builtIn().toBuilder().add(...)");
  }

  @Override
  public String toString() {
    return "ReleaseCatalog" + bySeries.keySet();
  }

  /** Builds a catalog; {@link #build()} checks that the series fit together. Not thread-safe. */
  public static final class Builder {
    private final TreeMap<ReleaseSeries, SeriesInfo> series = new TreeMap<>();

    private Builder(Map<ReleaseSeries, SeriesInfo> initial) {
      series.putAll(initial);
    }

    /**
     * Adds or replaces a series; whether its upgrade sources are in the catalog is checked by
     * {@link #build()}.
     *
     * @param info the series' information, replacing any held for the same series
     * @return this builder
     */
    public Builder put(SeriesInfo info) {
      series.put(Objects.requireNonNull(info, "info").series(), info);
      return this;
    }

    /**
     * Adds a series whose direct-upgrade sources follow the documented rule (crdb-upgrade-facts.md
     * 1.1): the previous series, and also the one before when the previous is an Innovation release
     * and this is Regular. Its {@code minSupported} is the oldest of those sources, and it inherits
     * the previous series' features from patch 0. Its support end dates are left unknown. Use
     * {@link #put} to say everything explicitly.
     *
     * @param newSeries the series to add
     * @param type whether it is Regular or Innovation
     * @param gaDate date of its {@code .0} release; null while only announced
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when the series is already known or
     *     older than every known series
     */
    public Builder addNext(ReleaseSeries newSeries, ReleaseType type, LocalDate gaDate) {
      Objects.requireNonNull(newSeries, "newSeries");
      if (series.containsKey(newSeries)) {
        throw invalid("series " + newSeries + " is already in the catalog; use put() to override it");
      }
      Map.Entry<ReleaseSeries, SeriesInfo> prev = series.lowerEntry(newSeries);
      if (prev == null) {
        throw invalid("series " + newSeries + " has no predecessor in the catalog; use put()");
      }
      List<ReleaseSeries> from = new ArrayList<>();
      from.add(prev.getKey());
      Map.Entry<ReleaseSeries, SeriesInfo> prev2 = series.lowerEntry(prev.getKey());
      if (type == ReleaseType.REGULAR
          && prev.getValue().type() == ReleaseType.INNOVATION
          && prev2 != null) {
        from.add(0, prev2.getKey());
      }
      Map<Feature, Integer> features = new EnumMap<>(Feature.class);
      prev.getValue().features().keySet().forEach(f -> features.put(f, 0));
      return put(new SeriesInfo(newSeries, type, gaDate, null, null, from.get(0), from, features));
    }

    /**
     * Builds the catalog.
     *
     * @return an immutable catalog; the builder may be reused
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when it is empty or a series lists an
     *     upgrade source that is not in the catalog
     */
    public ReleaseCatalog build() {
      if (series.isEmpty()) {
        throw invalid("a release catalog needs at least one series");
      }
      for (SeriesInfo info : series.values()) {
        for (ReleaseSeries from : info.upgradesFrom()) {
          if (!series.containsKey(from)) {
            throw invalid(
                "series " + info.series() + " lists upgrades from " + from
                    + ", which is not in the catalog; add " + from + " first");
          }
        }
      }
      return new ReleaseCatalog(new TreeMap<>(series));
    }

    private static PcrUpgradeException invalid(String message) {
      return new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, message);
    }
  }

  private static Builder builtInBuilder() {
    Builder b = builder();
    b.put(row("23.1", ReleaseType.REGULAR, "2023-05-15", "2024-05-15", "2024-11-15", "22.2", List.of(),
        Map.of()));
    b.put(row("23.2", ReleaseType.REGULAR, "2024-02-05", "2025-02-05", "2025-08-05", "23.1",
        List.of("23.1"), Map.of(Feature.PCR_PREVIEW, 0, Feature.AUTO_UPGRADE_SETTING, 0)));
    Map<Feature, Integer> ga = Map.of(
        Feature.PCR_GA, 0, Feature.AUTO_UPGRADE_SETTING, 0, Feature.NON_VIRTUALIZED_PRIMARY, 0,
        Feature.FAST_FAILBACK, 0);
    b.put(row("24.1", ReleaseType.REGULAR, "2024-05-20", "2025-05-20", "2025-11-20", "23.1",
        List.of("23.2"), ga));
    b.put(row("24.2", ReleaseType.INNOVATION, "2024-08-12", "2025-02-12", null, "24.1",
        List.of("24.1"), ga));
    b.put(row("24.3", ReleaseType.REGULAR, "2024-11-18", "2025-11-18", "2026-05-18", "24.1",
        List.of("24.1", "24.2"), with(ga, 12, false, false, false)));
    b.put(row("25.1", ReleaseType.INNOVATION, "2025-02-18", "2025-08-18", null, "24.3",
        List.of("24.3"), with(ga, 6, true, false, false)));
    b.put(row("25.2", ReleaseType.REGULAR, "2025-05-09", "2026-05-12", "2026-11-12", "24.3",
        List.of("24.3", "25.1"), with(ga, 0, true, false, false)));
    b.put(row("25.3", ReleaseType.INNOVATION, "2025-08-04", "2026-02-04", null, "25.2",
        List.of("25.2"), with(ga, 0, true, false, false)));
    b.put(row("25.4", ReleaseType.REGULAR, "2025-11-03", "2026-11-03", "2027-05-03", "25.2",
        List.of("25.2", "25.3"), with(ga, 0, true, true, false)));
    b.put(row("26.1", ReleaseType.INNOVATION, "2026-02-02", "2026-08-02", null, "25.4",
        List.of("25.4"), with(ga, 0, true, true, true)));
    b.put(row("26.2", ReleaseType.REGULAR, "2026-04-27", "2027-04-27", "2027-10-27", "25.4",
        List.of("25.4", "26.1"), with(ga, 0, true, true, true)));
    b.put(row("26.3", ReleaseType.INNOVATION, null, null, null, "26.2",
        List.of("26.2"), with(ga, 0, true, true, true)));
    // crdb-pcr-sql-facts.md 10.5: the 26.4 release checklist issues (#175019, #175067) say "26.4
    // must be upgradeable from both 26.3 and 26.2"; only v26.4.0-alpha.1 was seen, so its dates
    // are unknown and left absent.
    b.put(row("26.4", ReleaseType.REGULAR, null, null, null, "26.2",
        List.of("26.2", "26.3"), with(ga, 0, true, true, true)));
    return b;
  }

  private static Map<Feature, Integer> with(
      Map<Feature, Integer> base, int setReplicationReadSince, boolean ingestionJobId,
      boolean unsafeInternals, boolean unsafeOff) {
    Map<Feature, Integer> m = new EnumMap<>(base);
    m.put(Feature.READER_VC, 0);
    m.put(Feature.FAILOVER_NAMING, 0);
    m.put(Feature.SET_REPLICATION_READ_VC, setReplicationReadSince);
    if (ingestionJobId) {
      m.put(Feature.INGESTION_JOB_ID_COLUMN, 0);
    }
    if (unsafeInternals) {
      m.put(Feature.ALLOW_UNSAFE_INTERNALS, 0);
    }
    if (unsafeOff) {
      m.put(Feature.UNSAFE_INTERNALS_OFF_BY_DEFAULT, 0);
    }
    return m;
  }

  private static SeriesInfo row(
      String series, ReleaseType type, String ga, String maint, String assist, String min,
      List<String> from, Map<Feature, Integer> features) {
    return new SeriesInfo(
        ReleaseSeries.parse(series), type, date(ga), date(maint), date(assist),
        ReleaseSeries.parse(min), from.stream().map(ReleaseSeries::parse).toList(), features);
  }

  private static LocalDate date(String s) {
    return s == null ? null : LocalDate.parse(s);
  }
}
