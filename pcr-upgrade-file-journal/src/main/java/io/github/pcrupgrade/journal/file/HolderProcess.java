package io.github.pcrupgrade.journal.file;

import java.time.Instant;
import java.util.Objects;

/**
 * The process that holds a file lease, identified well enough that another process can prove it
 * gone: the host's boot id (a host name is not enough: containers share names and reuse pids),
 * the pid namespace, the pid and the process's start time (a pid is reused; pid and start time
 * are not).
 *
 * @param bootId the kernel's boot id ({@code /proc/sys/kernel/random/boot_id})
 * @param pidNamespace the pid namespace ({@code /proc/self/ns/pid}, e.g. {@code pid:[4026531836]})
 * @param pid the process id within that namespace
 * @param startedAt when the process started, as {@link ProcessHandle.Info#startInstant} reports it
 */
public record HolderProcess(String bootId, String pidNamespace, long pid, Instant startedAt) {

  /**
   * Checks that every component is present.
   *
   * @param bootId the kernel's boot id
   * @param pidNamespace the pid namespace
   * @param pid the process id within that namespace
   * @param startedAt when the process started
   */
  public HolderProcess {
    Objects.requireNonNull(bootId, "bootId");
    Objects.requireNonNull(pidNamespace, "pidNamespace");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /**
   * Whether this holder is provably gone, judged by {@code host} (the process asking): only
   * when both run under the same boot and in the same pid namespace, and no process with this
   * pid and this start time runs there. Anything less (another host or boot, another namespace,
   * a start time that cannot be read) is not proof.
   */
  boolean provablyGone(HostProcesses host) {
    return host.self().map(self -> self.bootId.equals(bootId)
        && self.pidNamespace.equals(pidNamespace)
        && !host.mayRun(pid, startedAt))
        .orElse(false);
  }
}
