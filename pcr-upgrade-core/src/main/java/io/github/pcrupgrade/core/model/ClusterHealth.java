package io.github.pcrupgrade.core.model;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;

/**
 * Range health of a cluster, summed over its stores ({@code kv_store_status} metrics).
 *
 * @param underReplicatedRanges {@code ranges.underreplicated}; must be 0 before a node restart
 * @param unavailableRanges {@code ranges.unavailable}; must be 0 before a node restart
 */
public record ClusterHealth(long underReplicatedRanges, long unavailableRanges) {

  /** No under-replicated and no unavailable ranges. */
  public static final ClusterHealth HEALTHY = new ClusterHealth(0, 0);

  /**
   * Checks the counts.
   *
   * @param underReplicatedRanges 0 or more
   * @param unavailableRanges 0 or more
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a negative count
   */
  public ClusterHealth {
    if (underReplicatedRanges < 0 || unavailableRanges < 0) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "range counts cannot be negative, got " + underReplicatedRanges + " under-replicated and "
              + unavailableRanges + " unavailable");
    }
  }

  /**
   * Whether a node may be restarted, as far as range health goes.
   *
   * @return true when no range is under-replicated or unavailable
   */
  public boolean isHealthy() {
    return underReplicatedRanges == 0 && unavailableRanges == 0;
  }
}
