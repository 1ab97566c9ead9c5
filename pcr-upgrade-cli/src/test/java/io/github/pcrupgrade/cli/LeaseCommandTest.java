package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.event.Progress;
import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.journal.file.FileUpgradeJournal;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.Lease;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lease show} and the confirmed {@code lease break}, on a lease this very test process
 * holds: a live holder, which the journal can never prove gone.
 */
class LeaseCommandTest {

  private static final String ID = "pcr-deployment";

  @TempDir Path dir;

  @Test
  void showNamesTheHolderAndSaysItCannotBeProvenGone() {
    Lease held = new FileUpgradeJournal(dir).acquireLease(ID, "cli-elsewhere", Duration.ofHours(1));

    CliRunner.Result r = CliRunner.run("lease", "show", "--journal-dir", dir.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("held by 'cli-elsewhere' (generation " + held.generation() + ")")
        .contains("pid " + ProcessHandle.current().pid())
        .contains("cannot be proven gone from here");
  }

  @Test
  void breakWithoutTheDeploymentIdTypedChangesNothing() {
    new FileUpgradeJournal(dir).acquireLease(ID, "cli-elsewhere", Duration.ofHours(1));

    CliRunner.Result r = CliRunner.runWithInput("yes\n", Map.of(), "lease", "break",
        "--journal-dir", dir.toString());

    assertThat(r.exitCode()).isEqualTo(7);
    assertThat(r.out()).contains("Type the deployment id to confirm")
        .contains("Not confirmed; the lease was not changed.");
    FileUpgradeJournal journal = new FileUpgradeJournal(dir);
    assertThat(journal.lease(ID).orElseThrow().live()).isTrue();
    assertThat(journal.history(ID)).isEmpty();
  }

  @Test
  void aConfirmedBreakEndsTheLeaseJournalsItAndTheNextHolderTakesIt() {
    FileUpgradeJournal journal = new FileUpgradeJournal(dir);
    Lease held = journal.acquireLease(ID, "cli-elsewhere", Duration.ofHours(1));

    CliRunner.Result r = CliRunner.runWithInput(ID + "\n", Map.of("USER", "alice"), "lease",
        "break", "--journal-dir", dir.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Broken, and journaled");
    assertThat(journal.lease(ID).orElseThrow().live()).isFalse();
    assertThat(journal.history(ID)).singleElement().satisfies(rec -> {
      assertThat(rec.entry().event()).isEqualTo(JournalEvent.LEASE_BROKEN);
      assertThat(rec.entry().detail()).contains("'cli-elsewhere'").contains("user alice");
    });
    assertThat(journal.acquireLease(ID, "cli-next", Duration.ofMinutes(5)).generation())
        .isEqualTo(held.generation() + 1);
  }

  @Test
  void showingANeverUsedJournalCreatesNothingAndLeaseAloneIsAUsageError() {
    Path none = dir.resolve("never-used");

    CliRunner.Result shown = CliRunner.run("lease", "show", "--journal-dir", none.toString());
    CliRunner.Result bare = CliRunner.run("lease");

    assertThat(shown.exitCode()).isZero();
    assertThat(shown.out()).contains("No lease was ever taken");
    assertThat(none).doesNotExist();
    assertThat(bare.exitCode()).isEqualTo(2);
    assertThat(bare.err()).contains("give a subcommand: show or break")
        .contains("pcr-upgrade lease --help");
  }

  @Test
  void breakingWhenNoLeaseIsLiveSaysSoAndChangesNothing() {
    CliRunner.Result r = CliRunner.run("lease", "break", "--yes", "--journal-dir",
        dir.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("No live lease for pcr-deployment: nothing to break.");
  }

  @Test
  void progressLinesEscapeServerTextOnOneLine() {
    StringWriter out = new StringWriter();
    ProgressPrinter p = new ProgressPrinter(new PrintWriter(out), Clock.systemUTC());

    p.onEvent(new UpgradeEvent.Halted("r", Instant.EPOCH, new Progress(1, 2), "PORT_FAILURE",
        "node n1 (evil\n[ 2/2] done\u001b[2J) failed"));

    assertThat(out.toString()).isEqualTo(
        "halted (PORT_FAILURE): node n1 (evil\\n[ 2/2] done\\x1b[2J) failed" + System.lineSeparator());
  }
}
