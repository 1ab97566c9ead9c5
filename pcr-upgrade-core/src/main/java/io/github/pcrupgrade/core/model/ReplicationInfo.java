package io.github.pcrupgrade.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The replication status of the standby's replicating VC.
 *
 * @param sourceVirtualCluster the primary VC it replicates ({@code source_tenant_name}:
 *     {@code main}, or {@code system} for a non-virtualized primary)
 * @param state the mapped status
 * @param rawStatus the status string as the product printed it
 * @param replicatedTime everything up to this time has been replicated; empty before the initial
 *     scan completes
 * @param retainedTime the oldest time a failover can go back to; empty when not reported
 * @param lag the replication lag; empty when not reported
 * @param jobId the stream's ingestion job id ({@code replication_job_id} on 23.x,
 *     {@code ingestion_job_id} from 25.1; crdb-pcr-sql-facts 11.2); empty where not shown
 */
public record ReplicationInfo(
    String sourceVirtualCluster,
    ReplicationState state,
    String rawStatus,
    Optional<Instant> replicatedTime,
    Optional<Instant> retainedTime,
    Optional<Duration> lag,
    Optional<Long> jobId) {

  /**
   * A stream whose job id is not known.
   *
   * @param sourceVirtualCluster the primary VC it replicates
   * @param state the mapped status
   * @param rawStatus the status string as the product printed it
   * @param replicatedTime empty before the initial scan completes
   * @param retainedTime empty when not reported
   * @param lag empty when not reported
   */
  public ReplicationInfo(String sourceVirtualCluster, ReplicationState state, String rawStatus,
      Optional<Instant> replicatedTime, Optional<Instant> retainedTime, Optional<Duration> lag) {
    this(sourceVirtualCluster, state, rawStatus, replicatedTime, retainedTime, lag,
        Optional.empty());
  }

  /**
   * Checks that no component is null.
   *
   * @param sourceVirtualCluster not null
   * @param state not null
   * @param rawStatus not null
   * @param replicatedTime not null; may be empty
   * @param retainedTime not null; may be empty
   * @param lag not null; may be empty
   * @param jobId not null; may be empty
   */
  public ReplicationInfo {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(sourceVirtualCluster, "sourceVirtualCluster");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(rawStatus, "rawStatus");
    Objects.requireNonNull(replicatedTime, "replicatedTime");
    Objects.requireNonNull(retainedTime, "retainedTime");
    Objects.requireNonNull(lag, "lag");
  }

  /**
   * A running stream with the given replicated time and lag.
   *
   * @param source the primary VC it replicates ({@code main}, say)
   * @param replicatedTime everything up to this time has been replicated
   * @param lag the replication lag
   * @return state {@link ReplicationState#REPLICATING}, raw status {@code replicating}, no
   *     retained time and no job id
   */
  public static ReplicationInfo replicating(String source, Instant replicatedTime, Duration lag) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(replicatedTime, "replicatedTime");
    Objects.requireNonNull(lag, "lag");
    return new ReplicationInfo(
        source, ReplicationState.REPLICATING, "replicating", Optional.of(replicatedTime),
        Optional.empty(), Optional.of(lag));
  }
}
