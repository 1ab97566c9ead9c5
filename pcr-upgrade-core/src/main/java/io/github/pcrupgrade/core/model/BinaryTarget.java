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

  public BinaryTarget {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(exact, "exact");
    if (exact.isPresent() && !exact.get().series().equals(series)) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "binary " + exact.get() + " is not of series " + series);
    }
  }

  public static BinaryTarget exactly(BinaryVersion binary) {
    Objects.requireNonNull(binary, "binary");
    return new BinaryTarget(binary.series(), Optional.of(binary));
  }

  public static BinaryTarget anyPatchOf(ReleaseSeries series) {
    return new BinaryTarget(series, Optional.empty());
  }

  /** True when {@code binary} satisfies this target. */
  public boolean isSatisfiedBy(BinaryVersion binary) {
    Objects.requireNonNull(binary, "binary");
    return exact.map(binary::equals).orElseGet(() -> binary.series().equals(series));
  }

  @Override
  public String toString() {
    return exact.map(BinaryVersion::toString).orElse("any " + series + " binary");
  }
}
