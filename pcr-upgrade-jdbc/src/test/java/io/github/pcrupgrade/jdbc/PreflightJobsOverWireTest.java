package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.preflight.PreflightCheck;
import io.github.pcrupgrade.core.preflight.PreflightReport;
import io.github.pcrupgrade.core.preflight.Verdict;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.ClusterAdministration;
import io.github.pcrupgrade.testkit.sql.RunningJob;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Preflight's {@code jobs} check (issue 16; crdb-pcr-sql-facts 11.4): schema-change and migration
 * jobs still running in a VC the upgrade finalizes give a WARN with their age and what to do;
 * none gives OK, per VC.
 */
class PreflightJobsOverWireTest {

  private static ClusterConnectionSettings settings(String name, String url) {
    return ClusterConnectionSettings.builder(name).url(url).user("root")
        .password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static PreflightReport preflight(SimulatedDeployment d, SimulatedPcrServer server) {
    return Preflight.builder(settings("primary", server.primaryUrl()),
        settings("standby", server.standbyUrl())).clock(d.clock()).build().run();
  }

  private static List<String> verdicts(PreflightReport r) {
    return r.named("jobs").stream().map(c -> c.subject() + " " + c.verdict()).toList();
  }

  @Test
  void withoutRunningJobsEveryFinalizedVcIsOk() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      PreflightReport r = preflight(d, server);

      // the VCs the upgrade finalizes by SQL: both system VCs and the primary's app VC; the
      // standby's ingestion job is no schema change
      assertThat(verdicts(r)).containsExactlyInAnyOrder("primary/system OK", "primary/main OK",
          "standby/system OK");
    }
  }

  @Test
  void aLongRunningSchemaChangeWarnsWithItsAge() {
    // Given a schema change that has run for 3 h 12 min in the primary's main
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();
    Instant created = d.clock().instant().minus(Duration.ofHours(3).plusMinutes(12));
    try (SimulatedPcrServer server = SimulatedPcrServer.builder(d).administration("primary",
        ClusterAdministration.defaults().withRunningJob(RunningJob.schemaChange("main", 4711,
            "ALTER TABLE public.orders ADD COLUMN note STRING", created))).start()) {

      // When preflight runs
      PreflightReport r = preflight(d, server);

      // Then exactly that VC warns, naming the job, its type, its age and what to do
      assertThat(r.with(Verdict.FAIL)).isEmpty();
      assertThat(verdicts(r)).containsExactlyInAnyOrder("primary/system OK",
          "primary/main WARN", "standby/system OK");
      PreflightCheck c = r.named("jobs").stream().filter(x -> x.verdict() == Verdict.WARN)
          .findFirst().orElseThrow();
      assertThat(c.seen()).contains("job 4711", "NEW SCHEMA CHANGE", "running", "for 3h 12m",
          "ALTER TABLE public.orders ADD COLUMN note STRING");
      assertThat(c.todo()).contains("let them finish", "PAUSE JOB");
      assertThat(c.fact()).isEqualTo("crdb-pcr-sql-facts 11.4");
    }
  }

  @Test
  void aMigrationRunningInTheStandbysSystemVcWarnsThatItIsFinalizing() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();
    Instant created = d.clock().instant().minus(Duration.ofMinutes(4).plusSeconds(5));
    try (SimulatedPcrServer server = SimulatedPcrServer.builder(d).administration("standby",
        ClusterAdministration.defaults().withRunningJob(new RunningJob("system", 99,
            "MIGRATION", "24.3-12: upgrade step", "node", created))).start()) {
      PreflightReport r = preflight(d, server);

      assertThat(verdicts(r)).containsExactlyInAnyOrder("primary/system OK", "primary/main OK",
          "standby/system WARN");
      assertThat(r.named("jobs")).filteredOn(x -> x.verdict() == Verdict.WARN).singleElement()
          .satisfies(c -> {
            assertThat(c.seen()).contains("job 99", "MIGRATION", "for 4m 5s");
            assertThat(c.todo()).contains("already finalizing");
          });
    }
  }
}
