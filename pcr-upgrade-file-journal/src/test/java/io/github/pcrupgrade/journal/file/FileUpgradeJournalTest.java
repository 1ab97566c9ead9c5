package io.github.pcrupgrade.journal.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.spi.Lease;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the file journal adds to the journal contract: other processes, crashes, damage. */
class FileUpgradeJournalTest {

  private static final String DEPLOYMENT = "prod-eu";

  @TempDir Path directory;

  private final Clock clock = Clock.fixed(Instant.parse("2025-06-01T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void aSecondProcessIsRefusedWithAMessageNamingTheHolderProcessAndExpiry() throws Exception {
    // Given this process holds the deployment's lease
    FileUpgradeJournal journal = new FileUpgradeJournal(directory);
    Lease mine = journal.acquireLease(DEPLOYMENT, "exec-parent", Duration.ofMinutes(5));

    // When another process asks for it
    String refused = runProbe(DEPLOYMENT, "acquire", "exec-child");

    // Then it is refused, told who holds it, in which process, since and until when
    assertThat(refused)
        .startsWith("ERROR LEASE_HELD " + DEPLOYMENT + " - lease held by 'exec-parent'")
        .contains("pid " + ProcessHandle.current().pid() + " on host ")
        .contains("process started ")
        .contains("holding since ")
        .contains("until " + mine.expiresAt());

    // And once released, the other process takes it with the next generation
    journal.releaseLease(mine);
    assertThat(runProbe(DEPLOYMENT, "acquire", "exec-child"))
        .isEqualTo("ACQUIRED generation " + (mine.generation() + 1));
  }

  @Test
  void aTruncatedLastRecordIsIgnoredWithAWarningAndTheHistoryStaysIntact() throws Exception {
    // Given three records, the last one cut short as by a crash in the middle of its write
    FileUpgradeJournal journal = new FileUpgradeJournal(directory, clock);
    List<JournalRecord> written = appendThree(journal);
    Path file = directory.resolve(DEPLOYMENT + ".journal");
    truncateBy(file, 7);

    // When another process reads the history
    String output = runProbe(DEPLOYMENT, "history");

    // Then it sees the two complete records and a warning naming the deployment
    assertThat(output).contains("RECORD 1 first\nRECORD 2 second").doesNotContain("RECORD 3");
    assertThat(output).contains("WARN").contains(DEPLOYMENT + " - ignoring a truncated last record");

    // And a new journal instance (the successor) appends after the two intact records
    FileUpgradeJournal successor = new FileUpgradeJournal(directory, clock);
    assertThat(successor.history(DEPLOYMENT)).isEqualTo(written.subList(0, 2));
    JournalRecord next = successor.append(entry("after the crash"));
    assertThat(next.sequence()).isEqualTo(3);
    assertThat(successor.history(DEPLOYMENT))
        .extracting(r -> r.entry().detail())
        .containsExactly("first", "second", "after the crash");
    assertThat(Files.readAllLines(file)).hasSize(3);
  }

  @Test
  void aLastRecordFailingItsChecksumIsIgnoredToo() throws Exception {
    FileUpgradeJournal journal = new FileUpgradeJournal(directory, clock);
    List<JournalRecord> written = appendThree(journal);
    Path file = directory.resolve(DEPLOYMENT + ".journal");
    flipByteInLine(file, 3);

    assertThat(journal.history(DEPLOYMENT)).isEqualTo(written.subList(0, 2));
    assertThat(journal.append(entry("fourth")).sequence()).isEqualTo(3);
  }

  @Test
  void aDamagedRecordFollowedByOthersIsReportedNotSkipped() throws Exception {
    FileUpgradeJournal journal = new FileUpgradeJournal(directory, clock);
    appendThree(journal);
    flipByteInLine(directory.resolve(DEPLOYMENT + ".journal"), 2);

    assertThatThrownBy(() -> journal.history(DEPLOYMENT))
        .isInstanceOf(PcrUpgradeException.class)
        .hasMessageContaining(DEPLOYMENT)
        .hasMessageContaining("damaged at line 2")
        .extracting(e -> ((PcrUpgradeException) e).code())
        .isEqualTo(CoreErrorCode.PORT_FAILURE);
    assertThatThrownBy(() -> journal.append(entry("more")))
        .hasMessageContaining("damaged at line 2");
  }

  @Test
  void aSuccessorInstanceReadsTheCompleteHistoryInOrder() {
    // Given an executor that appended and then vanished without closing anything
    FileUpgradeJournal crashed = new FileUpgradeJournal(directory, clock);
    List<JournalRecord> written = appendThree(crashed);
    Lease lease = crashed.acquireLease(DEPLOYMENT, "exec-a", Duration.ofMinutes(1));

    // When its successor opens the same directory
    FileUpgradeJournal successor = new FileUpgradeJournal(directory, clock);

    // Then it reads every record in order and sees the lease it must wait for
    assertThat(successor.history(DEPLOYMENT)).isEqualTo(written);
    assertThatThrownBy(() -> successor.acquireLease(DEPLOYMENT, "exec-b", Duration.ofMinutes(1)))
        .hasMessageContaining("exec-a")
        .hasMessageContaining("until " + lease.expiresAt());
  }

  @Test
  void deploymentIdsCannotEscapeTheDirectory() {
    FileUpgradeJournal journal = new FileUpgradeJournal(directory, clock);
    String sneaky = "../../etc/pass wd";

    journal.append(new JournalEntry(sneaky, "r", "p", "", JournalEvent.RUN_STARTED, "x"));

    assertThat(FileUpgradeJournal.fileName(sneaky)).isEqualTo("%2E%2E%2F%2E%2E%2Fetc%2Fpass%20wd");
    assertThat(directory.resolve("%2E%2E%2F%2E%2E%2Fetc%2Fpass%20wd.journal")).exists();
    assertThat(journal.history(sneaky)).hasSize(1);
  }

  // ------------------------------------------------------------------ helpers

  private static List<JournalRecord> appendThree(FileUpgradeJournal journal) {
    List<JournalRecord> written = new ArrayList<>();
    written.add(journal.append(entry("first")));
    written.add(journal.append(entry("second")));
    written.add(journal.append(entry("third")));
    return written;
  }

  private static JournalEntry entry(String detail) {
    return new JournalEntry(DEPLOYMENT, "run-1", "plan-1", "s", JournalEvent.STEP_DONE, detail);
  }

  private static void truncateBy(Path file, int bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - bytes);
    }
  }

  /** Changes one character in the middle of line {@code line} (1-based), keeping its length. */
  private static void flipByteInLine(Path file, int line) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int start = 0;
    for (int i = 1; i < line; i++) {
      start = indexOfNewline(bytes, start) + 1;
    }
    int end = indexOfNewline(bytes, start);
    int middle = (start + 9 + end) / 2;
    bytes[middle] = (byte) (bytes[middle] == 'x' ? 'y' : 'x');
    Files.write(file, bytes);
  }

  private static int indexOfNewline(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    throw new AssertionError("no line");
  }

  /** Runs {@link FileJournalProbe} in a new JVM on this test's directory; its output. */
  private String runProbe(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dorg.slf4j.simpleLogger.logFile=System.out");
    command.add("-cp");
    command.add(String.join(File.pathSeparator, location(FileJournalProbe.class),
        location(FileUpgradeJournal.class), location(PcrUpgradeException.class),
        location(org.slf4j.Logger.class),
        location(org.slf4j.simple.SimpleLogger.class)));
    command.add(FileJournalProbe.class.getName());
    command.add(directory.toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("probe finished").isTrue();
    String text = new String(out, StandardCharsets.UTF_8).strip();
    assertThat(p.exitValue()).as("probe exit code; output: %s", text).isZero();
    return text;
  }

  private static String location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
