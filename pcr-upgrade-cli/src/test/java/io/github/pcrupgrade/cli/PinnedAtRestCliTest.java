package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.exec.CancelHandle;
import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.journal.file.FileUpgradeJournal;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.RealTimeDriver;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.github.pcrupgrade.core.plan.StepKind;

/**
 * Issue 14 through the CLI: settings left pinned at rest are warned about by check, status, plan
 * and apply, naming each VC and the statement that restores the default, and changed only with
 * --restore-default-settings; and apply, rerun after an upgrade interrupted after its last
 * finalization, shows and carries out the restore of the journal's originals instead of saying
 * "nothing to do".
 */
class PinnedAtRestCliTest {

  private static final FinalizationSettings PINNED = new FinalizationSettings(false, "");

  @TempDir Path dir;

  private static Map<String, String> env() {
    return Map.of("PCR_UPGRADE_PASSWORD", SimulatedPcrServer.DEFAULT_ROOT_PASSWORD);
  }

  /**
   * The settings of every VC that serves SQL (the replicating VC's follow the primary's by
   * replication, later).
   */
  private static Map<String, FinalizationSettings> settings(SimulatedDeployment d) {
    Map<String, FinalizationSettings> all = new TreeMap<>();
    DeploymentSnapshot s = d.snapshot();
    for (var c : java.util.List.of(s.primary(), s.standby())) {
      c.virtualClusters().forEach(vc -> vc.settings().ifPresent(st -> all.put(c.name() + "/"
          + vc.name(), st)));
    }
    return all;
  }

  @Test
  void checkStatusAndPlanWarnOfSettingsPinnedAtRest() throws Exception {
    Path state = CliRunner.writeState(dir, DeploymentSnapshot.builder().binary("v25.2.4")
        .settings(PINNED).build());

    CliRunner.Result check = CliRunner.run("check", "--state", state.toString());
    CliRunner.Result status = CliRunner.run("status", "--state", state.toString(), "--to", "25.2");
    CliRunner.Result plan = CliRunner.run("plan", "--state", state.toString(), "--to", "25.2");

    for (CliRunner.Result r : java.util.List.of(check, status, plan)) {
      assertThat(r.out()).as(r.out() + r.err()).contains("SETTINGS_PINNED_AT_REST",
          "RESET CLUSTER SETTING cluster.auto_upgrade.enabled", "VC 'system'", "VC 'main'");
    }
    assertThat(check.exitCode()).isZero(); // a warning, not an error
  }

  @Test
  void applyWarnsAndChangesNothingUnlessAskedToRestoreTheDefaults() {
    SimulatedDeployment sim = SimulatedDeployment.builder().nodes(1, 1).series("25.2")
        .settings("primary", "system", PINNED).settings("primary", "main", PINNED)
        .settings("standby", "system", PINNED).build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(sim);
        RealTimeDriver driver = RealTimeDriver.start(sim, 200, Duration.ofMillis(20))) {
      Map<String, FinalizationSettings> before = settings(sim);

      CliRunner.Result warned = apply(server, dir.resolve("j1"), "--yes");
      assertThat(warned.exitCode()).as(warned.out() + warned.err()).isZero();
      assertThat(warned.out()).contains("SETTINGS_PINNED_AT_REST", "Nothing to do");
      assertThat(settings(sim)).isEqualTo(before);

      CliRunner.Result restored = apply(server, dir.resolve("j2"), "--yes",
          "--restore-default-settings");
      assertThat(restored.exitCode()).as(restored.out() + restored.err()).isZero();
      assertThat(settings(sim).values()).containsOnly(FinalizationSettings.PRODUCT_DEFAULTS);
    }
  }

  private static CliRunner.Result apply(SimulatedPcrServer server, Path journal,
      String... extra) {
    String[] base = {"apply", "--primary", server.primaryUrl(), "--standby", server.standbyUrl(),
        "--to", "25.2", "--node-upgrader", "false", "--settle-time", "0s",
        "--poll-interval", "0.05s", "--journal-dir", journal.toString()};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliRunner.runWithInput("", env(), args);
  }

  @Test
  void aRerunAfterTheLastFinalizationRestoresTheJournalsOriginals() {
    // Given an upgrade 24.3 -> 25.2 (binaries already on 25.2, nothing pinned yet) that stopped
    // right after its last finalization, with the journal the CLI uses (its lease, taken an hour
    // before the CLI's clock, is over)
    SimulatedDeployment sim = SimulatedDeployment.builder().nodes(1, 1)
        .primaryBinary("v25.2.4").standbyBinary("v25.2.4")
        .primaryVersion("24.3").primaryAppVersion("24.3").standbyVersion("24.3")
        .acceptSqlFinalizations().build();
    Map<String, FinalizationSettings> before = settings(sim);
    Path journalDir = dir.resolve("journal");
    CancelHandle cancel = new CancelHandle();
    RunResult first = UpgradeExecutor.builder().deploymentId("pcr-deployment")
        .executorId("earlier-run").primary(sim.ports().primaryInspector(),
            sim.ports().primaryOperations())
        .standby(sim.ports().standbyInspector(), sim.ports().standbyOperations())
        .nodeUpgrader(sim.nodeUpgrader()).journal(new FileUpgradeJournal(journalDir, java.time.Clock.fixed(
            java.time.Instant.parse("2026-01-05T11:00:00Z"), java.time.ZoneOffset.UTC)))
        .clock(sim.clock()).sleeper(sim.sleeper())
        .options(ExecutorOptions.builder().pollInterval(Duration.ofSeconds(1))
            .settleTime(Duration.ZERO).build())
        .listener(e -> {
          if (e instanceof UpgradeEvent.StepDone d && d.step().kind() == StepKind.FINALIZE_VC
              && d.step().virtualCluster().orElse("").equals("main")
              && d.step().cluster().equals("primary")) {
            cancel.cancel();
          }
        }).build().run(UpgradeRequest.to("25.2").build(), cancel);
    assertThat(first.status()).as(first.toString()).isEqualTo(RunStatus.CANCELLED);
    assertThat(settings(sim)).isNotEqualTo(before);

    // When apply runs again on the same journal
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(sim);
        RealTimeDriver driver = RealTimeDriver.start(sim, 200, Duration.ofMillis(20))) {
      CliRunner.Result r = apply(server, journalDir, "--yes");

      // Then it shows the restore steps (not "nothing to do") and puts the originals back
      assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).doesNotContain("Nothing to do").contains("Restore the finalization"
          + " settings", "COMPLETED");
      assertThat(settings(sim)).isEqualTo(before);
    }
  }
}
