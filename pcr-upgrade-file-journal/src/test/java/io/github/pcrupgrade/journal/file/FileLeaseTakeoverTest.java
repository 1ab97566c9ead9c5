package io.github.pcrupgrade.journal.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.spi.Lease;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file lease is taken over before its TTL only when its record proves the holder gone: same
 * host boot, same pid namespace, and no process with the holder's pid and start time. A live
 * holder, or one the record cannot prove gone, keeps it until it expires. An operator can break
 * it. Both are journaled.
 */
class FileLeaseTakeoverTest {

  private static final String DEPLOYMENT = "dep-takeover";

  @TempDir Path directory;

  @Test
  void aDeadHoldersLeaseIsTakenOverAtOnceAndJournaled() throws Exception {
    // Given another process took the lease for an hour and was then killed (kill -9)
    Process holder = startHolder("exec-dead");
    long deadPid = holder.pid();
    holder.destroyForcibly();
    assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();

    // When this process asks for it, long before the hour is up
    FileUpgradeJournal journal = new FileUpgradeJournal(directory);
    Lease lease = journal.acquireLease(DEPLOYMENT, "exec-next", Duration.ofMinutes(5));

    // Then it gets it at once, with the next generation, and the takeover is in the history
    assertThat(lease.holderId()).isEqualTo("exec-next");
    assertThat(lease.generation()).isEqualTo(2);
    List<JournalRecord> history = journal.history(DEPLOYMENT);
    assertThat(history).hasSize(1);
    assertThat(history.get(0).entry().event()).isEqualTo(JournalEvent.LEASE_TAKEN_OVER);
    assertThat(history.get(0).entry().detail()).contains("'exec-dead'")
        .contains("pid " + deadPid).contains("taken over by 'exec-next'")
        .contains("same pid namespace");
  }

  @Test
  void aLiveHoldersLeaseIsNotTakenOver() throws Exception {
    Process holder = startHolder("exec-alive");
    try {
      FileUpgradeJournal journal = new FileUpgradeJournal(directory);

      assertThatThrownBy(() -> journal.acquireLease(DEPLOYMENT, "exec-next",
              Duration.ofMinutes(5)))
          .isInstanceOf(PcrUpgradeException.class)
          .hasMessageContaining("lease held by 'exec-alive'")
          .hasMessageContaining("pid " + holder.pid());
      assertThat(journal.history(DEPLOYMENT)).isEmpty();
      assertThat(journal.lease(DEPLOYMENT).orElseThrow().holderProvablyGone()).isFalse();
    } finally {
      holder.destroyForcibly();
      holder.waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void aHolderOnAnotherBootIsNotProvablyGoneEvenWithItsPidFree() {
    // The holder's record names a pid that runs nowhere here, but another boot of the host (or
    // another host with the same name): that proves nothing.
    HolderProcess other = new HolderProcess("another-boot-id", self().pidNamespace(),
        freePid(), Instant.parse("2026-01-01T00:00:00Z"));
    new FileUpgradeJournal(directory, Clock.systemUTC(), fixed(other))
        .acquireLease(DEPLOYMENT, "exec-elsewhere", Duration.ofMinutes(5));

    assertThatThrownBy(() -> new FileUpgradeJournal(directory)
            .acquireLease(DEPLOYMENT, "exec-next", Duration.ofMinutes(5)))
        .extracting(e -> ((PcrUpgradeException) e).code()).isEqualTo(CoreErrorCode.LEASE_HELD);
  }

  @Test
  void aHolderInAnotherPidNamespaceIsNotProvablyGone() {
    HolderProcess other = new HolderProcess(self().bootId(), "pid:[1]", freePid(),
        Instant.parse("2026-01-01T00:00:00Z"));
    new FileUpgradeJournal(directory, Clock.systemUTC(), fixed(other))
        .acquireLease(DEPLOYMENT, "exec-container", Duration.ofMinutes(5));

    assertThatThrownBy(() -> new FileUpgradeJournal(directory)
            .acquireLease(DEPLOYMENT, "exec-next", Duration.ofMinutes(5)))
        .extracting(e -> ((PcrUpgradeException) e).code()).isEqualTo(CoreErrorCode.LEASE_HELD);
  }

  @Test
  void aHolderWhosePidNowBelongsToAnotherProcessIsGone() {
    // The record names this very pid, but a start time an hour before this process started:
    // the pid was reused, the holder is gone.
    HolderProcess me = self();
    HolderProcess earlier = new HolderProcess(me.bootId(), me.pidNamespace(), me.pid(),
        me.startedAt().minus(Duration.ofHours(1)));
    new FileUpgradeJournal(directory, Clock.systemUTC(), fixed(earlier))
        .acquireLease(DEPLOYMENT, "exec-old", Duration.ofMinutes(5));

    Lease lease = new FileUpgradeJournal(directory)
        .acquireLease(DEPLOYMENT, "exec-next", Duration.ofMinutes(5));

    assertThat(lease.generation()).isEqualTo(2);
  }

  @Test
  void aHolderThatCouldNotIdentifyItselfWaitsForTheTtl() {
    new FileUpgradeJournal(directory, Clock.systemUTC(), fixedNone())
        .acquireLease(DEPLOYMENT, "exec-unknown", Duration.ofMinutes(5));

    assertThatThrownBy(() -> new FileUpgradeJournal(directory)
            .acquireLease(DEPLOYMENT, "exec-next", Duration.ofMinutes(5)))
        .extracting(e -> ((PcrUpgradeException) e).code()).isEqualTo(CoreErrorCode.LEASE_HELD);
  }

  @Test
  void aLeaseFileFromBeforeHoldersWereRecordedWaitsForTheTtl() throws Exception {
    // The seven-field form an older version wrote: a dead pid, but nothing proves which boot
    java.nio.file.Files.createDirectories(directory);
    java.nio.file.Files.write(directory.resolve(DEPLOYMENT + ".lease"), JournalLines.encode(
        List.of("1", DEPLOYMENT, "exec-old", "1", Instant.now().toString(),
            Instant.now().plus(Duration.ofHours(1)).toString(),
            "pid " + freePid() + " on host here, process started 2026-01-01T00:00:00Z")));

    FileUpgradeJournal journal = new FileUpgradeJournal(directory);
    assertThatThrownBy(() -> journal.acquireLease(DEPLOYMENT, "exec-next", Duration.ofMinutes(5)))
        .hasMessageContaining("lease held by 'exec-old'")
        .extracting(e -> ((PcrUpgradeException) e).code()).isEqualTo(CoreErrorCode.LEASE_HELD);
    assertThat(journal.lease(DEPLOYMENT).orElseThrow().holderProvablyGone()).isFalse();
  }

  @Test
  void breakingALeaseEndsItJournalsItAndTheHolderLosesIt() throws Exception {
    Process holder = startHolder("exec-stuck");
    try {
      FileUpgradeJournal journal = new FileUpgradeJournal(directory);
      FileUpgradeJournal.FileLease shown = journal.lease(DEPLOYMENT).orElseThrow();
      assertThat(shown.live()).isTrue();

      // a generation that is not the current one changes nothing
      assertThat(journal.breakLease(DEPLOYMENT, shown.generation() + 1, "operator")).isEmpty();
      Optional<FileUpgradeJournal.FileLease> broken =
          journal.breakLease(DEPLOYMENT, shown.generation(), "operator on tty1");

      assertThat(broken).isPresent();
      assertThat(journal.lease(DEPLOYMENT).orElseThrow().live()).isFalse();
      List<JournalRecord> history = journal.history(DEPLOYMENT);
      assertThat(history).hasSize(1);
      assertThat(history.get(0).entry().event()).isEqualTo(JournalEvent.LEASE_BROKEN);
      assertThat(history.get(0).entry().detail()).contains("'exec-stuck'")
          .contains("broken by operator on tty1");
      Lease next = journal.acquireLease(DEPLOYMENT, "exec-next", Duration.ofMinutes(5));
      assertThat(next.generation()).isEqualTo(shown.generation() + 1);
    } finally {
      holder.destroyForcibly();
      holder.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private static HolderProcess self() {
    return HostProcesses.local().self().orElseThrow(() -> new AssertionError(
        "these tests need Linux's /proc"));
  }

  /** A host on which the journal's own process claims to be {@code identity}. */
  private static HostProcesses fixed(HolderProcess identity) {
    return new HostProcesses() {
      @Override
      public Optional<HolderProcess> self() {
        return Optional.of(identity);
      }

      @Override
      public boolean mayRun(long pid, Instant startedAt) {
        return HostProcesses.local().mayRun(pid, startedAt);
      }
    };
  }

  private static HostProcesses fixedNone() {
    return new HostProcesses() {
      @Override
      public Optional<HolderProcess> self() {
        return Optional.empty();
      }

      @Override
      public boolean mayRun(long pid, Instant startedAt) {
        return true;
      }
    };
  }

  /** A pid no process has here (pids are bounded by pid_max, which is below 2^22 by default). */
  private static long freePid() {
    for (long pid = 4_194_000; ; pid--) {
      if (ProcessHandle.of(pid).isEmpty()) {
        return pid;
      }
    }
  }

  /** A new JVM that takes the lease for an hour and keeps running; returns once it holds it. */
  private Process startHolder(String holderId) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(String.join(File.pathSeparator, location(FileJournalProbe.class),
        location(FileUpgradeJournal.class), location(PcrUpgradeException.class),
        location(org.slf4j.Logger.class),
        location(org.slf4j.simple.SimpleLogger.class)));
    command.add(FileJournalProbe.class.getName());
    command.addAll(List.of(directory.toString(), DEPLOYMENT, "hold", holderId));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    String line = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (java.io.IOException e) {
        return null;
      }
    }).get(60, TimeUnit.SECONDS);
    assertThat(line).as("holder started").isEqualTo("HELD generation 1");
    return p;
  }

  private static String location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
