package io.github.pcrupgrade.jdbc;

import io.github.pcrupgrade.core.catalog.Feature;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.catalog.SeriesInfo;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.preflight.PreflightCheck;
import io.github.pcrupgrade.core.preflight.PreflightReport;
import io.github.pcrupgrade.core.rules.CheckResult;
import io.github.pcrupgrade.core.rules.FailbackVerdict;
import io.github.pcrupgrade.core.rules.RuleCode;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code pcr-upgrade preflight} as a library call: one read-only pass over the primary and the
 * standby that says, check by check (OK / WARN / FAIL, what was seen, what to do), whether
 * pcr-upgrade can carry out an upgrade on these clusters. Every problem found here is one that
 * cannot strand an upgrade half-way.
 *
 * <p><b>Read-only.</b> It sends only {@code SHOW} and {@code SELECT} statements (the inspector's
 * and the licence and telemetry settings); it changes nothing on either cluster.
 *
 * <pre>{@code
 * PreflightReport report = Preflight.builder(primarySettings, standbySettings)
 *     .target(ReleaseSeries.parse("24.3"))
 *     .build()
 *     .run();
 * report.verdict();   // OK, WARN or FAIL
 * }</pre>
 *
 * <p>Whether the standby's stream comes from this primary is only weakly visible while
 * replicating (crdb-pcr-sql-facts 11.1): the {@code stream-source} check compares the host of the
 * stream's {@code source_cluster_uri} with the primary's ({@link StreamSourceCheck}), a WARN at
 * most.
 *
 * <p>Thread-safe; each {@link #run()} opens its own connections and closes them.
 */
public final class Preflight {

  private final ClusterConnectionSettings primary;
  private final ClusterConnectionSettings standby;
  private final Optional<ReleaseSeries> target;
  private final ReleaseCatalog catalog;
  private final Clock clock;

  private Preflight(Builder b) {
    this.primary = b.primary;
    this.standby = b.standby;
    this.target = b.target;
    this.catalog = b.catalog;
    this.clock = b.clock;
  }

  /**
   * A preflight of these two clusters.
   *
   * @param primary how to reach the primary (for {@link #failback()}: the original primary)
   * @param standby how to reach the standby (for {@link #failback()}: the promoted standby)
   * @return a builder; nothing is contacted before {@link #run()} or {@link #failback()}
   */
  public static Builder builder(ClusterConnectionSettings primary,
      ClusterConnectionSettings standby) {
    return new Builder(primary, standby);
  }

  /**
   * Runs every check. Never throws for what it finds on the clusters: an unreachable cluster, a
   * server that is not CockroachDB or a refused read is a FAIL line (and {@link
   * PreflightReport#unreachable()} for the first two).
   *
   * @return every check, OK, WARN or FAIL, of both clusters; when a cluster could not be
   *     inspected, only the checks made so far
   */
  public PreflightReport run() {
    List<PreflightCheck> checks = new ArrayList<>();
    PreflightProbe.Result p;
    PreflightProbe.Result s;
    try (PreflightProbe pp = new PreflightProbe(primary, ClusterRole.PRIMARY, catalog, clock);
        PreflightProbe sp = new PreflightProbe(standby, ClusterRole.STANDBY, catalog, clock)) {
      p = pp.probe();
      s = sp.probe();
      checks.addAll(p.checks());
      checks.addAll(s.checks());
      if (p.snapshot().isEmpty() || s.snapshot().isEmpty()) {
        return new PreflightReport(checks, p.unreachable() || s.unreachable());
      }
      DeploymentSnapshot d = new DeploymentSnapshot(p.snapshot().get(), s.snapshot().get())
          .withInferredReplicatedVersions();
      checks.add(identity(d));
      checks.add(replication(d));
      if (!d.isFailedOver() && !d.isFailingBack()) {
        d.standbyReplicatingVc().filter(v -> v.replication().isPresent())
            .ifPresent(v -> checks.add(sp.streamSource(v.name(), primary)));
      }
      checks.addAll(rules(d));
      checks.addAll(readerStatement(d));
      Optional<ReleaseSeries> from = PreflightProbe.currentSeries(d);
      checks.addAll(pp.licence(p.snapshot().get(), target, from));
      checks.addAll(sp.licence(s.snapshot().get(), target, from));
      checks.addAll(pp.jobs(p.snapshot().get()));
      checks.addAll(sp.jobs(s.snapshot().get()));
      return new PreflightReport(checks, false);
    }
  }

  /**
   * The failback verdict of the two live clusters ({@link Rules#mayFastFailBack}): {@code
   * primary} is the original primary, {@code standby} the promoted standby. Also checks, where the
   * promoted cluster shows {@code WITH PRIOR REPLICATION DETAILS}, that the original primary is
   * the cluster the promoted VC (the standby settings' application VC) came from ({@code
   * failback-lineage}, {@link FailbackLineageCheck}); where it cannot, a WARN says it was not
   * verified.
   *
   * @return the checks of reaching and reading each cluster, then {@code identity},
   *     {@code failback} and {@code failback-lineage}; only the first when a cluster could not be
   *     inspected
   */
  public PreflightReport failback() {
    List<PreflightCheck> checks = new ArrayList<>();
    try (PreflightProbe pp = new PreflightProbe(primary, ClusterRole.PRIMARY, catalog, clock);
        PreflightProbe sp = new PreflightProbe(standby, ClusterRole.STANDBY, catalog, clock)) {
      PreflightProbe.Result p = pp.probe();
      PreflightProbe.Result s = sp.probe();
      checks.addAll(p.checks());
      checks.addAll(s.checks());
      if (p.snapshot().isEmpty() || s.snapshot().isEmpty()) {
        return new PreflightReport(checks, p.unreachable() || s.unreachable());
      }
      DeploymentSnapshot d = new DeploymentSnapshot(p.snapshot().get(), s.snapshot().get());
      checks.add(identity(d));
      checks.add(failbackVerdict(new Rules(catalog).mayFastFailBack(d)));
      checks.add(sp.failbackLineage(standby.appVirtualCluster(), primary.clusterName(),
          d.primary().clusterId()));
      return new PreflightReport(checks, false);
    }
  }

  /**
   * The verdict of {@link Rules#mayFastFailBack} as a check named {@code failback}.
   *
   * @param v the verdict
   * @return OK when fast failback is allowed; otherwise FAIL, whose advice is the violations'
   *     remediations, or to fail back with a full replication when there are none
   */
  public static PreflightCheck failbackVerdict(FailbackVerdict v) {
    Objects.requireNonNull(v, "v");
    String fact = "DESIGN invariant 7; crdb-pcr-sql-facts 3.5";
    if (v.allowed()) {
      return PreflightCheck.ok("failback", "deployment", "fast failback is allowed now: "
          + v.reason(), fact);
    }
    StringBuilder todo = new StringBuilder();
    for (Violation x : v.violations()) {
      todo.append(todo.length() == 0 ? "" : "; ").append(x.remediation());
    }
    String seen = "fast failback is not allowed now: " + v.reason()
        + v.violations().stream().map(x -> "; " + x.message()).reduce("", String::concat);
    return PreflightCheck.fail("failback", "deployment", seen, todo.length() == 0
        ? "do not fail back fast; fail back with a full replication or wait until the reason"
            + " above no longer holds" : todo.toString(), fact);
  }

  private static PreflightCheck identity(DeploymentSnapshot d) {
    String fact = "crdb-pcr-sql-facts 11.1";
    Optional<java.util.UUID> a = d.primary().clusterId();
    Optional<java.util.UUID> b = d.standby().clusterId();
    if (a.isEmpty() || b.isEmpty()) {
      return PreflightCheck.warn("identity", "deployment", "the cluster id of "
              + (a.isEmpty() ? "'" + d.primary().name() + "'" : "'" + d.standby().name() + "'")
              + " could not be read (crdb_internal.cluster_id() is unknown to the server);"
              + " that the two URLs reach different clusters is not proven",
          "check by hand that --primary and --standby name different clusters", fact);
    }
    if (a.get().equals(b.get())) {
      return PreflightCheck.fail("identity", "deployment", "--primary and --standby reach the"
              + " same cluster (one cluster id on both)",
          "point --standby at the standby cluster and --primary at the primary", fact);
    }
    return PreflightCheck.ok("identity", "deployment", "two different clusters (their cluster"
        + " ids differ)", fact);
  }

  private static PreflightCheck replication(DeploymentSnapshot d) {
    String fact = "crdb-pcr-sql-facts 2.4, 11.1";
    if (d.isFailedOver() || d.isFailingBack()) {
      return PreflightCheck.warn("replication", d.standby().name(), "the standby serves the"
              + " application VC: a failover has happened",
          "decide the failback first (pcr-upgrade preflight --failback)", fact);
    }
    Optional<VirtualClusterInfo> repl = d.standbyReplicatingVc();
    if (repl.isEmpty() || repl.get().replication().isEmpty()) {
      return PreflightCheck.fail("replication", d.standby().name(), "no replication stream runs"
              + " into the standby (no application VC in data state add with a source)",
          "start replication into the standby, or give the cluster that replicates as"
              + " --standby", fact);
    }
    var r = repl.get().replication().get();
    return PreflightCheck.ok("replication", d.standby().name(), "VC '" + repl.get().name()
        + "' replicates from '" + r.sourceVirtualCluster() + "' (" + r.rawStatus()
        + "); whether the stream's source is this primary is not visible while replicating"
        + " and is not checked", fact);
  }

  private List<PreflightCheck> rules(DeploymentSnapshot d) {
    Rules rules = new Rules(catalog);
    CheckResult r = target.isPresent() ? rules.check(d, target.get()) : rules.check(d);
    String name = "rules";
    List<PreflightCheck> out = new ArrayList<>();
    for (Violation v : r.violations()) {
      if (v.code() == RuleCode.LICENCE_MISSING || v.code() == RuleCode.LICENCE_TELEMETRY_OFF) {
        continue; // the licence check reports these, with what it read
      }
      String subject = v.cluster() + v.virtualCluster().map(vc -> "/" + vc).orElse("");
      String seen = v.code() + ": " + v.message();
      out.add(v.isError()
          ? PreflightCheck.fail(name, subject, seen, v.remediation(), v.source())
          : PreflightCheck.warn(name, subject, seen, v.remediation(), v.source()));
    }
    if (out.isEmpty()) {
      out.add(PreflightCheck.ok(name, "deployment", "no rule is broken"
          + target.map(t -> " and nothing prevents upgrading to " + t).orElse(""),
          "DESIGN invariants"));
    }
    return out;
  }

  /**
   * Whether the target's binaries have the reader VC statement, where the standby has a reader:
   * a catalog check (the release catalog's record of the feature), not a question to a binary.
   */
  private List<PreflightCheck> readerStatement(DeploymentSnapshot d) {
    if (target.isEmpty() || d.standby().virtualClusters().stream()
        .noneMatch(v -> v.kind() == VcKind.READER)) {
      return List.of();
    }
    String fact = "crdb-pcr-sql-facts 3.6; the release catalog";
    Optional<SeriesInfo> info = catalog.find(target.get());
    if (info.isEmpty()) {
      return List.of();
    }
    Optional<io.github.pcrupgrade.core.version.BinaryVersion> first =
        info.get().firstBinaryWith(Feature.SET_REPLICATION_READ_VC);
    if (first.isEmpty()) {
      return List.of(PreflightCheck.fail("reader-statement", d.standby().name(), "per the release"
              + " catalog, no " + target.get() + " binary has ALTER VIRTUAL CLUSTER ... SET"
              + " REPLICATION READ VIRTUAL CLUSTER, which re-creates the reader VC",
          "drop the reader VC before the upgrade, or choose a target that has the statement",
          fact));
    }
    return List.of(PreflightCheck.ok("reader-statement", d.standby().name(), "per the release"
        + " catalog (not asked of a binary), " + target.get() + " binaries from " + first.get()
        + " have the statement that re-creates the reader VC", fact));
  }

  static int memberNodes(ClusterSnapshot c) {
    return (int) c.nodes().stream().filter(NodeInfo::isMember).count();
  }

  /** Builds a {@link Preflight}. */
  public static final class Builder {
    private final ClusterConnectionSettings primary;
    private final ClusterConnectionSettings standby;
    private Optional<ReleaseSeries> target = Optional.empty();
    private ReleaseCatalog catalog = ReleaseCatalog.builtIn();
    private Clock clock = Clock.systemUTC();

    private Builder(ClusterConnectionSettings primary, ClusterConnectionSettings standby) {
      this.primary = Objects.requireNonNull(primary, "primary");
      this.standby = Objects.requireNonNull(standby, "standby");
    }

    /**
     * Also check the preconditions of upgrading to this series (as {@code check --to}): the
     * rules for that target, the licence and telemetry it needs, and whether its binaries can
     * re-create a reader VC.
     *
     * @param series the target series
     * @return this builder
     */
    public Builder target(ReleaseSeries series) {
      this.target = Optional.of(Objects.requireNonNull(series, "series"));
      return this;
    }

    /**
     * The release catalog (default built-in).
     *
     * @param releaseCatalog the series the rules know, with their features
     * @return this builder
     */
    public Builder catalog(ReleaseCatalog releaseCatalog) {
      this.catalog = Objects.requireNonNull(releaseCatalog, "releaseCatalog");
      return this;
    }

    /**
     * The clock for snapshots and licence expiry (default UTC system clock).
     *
     * @param preflightClock stamps the snapshots and judges whether a licence has expired and
     *     how old a running job is
     * @return this builder
     */
    public Builder clock(Clock preflightClock) {
      this.clock = Objects.requireNonNull(preflightClock, "preflightClock");
      return this;
    }

    /**
     * The preflight.
     *
     * @return an immutable preflight; each run opens and closes its own connections
     */
    public Preflight build() {
      return new Preflight(this);
    }
  }
}
