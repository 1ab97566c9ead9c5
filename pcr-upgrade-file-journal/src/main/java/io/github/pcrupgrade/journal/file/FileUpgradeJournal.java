package io.github.pcrupgrade.journal.file;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.journal.LeaseRules;
import io.github.pcrupgrade.core.journal.LeaseState;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.core.spi.UpgradeJournal;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable journal in a directory of the local file system, the command-line tool's default. Safe
 * between threads and between processes on one host; for executors on several hosts use the JDBC
 * journal.
 *
 * <p><b>Files</b>, per deployment (its id percent-encoded into a file name):
 *
 * <ul>
 *   <li>{@code <id>.journal}: the history, append-only, one self-checking line per record
 *       ({@code <crc32> <fields>}). Every record is forced to disk ({@link FileChannel#force}) before
 *       {@link #append} returns.
 *   <li>{@code <id>.lease}: the lease (holder, generation, acquired, expires) and the process that
 *       took it (pid, host, process start), replaced atomically on every change.
 *   <li>{@code <id>.lock}: locked with {@link FileChannel#tryLock()} around every read and change of
 *       the two files above, so two processes never interleave. The operating system drops the lock
 *       when a process dies.
 * </ul>
 *
 * <p><b>Lease.</b> Expiry is judged by this journal's {@link Clock} (the local host's clock by
 * default). A second process asking for a live lease is refused with {@code LEASE_HELD} naming the
 * holder, its process id, host, since when and until when. A holder that died stops renewing; its
 * lease expires after its TTL and the next holder takes it with a higher generation. Renewal
 * succeeds only for the current holder and generation before expiry; otherwise {@code LEASE_LOST}.
 *
 * <p><b>Takeover.</b> The lease file also identifies the holder's process (host boot id, pid
 * namespace, pid, start time; see {@link HolderProcess}). A live lease is taken over at once,
 * with the next generation and a {@code LEASE_TAKEN_OVER} record, only when that record proves
 * the holder gone: same boot, same pid namespace, and no process with its pid and start time
 * runs. Anything less (another host or container, an older lease file, a host that cannot tell)
 * waits for the TTL. {@link #breakLease} lets an operator end a lease by hand
 * ({@code LEASE_BROKEN}).
 *
 * <p><b>Crash safety.</b> A process that stops in the middle of writing a record leaves a last line
 * that is cut short or fails its checksum. Reading ignores it with a warning; the next append cuts
 * it off before writing, so the history stays intact. A damaged line that is not the last one is
 * corruption, never skipped silently: {@code PORT_FAILURE}.
 */
public final class FileUpgradeJournal implements UpgradeJournal {

  private static final Logger LOG = LoggerFactory.getLogger(FileUpgradeJournal.class);

  /** How long an operation waits for another thread or process to finish with the lock file. */
  private static final Duration LOCK_WAIT = Duration.ofSeconds(10);

  private static final String FORMAT = "1";

  /*
   * File locks belong to the whole JVM: a second tryLock on the same file from this JVM throws
   * OverlappingFileLockException, and closing any channel on the file may drop the JVM's lock. So
   * threads of this JVM take the in-process lock for the file first and open the lock file only
   * while holding it. Keyed by the lock file's absolute path, shared by every instance.
   */
  private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS_LOCKS =
      new ConcurrentHashMap<>();

  private final Path directory;
  private final Clock clock;
  private final HostProcesses host;
  private volatile String processDescription;

  /**
   * A journal in {@code directory} that tells time by the system clock. Touches nothing
   * yet: the directory is created, if absent, by the first call other than {@link #lease},
   * which creates nothing.
   *
   * @param directory where the journal's files live; every executor that must exclude the others
   *     has to use the same directory on the same host
   */
  public FileUpgradeJournal(Path directory) {
    this(directory, Clock.systemUTC());
  }

  /**
   * A journal in {@code directory} that tells time by {@code clock}: lease expiry and the time of
   * each record are read from it. Touches nothing yet, as {@link #FileUpgradeJournal(Path)}.
   *
   * @param directory where the journal's files live
   * @param clock the clock every process sharing the directory should agree with; a clock that
   *     runs behind the others' lets a lease be taken over late, one that runs ahead lets it be
   *     taken over early
   */
  public FileUpgradeJournal(Path directory, Clock clock) {
    this(directory, clock, HostProcesses.local());
  }

  /** A journal that learns about its host's processes from {@code host} (tests). */
  FileUpgradeJournal(Path directory, Clock clock, HostProcesses host) {
    this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.host = Objects.requireNonNull(host, "host");
  }

  /**
   * The directory holding the journal files.
   *
   * @return the directory given, made absolute and normalized
   */
  public Path directory() {
    return directory;
  }

  @Override
  public JournalRecord append(JournalEntry entry) {
    Objects.requireNonNull(entry, "entry");
    String deploymentId = entry.deploymentId();
    return locked(deploymentId, "append to the journal", () -> appendLocked(entry));
  }

  /** Appends {@code entry}; the caller holds the deployment's lock. */
  private JournalRecord appendLocked(JournalEntry entry) throws IOException {
    String deploymentId = entry.deploymentId();
    {
      Path file = journalFile(deploymentId);
      try (FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        Scan scan = scan(deploymentId, file, readAll(channel));
        if (scan.tornBytes > 0) {
          channel.truncate(scan.goodLength);
        }
        long sequence = scan.records.isEmpty() ? 1 : last(scan.records).sequence() + 1;
        JournalRecord record = new JournalRecord(sequence, clock.instant(), entry);
        ByteBuffer line = ByteBuffer.wrap(JournalLines.encode(fields(record)));
        long position = scan.goodLength;
        while (line.hasRemaining()) {
          position += channel.write(line, position);
        }
        channel.force(true);
        if (sequence == 1) {
          forceDirectory();
        }
        return record;
      }
    }
  }

  @Override
  public List<JournalRecord> history(String deploymentId) {
    Objects.requireNonNull(deploymentId, "deploymentId");
    return locked(deploymentId, "read the journal", () -> {
      Path file = journalFile(deploymentId);
      if (!Files.exists(file)) {
        return List.of();
      }
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        return List.copyOf(scan(deploymentId, file, readAll(channel)).records);
      }
    });
  }

  @Override
  public Lease acquireLease(String deploymentId, String holderId, Duration ttl) {
    LeaseRules.checkArguments(deploymentId, holderId, ttl);
    return locked(deploymentId, "acquire the lease", () -> {
      Optional<LeaseFile> current = readLease(deploymentId);
      Instant now = clock.instant();
      LeaseState next;
      try {
        next = LeaseRules.acquire(
            current.map(LeaseFile::state).orElse(null), deploymentId, holderId, ttl, now);
      } catch (PcrUpgradeException held) {
        LeaseFile f = current.orElseThrow();
        if (f.holder.isEmpty() || !f.holder.get().provablyGone(host)) {
          throw LeaseRules.held(
              deploymentId, f.state.holderId(), f.state.generation(), f.state.expiresAt(),
              " (" + f.process + ", holding since " + f.state.acquiredAt() + ")");
        }
        return takeOver(f, holderId, ttl, now);
      }
      boolean sameHolder = current.isPresent()
          && current.get().state.generation() == next.generation();
      writeLease(deploymentId, sameHolder ? current.get().with(next)
          : new LeaseFile(next, process(), host.self()));
      return next.toLease();
    });
  }

  /**
   * Takes over the live lease of a holder proven gone, with the next generation, and journals it
   * (the caller holds the lock).
   */
  private Lease takeOver(LeaseFile dead, String holderId, Duration ttl, Instant now)
      throws IOException {
    LeaseState old = dead.state;
    LeaseState next = new LeaseState(old.deploymentId(), holderId, old.generation() + 1, now,
        now.plus(ttl));
    String detail = "lease of '" + old.holderId() + "' (generation " + old.generation()
        + ", until " + old.expiresAt() + ") taken over by '" + holderId + "': its process ("
        + dead.process + ") no longer runs on this host (same boot " + dead.holder.get().bootId()
        + ", same pid namespace)";
    writeLease(old.deploymentId(), new LeaseFile(next, process(), host.self()));
    appendLocked(new JournalEntry(old.deploymentId(), holderId, "", "",
        JournalEvent.LEASE_TAKEN_OVER, detail));
    LOG.info("{} - {}", old.deploymentId(), detail);
    return next.toLease();
  }

  /**
   * The deployment's lease as stored, for tools that show or break it. Reading creates no file
   * or directory.
   *
   * @param deploymentId the deployment, as the executor names it
   * @return the lease, live or not, with its holder's process; empty when no lease was ever taken
   * @throws PcrUpgradeException {@code PORT_FAILURE} when the lease file is damaged, cannot be
   *     read, or stays locked by another thread or process for 10 seconds
   */
  public Optional<FileLease> lease(String deploymentId) {
    Objects.requireNonNull(deploymentId, "deploymentId");
    if (!Files.isDirectory(directory)) {
      return Optional.empty(); // reading creates nothing
    }
    return locked(deploymentId, "read the lease", () -> readLease(deploymentId).map(f ->
        new FileLease(f.state.holderId(), f.state.generation(), f.state.acquiredAt(),
            f.state.expiresAt(), f.process, !f.state.expiredAt(clock.instant()),
            f.holder.map(h -> h.provablyGone(host)).orElse(false))));
  }

  /**
   * Breaks the deployment's live lease of generation {@code generation} (the one the operator
   * was shown) and journals who broke it: its holder's next renewal fails with
   * {@code LEASE_LOST}, and the next executor takes it at once. Only for a holder known to be
   * gone; breaking the lease of a live executor lets two act at once.
   *
   * @param deploymentId the deployment, as the executor names it
   * @param generation the generation of the lease to break, as {@link #lease} showed it; a lease
   *     that changed hands since is left alone
   * @param brokenBy who breaks it (an operator's name), written to the {@code LEASE_BROKEN} record
   *     and the log
   * @return the lease that was broken, or empty when no live lease of that generation exists
   *     (it expired, was released or changed hands meanwhile: nothing was changed)
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for an empty id; {@code PORT_FAILURE}
   *     when the files are damaged, cannot be written, or stay locked for 10 seconds
   */
  public Optional<FileLease> breakLease(String deploymentId, long generation, String brokenBy) {
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(brokenBy, "brokenBy");
    return locked(deploymentId, "break the lease", () -> {
      Optional<LeaseFile> current = readLease(deploymentId);
      Instant now = clock.instant();
      if (current.isEmpty() || current.get().state.generation() != generation
          || current.get().state.expiredAt(now)) {
        return Optional.empty();
      }
      LeaseFile f = current.get();
      LeaseState s = f.state;
      writeLease(deploymentId, f.with(new LeaseState(deploymentId, s.holderId(), s.generation(),
          s.acquiredAt(), now)));
      appendLocked(new JournalEntry(deploymentId, brokenBy, "", "", JournalEvent.LEASE_BROKEN,
          "lease of '" + s.holderId() + "' (generation " + s.generation() + ", " + f.process
              + ", until " + s.expiresAt() + ") broken by " + brokenBy));
      LOG.warn("{} - lease of '{}' (generation {}) broken by {}", deploymentId, s.holderId(),
          s.generation(), brokenBy);
      return Optional.of(new FileLease(s.holderId(), s.generation(), s.acquiredAt(),
          s.expiresAt(), f.process, true, f.holder.map(h -> h.provablyGone(host)).orElse(false)));
    });
  }

  /**
   * A file lease as stored.
   *
   * @param holderId the executor holding (or last holding) it
   * @param generation its generation
   * @param acquiredAt when the holder took it
   * @param expiresAt until when it runs (the release time for a released lease)
   * @param process the holder's process, for people: pid, host, start
   * @param live whether it has not yet expired by the journal's clock
   * @param holderProvablyGone whether its record proves the holder's process gone (then the next
   *     executor takes it over at once)
   */
  public record FileLease(String holderId, long generation, Instant acquiredAt, Instant expiresAt,
      String process, boolean live, boolean holderProvablyGone) {
    /**
     * Refuses a null component by name.
     *
     * @param holderId the executor holding (or last holding) it
     * @param generation its generation
     * @param acquiredAt when the holder took it
     * @param expiresAt until when it runs (the release time for a released lease)
     * @param process the holder's process, for people: pid, host, start
     * @param live whether it has not yet expired by the journal's clock
     * @param holderProvablyGone whether its record proves the holder's process gone
     */
    public FileLease {
      Objects.requireNonNull(holderId, "holderId");
      Objects.requireNonNull(acquiredAt, "acquiredAt");
      Objects.requireNonNull(expiresAt, "expiresAt");
      Objects.requireNonNull(process, "process");
    }
  }

  @Override
  public Lease renewLease(Lease lease, Duration ttl) {
    Objects.requireNonNull(lease, "lease");
    LeaseRules.checkTtl(ttl);
    return locked(lease.deploymentId(), "renew the lease", () -> {
      Optional<LeaseFile> current = readLease(lease.deploymentId());
      LeaseState next = LeaseRules.renew(
          current.map(LeaseFile::state).orElse(null), lease, ttl, clock.instant());
      writeLease(lease.deploymentId(), current.orElseThrow().with(next));
      return next.toLease();
    });
  }

  @Override
  public void releaseLease(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    locked(lease.deploymentId(), "release the lease", () -> {
      Optional<LeaseFile> current = readLease(lease.deploymentId());
      LeaseState state = current.map(LeaseFile::state).orElse(null);
      LeaseState next = LeaseRules.release(state, lease, clock.instant());
      if (next != state) {
        writeLease(lease.deploymentId(), current.orElseThrow().with(next));
      }
      return null;
    });
  }

  // ---------------------------------------------------------------- locking

  private interface Io<T> {
    T run() throws IOException;
  }

  private <T> T locked(String deploymentId, String operation, Io<T> body) {
    Path lockFile = file(deploymentId, ".lock");
    ReentrantLock inProcess = IN_PROCESS_LOCKS.computeIfAbsent(lockFile, p -> new ReentrantLock());
    try {
      if (!inProcess.tryLock(LOCK_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        throw busy(deploymentId, operation, lockFile, "another thread of this process");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PcrUpgradeException(CoreErrorCode.PORT_FAILURE,
          deploymentId + " - interrupted while waiting to " + operation, e);
    }
    try {
      Files.createDirectories(directory);
      try (FileChannel channel = FileChannel.open(
          lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = waitForFileLock(deploymentId, operation, lockFile, channel);
        try {
          return body.run();
        } finally {
          lock.release();
        }
      }
    } catch (IOException e) {
      throw new PcrUpgradeException(CoreErrorCode.PORT_FAILURE,
          deploymentId + " - could not " + operation + " in " + directory + ": " + e, e);
    } finally {
      inProcess.unlock();
    }
  }

  private FileLock waitForFileLock(
      String deploymentId, String operation, Path lockFile, FileChannel channel)
      throws IOException {
    long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
    long pauseMillis = 1;
    while (true) {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        // Only code outside this class can hold it: we hold the in-process lock.
        lock = null;
      }
      if (lock != null) {
        return lock;
      }
      if (System.nanoTime() > deadline) {
        throw busy(deploymentId, operation, lockFile, "another process");
      }
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PcrUpgradeException(CoreErrorCode.PORT_FAILURE,
            deploymentId + " - interrupted while waiting to " + operation, e);
      }
      pauseMillis = Math.min(50, pauseMillis * 2);
    }
  }

  private static PcrUpgradeException busy(
      String deploymentId, String operation, Path lockFile, String who) {
    return new PcrUpgradeException(CoreErrorCode.PORT_FAILURE,
        deploymentId + " - could not " + operation + ": lock file " + lockFile
            + " stayed locked by " + who + " for " + LOCK_WAIT.toSeconds()
            + " s; a process may be hung while writing the journal");
  }

  // ---------------------------------------------------------------- history

  /** What a scan of a journal file found. */
  private static final class Scan {
    final List<JournalRecord> records = new ArrayList<>();
    long goodLength;
    long tornBytes;
  }

  private static Scan scan(String deploymentId, Path file, byte[] bytes) {
    Scan scan = new Scan();
    int start = 0;
    int lineNumber = 0;
    while (start < bytes.length) {
      lineNumber++;
      int end = indexOf(bytes, (byte) '\n', start);
      boolean lastLine = end < 0 || end == bytes.length - 1;
      Optional<JournalRecord> record =
          end < 0 ? Optional.empty() : JournalLines.decode(bytes, start, end).flatMap(
              f -> toRecord(deploymentId, f));
      if (record.isEmpty()) {
        if (!lastLine) {
          throw new PcrUpgradeException(CoreErrorCode.PORT_FAILURE,
              deploymentId + " - journal file " + file + " is damaged at line " + lineNumber
                  + " (checksum or format), and records follow it; restore the file from a"
                  + " backup or move it aside to start a new history");
        }
        scan.tornBytes = bytes.length - start;
        LOG.warn("{} - ignoring a truncated last record ({} bytes at line {}) in journal file {};"
                + " a process stopped while writing it", deploymentId, scan.tornBytes, lineNumber,
            file);
        break;
      }
      JournalRecord r = record.get();
      if (!scan.records.isEmpty() && r.sequence() <= last(scan.records).sequence()) {
        throw new PcrUpgradeException(CoreErrorCode.PORT_FAILURE,
            deploymentId + " - journal file " + file + " has sequence " + r.sequence()
                + " after " + last(scan.records).sequence() + " at line " + lineNumber
                + "; the file was edited or mixed with another deployment's");
      }
      scan.records.add(r);
      start = end + 1;
      scan.goodLength = start;
    }
    return scan;
  }

  private static List<String> fields(JournalRecord r) {
    JournalEntry e = r.entry();
    return List.of(FORMAT, Long.toString(r.sequence()), r.at().toString(), e.deploymentId(),
        e.runId(), e.planId(), e.stepId(), e.event().name(), e.detail());
  }

  private static Optional<JournalRecord> toRecord(String deploymentId, List<String> f) {
    if (f.size() != 9 || !FORMAT.equals(f.get(0)) || !deploymentId.equals(f.get(3))) {
      return Optional.empty();
    }
    try {
      return Optional.of(new JournalRecord(Long.parseLong(f.get(1)), Instant.parse(f.get(2)),
          new JournalEntry(f.get(3), f.get(4), f.get(5), f.get(6), JournalEvent.valueOf(f.get(7)),
              f.get(8))));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------- lease file

  /**
   * The lease as stored, with the process that took it: described for the LEASE_HELD message, and
   * identified (when its host could tell) so that another process can prove it gone.
   */
  private record LeaseFile(LeaseState state, String process, Optional<HolderProcess> holder) {
    LeaseFile with(LeaseState next) {
      return new LeaseFile(next, process, holder);
    }
  }

  private Optional<LeaseFile> readLease(String deploymentId) throws IOException {
    Path file = file(deploymentId, ".lease");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    byte[] bytes = Files.readAllBytes(file);
    int end = bytes.length > 0 && bytes[bytes.length - 1] == '\n' ? bytes.length - 1 : -1;
    Optional<LeaseFile> lease = end < 0 ? Optional.empty()
        : JournalLines.decode(bytes, 0, end).flatMap(f -> toLeaseFile(deploymentId, f));
    if (lease.isEmpty()) {
      throw new PcrUpgradeException(CoreErrorCode.PORT_FAILURE,
          deploymentId + " - lease file " + file + " is damaged (checksum or format); make sure"
              + " no executor runs for this deployment, then delete it");
    }
    return lease;
  }

  /**
   * Seven fields (written before holders were identified: never provably gone) or eleven (the
   * holder's boot id, pid namespace, pid and start, all empty when its host could not tell).
   */
  private static Optional<LeaseFile> toLeaseFile(String deploymentId, List<String> f) {
    if ((f.size() != 7 && f.size() != 11) || !FORMAT.equals(f.get(0))
        || !deploymentId.equals(f.get(1))) {
      return Optional.empty();
    }
    try {
      Optional<HolderProcess> holder = f.size() == 11 && !f.get(7).isEmpty()
          ? Optional.of(new HolderProcess(f.get(7), f.get(8), Long.parseLong(f.get(9)),
              Instant.parse(f.get(10))))
          : Optional.empty();
      return Optional.of(new LeaseFile(new LeaseState(deploymentId, f.get(2),
          Long.parseLong(f.get(3)), Instant.parse(f.get(4)), Instant.parse(f.get(5))), f.get(6),
          holder));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private void writeLease(String deploymentId, LeaseFile lease) throws IOException {
    Path file = file(deploymentId, ".lease");
    Path temp = file(deploymentId, ".lease.tmp");
    LeaseState s = lease.state;
    Optional<HolderProcess> h = lease.holder;
    byte[] line = JournalLines.encode(List.of(FORMAT, deploymentId, s.holderId(),
        Long.toString(s.generation()), s.acquiredAt().toString(), s.expiresAt().toString(),
        lease.process, h.map(HolderProcess::bootId).orElse(""),
        h.map(HolderProcess::pidNamespace).orElse(""),
        h.map(x -> Long.toString(x.pid())).orElse(""),
        h.map(x -> x.startedAt().toString()).orElse("")));
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    forceDirectory();
  }

  /** The process taking a lease: pid, host and start, for the message another process gets. */
  private String process() {
    String d = processDescription;
    if (d == null) {
      ProcessHandle self = ProcessHandle.current();
      String host;
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("an unknown host");
      }
      d = "pid " + self.pid() + " on host " + host + ", process started "
          + self.info().startInstant().map(Instant::toString).orElse("at an unknown time");
      processDescription = d;
    }
    return d;
  }

  // ---------------------------------------------------------------- files

  private Path journalFile(String deploymentId) {
    return file(deploymentId, ".journal");
  }

  private Path file(String deploymentId, String suffix) {
    if (deploymentId.isEmpty()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "deploymentId must not be empty");
    }
    return directory.resolve(fileName(deploymentId) + suffix);
  }

  /** The deployment id with every byte outside {@code [A-Za-z0-9_-]} written as {@code %XX}. */
  static String fileName(String deploymentId) {
    StringBuilder name = new StringBuilder();
    for (byte b : deploymentId.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
          || c == '-') {
        name.append(c);
      } else {
        name.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return name.toString();
  }

  private void forceDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Not every platform can open a directory (Windows cannot); its metadata is then
      // made durable by the file system on its own schedule.
    }
  }

  private static byte[] readAll(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size > Integer.MAX_VALUE - 16) {
      throw new IOException("journal file larger than 2 GiB");
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) size);
    long position = 0;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position);
      if (n < 0) {
        break;
      }
      position += n;
    }
    return buffer.array();
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }
}
