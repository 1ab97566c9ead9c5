package io.github.pcrupgrade.journal.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What the file journal may learn about the processes of its host, to prove a lease holder gone
 * (see {@link HolderProcess#provablyGone}). The ready implementation, {@link #local()}, reads
 * Linux's {@code /proc}; where that is missing (another OS) it knows no identity, so no holder is
 * ever proven gone there and leases expire by their TTL only. Implementations are thread-safe.
 */
interface HostProcesses {

  /** The identity of the calling process, or empty when any part of it cannot be read. */
  Optional<HolderProcess> self();

  /**
   * Whether the process {@code pid} that started at {@code startedAt} may still run: true when a
   * process with that pid runs and its start time is {@code startedAt} or cannot be read.
   */
  boolean mayRun(long pid, Instant startedAt);

  /** This host, read through {@code /proc} and {@link ProcessHandle}. */
  static HostProcesses local() {
    return Local.INSTANCE;
  }

  /** The ready implementation. */
  final class Local implements HostProcesses {
    private static final Local INSTANCE = new Local();

    private Local() {}

    @Override
    public Optional<HolderProcess> self() {
      try {
        String bootId = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        String ns = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        ProcessHandle me = ProcessHandle.current();
        return me.info().startInstant().filter(s -> !bootId.isEmpty())
            .map(start -> new HolderProcess(bootId, ns, me.pid(), start));
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        return Optional.empty();
      }
    }

    @Override
    public boolean mayRun(long pid, Instant startedAt) {
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
          .map(p -> p.info().startInstant().map(startedAt::equals).orElse(true))
          .orElse(false);
    }
  }
}
