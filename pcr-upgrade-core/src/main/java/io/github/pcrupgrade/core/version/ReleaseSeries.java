package io.github.pcrupgrade.core.version;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.util.Objects;

/**
 * A CockroachDB major release series {@code YY.R}, for example {@code 24.3} or {@code 25.2}. Series
 * order numerically. Development builds offset the year by {@value #DEV_OFFSET} (for example
 * {@code 1000025.4}); such a series orders after every release series and {@link #isDevelopment()}
 * is true. Whether a series is Regular or Innovation, and which series follow it, is catalog data
 * ({@code ReleaseCatalog}), not a property of the number.
 *
 * @param year the year part ({@code 24} in {@code 24.3}), possibly with the development offset
 * @param release the release number within the year ({@code 3} in {@code 24.3})
 */
public record ReleaseSeries(int year, int release) implements Comparable<ReleaseSeries> {

  /** The offset CockroachDB adds to the year of development-branch cluster versions. */
  public static final int DEV_OFFSET = 1_000_000;

  static final String FORMS = "'YY.R' such as '24.3' (development offset '1000025.4' also accepted)";

  /**
   * Checks the parts.
   *
   * @param year 0 or more
   * @param release 0 or more
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a negative year or release
   */
  public ReleaseSeries {
    if (year < 0 || release < 0) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "a release series has non-negative parts, got " + year + "." + release);
    }
  }

  /**
   * The series {@code year.release}.
   *
   * @param year the year part ({@code 24} in {@code 24.3}), 0 or more
   * @param release the release number within the year, 0 or more
   * @return the series; whether the catalog knows it is not checked here
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a negative part
   */
  public static ReleaseSeries of(int year, int release) {
    return new ReleaseSeries(year, release);
  }

  /**
   * Parses {@code YY.R}.
   *
   * @param text the series, such as {@code 24.3} (the development offset, {@code 1000025.4}, is
   *     accepted too)
   * @return the series; whether the catalog knows it is not checked here
   * @throws VersionFormatException for any other input, null included (code
   *     {@code MALFORMED_VERSION})
   */
  public static ReleaseSeries parse(String text) {
    VersionText t = new VersionText(text, "release series", FORMS);
    ReleaseSeries s = t.series();
    t.end();
    return s;
  }

  /**
   * Whether the year carries the development offset (the series of a dev build's cluster version).
   *
   * @return true when {@code year >= DEV_OFFSET}
   */
  public boolean isDevelopment() {
    return year >= DEV_OFFSET;
  }

  /**
   * This series without the development offset.
   *
   * @return {@code 25.4} for {@code 1000025.4}; this series itself when it has no offset
   */
  public ReleaseSeries withoutDevOffset() {
    return isDevelopment() ? new ReleaseSeries(year - DEV_OFFSET, release) : this;
  }

  /**
   * The final cluster version of this series.
   *
   * @return {@code X.Y}, the version a VC shows once finalized at this series
   */
  public ClusterVersion finalVersion() {
    return ClusterVersion.finalOf(this);
  }

  /**
   * Whether this series is {@code other} or a later one.
   *
   * @param other the series to compare with
   * @return true when {@code this.compareTo(other) >= 0}
   */
  public boolean isAtLeast(ReleaseSeries other) {
    Objects.requireNonNull(other, "other");
    return compareTo(other) >= 0;
  }

  /**
   * Whether this series is later than {@code other}.
   *
   * @param other the series to compare with
   * @return true when {@code this.compareTo(other) > 0}
   */
  public boolean isAfter(ReleaseSeries other) {
    Objects.requireNonNull(other, "other");
    return compareTo(other) > 0;
  }

  /**
   * Whether this series is earlier than {@code other}.
   *
   * @param other the series to compare with
   * @return true when {@code this.compareTo(other) < 0}
   */
  public boolean isBefore(ReleaseSeries other) {
    Objects.requireNonNull(other, "other");
    return compareTo(other) < 0;
  }

  @Override
  public int compareTo(ReleaseSeries o) {
    Objects.requireNonNull(o, "o");
    // the catalog's map and every rule compare series: two int comparisons, no comparator chain
    int byYear = Integer.compare(year, o.year);
    return byYear != 0 ? byYear : Integer.compare(release, o.release);
  }

  /** {@code YY.R}; {@link #parse} reads it back. */
  @Override
  public String toString() {
    return year + "." + release;
  }
}
