package io.github.pcrupgrade.testkit.sql;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A job that runs in one VC of a served cluster and that the upgrade does not start: a schema
 * change or a migration still running (crdb-pcr-sql-facts 11.4), listed by {@code SHOW JOBS} in
 * that VC only. It never finishes by itself; it is there for checks that look for it.
 *
 * @param vc the VC the job runs in ({@code system} or an application VC's name)
 * @param jobId the job id
 * @param jobType one of {@code SCHEMA CHANGE}, {@code NEW SCHEMA CHANGE}, {@code SCHEMA CHANGE
 *     GC}, {@code MIGRATION} (the types of 11.4)
 * @param description what {@code SHOW JOBS} prints as its description
 * @param userName the user it runs as
 * @param created when it was created, on the simulation's clock
 */
public record RunningJob(String vc, long jobId, String jobType, String description,
    String userName, Instant created) {

  /** The job types 11.4 names as slowing finalization. */
  public static final Set<String> TYPES =
      Set.of("SCHEMA CHANGE", "NEW SCHEMA CHANGE", "SCHEMA CHANGE GC", "MIGRATION");

  /**
   * Checks the job type.
   *
   * @param vc the VC the job runs in
   * @param jobId the job id
   * @param jobType one of {@link #TYPES}
   * @param description what {@code SHOW JOBS} prints as its description
   * @param userName the user it runs as
   * @param created when it was created
   * @throws NullPointerException if {@code vc}, {@code jobType}, {@code description}, {@code
   *     userName} or {@code created} is null
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if {@code jobType} is not one of {@link
   *     #TYPES}
   */
  public RunningJob {
    Objects.requireNonNull(jobType, "jobType");
    Objects.requireNonNull(vc, "vc");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(created, "created");
    if (!TYPES.contains(jobType)) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, "job type '" + jobType
          + "' is not one of " + TYPES + " (crdb-pcr-sql-facts 11.4)");
    }
  }

  /**
   * A {@code NEW SCHEMA CHANGE} job (the declarative schema changer's) run by {@code root}.
   *
   * @param vc the VC the job runs in
   * @param jobId the job id
   * @param statement the schema change's statement, shown as the job's description
   * @param created when it was created, on the simulation's clock
   * @return the job
   */
  public static RunningJob schemaChange(String vc, long jobId, String statement, Instant created) {
    Objects.requireNonNull(statement, "statement");
    return new RunningJob(vc, jobId, "NEW SCHEMA CHANGE", statement, "root", created);
  }
}
