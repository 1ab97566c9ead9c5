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

  /** The GA date, empty while the series is only announced. */
  public Optional<LocalDate> ga() {
    return Optional.ofNullable(gaDate);
  }

  /** True when a binary of this series has the feature (at some patch). */
  public boolean has(Feature feature) {
    Objects.requireNonNull(feature, "feature");
    return features.containsKey(feature);
  }

  /**
   * True when {@code binary} (of this series) has the feature: the feature exists in this series
   * and the binary's patch is at least the first patch that has it.
   */
  public boolean supports(Feature feature, BinaryVersion binary) {
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(binary, "binary");
    Integer since = features.get(feature);
    return since != null && binary.series().equals(series) && binary.patch() >= since;
  }

  /** The first production binary of this series that has the feature, if any. */
  public Optional<BinaryVersion> firstBinaryWith(Feature feature) {
    Objects.requireNonNull(feature, "feature");
    Integer since = features.get(feature);
    return since == null ? Optional.empty() : Optional.of(BinaryVersion.of(series, since));
  }
}
