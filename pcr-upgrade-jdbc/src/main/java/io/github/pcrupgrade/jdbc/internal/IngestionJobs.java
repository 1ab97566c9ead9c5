package io.github.pcrupgrade.jdbc.internal;

import io.github.pcrupgrade.core.model.ReplicationInfo;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.jdbc.CockroachSqlException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stream's ingestion job id where the replication status does not show it (24.1-24.3): from
 * {@code SHOW JOBS} on the standby's system VC, the one unfinished job of type {@code REPLICATION
 * STREAM INGESTION} whose description {@code CREATE VIRTUAL CLUSTER <vc> FROM REPLICATION OF ...}
 * names the VC (crdb-pcr-sql-facts 11.2, 6.1). Only the topology guard uses it: roles are decided
 * from {@code SHOW VIRTUAL CLUSTERS}, never from jobs (11.2). {@code SHOW JOBS} bypasses the
 * internals gate (11.4).
 *
 * <p>Empty, never a guess, when the jobs cannot be read (a user without {@code VIEWJOB} sees only
 * its own jobs, 11.4; an error), or when no job or more than one job matches: the guard then
 * compares the stream by VC, source and state, as before.
 */
final class IngestionJobs {

  static final String TYPE = "REPLICATION STREAM INGESTION";
  /** The terminal job statuses (crdb-pcr-sql-facts 6.1): such a job no longer ingests. */
  private static final Set<String> TERMINAL =
      Set.of("succeeded", "failed", "canceled", "revert-failed");
  private static final Pattern DESCRIBED_VC = Pattern.compile(
      "^CREATE\\s+(?:VIRTUAL\\s+CLUSTER|TENANT)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\"(?:[^\"]|\"\")+\"|\\S+)"
          + "\\s+FROM\\s+REPLICATION\\s+OF\\b", Pattern.CASE_INSENSITIVE);

  private IngestionJobs() {}

  /** The id of the unfinished ingestion job of {@code vc}, or empty (see the class comment). */
  static Optional<Long> read(Sql sql, String cluster, String vc) {
    List<long[]> ids;
    try {
      ids = sql.query(VirtualClusterInfo.SYSTEM, "read the ingestion job of VC '" + vc + "'",
          "SHOW JOBS", rs -> {
            String type = rs.getString(Rows.required(rs, cluster, "SHOW JOBS", "job_type"));
            String status = rs.getString(Rows.required(rs, cluster, "SHOW JOBS", "status"));
            String description = rs.getString(Rows.required(rs, cluster, "SHOW JOBS", "description"));
            if (!TYPE.equals(type) || status == null
                || TERMINAL.contains(status.toLowerCase(Locale.ROOT))
                || !describesVc(description, vc)) {
              return null;
            }
            return new long[] {rs.getLong(Rows.required(rs, cluster, "SHOW JOBS", "job_id"))};
          });
    } catch (CockroachSqlException e) {
      return Optional.empty();
    }
    List<long[]> matching = ids.stream().filter(x -> x != null).toList();
    return matching.size() == 1 ? Optional.of(matching.get(0)[0]) : Optional.empty();
  }

  /** Whether a job description names {@code vc} as the VC the stream replicates into. */
  static boolean describesVc(String description, String vc) {
    if (description == null) {
      return false;
    }
    Matcher m = DESCRIBED_VC.matcher(description.trim());
    if (!m.find()) {
      return false;
    }
    String name = m.group(1);
    if (name.startsWith("\"")) {
      name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
    }
    return name.equals(vc);
  }

  /** {@code r} with {@code jobId} (unchanged when empty). */
  static ReplicationInfo withJobId(ReplicationInfo r, Optional<Long> jobId) {
    if (jobId.isEmpty()) {
      return r;
    }
    return new ReplicationInfo(r.sourceVirtualCluster(), r.state(), r.rawStatus(),
        r.replicatedTime(), r.retainedTime(), r.lag(), jobId);
  }
}
