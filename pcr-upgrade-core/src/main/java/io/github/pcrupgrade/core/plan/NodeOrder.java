package io.github.pcrupgrade.core.plan;

/** The order in which the nodes of one cluster are restarted, one at a time. */
public enum NodeOrder {
  /** By node id, lowest first (the default). */
  BY_ID,
  /** Grouped by locality string (zone by zone), then by node id within a locality. */
  BY_LOCALITY,
  /**
   * A shuffle of the id-sorted node list with {@code new java.util.Random(seed)}, drawn afresh for
   * each cluster of each hop; nodes already done are dropped after shuffling, so the order is the
   * same when re-planning. Spreads leases and migrations as the product's own upgrade tests do.
   */
  SEEDED_RANDOM
}
