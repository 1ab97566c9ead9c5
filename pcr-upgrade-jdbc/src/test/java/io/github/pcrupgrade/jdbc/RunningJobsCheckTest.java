package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.preflight.PreflightCheck;
import io.github.pcrupgrade.core.preflight.Verdict;
import io.github.pcrupgrade.jdbc.RunningJobsCheck.Job;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict of the jobs check from the rows SHOW JOBS lists (crdb-pcr-sql-facts 11.4, 6.1). */
class RunningJobsCheckTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  private static PreflightCheck judge(List<Job> jobs) {
    return RunningJobsCheck.judge("primary/main", jobs, "root", true, NOW);
  }

  @Test
  void terminalJobsAndOtherTypesAreIgnored() {
    PreflightCheck c = judge(List.of(
        new Job(1, "SCHEMA CHANGE", "succeeded", "done", NOW.minusSeconds(60)),
        new Job(2, "NEW SCHEMA CHANGE", "failed", "x", NOW),
        new Job(3, "MIGRATION", "canceled", "x", NOW),
        new Job(4, "SCHEMA CHANGE", "revert-failed", "x", NOW),
        new Job(5, "REPLICATION STREAM INGESTION", "running", "stream", NOW),
        new Job(6, "AUTO CREATE STATS", "running", "stats", NOW)));
    assertThat(c.verdict()).isEqualTo(Verdict.OK);
  }

  @Test
  void everyUnfinishedStatusOfTheFourTypesWarns() {
    for (String type : List.of("SCHEMA CHANGE", "NEW SCHEMA CHANGE", "SCHEMA CHANGE GC",
        "MIGRATION")) {
      for (String status : List.of("running", "paused", "pending", "reverting",
          "retry-running")) {
        PreflightCheck c = judge(List.of(new Job(7, type, status, "d", NOW.minusSeconds(3700))));
        assertThat(c.verdict()).as(type + " " + status).isEqualTo(Verdict.WARN);
        assertThat(c.seen()).contains("job 7 (" + type + ", " + status + ", for 1h 1m)");
      }
    }
  }

  @Test
  void aSchemaChangeGcJobSaysItCannotBeCancelled() {
    PreflightCheck c = judge(List.of(new Job(8, "SCHEMA CHANGE GC", "running", "GC for drop",
        NOW.minusSeconds(2 * 86_400 + 3600))));
    assertThat(c.seen()).contains("for 2d 1h");
    assertThat(c.todo()).contains("cannot be cancelled");
  }

  @Test
  void withoutSeeingEveryJobNoneIsOnlyInferred() {
    PreflightCheck c = RunningJobsCheck.judge("standby/system", List.of(), "viewer", false, NOW);
    assertThat(c.verdict()).isEqualTo(Verdict.WARN);
    assertThat(c.seen()).contains("only inferred");
    assertThat(c.todo()).contains("GRANT SYSTEM VIEWJOB TO viewer");
  }
}
