package io.github.pcrupgrade.testkit.internal.wire;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code crdb_internal.gossip_liveness}. The wire layer derives {@code
 * decommissioning} as "membership is not active", as CockroachDB does.
 *
 * @param nodeId node id
 * @param epoch liveness epoch
 * @param expiration the liveness expiration as an HLC string ({@code 1700000000.000000000,0})
 * @param draining whether the node is draining
 * @param membership liveness membership
 * @param updatedAt when the record was last updated, or null (printed as a TIMESTAMP in UTC)
 */
public record GossipLivenessRow(
    long nodeId,
    long epoch,
    String expiration,
    boolean draining,
    Membership membership,
    Instant updatedAt) {
  public GossipLivenessRow {
    Objects.requireNonNull(expiration, "expiration");
    Objects.requireNonNull(membership, "membership");
  }
}
