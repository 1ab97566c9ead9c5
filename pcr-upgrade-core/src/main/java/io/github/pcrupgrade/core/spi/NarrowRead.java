package io.github.pcrupgrade.core.spi;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a narrow read of one cluster ({@link ClusterInspector#inspect(NarrowRead, ClusterSnapshot)})
 * reads afresh: the few values a step's done-condition looks at while the executor waits for it.
 * Everything not named here is taken from the previous full snapshot. Immutable.
 *
 * @param nodes node ids whose build, liveness and draining are read
 * @param versions VCs whose cluster version is read (each must serve SQL)
 * @param settings VCs whose finalization settings are read (each must serve SQL)
 * @param virtualClusters whether the list of VCs (data state, service mode) is read
 * @param replication VCs whose replication status (replicated time, state, lag) is read
 */
public record NarrowRead(Set<Integer> nodes, Set<String> versions, Set<String> settings,
    boolean virtualClusters, Set<String> replication) {

  /**
   * Copies the sets, so the read is immutable whatever the caller does with its own.
   *
   * @param nodes node ids whose build, liveness and draining are read
   * @param versions VCs whose cluster version is read (each must serve SQL)
   * @param settings VCs whose finalization settings are read (each must serve SQL)
   * @param virtualClusters whether the list of VCs (data state, service mode) is read
   * @param replication VCs whose replication status (replicated time, state, lag) is read
   * @throws NullPointerException when a set is null or holds null
   */
  public NarrowRead {
    nodes = Set.copyOf(new TreeSet<>(Objects.requireNonNull(nodes, "nodes")));
    versions = Set.copyOf(Objects.requireNonNull(versions, "versions"));
    settings = Set.copyOf(Objects.requireNonNull(settings, "settings"));
    replication = Set.copyOf(Objects.requireNonNull(replication, "replication"));
  }

  /**
   * Node {@code id}'s build, liveness and draining.
   *
   * @param id the node's id in its cluster
   * @return a read of that node only
   */
  public static NarrowRead node(int id) {
    return new NarrowRead(Set.of(id), Set.of(), Set.of(), false, Set.of());
  }

  /**
   * The cluster version of VC {@code vc}.
   *
   * @param vc a VC that serves SQL
   * @return a read of that VC's version only
   */
  public static NarrowRead version(String vc) {
    Objects.requireNonNull(vc, "vc");
    return new NarrowRead(Set.of(), Set.of(vc), Set.of(), false, Set.of());
  }

  /**
   * The finalization settings of VC {@code vc}.
   *
   * @param vc a VC that serves SQL
   * @return a read of that VC's settings only
   */
  public static NarrowRead settings(String vc) {
    Objects.requireNonNull(vc, "vc");
    return new NarrowRead(Set.of(), Set.of(), Set.of(vc), false, Set.of());
  }

  /**
   * The list of VCs with their data state and service mode.
   *
   * @return a read of the VC list only
   */
  public static NarrowRead virtualClusterList() {
    return new NarrowRead(Set.of(), Set.of(), Set.of(), true, Set.of());
  }

  /**
   * The replication status of the stream into VC {@code vc}.
   *
   * @param vc the standby's replicating app VC
   * @return a read of that stream's status only
   */
  public static NarrowRead replicationOf(String vc) {
    Objects.requireNonNull(vc, "vc");
    return new NarrowRead(Set.of(), Set.of(), Set.of(), false, Set.of(vc));
  }

  /**
   * Everything this read or {@code other} reads.
   *
   * @param other the read to combine with this one
   * @return a new read, the union of both; neither is changed
   */
  public NarrowRead and(NarrowRead other) {
    Objects.requireNonNull(other, "other");
    return new NarrowRead(union(nodes, other.nodes), union(versions, other.versions),
        union(settings, other.settings), virtualClusters || other.virtualClusters,
        union(replication, other.replication));
  }

  private static <T> Set<T> union(Set<T> a, Set<T> b) {
    Set<T> u = new java.util.HashSet<>(a);
    u.addAll(b);
    return u;
  }
}
