package io.github.pcrupgrade.core.version;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.util.Objects;

/**
 * The version of a {@code cockroach} binary: {@code vYY.R.P}, optionally a pre-release
 * ({@code -alpha.N}, {@code -beta.N}, {@code -rc.N}), a development build
 * ({@code v24.2.0-alpha.00000000}) and a {@code git describe} suffix
 * ({@code -2955-gda20f35}). Build tags as nodes report them ({@code cockroach-v19.2.0-...}) are
 * accepted; the leading {@code v} may be omitted. Ordering: by series and patch, then stage
 * (development &lt; alpha &lt; beta &lt; rc &lt; release), stage number, commits after the tag, commit.
 *
 * @param year year of the series ({@code 25} in {@code v25.2.4})
 * @param release release of the series ({@code 2} in {@code v25.2.4})
 * @param patch patch number ({@code 4} in {@code v25.2.4})
 * @param stage the release stage
 * @param stageNumber the pre-release number ({@code 2} in {@code -beta.2}); 0 for RELEASE and DEVELOPMENT
 * @param commitsAfter commits after the tag in a {@code git describe} suffix; 0 when there is none
 * @param commit the abbreviated commit of that suffix (lower-case hex); empty when there is none
 */
public record BinaryVersion(
    int year, int release, int patch, Stage stage, int stageNumber, int commitsAfter, String commit)
    implements Comparable<BinaryVersion> {

  static final String FORMS =
      "'vYY.R.P' such as 'v25.2.4', with optional '-alpha.N', '-beta.N' or '-rc.N', a development"
          + " build 'vYY.R.P-alpha.00000000', an optional '-N-g<commit>' suffix, and an optional"
          + " 'cockroach-' prefix";

  private static final String DEV_MARKER = "00000000";

  /** The stage of a build, in release order. */
  public enum Stage {
    /** A development build from a branch ({@code -alpha.00000000}); never production. */
    DEVELOPMENT,
    /** An alpha pre-release; a cluster that ran it cannot move to a production release. */
    ALPHA,
    /** A beta pre-release; upgradable to the final release. */
    BETA,
    /** A release candidate. */
    RC,
    /** A production release. */
    RELEASE
  }

  /**
   * Checks the parts.
   *
   * @param year 0 or more
   * @param release 0 or more
   * @param patch 0 or more
   * @param stage not null
   * @param stageNumber 0 for RELEASE and DEVELOPMENT, 1 or more for ALPHA, BETA and RC
   * @param commitsAfter 0 or more; 0 exactly when {@code commit} is empty
   * @param commit empty, or 4 to 40 lower-case hex digits
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when a part breaks its rule above
   * @throws NullPointerException for a null {@code stage} or {@code commit}
   */
  public BinaryVersion {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(commit, "commit");
    if (year < 0 || release < 0 || patch < 0 || stageNumber < 0 || commitsAfter < 0) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "version parts must be non-negative");
    }
    if ((stage == Stage.RELEASE || stage == Stage.DEVELOPMENT) && stageNumber != 0) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          stage + " builds have no stage number");
    }
    if ((stage == Stage.ALPHA || stage == Stage.BETA || stage == Stage.RC) && stageNumber == 0) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          stage + " builds are numbered from 1");
    }
    if ((commitsAfter == 0) != commit.isEmpty()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "commitsAfter and commit go together");
    }
    if (!commit.isEmpty() && !commit.matches("[0-9a-f]{4,40}")) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "commit must be 4 to 40 lower-case hex digits, got '" + commit + "'");
    }
  }

  /**
   * A production release {@code vYY.R.P}.
   *
   * @param year year of the series ({@code 25} in {@code v25.2.4})
   * @param release release of the series ({@code 2} in {@code v25.2.4})
   * @param patch patch number ({@code 4} in {@code v25.2.4})
   * @return the RELEASE-stage version, without a {@code git describe} suffix
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a negative part
   */
  public static BinaryVersion of(int year, int release, int patch) {
    return new BinaryVersion(year, release, patch, Stage.RELEASE, 0, 0, "");
  }

  /**
   * A production release {@code vYY.R.P} of the given series.
   *
   * @param series the series {@code YY.R}
   * @param patch patch number, 0 or more
   * @return the RELEASE-stage version, without a {@code git describe} suffix
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a negative patch
   */
  public static BinaryVersion of(ReleaseSeries series, int patch) {
    Objects.requireNonNull(series, "series");
    return of(series.year(), series.release(), patch);
  }

  /**
   * Parses a binary version or build tag.
   *
   * @param text the version as printed by {@code cockroach version} or a node's build tag
   * @return the version; its {@link #toString()} is the canonical spelling, without the
   *     {@code cockroach-} prefix and with the leading {@code v}
   * @throws VersionFormatException for any input in none of the accepted forms, null included
   *     (code {@code MALFORMED_VERSION})
   */
  public static BinaryVersion parse(String text) {
    VersionText t = new VersionText(text, "binary version", FORMS);
    t.tryLiteral("cockroach-");
    t.tryLiteral("v");
    int year = t.number();
    t.literal(".");
    int release = t.number();
    t.literal(".");
    int patch = t.number();
    Stage stage = Stage.RELEASE;
    int number = 0;
    int commits = 0;
    String commit = "";
    if (t.tryLiteral("-alpha.")) {
      String d = t.digits();
      if (d.equals(DEV_MARKER)) {
        stage = Stage.DEVELOPMENT;
      } else {
        stage = Stage.ALPHA;
        number = positive(t, d);
      }
    } else if (t.tryLiteral("-beta.")) {
      stage = Stage.BETA;
      number = positive(t, t.digits());
    } else if (t.tryLiteral("-rc.")) {
      stage = Stage.RC;
      number = positive(t, t.digits());
    }
    if (t.tryLiteral("-")) {
      commits = t.number();
      t.literal("-g");
      commit = t.hex();
      if (commits == 0) {
        throw t.fail();
      }
    }
    t.end();
    return new BinaryVersion(year, release, patch, stage, number, commits, commit);
  }

  private static int positive(VersionText t, String digits) {
    if (digits.charAt(0) == '0') {
      throw t.fail();
    }
    return t.toInt(digits);
  }

  /**
   * The release series of this binary.
   *
   * @return {@code 25.2} for {@code v25.2.4}, whatever the stage
   */
  public ReleaseSeries series() {
    return new ReleaseSeries(year, release);
  }

  /**
   * The cluster version this binary finalizes to.
   *
   * @return the final version of {@link #series()}: {@code 25.2} for {@code v25.2.4}
   */
  public ClusterVersion clusterVersion() {
    return series().finalVersion();
  }

  /**
   * Whether this is a production build.
   *
   * @return true for a RELEASE-stage version without a {@code git describe} suffix; false for
   *     pre-releases, development builds and builds after a tag
   */
  public boolean isProduction() {
    return stage == Stage.RELEASE && commitsAfter == 0;
  }

  /**
   * Whether a cluster that ran this build can never move to a production release (development
   * builds and alphas; crdb-upgrade-facts.md 1.1, 1.4).
   *
   * @return true for DEVELOPMENT and ALPHA builds
   */
  public boolean isOneWay() {
    return stage == Stage.DEVELOPMENT || stage == Stage.ALPHA;
  }

  /**
   * Whether this version orders at or after another, in the order of the class documentation.
   *
   * @param other the version to compare with
   * @return true when {@code this.compareTo(other) >= 0}
   */
  public boolean isAtLeast(BinaryVersion other) {
    Objects.requireNonNull(other, "other");
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(BinaryVersion o) {
    Objects.requireNonNull(o, "o");
    // the rules sort binaries on every check: field by field, no comparator chain
    int c = Integer.compare(year, o.year);
    if (c == 0) {
      c = Integer.compare(release, o.release);
    }
    if (c == 0) {
      c = Integer.compare(patch, o.patch);
    }
    if (c == 0) {
      c = stage.compareTo(o.stage);
    }
    if (c == 0) {
      c = Integer.compare(stageNumber, o.stageNumber);
    }
    if (c == 0) {
      c = Integer.compare(commitsAfter, o.commitsAfter);
    }
    return c != 0 ? c : commit.compareTo(o.commit);
  }

  /** The canonical form, {@code v25.2.4}, {@code v25.1.0-beta.2}, ...; {@link #parse} reads it. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder().append('v').append(year).append('.').append(release)
        .append('.').append(patch);
    switch (stage) {
      case DEVELOPMENT -> b.append("-alpha.").append(DEV_MARKER);
      case ALPHA -> b.append("-alpha.").append(stageNumber);
      case BETA -> b.append("-beta.").append(stageNumber);
      case RC -> b.append("-rc.").append(stageNumber);
      case RELEASE -> { }
    }
    if (commitsAfter > 0) {
      b.append('-').append(commitsAfter).append("-g").append(commit);
    }
    return b.toString();
  }
}
