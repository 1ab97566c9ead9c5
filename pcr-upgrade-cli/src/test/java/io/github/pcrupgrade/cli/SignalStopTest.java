package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.journal.file.FileUpgradeJournal;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM and SIGINT stop apply gracefully: the stop is journaled, the lease released, the next
 * step printed, exit 7; and an immediate rerun proceeds (it gets the lease and acts). Each apply
 * runs in its own JVM against serve-sim, signalled while a node restart is in flight.
 */
class SignalStopTest {

  private static final String DEPLOYMENT = "pcr-deployment";

  @TempDir Path dir;

  @Test
  void sigtermLetsTheCallInFlightFinishThenStopsWithExit7AndAnImmediateRerunProceeds()
      throws Exception {
    // at speed 5 a simulated restart (25 s of drain and restart) holds its call for 5 s
    try (SimServer sim = new SimServer(threeNodesEach(), "--speed", "5")) {
      String[] apply = apply(sim, "60s");

      try (CliProcess run = CliProcess.start(RehearsalTest.ENV, apply)) {
        run.awaitOutput("a node restart in flight", s -> s.contains("running: "));
        run.signal("TERM");

        assertThat(run.awaitExit()).as(run.out() + run.err()).isEqualTo(7);
        assertThat(run.err()).contains("SIGTERM received: stopping")
            .doesNotContain("cutting the call");
        assertThat(run.out()).contains("Stopped by SIGTERM at ")
            .contains("Next: run the same apply command again");
      }
      List<JournalRecord> history = journal().history(DEPLOYMENT);
      assertThat(last(history).entry().event()).isEqualTo(JournalEvent.RUN_CANCELLED);
      assertThat(journal().lease(DEPLOYMENT).orElseThrow().live()).as("lease released").isFalse();

      // An immediate rerun gets the lease (no wait, no takeover) and acts
      try (CliProcess rerun = CliProcess.start(RehearsalTest.ENV, apply)) {
        rerun.awaitOutput("the rerun acting", s -> s.contains("running: "));
        assertThat(rerun.err()).doesNotContain("LEASE_HELD").doesNotContain("taken over");
        rerun.signal("TERM");
        assertThat(rerun.awaitExit()).as(rerun.out() + rerun.err()).isEqualTo(7);
      }
    }
  }

  @Test
  void sigintPastTheStopGraceTheExecutorAbandonsTheCallItselfAndTheCliDoesNotCut()
      throws Exception {
    // at speed 1 a simulated restart holds its call for 25 s, far past a 1 s grace
    try (SimServer sim = new SimServer(threeNodesEach(), "--speed", "1")) {
      String[] apply = apply(sim, "1s");

      try (CliProcess run = CliProcess.start(RehearsalTest.ENV, apply)) {
        run.awaitOutput("a node restart in flight", s -> s.contains("running: "));
        run.signal("INT");

        assertThat(run.awaitExit()).as(run.out() + run.err()).isEqualTo(7);
        assertThat(run.err()).contains("SIGINT received: stopping")
            .doesNotContain("cutting the call");
        assertThat(run.out()).contains("Stopped by SIGINT at ").contains("Next: ");
      }
      // the executor gave the call its stopGrace, abandoned it and journaled both
      List<JournalRecord> history = journal().history(DEPLOYMENT);
      assertThat(history).anySatisfy(r -> {
        assertThat(r.entry().event()).isEqualTo(JournalEvent.STEP_OUTCOME_UNKNOWN);
        assertThat(r.entry().detail()).contains("was abandoned").contains("cancelled; stopGrace");
      });
      assertThat(last(history).entry().event()).isEqualTo(JournalEvent.RUN_CANCELLED);
      assertThat(journal().lease(DEPLOYMENT).orElseThrow().live()).as("lease released").isFalse();

      try (CliProcess rerun = CliProcess.start(RehearsalTest.ENV, apply)) {
        rerun.awaitOutput("the rerun acting", s -> s.contains("running: "));
        assertThat(rerun.err()).doesNotContain("LEASE_HELD");
        rerun.signal("INT");
        assertThat(rerun.awaitExit()).isEqualTo(7);
      }
    }
  }

  @Test
  void aStopWhileTheRunAsksForApprovalEndsAfterTheGraceAndTheNextRunTakesTheLeaseOver()
      throws Exception {
    try (SimServer sim = new SimServer(threeNodesEach(), "--speed", "50")) {
      String[] asking = java.util.Arrays.stream(apply(sim, "1s"))
          .filter(a -> !a.equals("--yes")).toArray(String[]::new);

      try (CliProcess run = CliProcess.start(RehearsalTest.ENV, asking)) {
        run.awaitOutput("the confirmation", s -> s.contains("Type 'yes': "));
        run.input("yes\n");
        // the approval prompt blocks the run on standard input, where no signal reaches it
        run.awaitOutput("the approval prompt", s -> s.contains("Point of no return: "));
        run.signal("TERM");

        assertThat(run.awaitExit()).as(run.out() + run.err()).isEqualTo(7);
        assertThat(run.out()).contains("Stopped by SIGTERM: the run did not return 10 s after")
            .contains("the next apply on this host takes it over at once");
        // the executor cannot see a stop there: the CLI's fallback cut fired
        assertThat(run.err()).contains("blocked where the executor cannot stop it");
      }
      JournalRecord stop = last(journal().history(DEPLOYMENT));
      assertThat(stop.entry().event()).isEqualTo(JournalEvent.RUN_CANCELLED);
      assertThat(stop.entry().detail()).contains("stopped by SIGTERM");

      try (CliProcess rerun = CliProcess.start(RehearsalTest.ENV, apply(sim, "1s"))) {
        rerun.awaitOutput("the lease taken over", s -> s.contains("taken over by 'cli-"));
        rerun.signal("TERM");
        assertThat(rerun.awaitExit()).as(rerun.out() + rerun.err()).isEqualTo(7);
      }
    }
  }

  /**
   * Three nodes a cluster, so that a rerun right after a stop can inspect a cluster whose node is
   * still restarting (a one-node cluster cannot be reached then, and apply exits 4).
   */
  private Path threeNodesEach() throws Exception {
    return CliRunner.writeState(dir, SimulatedDeployment.builder().nodes(3, 3).series("24.3")
        .reader(true).build().snapshot());
  }

  private String[] apply(SimServer sim, String grace) throws Exception {
    return new String[] {"apply", "--primary", sim.await("(primary)  JDBC"),
        "--standby", sim.await("(standby)  JDBC"), "--to", "25.2", "--yes",
        "--node-upgrader", sim.await("node upgrader"), "--journal-dir", dir.toString(),
        "--poll-interval", "100ms", "--settle-time", "0s", "--lease-ttl", "1h",
        "--stop-grace", grace};
  }

  private FileUpgradeJournal journal() {
    return new FileUpgradeJournal(dir);
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }
}
