package io.github.pcrupgrade.core.catalog;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the release catalog knows of one major series. Dates are data from the docs
 * ({@code versions.csv}), never computed from today's date.
 *
 * @param series the series
 * @param type Regular or Innovation
 * @param gaDate date of the {@code .0} release; null while only announced
 * @param maintenanceEnd end of maintenance support; null when not known
 * @param assistanceEnd end of assistance support; null for Innovation releases (which have none)
 *     and when not known
 * @param minSupported the oldest cluster version a binary of this series runs with
 *     ({@code MinSupported}); every VC must be at least there before a node restarts into it
 * @param upgradesFrom the series a cluster may upgrade from directly to this one
 * @param features each available feature mapped to the first patch of this series that has it
 */
public record SeriesInfo(
    ReleaseSeries series,
    ReleaseType type,
    LocalDate gaDate,
    LocalDate maintenanceEnd,
    LocalDate assistanceEnd,
    ReleaseSeries minSupported,
    List<ReleaseSeries> upgradesFrom,
    Map<Feature, Integer> features) {

  /**
   * Checks that the fields fit together, and copies the list and the map.
   *
   * @param series not null
   * @param type not null
   * @param gaDate may be null
   * @param maintenanceEnd may be null
   * @param assistanceEnd may be null
   * @param minSupported not null; not after {@code series}
   * @param upgradesFrom each older than {@code series} and not older than {@code minSupported};
   *     may be empty (the oldest series of a catalog)
   * @param features first patches, each 0 or more; may be empty
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when a field breaks its rule above
   * @throws NullPointerException for a null series, type, minSupported, list or map, or a null
   *     element in them
   */
  public SeriesInfo {
    Objects.requireNonNull(upgradesFrom, "upgradesFrom");
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(minSupported, "minSupported");
    upgradesFrom = List.copyOf(upgradesFrom);
    features = features.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(features));
    if (minSupported.isAfter(series)) {
      throw invalid(
          "minSupported " + minSupported + " of series " + series + " must not be after it");
    }
    for (ReleaseSeries from : upgradesFrom) {
      if (!from.isBefore(series)) {
        throw invalid(
            "series " + series + " cannot be upgraded to from " + from + ", which is not older");
      }
      if (from.isBefore(minSupported)) {
        throw invalid(
            "series " + series + " lists upgrades from " + from + ", below its minSupported "
                + minSupported);
      }
    }
    for (Map.Entry<Feature, Integer> e : features.entrySet()) {
      if (e.getValue() < 0) {
        throw invalid("feature " + e.getKey() + " has a negative first patch");
      }
    }
  }

  private static PcrUpgradeException invalid(String message) {
    return new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, message);
  }

  /**
   * The GA date.
   *
   * @return {@link #gaDate()}; empty while the series is only announced
   */
  public Optional<LocalDate> ga() {
    return Optional.ofNullable(gaDate);
  }

  /**
   * Whether some patch of this series has the feature.
   *
   * @param feature the feature
   * @return true when {@link #features()} lists it, whatever its first patch
   */
  public boolean has(Feature feature) {
    Objects.requireNonNull(feature, "feature");
    return features.containsKey(feature);
  }

  /**
   * Whether {@code binary} has the feature.
   *
   * @param feature the feature
   * @param binary a binary, normally of this series
   * @return true when the feature exists in this series, {@code binary} is of this series and
   *     its patch is at least the first patch that has it; false for a binary of another series
   */
  public boolean supports(Feature feature, BinaryVersion binary) {
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(binary, "binary");
    Integer since = features.get(feature);
    return since != null && binary.series().equals(series) && binary.patch() >= since;
  }

  /**
   * The first production binary of this series that has the feature.
   *
   * @param feature the feature
   * @return {@code vYY.R.P} with P the feature's first patch; empty when no patch of this series
   *     has it
   */
  public Optional<BinaryVersion> firstBinaryWith(Feature feature) {
    Objects.requireNonNull(feature, "feature");
    Integer since = features.get(feature);
    return since == null ? Optional.empty() : Optional.of(BinaryVersion.of(series, since));
  }
}
