package io.github.pcrupgrade.core.version;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.util.Comparator;
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

  private static final Comparator<ReleaseSeries> ORDER =
      Comparator.comparingInt(ReleaseSeries::year).thenComparingInt(ReleaseSeries::release);

  public ReleaseSeries {
    if (year < 0 || release < 0) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "a release series has non-negative parts, got " + year + "." + release);
    }
  }

  /** The series {@code year.release}. */
  public static ReleaseSeries of(int year, int release) {
    return new ReleaseSeries(year, release);
  }

  /**
   * Parses {@code YY.R}.
   *
   * @throws VersionFormatException for any other input, null included
   */
  public static ReleaseSeries parse(String text) {
    VersionText t = new VersionText(text, "release series", FORMS);
    ReleaseSeries s = t.series();
    t.end();
    return s;
  }

  /** True for a series carrying the development offset (a dev build's cluster version). */
  public boolean isDevelopment() {
    return year >= DEV_OFFSET;
  }

  /** This series without the development offset ({@code 1000025.4} -> {@code 25.4}). */
  public ReleaseSeries withoutDevOffset() {
    return isDevelopment() ? new ReleaseSeries(year - DEV_OFFSET, release) : this;
  }

  /** The final cluster version of this series ({@code X.Y}). */
  public ClusterVersion finalVersion() {
    return ClusterVersion.finalOf(this);
  }

  public boolean isAtLeast(ReleaseSeries other) {
    Objects.requireNonNull(other, "other");
    return compareTo(other) >= 0;
  }

  public boolean isAfter(ReleaseSeries other) {
    Objects.requireNonNull(other, "other");
    return compareTo(other) > 0;
  }

  public boolean isBefore(ReleaseSeries other) {
    Objects.requireNonNull(other, "other");
    return compareTo(other) < 0;
  }

  @Override
  public int compareTo(ReleaseSeries o) {
    Objects.requireNonNull(o, "o");
    return ORDER.compare(this, o);
  }

  /** {@code YY.R}; {@link #parse} reads it back. */
  @Override
  public String toString() {
    return year + "." + release;
  }
}
