package io.github.pcrupgrade.jdbc;

import io.github.pcrupgrade.core.preflight.PreflightCheck;
import io.github.pcrupgrade.jdbc.internal.Sql;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The preflight's {@code jobs} check of one VC (crdb-pcr-sql-facts 11.4): schema-change and
 * migration jobs still running there, each with its age. A WARN, never a FAIL: the stored 25.x and
 * 26.x upgrade lists no longer wait for schema changes inside the finalization, but 22.2 and 23.1
 * did, the docs still say "finalization is not complete until all schema change jobs reach a
 * terminal state", and a running migration means the VC is mid-finalization. Reads {@code SHOW
 * JOBS} in the VC (it bypasses the internals gate; jobs are per VC) and filters by type and status
 * here, as the derived query of 11.4 does.
 */
final class RunningJobsCheck {

  static final String NAME = "jobs";
  static final String FACT = "crdb-pcr-sql-facts 11.4";
  /** The job types that slow or block a finalization (11.4). */
  static final Set<String> TYPES =
      Set.of("SCHEMA CHANGE", "NEW SCHEMA CHANGE", "SCHEMA CHANGE GC", "MIGRATION");
  /** The terminal statuses (11.4, 6.1): such a job no longer runs. */
  static final Set<String> TERMINAL = Set.of("succeeded", "failed", "canceled", "revert-failed");

  /** A job as the check needs it. */
  record Job(long id, String type, String status, String description, Instant created) {}

  private RunningJobsCheck() {}

  /**
   * Reads and judges the jobs of {@code vc}.
   *
   * @param subject the check's subject ({@code cluster/vc})
   * @param seesAllJobs whether the user has the admin role; without it (and without {@code
   *     VIEWJOB}) {@code SHOW JOBS} lists only the user's own jobs, so "none" is only inferred
   */
  static PreflightCheck check(Sql sql, String subject, String vc, String user,
      boolean seesAllJobs, Instant now) {
    List<Job> jobs;
    try {
      jobs = sql.query(vc, "read the jobs of VC '" + vc + "'", "SHOW JOBS", rs -> {
        Timestamp created = rs.getTimestamp("created");
        return new Job(rs.getLong("job_id"), rs.getString("job_type"), rs.getString("status"),
            rs.getString("description"), created == null ? null : created.toInstant());
      });
    } catch (CockroachSqlException e) {
      return PreflightCheck.warn(NAME, subject, "the jobs could not be read: " + e.getMessage(),
          "grant user '" + user + "' VIEWJOB (GRANT SYSTEM VIEWJOB TO " + user + "), or check"
              + " for running schema changes and migrations with SHOW JOBS as an admin", FACT);
    }
    return judge(subject, jobs, user, seesAllJobs, now);
  }

  /** The verdict for the jobs {@code SHOW JOBS} listed in one VC. Pure. */
  static PreflightCheck judge(String subject, List<Job> jobs, String user, boolean seesAllJobs,
      Instant now) {
    List<Job> running = jobs.stream()
        .filter(j -> j.type() != null && TYPES.contains(j.type()))
        .filter(j -> j.status() == null
            || !TERMINAL.contains(j.status().toLowerCase(Locale.ROOT)))
        .toList();
    if (running.isEmpty()) {
      if (!seesAllJobs) {
        return PreflightCheck.warn(NAME, subject, "no schema-change or migration job of user '"
                + user + "' is running; jobs of other users are visible only with VIEWJOB or the"
                + " admin role, so that none runs is only inferred",
            "run SHOW JOBS as an admin, or GRANT SYSTEM VIEWJOB TO " + user, FACT);
      }
      return PreflightCheck.ok(NAME, subject, "no schema-change or migration job is running",
          FACT);
    }
    String list = running.stream().map(j -> "job " + j.id() + " (" + j.type() + ", "
            + j.status() + (j.created() == null ? "" : ", for " + age(j.created(), now)) + "): "
            + j.description())
        .collect(Collectors.joining("; "));
    boolean gc = running.stream().anyMatch(j -> j.type().equals("SCHEMA CHANGE GC"));
    boolean migration = running.stream().anyMatch(j -> j.type().equals("MIGRATION"));
    return PreflightCheck.warn(NAME, subject, running.size() + " schema-change or migration"
            + " job(s) still running: " + list,
        "let them finish before the upgrade finalizes this VC (or pause a schema change with"
            + " PAUSE JOB <id>): older finalizations waited inside SET CLUSTER SETTING version"
            + " until every schema change was terminal or paused"
            + (gc ? "; a SCHEMA CHANGE GC job waits for the GC TTL and cannot be cancelled" : "")
            + (migration ? "; a running MIGRATION job means this VC is already finalizing" : ""),
        FACT);
  }

  /** {@code 3h 12m}, {@code 4m 5s}, {@code 2d 1h}: the age of a job, whole units. */
  static String age(Instant created, Instant now) {
    Duration d = Duration.between(created, now);
    if (d.isNegative()) {
      d = Duration.ZERO;
    }
    if (d.toDays() > 0) {
      return d.toDays() + "d " + d.toHoursPart() + "h";
    }
    if (d.toHours() > 0) {
      return d.toHours() + "h " + d.toMinutesPart() + "m";
    }
    return d.toMinutes() + "m " + d.toSecondsPart() + "s";
  }
}
