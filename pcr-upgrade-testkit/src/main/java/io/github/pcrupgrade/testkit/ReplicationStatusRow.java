package io.github.pcrupgrade.testkit;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One row of {@code SHOW VIRTUAL CLUSTER <vc> WITH REPLICATION STATUS} (crdb-pcr-sql-facts.md 2.2,
 * 2.3). Nullable fields are NULL in the product's output: every replication column of a VC without
 * a consumer job, {@code failover_time} until a failover is requested, {@code replicated_time}
 * before the initial scan. {@link #columns()} gives the column names and order of the simulated
 * series (older series print {@code cutover_time}; {@code ingestion_job_id} exists from 25.1).
 *
 * @param id the VC id
 * @param name the VC name
 * @param ingestionJobId the consumer job id, or null
 * @param sourceTenantName the source VC name, or null
 * @param sourceClusterUri the source cluster URI (no credentials), or null
 * @param retainedTime the oldest failover time, or null
 * @param replicatedTime the replicated time (microsecond precision), or null
 * @param replicationLag statement time minus replicated time, or null
 * @param failoverTime the requested failover time as an HLC decimal, or null
 * @param status the status string in the series' spelling ({@code replicating}, ... or the data
 *     state of a VC without a consumer job)
 * @param failoverNaming true for 24.3+ ({@code failover_time}, "replication pending failover")
 * @param ingestionJobIdColumn true when the series prints {@code ingestion_job_id} (25.1+)
 */
public record ReplicationStatusRow(
    long id,
    String name,
    Long ingestionJobId,
    String sourceTenantName,
    String sourceClusterUri,
    Instant retainedTime,
    Instant replicatedTime,
    Duration replicationLag,
    BigDecimal failoverTime,
    String status,
    boolean failoverNaming,
    boolean ingestionJobIdColumn) {

  /**
   * Checks the two components that are never NULL.
   *
   * @param id the VC id
   * @param name the VC name
   * @param ingestionJobId the consumer job id, or null
   * @param sourceTenantName the source VC name, or null
   * @param sourceClusterUri the source cluster URI, or null
   * @param retainedTime the oldest failover time, or null
   * @param replicatedTime the replicated time, or null
   * @param replicationLag statement time minus replicated time, or null
   * @param failoverTime the requested failover time, or null
   * @param status the status string
   * @param failoverNaming true for 24.3+
   * @param ingestionJobIdColumn true when the series prints {@code ingestion_job_id}
   * @throws NullPointerException if {@code name} or {@code status} is null
   */
  public ReplicationStatusRow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
  }

  /**
   * The name of the failover-time column in this series: {@code failover_time} or {@code cutover_time}.
   *
   * @return {@code failover_time} when {@link #failoverNaming()}, else {@code cutover_time}
   */
  public String failoverColumnName() {
    return failoverNaming ? "failover_time" : "cutover_time";
  }

  /**
   * The column names, in the order the simulated series prints them.
   *
   * @return nine names, ten with {@code ingestion_job_id} third when {@link
   *     #ingestionJobIdColumn()}
   */
  public List<String> columns() {
    return ingestionJobIdColumn
        ? List.of("id", "name", "ingestion_job_id", "source_tenant_name", "source_cluster_uri",
            "retained_time", "replicated_time", "replication_lag", failoverColumnName(), "status")
        : List.of("id", "name", "source_tenant_name", "source_cluster_uri", "retained_time",
            "replicated_time", "replication_lag", failoverColumnName(), "status");
  }
}
