package io.github.pcrupgrade.core.rules;

import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.catalog.SeriesInfo;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the rules ask of one cluster, worked out once per check in one pass over its member nodes
 * instead of once per rule: the distinct series its binaries run, with what the catalog knows of
 * each, whether its nodes run more than one build, its system VC's version, its replicating VC and
 * the series it is on. The planner checks the rules before every plan and the executor before
 * every step, so this keeps a check linear in nodes with a small constant (issue 19).
 *
 * <p>Immutable; built for one check and dropped with it. Every answer equals what the
 * {@link ClusterSnapshot} accessor it replaces would give.
 */
final class ClusterFacts {

  /**
   * One series the member nodes run.
   *
   * @param series the series
   * @param info what the catalog knows of it; empty when it does not know it
   */
  record RunSeries(ReleaseSeries series, Optional<SeriesInfo> info) {}

  private final ClusterSnapshot cluster;
  private final List<NodeInfo> members;
  private final List<RunSeries> inNodeOrder;
  private final List<RunSeries> ascending;
  private final boolean mixedBinaries;
  private final Optional<ClusterVersion> systemVersion;
  private final Optional<VirtualClusterInfo> replicatingVc;
  private final Optional<ReleaseSeries> series;

  ClusterFacts(ReleaseCatalog catalog, ClusterSnapshot cluster) {
    this.cluster = cluster;
    this.members = cluster.memberNodes();
    List<RunSeries> runs = new ArrayList<>(2);
    BinaryVersion first = null;
    boolean mixed = false;
    ReleaseSeries previous = null;
    for (NodeInfo n : members) {
      BinaryVersion b = n.binary();
      if (first == null) {
        first = b;
      } else if (!mixed && !b.equals(first)) {
        mixed = true;
      }
      // nodes mostly run the series of the node before: no look-up in the list then
      if (previous != null && previous.year() == b.year() && previous.release() == b.release()) {
        continue;
      }
      previous = b.series();
      if (!runs(runs, previous)) {
        runs.add(new RunSeries(previous, catalog.find(previous)));
      }
    }
    this.inNodeOrder = List.copyOf(runs);
    runs.sort((a, b) -> a.series().compareTo(b.series()));
    this.ascending = List.copyOf(runs);
    this.mixedBinaries = mixed;
    this.systemVersion = cluster.systemVc().version().known();
    this.replicatingVc = cluster.replicatingVc();
    this.series = clusterSeries(catalog, systemVersion);
  }

  private static boolean runs(List<RunSeries> runs, ReleaseSeries s) {
    for (RunSeries r : runs) {
      if (r.series().equals(s)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<ReleaseSeries> clusterSeries(ReleaseCatalog catalog,
      Optional<ClusterVersion> system) {
    if (system.isEmpty()) {
      return Optional.empty();
    }
    ClusterVersion v = system.get();
    Optional<ReleaseSeries> reached = v.reachedSeries();
    if (reached.isPresent()) {
      return reached;
    }
    return catalog.knows(v.base()) ? catalog.predecessor(v.base()) : Optional.empty();
  }

  /** The cluster. */
  ClusterSnapshot cluster() {
    return cluster;
  }

  /** {@link ClusterSnapshot#memberNodes()}. */
  List<NodeInfo> members() {
    return members;
  }

  /** The distinct series of the member binaries, in the order of the first node running each. */
  List<RunSeries> seriesInNodeOrder() {
    return inNodeOrder;
  }

  /**
   * The distinct series of the member binaries, lowest first, as
   * {@link ClusterSnapshot#binarySeries()}.
   */
  List<RunSeries> seriesAscending() {
    return ascending;
  }

  /** {@link ClusterSnapshot#lowestBinarySeries()}; null without a member node. */
  ReleaseSeries lowestSeries() {
    return ascending.isEmpty() ? null : ascending.get(0).series();
  }

  /** {@link ClusterSnapshot#highestBinarySeries()}; null without a member node. */
  ReleaseSeries highestSeries() {
    return ascending.isEmpty() ? null : ascending.get(ascending.size() - 1).series();
  }

  /** Whether the member nodes run more than one build ({@code binaries().size() > 1}). */
  boolean mixedBinaries() {
    return mixedBinaries;
  }

  /** The system VC's version, when known. */
  Optional<ClusterVersion> systemVersion() {
    return systemVersion;
  }

  /** {@link ClusterSnapshot#replicatingVc()}. */
  Optional<VirtualClusterInfo> replicatingVc() {
    return replicatingVc;
  }

  /**
   * The series the cluster is on: the series its system VC has reached (for a final fence, the
   * catalog's predecessor of the fenced series); empty when its version is unknown.
   */
  Optional<ReleaseSeries> series() {
    return series;
  }

  /** The ids, in order, of the member nodes running a binary of {@code s}; for messages. */
  List<Integer> nodesOn(ReleaseSeries s) {
    List<Integer> ids = new ArrayList<>();
    for (NodeInfo n : members) {
      if (n.binary().series().equals(s)) {
        ids.add(n.id());
      }
    }
    return ids;
  }
}
