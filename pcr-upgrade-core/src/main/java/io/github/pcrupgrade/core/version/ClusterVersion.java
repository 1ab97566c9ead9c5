package io.github.pcrupgrade.core.version;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.util.Objects;
import java.util.Optional;

/**
 * A CockroachDB cluster version, as {@code SHOW CLUSTER SETTING version} prints it for one virtual
 * cluster. It is the product's {@code (major, minor, internal)} value:
 *
 * <ul>
 *   <li>final {@code 24.3} (internal 0; {@code 24.3-0} parses to the same value);
 *   <li>transitional {@code 24.2-upgrading-to-24.3-step-004} (internal 4 on top of 24.2, on the way
 *       to 24.3);
 *   <li>the fence of a final version, {@code 24.3-upgrading-final-step} (internal -1: just below
 *       24.3);
 *   <li>legacy {@code 23.2-8}, the pre-24.1 spelling of {@code 23.2-upgrading-to-24.1-step-008};
 *   <li>{@code 24.2-upgrading-step-004}, printed when the successor is unknown;
 *   <li>any of these with the development offset, {@code 1000025.4}.
 * </ul>
 *
 * <p>Equality and ordering are those of the product's value, (series, internal): the legacy and
 * the newer spelling of one version are equal. The spelling is kept so that {@link #toString()}
 * prints what was parsed. A version is final only when it is exactly {@code X.Y}; a skip upgrade
 * 25.2 -> 25.4 passes through a final-looking {@code 25.3} that is not yet the target.
 */
public final class ClusterVersion implements Comparable<ClusterVersion> {

  static final String FORMS =
      "final 'X.Y' (e.g. '24.3', also '24.3-0'), transitional 'X.Y-upgrading-to-A.B-step-NNN',"
          + " fence 'X.Y-upgrading-final-step', legacy 'X.Y-N', 'X.Y-upgrading-step-NNN',"
          + " each optionally with the development offset (e.g. '1000025.4')";

  /** How the version is spelled. */
  public enum Form {
    /** {@code X.Y}. */
    FINAL,
    /** {@code X.Y-upgrading-to-A.B-step-NNN}. */
    UPGRADING_STEP,
    /** {@code X.Y-upgrading-step-NNN}: a step whose successor series the product did not know. */
    UPGRADING_STEP_UNKNOWN_TARGET,
    /** {@code X.Y-upgrading-final-step}: the fence just below final {@code X.Y}. */
    FINAL_FENCE,
    /** {@code X.Y-N}: the spelling before 24.1. */
    LEGACY
  }

  private final ReleaseSeries base;
  private final int internal;
  private final Form form;
  private final ReleaseSeries target;

  private ClusterVersion(ReleaseSeries base, int internal, Form form, ReleaseSeries target) {
    this.base = Objects.requireNonNull(base, "base");
    this.internal = internal;
    this.form = Objects.requireNonNull(form, "form");
    this.target = target;
  }

  /**
   * The final version {@code X.Y} of a series.
   *
   * @param series the series {@code X.Y}
   * @return the final version, form {@link Form#FINAL}, internal 0
   */
  public static ClusterVersion finalOf(ReleaseSeries series) {
    Objects.requireNonNull(series, "series");
    return new ClusterVersion(series, 0, Form.FINAL, null);
  }

  /**
   * The final version {@code year.release}.
   *
   * @param year the year part ({@code 24} in {@code 24.3}), 0 or more
   * @param release the release number within the year, 0 or more
   * @return the final version, form {@link Form#FINAL}, internal 0
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a negative part
   */
  public static ClusterVersion finalOf(int year, int release) {
    return finalOf(new ReleaseSeries(year, release));
  }

  /**
   * The transitional version {@code from-upgrading-to-to-step-NNN}.
   *
   * @param from the series being upgraded from, printed first
   * @param to the series being upgraded to; must be later than {@code from}
   * @param step the internal step, 1 or more (printed with at least three digits)
   * @return the version, form {@link Form#UPGRADING_STEP}
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a step below 1 or a {@code to} not
   *     later than {@code from}
   */
  public static ClusterVersion upgradingStep(ReleaseSeries from, ReleaseSeries to, int step) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (step <= 0 || !to.isAfter(from)) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "an upgrading step has a positive number and a later target: " + from + " -> " + to);
    }
    return new ClusterVersion(from, step, Form.UPGRADING_STEP, to);
  }

  /**
   * The fence just below the final version of {@code series}.
   *
   * @param series the series the fence leads to
   * @return {@code X.Y-upgrading-final-step}: internal -1, above every step towards {@code X.Y}
   *     and below {@code X.Y}
   */
  public static ClusterVersion finalFence(ReleaseSeries series) {
    Objects.requireNonNull(series, "series");
    return new ClusterVersion(series, -1, Form.FINAL_FENCE, series);
  }

  /**
   * Parses every form listed in the class documentation.
   *
   * @param text the version as {@code SHOW CLUSTER SETTING version} prints it
   * @return the version; it keeps the form, so {@link #toString()} prints {@code text} back,
   *     except that {@code X.Y-0} prints as {@code X.Y} and step numbers are padded to three
   *     digits
   * @throws VersionFormatException for any other input, null included (code
   *     {@code MALFORMED_VERSION})
   */
  public static ClusterVersion parse(String text) {
    VersionText t = new VersionText(text, "cluster version", FORMS);
    ReleaseSeries base = t.series();
    ClusterVersion v;
    if (t.atEnd()) {
      v = finalOf(base);
    } else if (t.tryLiteral("-upgrading-final-step")) {
      v = finalFence(base);
    } else if (t.tryLiteral("-upgrading-to-")) {
      ReleaseSeries to = t.series();
      t.literal("-step-");
      int step = t.paddedNumber();
      if (step == 0 || !to.isAfter(base)) {
        throw t.fail();
      }
      v = new ClusterVersion(base, step, Form.UPGRADING_STEP, to);
    } else if (t.tryLiteral("-upgrading-step-")) {
      int step = t.paddedNumber();
      if (step == 0) {
        throw t.fail();
      }
      v = new ClusterVersion(base, step, Form.UPGRADING_STEP_UNKNOWN_TARGET, null);
    } else if (t.tryLiteral("-")) {
      int internal = t.number();
      v = internal == 0 ? finalOf(base) : new ClusterVersion(base, internal, Form.LEGACY, null);
    } else {
      throw t.fail();
    }
    t.end();
    return v;
  }

  /**
   * The series printed first.
   *
   * @return {@code 24.2} for {@code 24.2-upgrading-to-24.3-step-004}, {@code 24.3} for
   *     {@code 24.3} and for {@code 24.3-upgrading-final-step}
   */
  public ReleaseSeries base() {
    return base;
  }

  /**
   * The product's internal counter.
   *
   * @return 0 when final, -1 for a final fence, positive for steps and legacy versions
   */
  public int internal() {
    return internal;
  }

  /**
   * How this version is spelled; not part of equality.
   *
   * @return the form it was parsed or constructed in
   */
  public Form form() {
    return form;
  }

  /**
   * Whether the VC is finalized at its series.
   *
   * @return true only for {@code X.Y} (internal 0)
   */
  public boolean isFinal() {
    return internal == 0;
  }

  /**
   * Whether the VC is in the middle of finalizing an upgrade.
   *
   * @return true for every non-final form, the final fence included
   */
  public boolean isTransitional() {
    return internal != 0;
  }

  /**
   * Whether this is a development build's cluster version.
   *
   * @return true when {@link #base()} carries the development offset
   */
  public boolean isDevelopment() {
    return base.isDevelopment();
  }

  /**
   * The series being upgraded from.
   *
   * @return {@code X.Y} for steps and legacy versions; empty when final and for a final fence
   *     (whose predecessor the string does not say)
   */
  public Optional<ReleaseSeries> upgradingFrom() {
    return internal > 0 ? Optional.of(base) : Optional.empty();
  }

  /**
   * The series being upgraded to.
   *
   * @return {@code A.B} for steps that name it and {@code X.Y} for the final fence; empty when
   *     final or when the string does not say (legacy and unknown-target steps; resolve those with
   *     the release catalog's successor)
   */
  public Optional<ReleaseSeries> upgradingTo() {
    return Optional.ofNullable(target);
  }

  /**
   * The series whose final version this version has reached.
   *
   * @return {@code X.Y} for final, step and legacy versions; empty for a final fence (below
   *     {@code X.Y}, above an unnamed predecessor)
   */
  public Optional<ReleaseSeries> reachedSeries() {
    return internal >= 0 ? Optional.of(base) : Optional.empty();
  }

  /**
   * Whether this version is {@code other} or later, by the product's value (spelling ignored).
   *
   * @param other the version to compare with
   * @return true when {@code this.compareTo(other) >= 0}
   */
  public boolean isAtLeast(ClusterVersion other) {
    Objects.requireNonNull(other, "other");
    return compareTo(other) >= 0;
  }

  /**
   * Whether this version has reached the final version of {@code series}.
   *
   * @param series the series to compare with
   * @return true when this version is at or above {@code series}' final version; false for its
   *     fence and for every step towards it
   */
  public boolean isAtLeast(ReleaseSeries series) {
    Objects.requireNonNull(series, "series");
    // compareTo(finalOf(series)) >= 0 without the object: the rules ask per VC and series
    return base.equals(series) ? internal >= 0 : base.isAfter(series);
  }

  /**
   * Whether this version is later than {@code other}, by the product's value.
   *
   * @param other the version to compare with
   * @return true when {@code this.compareTo(other) > 0}
   */
  public boolean isAfter(ClusterVersion other) {
    Objects.requireNonNull(other, "other");
    return compareTo(other) > 0;
  }

  /**
   * Whether this version is earlier than {@code other}, by the product's value.
   *
   * @param other the version to compare with
   * @return true when {@code this.compareTo(other) < 0}
   */
  public boolean isBefore(ClusterVersion other) {
    Objects.requireNonNull(other, "other");
    return compareTo(other) < 0;
  }

  @Override
  public int compareTo(ClusterVersion o) {
    Objects.requireNonNull(o, "o");
    // the rules compare versions on every check: the base series, then the internal number
    int byBase = base.compareTo(o.base);
    return byBase != 0 ? byBase : Integer.compare(internal, o.internal);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterVersion v && base.equals(v.base) && internal == v.internal;
  }

  @Override
  public int hashCode() {
    return 31 * base.hashCode() + internal;
  }

  /** The version as parsed or constructed; {@link #parse} reads it back to an equal value. */
  @Override
  public String toString() {
    return switch (form) {
      case FINAL -> base.toString();
      case UPGRADING_STEP -> base + "-upgrading-to-" + target + "-step-" + pad(internal);
      case UPGRADING_STEP_UNKNOWN_TARGET -> base + "-upgrading-step-" + pad(internal);
      case FINAL_FENCE -> base + "-upgrading-final-step";
      case LEGACY -> base + "-" + internal;
    };
  }

  private static String pad(int n) {
    String s = Integer.toString(n);
    return s.length() >= 3 ? s : "000".substring(s.length()) + s;
  }
}
