package io.github.pcrupgrade.testkit;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;

/**
 * Cluster identities as the product makes them (crdb-pcr-sql-facts 11.1): the storage cluster ID
 * is a random version-4 UUID written at bootstrap, and {@code crdb_internal.cluster_id()} returns
 * it on the system VC; on another VC it returns a logical ID derived from it: the high 64 bits
 * kept, FNV-1a-64 of the VC id (8 big-endian bytes) added to the low 64 bits, wrapping.
 */
public final class ClusterIds {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private ClusterIds() {}

  /**
   * A version-4 UUID drawn from {@code random} (deterministic for a seeded simulation).
   *
   * @param random the source of the UUID's 122 random bits; two longs are drawn from it
   * @return a random (version 4, IETF variant) UUID
   */
  public static UUID storageId(Random random) {
    Objects.requireNonNull(random, "random");
    long hi = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long lo = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(hi, lo);
  }

  /**
   * What {@code crdb_internal.cluster_id()} returns in the VC with id {@code vcId}.
   *
   * @param storageId the cluster's storage cluster ID
   * @param vcId the VC's id (1 is the system VC)
   * @return {@code storageId} itself for the system VC, otherwise the logical ID derived from it
   */
  public static UUID logicalId(UUID storageId, long vcId) {
    Objects.requireNonNull(storageId, "storageId");
    if (vcId == 1) {
      return storageId;
    }
    return new UUID(storageId.getMostSignificantBits(),
        storageId.getLeastSignificantBits() + fnv1a64(vcId));
  }

  private static long fnv1a64(long value) {
    long hash = FNV_OFFSET;
    for (byte b : ByteBuffer.allocate(8).putLong(value).array()) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    return hash;
  }
}
