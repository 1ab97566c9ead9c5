package io.github.pcrupgrade.core.rules;

/**
 * Every rule the library checks, with its category, severity and the documentation it rests on.
 * Tools match on these codes, never on messages.
 */
public enum RuleCode {
  /** Invariant 1: the replicated VC's version is above the destination's system VC version. */
  REPLICATED_VC_NEWER_THAN_DESTINATION(RuleCategory.INVARIANT, Severity.ERROR, Docs.PCR_UPGRADE),
  /** Invariant 2: the standby runs binaries of a series the primary cannot upgrade to directly. */
  STANDBY_SERIES_INCOMPATIBLE(RuleCategory.INVARIANT, Severity.ERROR, Docs.PCR_UPGRADE),
  /** Invariant 3: a VC's version is above its cluster's system VC version. */
  VC_ABOVE_SYSTEM_VC(RuleCategory.INVARIANT, Severity.ERROR, Docs.VIRTUAL_CLUSTERS),
  /** Invariant 4: a VC is (being) finalized to a series some node's binary cannot run. */
  VC_ABOVE_NODE_BINARY(RuleCategory.INVARIANT, Severity.ERROR, Docs.UPGRADE),
  /** Invariant 5: a node runs a binary whose MinSupported is above a VC of its cluster. */
  VC_BELOW_MIN_SUPPORTED(RuleCategory.INVARIANT, Severity.ERROR, Docs.UPGRADE),
  /** Invariant 7: a fast failback replicates from a newer cluster into an older one. */
  FAST_FAILBACK_FROM_NEWER(RuleCategory.INVARIANT, Severity.ERROR, Docs.PCR_UPGRADE),
  /** A reader VC whose replicating VC does not exist. */
  READER_WITHOUT_REPLICATING_VC(RuleCategory.SNAPSHOT, Severity.ERROR, Docs.READ_FROM_STANDBY),
  /** A reader VC on binaries of a series before 24.3, which has none. */
  READER_VC_UNSUPPORTED(RuleCategory.SNAPSHOT, Severity.ERROR, Docs.READ_FROM_STANDBY),
  /** A binary or VC version of a series the release catalog does not know. */
  UNKNOWN_SERIES(RuleCategory.SNAPSHOT, Severity.ERROR, Docs.UPGRADE),
  /** A VC version could not be observed or inferred; the rules that need it were skipped. */
  VERSION_UNKNOWN(RuleCategory.SNAPSHOT, Severity.WARNING, Docs.PCR_UPGRADE),
  /**
   * The cluster given as primary and the cluster given as standby are one cluster (the same
   * {@code crdb_internal.cluster_id()}): one URL given twice, or two URLs that reach one cluster.
   */
  SAME_CLUSTER(RuleCategory.IDENTITY, Severity.ERROR, Docs.PCR_UPGRADE),
  /**
   * The cluster given as primary ingests a stream of the VC that the cluster given as standby
   * serves: the standby's stream cannot come from the primary. The URLs are most likely swapped
   * (a failback, which looks the same, is the other explanation, so this is a warning; the planner
   * refuses to plan from it either way).
   */
  CLUSTERS_LIKELY_SWAPPED(RuleCategory.IDENTITY, Severity.WARNING, Docs.PCR_UPGRADE),
  /**
   * A deployment at rest (every VC final on one series, every binary on it) whose VCs still have
   * auto-finalization pinned: an earlier upgrade did not restore the settings it found. Changed
   * only on request ({@code UpgradeRequest.Builder.restoreDefaultSettings}).
   */
  SETTINGS_PINNED_AT_REST(RuleCategory.SETTINGS, Severity.WARNING, Docs.PCR_UPGRADE),
  /** P1: the primary runs a newer binary series than the standby. */
  STANDBY_BINARIES_BEHIND_PRIMARY(RuleCategory.PROCEDURE, Severity.WARNING, Docs.PCR_UPGRADE),
  /** P2: the primary's system VC is finalized past the standby's. */
  PRIMARY_FINALIZED_BEFORE_STANDBY(RuleCategory.PROCEDURE, Severity.WARNING, Docs.PCR_UPGRADE),
  /** P3: binaries of a newer series run while a VC has not finished the previous finalization. */
  NEW_UPGRADE_BEFORE_FINALIZED(RuleCategory.PROCEDURE, Severity.WARNING, Docs.UPGRADE),
  /** A VC is not finalized; finalize it before starting a new major upgrade. */
  VC_NOT_FINALIZED(RuleCategory.PRECONDITION, Severity.ERROR, Docs.PCR_UPGRADE),
  /** A node is not live, or is draining. */
  NODE_NOT_LIVE(RuleCategory.PRECONDITION, Severity.ERROR, Docs.PREPARE),
  /** The nodes of a cluster run different builds. */
  MIXED_BINARIES(RuleCategory.PRECONDITION, Severity.ERROR, Docs.PREPARE),
  /** A cluster has under-replicated ranges. */
  UNDER_REPLICATED_RANGES(RuleCategory.PRECONDITION, Severity.ERROR, Docs.PREPARE),
  /** A cluster has unavailable ranges. */
  UNAVAILABLE_RANGES(RuleCategory.PRECONDITION, Severity.ERROR, Docs.PREPARE),
  /** No replication stream runs into the standby, or it is not in the replicating state. */
  REPLICATION_NOT_RUNNING(RuleCategory.PRECONDITION, Severity.ERROR, Docs.PCR_MONITORING),
  /** The replication stream is in error. */
  REPLICATION_ERROR(RuleCategory.PRECONDITION, Severity.ERROR, Docs.PCR_MONITORING),
  /** A cluster runs an alpha or development binary, which cannot move to a production release. */
  ONE_WAY_BINARY(RuleCategory.PRECONDITION, Severity.ERROR, Docs.RELEASES),
  /**
   * The target is an alpha or development build: a cluster that runs one can never move to a
   * production release. Refused unless {@code UpgradeRequest.Builder.allowOneWayTarget}.
   * Raised by the planner only.
   */
  TARGET_ONE_WAY(RuleCategory.TARGET, Severity.ERROR, Docs.RELEASES),
  /**
   * The target is a beta or a release candidate: supported to upgrade from and to, but not a
   * production release. Raised by the planner only.
   */
  TARGET_PRE_RELEASE(RuleCategory.TARGET, Severity.WARNING, Docs.RELEASES),
  /** The target is older than the deployment. */
  TARGET_IS_DOWNGRADE(RuleCategory.TARGET, Severity.ERROR, Docs.UPGRADE),
  /** The target series is not in the release catalog. */
  TARGET_UNKNOWN(RuleCategory.TARGET, Severity.ERROR, Docs.UPGRADE),
  /** No chain of direct upgrades leads to the target. */
  TARGET_UNREACHABLE(RuleCategory.TARGET, Severity.ERROR, Docs.UPGRADE),
  /**
   * The plan would have to re-create the reader VC with {@code SET REPLICATION READ VIRTUAL
   * CLUSTER} on a binary that lacks it (before 24.3.12, 25.1.6, 25.2.0).
   */
  READER_RECREATE_UNSUPPORTED(RuleCategory.TARGET, Severity.ERROR, Docs.READ_FROM_STANDBY),
  /**
   * The planner cannot lay out the documented order from this state (a failback is running, a
   * version it needs is unknown, ...); the message says what is missing and the remediation what
   * to do. Raised by the planner only, never by {@link Rules#check}.
   */
  UNPLANNABLE_STATE(RuleCategory.SNAPSHOT, Severity.ERROR, Docs.PCR_UPGRADE),
  /**
   * A hop of the path finalizes a cluster of more than one node to 24.3 while it has no licence:
   * the product refuses that finalization ({@code upgrade blocked: no license installed}) after
   * every node has been restarted (crdb-pcr-sql-facts 11.3).
   */
  LICENCE_MISSING(RuleCategory.PRECONDITION, Severity.ERROR, Docs.RELEASES + "v24.3"),
  /**
   * A hop of the path finalizes to 24.3 a VC whose telemetry is off under a licence that requires
   * it (Free, Trial): the product refuses that VC's finalization (crdb-pcr-sql-facts 11.3).
   */
  LICENCE_TELEMETRY_OFF(RuleCategory.PRECONDITION, Severity.ERROR, Docs.RELEASES + "v24.3");

  private final RuleCategory category;
  private final Severity severity;
  private final String source;

  RuleCode(RuleCategory category, Severity severity, String source) {
    this.category = category;
    this.severity = severity;
    this.source = source;
  }

  /**
   * What kind of rule this is.
   *
   * @return the category
   */
  public RuleCategory category() {
    return category;
  }

  /**
   * How serious a violation of this rule is; every violation of it has this severity.
   *
   * @return ERROR or WARNING
   */
  public Severity severity() {
    return severity;
  }

  /**
   * The documentation page the rule rests on.
   *
   * @return an absolute {@code https://www.cockroachlabs.com/docs/} URL
   */
  public String source() {
    return source;
  }

  private static final class Docs {
    static final String BASE = "https://www.cockroachlabs.com/docs/";
    static final String PCR_UPGRADE = BASE + "v26.2/upgrade-with-pcr";
    static final String VIRTUAL_CLUSTERS = BASE + "v26.2/work-with-virtual-clusters";
    static final String UPGRADE = BASE + "v26.2/upgrade-cockroach-version";
    static final String PREPARE = BASE + "v26.2/upgrade-cockroach-version#step-2-prepare-to-upgrade";
    static final String READ_FROM_STANDBY = BASE + "v26.2/read-from-standby";
    static final String PCR_MONITORING = BASE + "v26.2/physical-cluster-replication-monitoring";
    static final String RELEASES = BASE + "releases/";
  }
}
