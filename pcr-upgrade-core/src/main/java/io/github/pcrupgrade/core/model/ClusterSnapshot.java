package io.github.pcrupgrade.core.model;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * One cluster of a PCR deployment as an inspector observed it at one moment. Structurally
 * consistent by construction: node ids and VC names are unique and there is exactly one system VC
 * (a snapshot that is not gets {@code INVALID_ARGUMENT} naming the problem). Semantic problems (a
 * VC above its system VC, a reader without its replicating VC) are left to the rules, which report
 * them as violations.
 *
 * <p>There is one constructor, so that a copy cannot silently drop the identity or licence:
 * derive copies with the {@code with...} methods, which keep every other component.
 *
 * @param name a display name for the cluster ({@code primary}, {@code us-east}); used in messages
 * @param role the role it was given in the deployment
 * @param nodes the nodes, in node id order
 * @param virtualClusters the VCs, in id order
 * @param health range health
 * @param observedAt when the snapshot was taken (the inspector's clock)
 * @param clusterId the cluster's identity: {@code crdb_internal.cluster_id()} on its system VC (the
 *     storage cluster ID, a random UUID written at bootstrap, crdb-pcr-sql-facts 11.1); empty when
 *     it could not be read (a snapshot written by hand, an older state file)
 * @param licence the cluster's licence (type and expiry, never the key) and where telemetry is
 *     off (crdb-pcr-sql-facts 11.3); empty when it was not or could not be read
 */
public record ClusterSnapshot(
    String name,
    ClusterRole role,
    List<NodeInfo> nodes,
    List<VirtualClusterInfo> virtualClusters,
    ClusterHealth health,
    Instant observedAt,
    Optional<UUID> clusterId,
    Optional<ClusterLicence> licence) {

  /**
   * Sorts the lists and checks that the snapshot is structurally consistent.
   *
   * @param name not null
   * @param role not null
   * @param nodes at least one node, at least one of them a member; unique ids; any order
   * @param virtualClusters exactly one system VC; unique names and ids; any order
   * @param health not null
   * @param observedAt not null
   * @param clusterId not null; may be empty
   * @param licence not null; may be empty
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} naming the cluster and the problem when
   *     a list breaks its rule above
   * @throws NullPointerException for a null component
   */
  public ClusterSnapshot {
    Objects.requireNonNull(clusterId, "clusterId");
    Objects.requireNonNull(licence, "licence");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(observedAt, "observedAt");
    Objects.requireNonNull(nodes, "nodes");
    Objects.requireNonNull(virtualClusters, "virtualClusters");
    nodes = nodes.stream().sorted((a, b) -> Integer.compare(a.id(), b.id())).toList();
    virtualClusters =
        virtualClusters.stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    if (nodes.isEmpty()) {
      throw invalid("cluster '" + name + "' has no nodes; an inspector always sees at least one");
    }
    if (nodes.stream().noneMatch(NodeInfo::isMember)) {
      throw invalid("cluster '" + name + "' has no member nodes: every node is decommissioned,"
          + " yet an inspector reads through a live one");
    }
    Set<Integer> ids = new HashSet<>();
    for (NodeInfo n : nodes) {
      if (!ids.add(n.id())) {
        throw invalid("cluster '" + name + "' lists node " + n.id() + " twice");
      }
    }
    Set<String> names = new HashSet<>();
    Set<Long> vcIds = new HashSet<>();
    int systems = 0;
    for (VirtualClusterInfo vc : virtualClusters) {
      if (!names.add(vc.name())) {
        throw invalid("cluster '" + name + "' has two virtual clusters named '" + vc.name() + "'");
      }
      if (!vcIds.add(vc.id())) {
        throw invalid("cluster '" + name + "' has two virtual clusters with id " + vc.id());
      }
      if (vc.kind() == VcKind.SYSTEM) {
        systems++;
      }
    }
    if (systems != 1) {
      throw invalid("cluster '" + name + "' must have exactly one system VC, found " + systems);
    }
  }

  private static PcrUpgradeException invalid(String message) {
    return new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, "invalid snapshot: " + message);
  }

  /**
   * The system VC.
   *
   * @return the one VC of kind {@link VcKind#SYSTEM}, which every snapshot has
   */
  public VirtualClusterInfo systemVc() {
    for (VirtualClusterInfo v : virtualClusters) {
      if (v.kind() == VcKind.SYSTEM) {
        return v;
      }
    }
    throw new IllegalStateException("unreachable: the constructor checks for one system VC");
  }

  /**
   * The VC with this name.
   *
   * @param vcName the VC's name, compared exactly
   * @return the VC; empty when this cluster has none of that name
   */
  public Optional<VirtualClusterInfo> vc(String vcName) {
    Objects.requireNonNull(vcName, "vcName");
    for (VirtualClusterInfo v : virtualClusters) {
      if (v.name().equals(vcName)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /**
   * The node with this id, decommissioned or not.
   *
   * @param id the node id
   * @return the node; empty when this cluster has none with that id
   */
  public Optional<NodeInfo> node(int id) {
    return nodes.stream().filter(n -> n.id() == id).findFirst();
  }

  /**
   * The application VCs.
   *
   * @return an immutable list in id order, replicating VCs included, reader VCs not; may be
   *     empty
   */
  public List<VirtualClusterInfo> applicationVcs() {
    return ofKind(VcKind.APPLICATION);
  }

  /**
   * The VC ingesting a replication stream (the standby's replicating VC).
   *
   * @return the first VC, in id order, for which {@link VirtualClusterInfo#isReplicating()}
   *     holds; empty when none does (a primary, or a standby after failover)
   */
  public Optional<VirtualClusterInfo> replicatingVc() {
    for (VirtualClusterInfo v : virtualClusters) {
      if (v.isReplicating()) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /**
   * The reader VCs.
   *
   * @return an immutable list in id order; empty when there is none
   */
  public List<VirtualClusterInfo> readerVcs() {
    return ofKind(VcKind.READER);
  }

  /** The VCs of {@code kind}, in id order (the planner and the rules ask often: no stream). */
  private List<VirtualClusterInfo> ofKind(VcKind kind) {
    List<VirtualClusterInfo> out = new ArrayList<>(virtualClusters.size());
    for (VirtualClusterInfo v : virtualClusters) {
      if (v.kind() == kind) {
        out.add(v);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The nodes that count for the rules.
   *
   * @return an immutable list, in node id order, of every node but the decommissioned ones;
   *     never empty
   */
  public List<NodeInfo> memberNodes() {
    // the planner and the rules ask often: no copy in the common case of no decommissioned node
    for (NodeInfo n : nodes) {
      if (!n.isMember()) {
        return nodes.stream().filter(NodeInfo::isMember).toList();
      }
    }
    return nodes;
  }

  /**
   * The distinct binaries run by member nodes.
   *
   * @return an unmodifiable set, lowest first; never empty
   */
  public SortedSet<BinaryVersion> binaries() {
    SortedSet<BinaryVersion> out = new TreeSet<>();
    for (NodeInfo n : memberNodes()) {
      out.add(n.binary());
    }
    return Collections.unmodifiableSortedSet(out);
  }

  /**
   * The distinct binary series run by member nodes.
   *
   * @return an unmodifiable set, lowest first; never empty; more than one element during a
   *     rolling upgrade
   */
  public SortedSet<ReleaseSeries> binarySeries() {
    SortedSet<ReleaseSeries> out = new TreeSet<>();
    for (NodeInfo n : memberNodes()) {
      out.add(n.binary().series());
    }
    return Collections.unmodifiableSortedSet(out);
  }

  /**
   * The lowest binary series run by a member node.
   *
   * @return the first of {@link #binarySeries()}
   */
  public ReleaseSeries lowestBinarySeries() {
    // the rules ask on every check: one pass, no set (a snapshot always has a member node)
    ReleaseSeries lowest = null;
    for (NodeInfo n : memberNodes()) {
      ReleaseSeries s = n.binary().series();
      if (lowest == null || s.isBefore(lowest)) {
        lowest = s;
      }
    }
    return lowest;
  }

  /**
   * The highest binary series run by a member node.
   *
   * @return the last of {@link #binarySeries()}
   */
  public ReleaseSeries highestBinarySeries() {
    ReleaseSeries highest = null;
    for (NodeInfo n : memberNodes()) {
      ReleaseSeries s = n.binary().series();
      if (highest == null || s.isAfter(highest)) {
        highest = s;
      }
    }
    return highest;
  }

  /**
   * A copy with these nodes instead (identity, licence and everything else kept).
   *
   * @param newNodes the nodes, under the constructor's rules
   * @return the copy
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} as the constructor
   */
  public ClusterSnapshot withNodes(List<NodeInfo> newNodes) {
    return new ClusterSnapshot(name, role, newNodes, virtualClusters, health, observedAt,
        clusterId, licence);
  }

  /**
   * A copy with these VCs instead (identity, licence and everything else kept).
   *
   * @param newVirtualClusters the VCs, under the constructor's rules
   * @return the copy
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} as the constructor
   */
  public ClusterSnapshot withVirtualClusters(List<VirtualClusterInfo> newVirtualClusters) {
    return new ClusterSnapshot(name, role, nodes, newVirtualClusters, health, observedAt,
        clusterId, licence);
  }

  /**
   * A copy with this range health instead (identity, licence and everything else kept).
   *
   * @param newHealth the range health
   * @return the copy
   */
  public ClusterSnapshot withHealth(ClusterHealth newHealth) {
    return new ClusterSnapshot(name, role, nodes, virtualClusters, newHealth, observedAt,
        clusterId, licence);
  }

  /**
   * A copy given another name and role (identity, licence and everything else kept).
   *
   * @param newName the display name
   * @param newRole the role in the deployment
   * @return the copy
   */
  public ClusterSnapshot as(String newName, ClusterRole newRole) {
    Objects.requireNonNull(newName, "newName");
    Objects.requireNonNull(newRole, "newRole");
    return new ClusterSnapshot(newName, newRole, nodes, virtualClusters, health, observedAt,
        clusterId, licence);
  }

  /**
   * A copy with one node replaced, matched by id.
   *
   * @param node the node's new state
   * @return the copy; equal to this snapshot when no node has {@code node}'s id (it is not added)
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when the change leaves no member node
   */
  public ClusterSnapshot withNode(NodeInfo node) {
    Objects.requireNonNull(node, "node");
    List<NodeInfo> copy = new ArrayList<>(nodes);
    copy.replaceAll(n -> n.id() == node.id() ? node : n);
    return new ClusterSnapshot(name, role, copy, virtualClusters, health, observedAt, clusterId, licence);
  }

  /**
   * A copy with the VC of that name changed by {@code change}.
   *
   * @param vcName the VC's name, compared exactly
   * @param change applied to that VC, once
   * @return the copy; equal to this snapshot when no VC has that name
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when the changed VC breaks the
   *     constructor's rules (a duplicate name or id, a second or no system VC)
   */
  public ClusterSnapshot withVc(String vcName, UnaryOperator<VirtualClusterInfo> change) {
    Objects.requireNonNull(vcName, "vcName");
    Objects.requireNonNull(change, "change");
    List<VirtualClusterInfo> copy = new ArrayList<>(virtualClusters);
    copy.replaceAll(v -> v.name().equals(vcName) ? change.apply(v) : v);
    return new ClusterSnapshot(name, role, nodes, copy, health, observedAt, clusterId, licence);
  }

  /**
   * A copy without the VC of that name.
   *
   * @param vcName the VC's name, compared exactly
   * @return the copy; equal to this snapshot when no VC has that name
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when {@code vcName} names the system VC
   */
  public ClusterSnapshot withoutVc(String vcName) {
    Objects.requireNonNull(vcName, "vcName");
    List<VirtualClusterInfo> copy = new ArrayList<>(virtualClusters);
    copy.removeIf(v -> v.name().equals(vcName));
    return new ClusterSnapshot(name, role, nodes, copy, health, observedAt, clusterId, licence);
  }

  /**
   * A copy with one more VC.
   *
   * @param vc the VC to add
   * @return the copy
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when its name or id is taken, or it is a
   *     second system VC
   */
  public ClusterSnapshot withAddedVc(VirtualClusterInfo vc) {
    Objects.requireNonNull(vc, "vc");
    List<VirtualClusterInfo> copy = new ArrayList<>(virtualClusters);
    copy.add(vc);
    return new ClusterSnapshot(name, role, nodes, copy, health, observedAt, clusterId, licence);
  }

  /**
   * A copy taken at another time.
   *
   * @param time the new {@link #observedAt()}
   * @return the copy
   */
  public ClusterSnapshot at(Instant time) {
    Objects.requireNonNull(time, "time");
    return new ClusterSnapshot(name, role, nodes, virtualClusters, health, time, clusterId, licence);
  }

  /**
   * A copy with this cluster identity.
   *
   * @param id {@code crdb_internal.cluster_id()} as read on the system VC
   * @return the copy
   */
  public ClusterSnapshot withClusterId(UUID id) {
    Objects.requireNonNull(id, "id");
    return new ClusterSnapshot(name, role, nodes, virtualClusters, health, observedAt,
        Optional.of(id), licence);
  }

  /**
   * A copy with this licence reading.
   *
   * @param read the licence as read from the cluster
   * @return the copy
   */
  public ClusterSnapshot withLicence(ClusterLicence read) {
    Objects.requireNonNull(read, "read");
    return new ClusterSnapshot(name, role, nodes, virtualClusters, health, observedAt, clusterId,
        Optional.of(read));
  }
}
