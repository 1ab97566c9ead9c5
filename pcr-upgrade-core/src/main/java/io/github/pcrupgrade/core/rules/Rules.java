package io.github.pcrupgrade.core.rules;

import io.github.pcrupgrade.core.catalog.Feature;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.catalog.SeriesInfo;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.Provenance;
import io.github.pcrupgrade.core.model.ReplicationInfo;
import io.github.pcrupgrade.core.model.ReplicationState;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The PCR upgrade rules as pure functions of a snapshot: the invariants and procedure rules of
 * docs/design.md, and the preconditions of starting a major upgrade. Never throws on any snapshot (a
 * series the catalog does not know becomes an {@link RuleCode#UNKNOWN_SERIES} violation).
 * Immutable and thread-safe.
 */
public final class Rules {

  private final ReleaseCatalog catalog;

  /**
   * Rules over a catalog.
   *
   * @param catalog the release catalog every series is judged against
   */
  public Rules(ReleaseCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /**
   * Rules over the built-in catalog.
   *
   * @return rules over {@link ReleaseCatalog#builtIn()}
   */
  public static Rules builtIn() {
    return new Rules(ReleaseCatalog.builtIn());
  }

  /**
   * The catalog these rules judge against.
   *
   * @return the catalog given at construction
   */
  public ReleaseCatalog catalog() {
    return catalog;
  }

  /**
   * Checks the invariants, the procedure rules and the snapshot's consistency: what is true of the
   * deployment whatever the plan. Used before every executor step.
   *
   * @param snapshot the deployment
   * @return every violation found, errors first; never throws for a non-null snapshot
   */
  public CheckResult check(DeploymentSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    List<Violation> out = new ArrayList<>();
    deployment(snapshot, facts(snapshot), out);
    return new CheckResult(out);
  }

  /** What {@link #check(DeploymentSnapshot)} checks, into {@code out}. */
  private void deployment(DeploymentSnapshot snapshot, List<ClusterFacts> both,
      List<Violation> out) {
    snapshotConsistency(both, out);
    identity(snapshot, both.get(0), out);
    out.addAll(PinnedSettings.atRest(snapshot));
    for (ClusterFacts c : both) {
      vcAboveSystemVc(c, out);
      vcAboveNodeBinary(c, out);
      vcBelowMinSupported(c, out);
    }
    replication(both.get(0), both.get(1), out);
    procedure(snapshot, both.get(0), both.get(1), out);
  }

  /** The facts of the primary, then of the standby, each worked out once for this check. */
  private List<ClusterFacts> facts(DeploymentSnapshot snapshot) {
    return List.of(new ClusterFacts(catalog, snapshot.primary()),
        new ClusterFacts(catalog, snapshot.standby()));
  }

  /**
   * Everything {@link #check(DeploymentSnapshot)} checks, plus the preconditions of starting a major
   * upgrade to {@code target} from rest (finalized VCs, live nodes on one build, healthy ranges,
   * replication running), the target's own validity (known, not a downgrade, reachable) and the
   * licence the target needs.
   *
   * @param snapshot the deployment, normally at rest
   * @param target the series to upgrade to
   * @return every violation found, errors first; an unknown target is a
   *     {@link RuleCode#TARGET_UNKNOWN} violation, not an exception
   */
  public CheckResult check(DeploymentSnapshot snapshot, ReleaseSeries target) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(snapshot, "snapshot");
    // one list, sorted once by CheckResult: the same order as sorting the deployment's violations
    // first, as the sort is stable
    List<Violation> out = new ArrayList<>();
    List<ClusterFacts> both = facts(snapshot);
    deployment(snapshot, both, out);
    preconditions(snapshot, both, out);
    target(both, target, out);
    LicenceRule.check(catalog, snapshot, target, out);
    return new CheckResult(out);
  }

  /**
   * Whether a fast failback to the original primary is allowed now: only after a failover, only
   * while the promoted standby is not newer than the original primary (invariant 7), and only when
   * every VC the failback carries meets the MinSupported of the original primary's binaries
   * (invariant 5: the original primary may have gone on upgrading after the failover).
   *
   * @param snapshot the deployment, with the original primary as {@code primary}
   * @return the verdict; not allowed, without violations, when no failover has happened or the
   *     original primary's system VC version is unknown
   */
  public FailbackVerdict mayFastFailBack(DeploymentSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    ClusterSnapshot original = snapshot.primary();
    ClusterSnapshot promoted = snapshot.standby();
    if (!snapshot.isFailedOver() && !snapshot.isFailingBack()) {
      return new FailbackVerdict(false,
          "no failover has happened: standby '" + promoted.name() + "' has no ready, serving"
              + " application VC", List.of());
    }
    List<Violation> out = new ArrayList<>();
    ClusterVersion originalSystem = version(original.systemVc()).orElse(null);
    if (originalSystem == null) {
      return new FailbackVerdict(false,
          "the version of '" + original.name() + "' system VC is unknown", List.of());
    }
    List<VirtualClusterInfo> newer = new ArrayList<>();
    newer.add(promoted.systemVc());
    newer.addAll(promoted.applicationVcs());
    for (VirtualClusterInfo vc : newer) {
      version(vc).filter(v -> v.isAfter(originalSystem)).ifPresent(v -> out.add(Violation.of(
          RuleCode.FAST_FAILBACK_FROM_NEWER, promoted.name(), vc.name(), null,
          "promoted standby '" + promoted.name() + "' VC '" + vc.name() + "' is at " + v
              + ", newer than original primary '" + original.name() + "' system VC at "
              + originalSystem + ": a fast failback would replicate from a newer cluster into an"
              + " older one",
          "upgrade and finalize '" + original.name() + "' to " + v + " (binaries, then system VC)"
              + " before failing back, or fail back with a full (not fast) replication")));
    }
    failbackBelowMinSupported(original, promoted, out);
    return out.isEmpty()
        ? new FailbackVerdict(true,
            "promoted standby '" + promoted.name() + "' is not newer than original primary '"
                + original.name() + "' (" + originalSystem + ")", List.of())
        : new FailbackVerdict(false, out.get(0).message(), out);
  }

  /**
   * Invariant 5 across a fast failback: the failback replaces the original primary's VC with the
   * promoted VC's data, version row included (crdb-pcr-sql-facts 4.1, 3.5), so every node of the
   * original primary must run a binary whose MinSupported that version meets (a binary refuses a
   * VC below its MinSupported, crdb-pcr-sql-facts 4.2). Only the VCs a failback carries count: the
   * promoted application VCs, or its system VC when it has none (a non-virtualized primary).
   */
  private void failbackBelowMinSupported(ClusterSnapshot original, ClusterSnapshot promoted,
      List<Violation> out) {
    List<VirtualClusterInfo> carried = promoted.applicationVcs().isEmpty()
        ? List.of(promoted.systemVc()) : promoted.applicationVcs();
    Set<ReleaseSeries> seen = new LinkedHashSet<>();
    for (NodeInfo n : original.memberNodes()) {
      ReleaseSeries s = n.binary().series();
      Optional<SeriesInfo> info = catalog.find(s);
      if (info.isEmpty() || !seen.add(s)) {
        continue;
      }
      ReleaseSeries min = info.get().minSupported();
      for (VirtualClusterInfo vc : carried) {
        Optional<ClusterVersion> v = version(vc);
        if (v.isPresent() && !v.get().isAtLeast(min)) {
          List<Integer> nodes = original.memberNodes().stream()
              .filter(m -> m.binary().series().equals(s)).map(NodeInfo::id).toList();
          out.add(Violation.of(RuleCode.VC_BELOW_MIN_SUPPORTED, original.name(), vc.name(),
              nodes.get(0),
              "original primary '" + original.name() + "' node(s) " + nodes + " run " + s
                  + " binaries, which need every VC at " + min + " or later (MinSupported), but a"
                  + " fast failback would replicate promoted standby '" + promoted.name()
                  + "' VC '" + vc.name() + "' at " + v.get() + " into it",
              "finalize '" + promoted.name() + "' VC '" + vc.name() + "' to at least " + min
                  + " before failing back, or fail back with a full (not fast) replication"));
        }
      }
    }
  }

  // --- invariants -------------------------------------------------------------------------

  /** Invariant 3: every VC at or below its system VC. */
  private void vcAboveSystemVc(ClusterFacts f, List<Violation> out) {
    ClusterSnapshot c = f.cluster();
    Optional<ClusterVersion> system = f.systemVersion();
    if (system.isEmpty()) {
      return;
    }
    for (VirtualClusterInfo vc : c.virtualClusters()) {
      if (vc.kind() == VcKind.SYSTEM || vc.version().provenance() != Provenance.OBSERVED) {
        continue;
      }
      ClusterVersion v = vc.version().version();
      if (v.isAfter(system.get())) {
        out.add(Violation.of(RuleCode.VC_ABOVE_SYSTEM_VC, c.name(), vc.name(), null,
            "cluster '" + c.name() + "' VC '" + vc.name() + "' is at " + v + ", above its system"
                + " VC at " + system.get(),
            "finalize the system VC of '" + c.name() + "' to at least " + v + " first; never"
                + " finalize an application VC before its system VC"));
      }
    }
  }

  /** Invariant 4: no VC is (being) finalized to a series a node cannot run. */
  private void vcAboveNodeBinary(ClusterFacts f, List<Violation> out) {
    ClusterSnapshot c = f.cluster();
    for (VirtualClusterInfo vc : c.virtualClusters()) {
      if (vc.version().provenance() != Provenance.OBSERVED) {
        continue;
      }
      ClusterVersion v = vc.version().version();
      ReleaseSeries needed = targetSeries(v);
      // a node runs a series before the needed one only if the lowest series is before it
      if (f.members().isEmpty() || !f.lowestSeries().isBefore(needed)) {
        continue;
      }
      for (NodeInfo n : f.members()) {
        if (n.binary().series().isBefore(needed)) {
          out.add(Violation.of(RuleCode.VC_ABOVE_NODE_BINARY, c.name(), vc.name(), n.id(),
              "cluster '" + c.name() + "' VC '" + vc.name() + "' is at " + v + " (series "
                  + needed + ") but node " + n.id() + " (" + n.address() + ") runs " + n.binary()
                  + ", which cannot run it",
              "restart node " + n.id() + " onto a " + needed + " binary; a VC is finalized only"
                  + " after every node of its cluster runs the new binary"));
        }
      }
    }
  }

  /** Invariant 5: every node's binary supports every VC of its cluster. */
  private void vcBelowMinSupported(ClusterFacts f, List<Violation> out) {
    ClusterSnapshot c = f.cluster();
    // each series once, in the order of the first node running it
    for (ClusterFacts.RunSeries run : f.seriesInNodeOrder()) {
      ReleaseSeries s = run.series();
      Optional<SeriesInfo> info = run.info();
      if (info.isEmpty()) {
        continue;
      }
      ReleaseSeries min = info.get().minSupported();
      for (VirtualClusterInfo vc : c.virtualClusters()) {
        Optional<ClusterVersion> v = version(vc);
        if (v.isPresent() && !v.get().isAtLeast(min)) {
          List<Integer> nodes = f.nodesOn(s);
          out.add(Violation.of(RuleCode.VC_BELOW_MIN_SUPPORTED, c.name(), vc.name(), nodes.get(0),
              "cluster '" + c.name() + "' node(s) " + nodes + " run " + s + " binaries, which"
                  + " need every VC at " + min + " or later (MinSupported), but VC '" + vc.name()
                  + "' is at " + v.get() + describe(vc),
              "roll node(s) " + nodes + " back to the previous binary, then finalize VC '"
                  + vc.name() + "' to at least " + min + " before restarting into " + s));
        }
      }
    }
  }

  /** Invariants 1, 2 and 7: along every running stream. */
  private void replication(ClusterFacts p, ClusterFacts sb, List<Violation> out) {
    stream(p, sb, false, out);
    stream(sb, p, true, out);
  }

  private void stream(
      ClusterFacts sourceFacts, ClusterFacts destFacts, boolean failback, List<Violation> out) {
    Optional<VirtualClusterInfo> replicating = destFacts.replicatingVc();
    if (replicating.isEmpty()) {
      return;
    }
    ClusterSnapshot source = sourceFacts.cluster();
    ClusterSnapshot dest = destFacts.cluster();
    ReplicationInfo info = replicating.get().replication().orElseThrow();
    Optional<ClusterVersion> destSystem = destFacts.systemVersion();
    Optional<ClusterVersion> carried = source.vc(info.sourceVirtualCluster()).flatMap(this::version);
    Optional<ClusterVersion> own = version(replicating.get());
    Optional<ClusterVersion> replicated =
        carried.isPresent() && own.isPresent()
            ? Optional.of(carried.get().isAfter(own.get()) ? carried.get() : own.get())
            : carried.or(() -> own);
    if (destSystem.isPresent() && replicated.isPresent()
        && replicated.get().isAfter(destSystem.get())) {
      RuleCode code = failback ? RuleCode.FAST_FAILBACK_FROM_NEWER
          : RuleCode.REPLICATED_VC_NEWER_THAN_DESTINATION;
      out.add(Violation.of(code, dest.name(), replicating.get().name(), null,
          "'" + source.name() + "' VC '" + info.sourceVirtualCluster() + "' at "
              + replicated.get() + " replicates into '" + dest.name() + "' VC '"
              + replicating.get().name() + "', but '" + dest.name() + "' system VC is at "
              + destSystem.get() + ": data from a newer VC flows into an older cluster",
          "upgrade '" + dest.name() + "' binaries and finalize its system VC to at least "
              + replicated.get() + " now; do not fail over or start the reader VC until then"));
    }
    Optional<ReleaseSeries> sourceSeries = sourceFacts.series();
    if (sourceSeries.isEmpty() || !catalog.knows(sourceSeries.get())) {
      return;
    }
    for (ClusterFacts.RunSeries run : destFacts.seriesAscending()) {
      ReleaseSeries destSeries = run.series();
      boolean ok = destSeries.equals(sourceSeries.get())
          || (run.info().isPresent()
              && catalog.isDirectUpgrade(sourceSeries.get(), destSeries));
      if (!ok) {
        List<Integer> nodes = destFacts.nodesOn(destSeries);
        out.add(Violation.of(
            failback ? RuleCode.FAST_FAILBACK_FROM_NEWER : RuleCode.STANDBY_SERIES_INCOMPATIBLE,
            dest.name(), null, nodes.get(0),
            "'" + dest.name() + "' node(s) " + nodes + " run " + destSeries + " binaries, but '"
                + source.name() + "' is on " + sourceSeries.get() + ": the destination of a"
                + " stream must be on the source's series or one it can upgrade to directly ("
                + catalog.directTargets(sourceSeries.get()) + ")",
            destSeries.isBefore(sourceSeries.get())
                ? "upgrade '" + dest.name() + "' to " + sourceSeries.get() + " first"
                : "roll '" + dest.name() + "' node(s) " + nodes + " back to a binary of "
                    + sourceSeries.get() + " or of a direct target of it"));
      }
    }
  }

  // --- identity ---------------------------------------------------------------------------

  /** Two distinct clusters, in the roles they were given (crdb-pcr-sql-facts 11.1). */
  private void identity(DeploymentSnapshot s, ClusterFacts primary, List<Violation> out) {
    ClusterSnapshot p = s.primary();
    ClusterSnapshot sb = s.standby();
    if (p.clusterId().isPresent() && p.clusterId().equals(sb.clusterId())) {
      out.add(Violation.of(RuleCode.SAME_CLUSTER, sb.name(), null, null,
          "the cluster given as primary ('" + p.name() + "') and the cluster given as standby ('"
              + sb.name() + "') are one cluster: both report cluster id "
              + p.clusterId().get() + "; nothing can be planned or done on it as a PCR pair",
          "give the primary cluster's URL as the primary and the standby cluster's URL as the"
              + " standby (two distinct clusters); nothing was changed"));
    }
    Optional<VirtualClusterInfo> ingesting = primary.replicatingVc();
    if (ingesting.isPresent()) {
      String source = ingesting.get().replication().map(ReplicationInfo::sourceVirtualCluster)
          .orElse(ingesting.get().name());
      sb.vc(source).filter(v -> v.dataState() == DataState.READY && v.isServing())
          .ifPresent(v -> out.add(Violation.of(RuleCode.CLUSTERS_LIKELY_SWAPPED, p.name(),
              ingesting.get().name(), null,
              likelySwapped(p.name(), ingesting.get().name(), sb.name(), source),
              "give the primary (the cluster that serves '" + source + "') as the primary and"
                  + " the standby (the cluster that ingests it) as the standby; only if a"
                  + " failback into '" + p.name() + "' is running, let it finish first")));
    }
  }

  /** The message for a stream into the cluster given as primary (public for the planner). */
  static String likelySwapped(String primary, String ingestingVc, String standby, String source) {
    return "the cluster given as primary ('" + primary + "') ingests a replication stream into VC '"
        + ingestingVc + "' while the cluster given as standby ('" + standby + "') serves VC '"
        + source + "': the standby's stream cannot come from the primary, so the primary and"
        + " standby URLs are most likely swapped (or a failback into '" + primary + "' is"
        + " running)";
  }

  // --- procedure ---------------------------------------------------------------------------

  private void procedure(DeploymentSnapshot s, ClusterFacts pf, ClusterFacts sf,
      List<Violation> out) {
    ClusterSnapshot p = s.primary();
    ClusterSnapshot sb = s.standby();
    // A cluster whose every node is decommissioned runs no binary: nothing to compare.
    boolean bothRunNodes = !pf.members().isEmpty() && !sf.members().isEmpty();
    if (!s.isFailedOver() && !s.isFailingBack()) {
      if (bothRunNodes && pf.highestSeries().isAfter(sf.lowestSeries())) {
        out.add(Violation.of(RuleCode.STANDBY_BINARIES_BEHIND_PRIMARY, p.name(), null, null,
            "primary '" + p.name() + "' runs " + pf.highestSeries() + " binaries while"
                + " standby '" + sb.name() + "' still runs " + sf.lowestSeries(),
            "upgrade every standby node before any further primary node"));
      }
      Optional<ClusterVersion> ps = pf.systemVersion();
      Optional<ClusterVersion> ss = sf.systemVersion();
      if (ps.isPresent() && ss.isPresent() && ps.get().isAfter(ss.get())) {
        out.add(Violation.of(RuleCode.PRIMARY_FINALIZED_BEFORE_STANDBY, p.name(),
            VirtualClusterInfo.SYSTEM, null,
            "primary '" + p.name() + "' system VC is at " + ps.get() + ", past standby '"
                + sb.name() + "' system VC at " + ss.get(),
            "finalize the standby's system VC before finalizing anything more on the primary"));
      }
    }
    List<ClusterFacts> both = List.of(pf, sf);
    for (ClusterFacts f : both) {
      ClusterSnapshot c = f.cluster();
      for (VirtualClusterInfo vc : c.virtualClusters()) {
        if (vc.version().provenance() != Provenance.OBSERVED || vc.version().version().isFinal()) {
          continue;
        }
        ReleaseSeries finishing = finishingSeries(f, vc.version().version());
        for (ClusterFacts anyFacts : both) {
          if (anyFacts.members().isEmpty()) {
            continue;
          }
          ClusterSnapshot any = anyFacts.cluster();
          ReleaseSeries highest = anyFacts.highestSeries();
          if (highest.isAfter(finishing)) {
            // Located at the VC still finalizing (the message names the other cluster too).
            out.add(Violation.of(RuleCode.NEW_UPGRADE_BEFORE_FINALIZED, c.name(), vc.name(),
                null,
                "'" + any.name() + "' runs " + highest + " binaries while '" + c.name()
                    + "' VC '" + vc.name() + "' has not finished finalizing to " + finishing
                    + " (at " + vc.version().version() + ")",
                "let VC '" + vc.name() + "' finish finalizing to " + finishing
                    + " before the next major upgrade"));
          }
        }
      }
    }
  }

  // --- snapshot consistency ------------------------------------------------------------------

  private void snapshotConsistency(List<ClusterFacts> both, List<Violation> out) {
    for (ClusterFacts f : both) {
      ClusterSnapshot c = f.cluster();
      Set<ReleaseSeries> unknown = null; // made at the first unknown series; mostly none is
      for (ClusterFacts.RunSeries run : f.seriesInNodeOrder()) {
        if (run.info().isEmpty()) {
          unknown = with(unknown, run.series());
        }
      }
      for (VirtualClusterInfo vc : c.virtualClusters()) {
        ClusterVersion v = vc.version().version();
        if (v != null) {
          unknown = withIfUnknown(unknown, v.reachedSeries());
          // The series a VC is finalizing to counts as much as the one it has reached.
          unknown = withIfUnknown(unknown, v.upgradingTo());
        }
        if (vc.version().provenance() == Provenance.UNKNOWN) {
          out.add(Violation.of(RuleCode.VERSION_UNKNOWN, c.name(), vc.name(), null,
              "the version of '" + c.name() + "' VC '" + vc.name() + "' is unknown ("
                  + vc.version().evidence() + "); rules that need it were skipped",
              "inspect the primary together with the standby so that the replicated version can"
                  + " be inferred"));
        }
        if (vc.kind() == VcKind.READER) {
          readerVc(f, vc, out);
        }
      }
      for (ReleaseSeries u : unknown == null ? Set.<ReleaseSeries>of() : unknown) {
        out.add(Violation.of(RuleCode.UNKNOWN_SERIES, c.name(), null, null,
            "cluster '" + c.name() + "' runs or is at series " + u + ", which the release"
                + " catalog does not know (it knows " + catalog.series() + ")",
            "add " + u + " to the catalog with ReleaseCatalog.builtIn().toBuilder()"));
      }
    }
  }

  /** {@code unknown} (made when null) with {@code series} added when the catalog lacks it. */
  private Set<ReleaseSeries> withIfUnknown(Set<ReleaseSeries> unknown,
      Optional<ReleaseSeries> series) {
    return series.isPresent() && !catalog.knows(series.get()) ? with(unknown, series.get())
        : unknown;
  }

  /** {@code set} (a new insertion-ordered set when null) with {@code series} added. */
  private static Set<ReleaseSeries> with(Set<ReleaseSeries> set, ReleaseSeries series) {
    Set<ReleaseSeries> out = set == null ? new LinkedHashSet<>() : set;
    out.add(series);
    return out;
  }

  private void readerVc(ClusterFacts f, VirtualClusterInfo reader, List<Violation> out) {
    ClusterSnapshot c = f.cluster();
    String name = reader.name();
    String base = name.endsWith(VirtualClusterInfo.READER_SUFFIX)
        ? name.substring(0, name.length() - VirtualClusterInfo.READER_SUFFIX.length()) : null;
    if (base == null || c.vc(base).filter(v -> v.kind() == VcKind.APPLICATION).isEmpty()) {
      out.add(Violation.of(RuleCode.READER_WITHOUT_REPLICATING_VC, c.name(), name, null,
          "cluster '" + c.name() + "' has reader VC '" + name + "' but no replicating VC "
              + (base == null ? "it could belong to (reader VCs are named <vc>-readonly)"
                  : "'" + base + "'"),
          "drop the orphaned reader VC ('ALTER VIRTUAL CLUSTER \"" + name + "\" STOP SERVICE',"
              + " then 'DROP VIRTUAL CLUSTER \"" + name + "\"')"));
    }
    for (ClusterFacts.RunSeries run : f.seriesAscending()) {
      ReleaseSeries s = run.series();
      Optional<SeriesInfo> info = run.info();
      if (info.isPresent() && !info.get().has(Feature.READER_VC)) {
        out.add(Violation.of(RuleCode.READER_VC_UNSUPPORTED, c.name(), name, null,
            "cluster '" + c.name() + "' has reader VC '" + name + "' but runs " + s
                + " binaries; reader VCs exist only from 24.3 on",
            "check the snapshot: a reader VC cannot exist on " + s));
      }
    }
  }

  // --- preconditions and target --------------------------------------------------------------

  private void preconditions(DeploymentSnapshot s, List<ClusterFacts> both,
      List<Violation> out) {
    for (ClusterFacts f : both) {
      ClusterSnapshot c = f.cluster();
      for (VirtualClusterInfo vc : c.virtualClusters()) {
        version(vc).filter(ClusterVersion::isTransitional).ifPresent(v -> out.add(Violation.of(
            RuleCode.VC_NOT_FINALIZED, c.name(), vc.name(), null,
            "cluster '" + c.name() + "' VC '" + vc.name() + "' is not finalized (at " + v + ")",
            "let its finalization finish (SHOW CLUSTER SETTING version must print exactly"
                + " X.Y) before starting a new major upgrade")));
      }
      for (NodeInfo n : f.members()) {
        if (n.liveness() != Liveness.LIVE || n.draining()) {
          out.add(Violation.of(RuleCode.NODE_NOT_LIVE, c.name(), null, n.id(),
              "cluster '" + c.name() + "' node " + n.id() + " (" + n.address() + ") is "
                  + n.liveness() + (n.draining() ? " and draining" : ""),
              "restart or decommission node " + n.id() + " and wait until it is LIVE"));
        }
        if (n.binary().isOneWay()) {
          out.add(Violation.of(RuleCode.ONE_WAY_BINARY, c.name(), null, n.id(),
              "cluster '" + c.name() + "' node " + n.id() + " runs " + n.binary() + ", an "
                  + n.binary().stage() + " build that cannot be upgraded to a production release",
              "restore from a backup into a cluster on a production release"));
        }
      }
      if (f.mixedBinaries()) {
        out.add(Violation.of(RuleCode.MIXED_BINARIES, c.name(), null, null,
            "cluster '" + c.name() + "' nodes run different builds: " + c.binaries(),
            "bring every node of '" + c.name() + "' to one build first"));
      }
      if (c.health().underReplicatedRanges() > 0) {
        out.add(Violation.of(RuleCode.UNDER_REPLICATED_RANGES, c.name(), null, null,
            "cluster '" + c.name() + "' has " + c.health().underReplicatedRanges()
                + " under-replicated ranges",
            "wait until ranges.underreplicated is 0 before restarting any node"));
      }
      if (c.health().unavailableRanges() > 0) {
        out.add(Violation.of(RuleCode.UNAVAILABLE_RANGES, c.name(), null, null,
            "cluster '" + c.name() + "' has " + c.health().unavailableRanges()
                + " unavailable ranges",
            "restore availability (ranges.unavailable must be 0) before any upgrade step"));
      }
    }
    if (s.isFailedOver()) {
      return;
    }
    Optional<VirtualClusterInfo> replicating = both.get(1).replicatingVc();
    if (replicating.isEmpty()) {
      out.add(Violation.of(RuleCode.REPLICATION_NOT_RUNNING, s.standby().name(), null, null,
          "no replication stream runs into standby '" + s.standby().name() + "'",
          "start or repair the PCR stream before upgrading, or plan the clusters separately"));
      return;
    }
    ReplicationInfo info = replicating.get().replication().orElseThrow();
    if (info.state() == ReplicationState.ERROR) {
      out.add(Violation.of(RuleCode.REPLICATION_ERROR, s.standby().name(),
          replicating.get().name(), null,
          "the stream into '" + s.standby().name() + "' VC '" + replicating.get().name()
              + "' is in error ('" + info.rawStatus() + "')",
          "repair replication (SHOW VIRTUAL CLUSTER ... WITH REPLICATION STATUS) before any"
              + " upgrade step"));
    } else if (info.state() != ReplicationState.REPLICATING) {
      out.add(Violation.of(RuleCode.REPLICATION_NOT_RUNNING, s.standby().name(),
          replicating.get().name(), null,
          "the stream into '" + s.standby().name() + "' VC '" + replicating.get().name()
              + "' is '" + info.rawStatus() + "', not replicating",
          "wait until the status is 'replicating' (resume it if paused)"));
    }
  }

  private void target(List<ClusterFacts> both, ReleaseSeries target, List<Violation> out) {
    if (!catalog.knows(target)) {
      out.add(Violation.of(RuleCode.TARGET_UNKNOWN, "", null, null,
          "target series " + target + " is not in the release catalog (it knows "
              + catalog.series() + ")",
          "choose a known series, or add " + target + " with ReleaseCatalog.builder()"));
      return;
    }
    for (ClusterFacts f : both) {
      ClusterSnapshot c = f.cluster();
      Optional<ReleaseSeries> current = f.series();
      if (current.isEmpty() || !catalog.knows(current.get())) {
        continue;
      }
      if (target.isBefore(current.get())) {
        out.add(Violation.of(RuleCode.TARGET_IS_DOWNGRADE, c.name(), VirtualClusterInfo.SYSTEM,
            null,
            "target " + target + " is older than cluster '" + c.name() + "', whose system VC is"
                + " on " + current.get(),
            "choose a target at or after " + current.get() + "; a finalized major version cannot"
                + " be lowered"));
      } else if (!reachable(current.get(), target)) {
        out.add(Violation.of(RuleCode.TARGET_UNREACHABLE, c.name(), VirtualClusterInfo.SYSTEM,
            null,
            "no chain of direct upgrades leads from " + current.get() + " ('" + c.name()
                + "') to " + target,
            "choose a target reachable from " + current.get() + " (direct targets: "
                + catalog.directTargets(current.get()) + ")"));
      }
    }
  }

  private boolean reachable(ReleaseSeries from, ReleaseSeries to) {
    try {
      catalog.path(from, to);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  private Optional<ClusterVersion> version(VirtualClusterInfo vc) {
    return vc.version().known();
  }

  private static String describe(VirtualClusterInfo vc) {
    return vc.version().provenance() == Provenance.INFERRED
        ? " (inferred: " + vc.version().evidence() + ")" : "";
  }

  /**
   * The series a version is at or finishing: the final series, the named target of a step, the
   * catalog's successor of a legacy step (or its base when unknown).
   */
  private ReleaseSeries targetSeries(ClusterVersion v) {
    if (v.isFinal()) {
      return v.base();
    }
    return v.upgradingTo().orElseGet(() ->
        catalog.knows(v.base()) ? catalog.successor(v.base()).orElse(v.base()) : v.base());
  }

  /**
   * The series a transitional version of a VC of {@code c} is finalizing to, judged against the hop
   * its cluster's binaries are on (P3): a skip upgrade (24.3 -> 25.2) passes through the steps of the
   * skipped series ({@code 24.3-upgrading-to-25.1-step-002}), so when the cluster's lowest binary
   * series is a direct upgrade from the series the version has reached and not before the series
   * its step names, the VC is finishing that hop. Otherwise the series the version itself names.
   */
  private ReleaseSeries finishingSeries(ClusterFacts c, ClusterVersion v) {
    ReleaseSeries named = targetSeries(v);
    if (c.members().isEmpty()) {
      return named;
    }
    ReleaseSeries binaries = c.lowestSeries();
    Optional<ReleaseSeries> from = v.reachedSeries();
    if (from.isPresent() && binaries.isAfter(named) && catalog.knows(from.get())
        && catalog.isDirectUpgrade(from.get(), binaries)) {
      return binaries;
    }
    return named;
  }
}
