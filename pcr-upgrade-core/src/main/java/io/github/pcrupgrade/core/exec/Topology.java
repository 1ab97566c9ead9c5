package io.github.pcrupgrade.core.exec;

import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.ReplicationInfo;
import io.github.pcrupgrade.core.model.ReplicationState;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The topology a run planned for (docs/design.md, "Identity and topology"): per cluster its identity,
 * its member nodes, its VCs and their ids, which application VCs it serves, and the stream it
 * ingests (the VC, its source, its job id where visible, whether it is being failed over). Roles
 * come from {@code SHOW VIRTUAL CLUSTERS}, never from jobs (crdb-pcr-sql-facts 11.2). Versions,
 * settings, liveness and lag are not topology: the run changes them itself, and the rules and the
 * health gate judge them.
 *
 * <p>Reader VCs are kept apart: the run drops and re-creates them itself (a new VC id), so a
 * comparison can leave them out while such a step of the run is under way ({@link #changesTo}
 * with {@code ignoreReaders}) and then take the new ones over ({@link #withReadersOf}).
 *
 * @param clusters the primary's and the standby's sides, in that order
 */
record Topology(List<Side> clusters) {

  Topology {
    clusters = List.copyOf(clusters);
  }

  /**
   * One cluster's side of the topology.
   *
   * @param name the cluster's name
   * @param clusterId its identity, when it could be read
   * @param members the ids of its member (not decommissioned) nodes
   * @param vcIds the id of each non-reader VC, by name
   * @param serving the application VCs it serves (ready, service mode shared or external)
   * @param stream the stream it ingests, if any
   * @param readers the id of each reader VC, by name
   */
  record Side(String name, Optional<UUID> clusterId, SortedSet<Integer> members,
      SortedMap<String, Long> vcIds, SortedSet<String> serving, Optional<Stream> stream,
      SortedMap<String, Long> readers) {}

  /**
   * A stream into a cluster.
   *
   * @param vc the ingesting VC
   * @param source the source VC it replicates
   * @param jobId the ingestion job id, where the product shows it
   * @param failingOver true once a failover of the stream has begun
   */
  record Stream(String vc, String source, Optional<Long> jobId, boolean failingOver) {
    /** The stream in words. */
    String describe() {
      return "'" + vc + "' ingesting '" + source + "'" + jobId.map(j -> " (job " + j + ")")
          .orElse("") + (failingOver ? ", failing over" : "");
    }

    /** The same stream: job ids are compared only when both are known. */
    boolean sameAs(Stream o) {
      return vc.equals(o.vc) && source.equals(o.source) && failingOver == o.failingOver
          && (jobId.isEmpty() || o.jobId.isEmpty() || jobId.equals(o.jobId));
    }
  }

  static Topology of(DeploymentSnapshot s) {
    return new Topology(List.of(side(s.primary()), side(s.standby())));
  }

  private static Side side(ClusterSnapshot c) {
    SortedSet<Integer> members = new TreeSet<>();
    c.memberNodes().stream().map(NodeInfo::id).forEach(members::add);
    SortedMap<String, Long> vcIds = new TreeMap<>();
    SortedMap<String, Long> readers = new TreeMap<>();
    SortedSet<String> serving = new TreeSet<>();
    Optional<Stream> stream = Optional.empty();
    for (VirtualClusterInfo vc : c.virtualClusters()) {
      if (vc.kind() == VcKind.READER) {
        readers.put(vc.name(), vc.id());
        continue;
      }
      vcIds.put(vc.name(), vc.id());
      if (vc.kind() == VcKind.APPLICATION && vc.dataState() == DataState.READY
          && vc.isServing()) {
        serving.add(vc.name());
      }
      if (vc.replication().isPresent()) {
        ReplicationInfo r = vc.replication().get();
        stream = Optional.of(new Stream(vc.name(), r.sourceVirtualCluster(), r.jobId(),
            r.state() == ReplicationState.PENDING_FAILOVER
                || r.state() == ReplicationState.FAILING_OVER));
      }
    }
    return new Side(c.name(), c.clusterId(), members, vcIds, serving, stream, readers);
  }

  /** This topology with the reader VCs of {@code now} (after the run's own reader step). */
  Topology withReadersOf(Topology now) {
    List<Side> out = new ArrayList<>();
    for (int i = 0; i < clusters.size(); i++) {
      Side a = clusters.get(i);
      out.add(new Side(a.name(), a.clusterId(), a.members(), a.vcIds(), a.serving(), a.stream(),
          now.clusters().get(i).readers()));
    }
    return new Topology(out);
  }

  /** What changed from this topology to {@code now}, in words; empty when nothing did. */
  List<String> changesTo(Topology now, boolean ignoreReaders) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < clusters.size(); i++) {
      Side a = clusters.get(i);
      Side b = now.clusters().get(i);
      String c = "'" + a.name() + "'";
      if (a.clusterId().isPresent() && b.clusterId().isPresent()
          && !a.clusterId().equals(b.clusterId())) {
        out.add(c + " is now another cluster (cluster id " + a.clusterId().get() + " -> "
            + b.clusterId().get() + ")");
      }
      if (!a.members().equals(b.members())) {
        out.add(c + " member nodes changed from " + a.members() + " to " + b.members());
      }
      if (!a.vcIds().equals(b.vcIds())) {
        out.add(c + " virtual clusters changed from " + a.vcIds() + " to " + b.vcIds()
            + " (name=id)");
      }
      if (!a.serving().equals(b.serving())) {
        out.add(c + " serves " + (b.serving().isEmpty() ? "no application VC"
            : "application VCs " + b.serving()) + ", planned with "
            + (a.serving().isEmpty() ? "none" : a.serving().toString()));
      }
      boolean sameStream = a.stream().isPresent() == b.stream().isPresent()
          && (a.stream().isEmpty() || a.stream().get().sameAs(b.stream().get()));
      if (!sameStream) {
        out.add(c + " ingests " + b.stream().map(Stream::describe).orElse("no stream")
            + ", planned with " + a.stream().map(Stream::describe).orElse("no stream"));
      }
      if (!ignoreReaders && !a.readers().equals(b.readers())) {
        out.add(c + " reader VCs changed from " + a.readers() + " to " + b.readers()
            + " (name=id)");
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return clusters.stream().map(s -> s.name() + ": nodes " + s.members() + ", VCs " + s.vcIds()
        + ", serving " + s.serving() + ", stream " + s.stream().map(Stream::describe)
        .orElse("none")).reduce((x, y) -> x + "; " + y).orElse("");
  }
}
