package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's rehearsal, end to end: serve-sim serves a deployment and prints a node-upgrader
 * command; apply upgrades it through that command; the apply process is killed mid-run (SIGKILL,
 * as a crash) and run again, and the rerun completes the upgrade without breaking an invariant.
 */
class RehearsalTest {

  static final Map<String, String> ENV =
      Map.of("PCR_UPGRADE_PASSWORD", SimulatedPcrServer.DEFAULT_ROOT_PASSWORD);

  @TempDir Path dir;

  @Test
  void applyAgainstServeSimKilledMidRunCompletesOnTheRerun() throws Exception {
    try (SimServer sim = new SimServer("--speed", "200")) {
      String primary = sim.await("(primary)  JDBC");
      String standby = sim.await("(standby)  JDBC");
      String upgrader = sim.await("node upgrader");
      String[] apply = {"apply", "--primary", primary, "--standby", standby, "--to", "25.2",
          "--yes", "--node-upgrader", upgrader, "--journal-dir", dir.toString(),
          "--poll-interval", "100ms", "--settle-time", "0s", "--lease-ttl", "1h"};

      int firstExit;
      try (CliProcess first = CliProcess.start(ENV, apply)) {
        // mid-run: the standby's node is being restarted through serve-sim's command
        first.awaitOutput("a node restart", s -> s.contains("sim-restart --control"));
        first.kill();
        firstExit = first.awaitExit();
        assertThat(first.out()).doesNotContain("COMPLETED");
      }
      assertThat(firstExit).isEqualTo(137);

      try (CliProcess rerun = CliProcess.start(ENV, apply)) {
        int exit = rerun.awaitExit();

        assertThat(exit).as(rerun.out() + rerun.err()).isZero();
        assertThat(rerun.out()).contains("COMPLETED").contains("simulated node");
        // the killed run's lease is taken over at once, not after its hour
        assertThat(rerun.err()).contains("taken over by 'cli-" + rerun.pid() + "'");
        assertThat(rerun.err()).doesNotContain("HikariPool").doesNotContain("\tat ");
      }
      assertThat(sim.stop()).isZero();
      assertThat(sim.output()).contains("Invariant monitor: no violation recorded");
    }
  }
}
