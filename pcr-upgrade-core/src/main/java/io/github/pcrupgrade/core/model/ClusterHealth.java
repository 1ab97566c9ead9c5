package io.github.pcrupgrade.core.model;

/**
 * Range health of a cluster, summed over its stores ({@code kv_store_status} metrics).
 *
 * @param underReplicatedRanges {@code ranges.underreplicated}; must be 0 before a node restart
 * @param unavailableRanges {@code ranges.unavailable}; must be 0 before a node restart
 */
public record ClusterHealth(long underReplicatedRanges, long unavailableRanges) {

  /** No under-replicated and no unavailable ranges. */
  public static final ClusterHealth HEALTHY = new ClusterHealth(0, 0);

  public ClusterHealth {
    if (underReplicatedRanges < 0 || unavailableRanges < 0) {
      throw new IllegalArgumentException("range counts cannot be negative");
    }
  }

  public boolean isHealthy() {
    return underReplicatedRanges == 0 && unavailableRanges == 0;
  }
}
