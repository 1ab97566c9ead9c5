package io.github.pcrupgrade.testkit.internal.wire;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code SHOW JOBS} in one VC (crdb-pcr-sql-facts 6.1, 11.2, 11.4). The wire layer
 * serves the columns of the v25.4-v26.3 docs; the columns this record does not carry are served
 * as the product leaves them for a job that has not failed ({@code statement} and {@code error}
 * empty, {@code running_status}, {@code coordinator_id}, {@code trace_id} and {@code
 * execution_errors} NULL).
 *
 * @param jobId the job id
 * @param jobType the job type as the product prints it ({@code REPLICATION STREAM INGESTION},
 *     {@code SCHEMA CHANGE}, {@code NEW SCHEMA CHANGE}, {@code SCHEMA CHANGE GC}, {@code MIGRATION})
 * @param description the job's description
 * @param userName the user the job runs as
 * @param status the job status ({@code running}, {@code paused}, {@code succeeded}, ...)
 * @param created when the job was created; also its {@code started} and {@code modified}
 * @param finished when the job reached a terminal status, or null
 */
public record JobRow(
    long jobId,
    String jobType,
    String description,
    String userName,
    String status,
    Instant created,
    Instant finished) {
  public JobRow {
    Objects.requireNonNull(jobType, "jobType");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(created, "created");
  }
}
