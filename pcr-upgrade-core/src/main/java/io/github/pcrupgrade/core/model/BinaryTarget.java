package io.github.pcrupgrade.core.model;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.Objects;
import java.util.Optional;

/**
 * The binary a node is to run: an exact version ({@code v25.2.4}), or only a series, in which case
 * the host's {@code NodeUpgrader} chooses the patch (the library never guesses the latest patch).
 *
 * @param series the series the binary must belong to
 * @param exact the exact binary, when the request named one
 */
public record BinaryTarget(ReleaseSeries series, Optional<BinaryVersion> exact) {

  /**
   * Checks that an exact binary is of the series.
   *
   * @param series not null
   * @param exact not null; when present, of {@code series}
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for an exact binary of another series
   */
  public BinaryTarget {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(exact, "exact");
    if (exact.isPresent() && !exact.get().series().equals(series)) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "binary " + exact.get() + " is not of series " + series);
    }
  }

  /**
   * This exact binary.
   *
   * @param binary the binary every node is to run
   * @return a target of {@code binary}'s series that only {@code binary} satisfies
   */
  public static BinaryTarget exactly(BinaryVersion binary) {
    Objects.requireNonNull(binary, "binary");
    return new BinaryTarget(binary.series(), Optional.of(binary));
  }

  /**
   * Any binary of a series, the patch chosen by the host's {@code NodeUpgrader}.
   *
   * @param series the series
   * @return a target that every binary of {@code series} satisfies, pre-releases included
   */
  public static BinaryTarget anyPatchOf(ReleaseSeries series) {
    return new BinaryTarget(series, Optional.empty());
  }

  /**
   * Whether {@code binary} satisfies this target.
   *
   * @param binary a node's binary
   * @return true when it equals the exact binary, or, without one, when it is of the series
   */
  public boolean isSatisfiedBy(BinaryVersion binary) {
    Objects.requireNonNull(binary, "binary");
    return exact.map(binary::equals).orElseGet(() -> binary.series().equals(series));
  }

  @Override
  public String toString() {
    return exact.map(BinaryVersion::toString).orElse("any " + series + " binary");
  }
}
