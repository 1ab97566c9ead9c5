package io.github.pcrupgrade.testkit.chaos;

import io.github.pcrupgrade.core.exec.ExecutorOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * The executor settings and bounds every run of a campaign uses.
 *
 * @param pollInterval the executor's first poll interval
 * @param maxPollInterval the executor's longest poll interval (it backs off to it)
 * @param settleTime how long the executor lets a restarted node settle
 * @param leaseTtl the executor's lease time-to-live
 * @param clearSettle how long the deployment is left alone, in virtual time, after the trouble is
 *     cleared and before the rerun (nodes rejoin, replication catches up, leases expire)
 * @param virtualBound the most virtual time a whole run (prefix, run, rerun) may take
 * @param watchdog the most real time one run may take before it counts as a hang
 */
public record ChaosSettings(
    Duration pollInterval,
    Duration maxPollInterval,
    Duration settleTime,
    Duration leaseTtl,
    Duration clearSettle,
    Duration virtualBound,
    Duration watchdog) {

  /**
   * Checks that no setting is null.
   *
   * @param pollInterval the executor's first poll interval
   * @param maxPollInterval the executor's longest poll interval
   * @param settleTime how long the executor lets a restarted node settle
   * @param leaseTtl the executor's lease time-to-live
   * @param clearSettle how long the deployment is left alone before the rerun, in virtual time
   * @param virtualBound the most virtual time a whole run may take
   * @param watchdog the most real time one run may take
   * @throws NullPointerException if any setting is null
   */
  public ChaosSettings {
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(maxPollInterval, "maxPollInterval");
    Objects.requireNonNull(settleTime, "settleTime");
    Objects.requireNonNull(leaseTtl, "leaseTtl");
    Objects.requireNonNull(clearSettle, "clearSettle");
    Objects.requireNonNull(virtualBound, "virtualBound");
    Objects.requireNonNull(watchdog, "watchdog");
  }

  /**
   * The defaults: poll every 10 s backing off to 60 s, settle 10 s, the default 5-minute lease,
   * 15 minutes left alone before the rerun, 3 days of virtual time, 60 s of real time per run.
   *
   * @return the default settings
   */
  public static ChaosSettings defaults() {
    return new ChaosSettings(Duration.ofSeconds(10), Duration.ofSeconds(60),
        Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(15),
        Duration.ofDays(3), Duration.ofSeconds(60));
  }

  /**
   * The same settings with another real-time watchdog.
   *
   * @param d the most real time one run may take before it counts as a hang
   * @return a copy with that watchdog
   * @throws NullPointerException if {@code d} is null
   */
  public ChaosSettings withWatchdog(Duration d) {
    return new ChaosSettings(pollInterval, maxPollInterval, settleTime, leaseTtl, clearSettle,
        virtualBound, d);
  }

  ExecutorOptions options(boolean requireApproval, Duration leaseWait) {
    return ExecutorOptions.builder().pollInterval(pollInterval).maxPollInterval(maxPollInterval)
        .settleTime(settleTime).leaseTtl(leaseTtl).leaseWait(leaseWait)
        .requireApproval(requireApproval).build();
  }
}
