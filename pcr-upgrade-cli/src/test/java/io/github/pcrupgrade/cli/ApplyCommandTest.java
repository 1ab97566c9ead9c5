package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.RealTimeDriver;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * apply against live clusters: here the simulation served over the PostgreSQL wire protocol, its
 * clock driven 200 times faster than real time. The binaries are already on 25.2 (finalization
 * pinned beforehand), so what remains is finalizing in the documented order and the reader VC.
 */
class ApplyCommandTest {

  private static final FinalizationSettings PINNED = new FinalizationSettings(false, "");

  @TempDir Path journal;

  private SimulatedDeployment sim;
  private SimulatedPcrServer server;
  private RealTimeDriver driver;

  @BeforeEach
  void serve() {
    sim = SimulatedDeployment.builder().nodes(3, 3)
        .primaryBinary("v25.2.4").standbyBinary("v25.2.4")
        .primaryVersion("24.3").primaryAppVersion("24.3").standbyVersion("24.3")
        .readerVersion("24.3").reader(true)
        .settings("primary", "system", PINNED).settings("primary", "main", PINNED)
        .settings("standby", "system", PINNED)
        .acceptSqlFinalizations().build();
    server = SimulatedPcrServer.serve(sim);
    driver = RealTimeDriver.start(sim, 200, Duration.ofMillis(20));
  }

  @AfterEach
  void stop() {
    driver.close();
    server.close();
  }

  private CliRunner.Result apply(String input, String... extra) {
    String[] base = {"apply", "--primary", server.primaryUrl(), "--standby", server.standbyUrl(),
        "--to", "25.2", "--node-upgrader", "false", "--settle-time", "0s",
        "--poll-interval", "0.05s", "--journal-dir", journal.toString()};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliRunner.runWithInput(input,
        Map.of("PCR_UPGRADE_PASSWORD", SimulatedPcrServer.DEFAULT_ROOT_PASSWORD), args);
  }

  @Test
  void finalizesInTheDocumentedOrderOverTheWire() {
    CliRunner.Result r = apply("", "--yes");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("COMPLETED");
    assertThat(r.out().indexOf("Finalize 'standby' VC 'system'"))
        .isLessThan(r.out().indexOf("Finalize 'primary' VC 'system'"));
    assertThat(sim.trueVersion("primary", "main")).contains(ClusterVersion.parse("25.2"));
    assertThat(sim.trueVersion("standby", "main-readonly")).contains(ClusterVersion.parse("25.2"));
    assertThat(sim.monitor().violations()).isEmpty();
  }

  @Test
  void inJsonStandardOutputIsProgressEventsThenTheRunReport() throws Exception {
    CliRunner.Result r = apply("", "--yes", "--format", "json");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    java.util.List<String> lines = r.out().lines().toList();
    var report = io.github.pcrupgrade.json.Json.mapper().readTree(lines.get(lines.size() - 1));
    assertThat(report.get("status").asText()).isEqualTo("COMPLETED");
    var events = lines.subList(0, lines.size() - 1);
    assertThat(events).isNotEmpty().allMatch(l -> l.startsWith("{\"event\":\"progress\","));
    assertThat(events.get(events.size() - 1)).contains("\"phase\":\"COMPLETED\"")
        .contains("\"remaining\":\"PT0S\"");
    // the plan and the step lines go to standard error
    assertThat(r.err()).contains("Finalize 'standby' VC 'system'").contains("Expected duration");
  }

  @Test
  void notConfirmingChangesNothing() {
    CliRunner.Result r = apply("no\n");

    assertThat(r.exitCode()).isEqualTo(ExitCode.CANCELLED.code());
    assertThat(r.out()).contains("Not confirmed; nothing was changed.");
    assertThat(server.statements()).noneMatch(s -> s.sql().startsWith("SET CLUSTER SETTING"));
  }

  @Test
  void asksBeforeEveryFinalizationAndPausesWhenNotApproved() {
    // Given the operator confirms the plan and approves the first finalization only
    CliRunner.Result r = apply("yes\nyes\nno\n");

    // Then the run pauses before the second point of no return
    assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCode.PAUSED.code());
    assertThat(r.out()).contains("Point of no return: Finalize 'standby' VC 'system'")
        .contains("Point of no return: Finalize 'primary' VC 'system'")
        .contains("PAUSED");
    assertThat(sim.trueVersion("standby", "system")).contains(ClusterVersion.parse("25.2"));
    assertThat(sim.trueVersion("primary", "system")).contains(ClusterVersion.parse("24.3"));

    // When it is run again with approval, it resumes and completes
    CliRunner.Result again = apply("", "--yes");
    assertThat(again.exitCode()).as(again.out()).isZero();
    assertThat(again.out()).contains("already done");
    assertThat(sim.monitor().violations()).isEmpty();
  }

  @Test
  void aWrongPasswordIsOneLineNamingTheCluster() {
    CliRunner.Result r = CliRunner.runWithInput("", Map.of("PCR_UPGRADE_PASSWORD", "wrong"),
        "apply", "--primary", server.primaryUrl(), "--standby", server.standbyUrl(), "--to",
        "25.2", "--node-upgrader", "false", "--yes", "--journal-dir", journal.toString());

    assertThat(r.exitCode()).isEqualTo(ExitCode.UNREACHABLE.code());
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).contains("cluster 'primary'").contains("password")
        .doesNotContain("wrong");
  }
}
