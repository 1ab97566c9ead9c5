package io.github.pcrupgrade.testkit.internal.wire;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A replication consumer job as {@code SHOW VIRTUAL CLUSTER ... WITH REPLICATION STATUS} shows it.
 * The wire layer computes {@code replication_lag} as {@link WireBackend#now()} minus {@code
 * replicatedTime} and truncates times to microseconds.
 *
 * @param ingestionJobId the consumer job's id
 * @param sourceTenantName the VC replicated from
 * @param sourceClusterUri the stream URI (the product redacts the password; give it redacted)
 * @param retainedTime the earliest failover time, or null before the initial scan
 * @param replicatedTime the replicated time, or null before the initial scan
 * @param failoverTime the failover HLC timestamp (e.g. {@code 1695922878030920020.0000000000}),
 *     or null unless a failover was requested
 * @param status the job's replication status
 */
public record ReplicationInfo(
    long ingestionJobId,
    String sourceTenantName,
    String sourceClusterUri,
    Instant retainedTime,
    Instant replicatedTime,
    BigDecimal failoverTime,
    ReplicationStatus status) {
  public ReplicationInfo {
    Objects.requireNonNull(sourceTenantName, "sourceTenantName");
    Objects.requireNonNull(sourceClusterUri, "sourceClusterUri");
    Objects.requireNonNull(status, "status");
  }
}
