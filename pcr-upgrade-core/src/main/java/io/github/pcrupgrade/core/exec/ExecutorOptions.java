package io.github.pcrupgrade.core.exec;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.time.Duration;
import java.util.Objects;

/**
 * How an executor runs a plan. Built with {@link #builder()}; every setter checks its argument
 * against the limits below and names the option in its error. Immutable and thread-safe.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>meaning</th><th>limits</th><th>default</th></tr>
 *   <tr><td>pollInterval</td><td>first wait between polls while awaiting a step</td>
 *       <td>10 ms - 5 min</td><td>1 s</td></tr>
 *   <tr><td>maxPollInterval</td><td>cap of the doubling backoff between polls</td>
 *       <td>pollInterval - 10 min</td><td>2 x pollInterval (a wait then ends at most about
 *       one poll interval after what it awaits)</td></tr>
 *   <tr><td>nodeRestartTimeout</td><td>for a restarted node to be live on its new binary</td>
 *       <td>1 s - 24 h</td><td>15 min</td></tr>
 *   <tr><td>finalizationTimeout</td><td>for a VC to report exactly the target version</td>
 *       <td>1 s - 48 h</td><td>60 min</td></tr>
 *   <tr><td>replicationTimeout</td><td>for the replicated time to pass a finalization</td>
 *       <td>1 s - 24 h</td><td>30 min</td></tr>
 *   <tr><td>readerVcTimeout</td><td>for a re-created reader VC to serve</td>
 *       <td>1 s - 24 h</td><td>30 min</td></tr>
 *   <tr><td>settingTimeout</td><td>for a setting change to be visible</td>
 *       <td>1 s - 1 h</td><td>2 min</td></tr>
 *   <tr><td>healthTimeout</td><td>for the health gate to pass before a restart or finalization</td>
 *       <td>0 - 24 h</td><td>10 min</td></tr>
 *   <tr><td>settleTime</td><td>wait after a node rejoined before the next restart</td>
 *       <td>0 - 1 h</td><td>60 s (the docs' minimum)</td></tr>
 *   <tr><td>maxReplicationLag</td><td>the health gate's bound on replication lag</td>
 *       <td>1 s - 24 h</td><td>5 min</td></tr>
 *   <tr><td>requireApproval</td><td>ask the approval gate before every finalization</td>
 *       <td>-</td><td>false</td></tr>
 *   <tr><td>stopBeforeFinalization</td><td>pause before the first finalization (keeps the
 *       rollback window open)</td><td>-</td><td>false</td></tr>
 *   <tr><td>leaseTtl</td><td>how long the deployment lease lasts between renewals (it is renewed
 *       before every mutating step and after every wait between polls)</td>
 *       <td>5 s - 1 h, and longer than maxPollInterval</td><td>5 min</td></tr>
 *   <tr><td>leaseWait</td><td>how long a run waits for another executor's lease to end before
 *       it halts with {@code LEASE_HELD}; it polls every pollInterval (doubling up to
 *       maxPollInterval) through the sleeper, measured on the executor's clock. 0 halts at once</td>
 *       <td>0 - 1 h</td><td>0</td></tr>
 *   <tr><td>stopGrace</td><td>after a cancellation, how long a port call still in flight may
 *       take to return before it is abandoned (and {@code STEP_OUTCOME_UNKNOWN} journaled)</td>
 *       <td>0 - 1 h</td><td>30 s</td></tr>
 *   <tr><td>resendAfter</td><td>a finalization or STOP SERVICE whose statement is no longer in
 *       flight is sent again when the observed state has not moved for this long (a statement
 *       still running is never re-sent)</td><td>1 s - 1 h</td><td>2 min</td></tr>
 *   <tr><td>fullSnapshotEvery</td><td>while a step is awaited, most polls read only what its
 *       done-condition looks at (a narrow read); a full snapshot of both clusters (invariants,
 *       topology, divergence) is taken on the first poll, at least every this many polls, and
 *       before a step is recorded done. 1 takes a full snapshot on every poll</td>
 *       <td>1 - 1000</td><td>10</td></tr>
 * </table>
 */
public final class ExecutorOptions {

  private final Duration pollInterval;
  private final Duration maxPollInterval;
  private final Duration nodeRestartTimeout;
  private final Duration finalizationTimeout;
  private final Duration replicationTimeout;
  private final Duration readerVcTimeout;
  private final Duration settingTimeout;
  private final Duration healthTimeout;
  private final Duration settleTime;
  private final Duration maxReplicationLag;
  private final boolean requireApproval;
  private final boolean stopBeforeFinalization;
  private final Duration leaseTtl;
  private final Duration leaseWait;
  private final Duration stopGrace;
  private final Duration resendAfter;
  private final int fullSnapshotEvery;

  private ExecutorOptions(Builder b) {
    this.pollInterval = b.pollInterval;
    this.maxPollInterval = b.maxPollInterval;
    this.nodeRestartTimeout = b.nodeRestartTimeout;
    this.finalizationTimeout = b.finalizationTimeout;
    this.replicationTimeout = b.replicationTimeout;
    this.readerVcTimeout = b.readerVcTimeout;
    this.settingTimeout = b.settingTimeout;
    this.healthTimeout = b.healthTimeout;
    this.settleTime = b.settleTime;
    this.maxReplicationLag = b.maxReplicationLag;
    this.requireApproval = b.requireApproval;
    this.stopBeforeFinalization = b.stopBeforeFinalization;
    this.leaseTtl = b.leaseTtl;
    this.leaseWait = b.leaseWait;
    this.stopGrace = b.stopGrace;
    this.resendAfter = b.resendAfter;
    this.fullSnapshotEvery = b.fullSnapshotEvery;
  }

  /** {@return the defaults of the table above} */
  public static ExecutorOptions defaults() {
    return builder().build();
  }

  /** {@return a new builder holding the defaults; set only what differs} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return the first wait between polls while a step is awaited; waits double from it up to
   * {@link #maxPollInterval()}}
   */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** {@return the cap of the doubling backoff between polls, at least {@link #pollInterval()}} */
  public Duration maxPollInterval() {
    return maxPollInterval;
  }

  /**
   * {@return the bound of a node upgrader call (plus one poll interval), and then of the wait
   * until the node is live on its new binary}
   */
  public Duration nodeRestartTimeout() {
    return nodeRestartTimeout;
  }

  /**
   * {@return the bound of a finalization statement (plus one poll interval), and then of the wait
   * until the VC reports exactly the target version}
   */
  public Duration finalizationTimeout() {
    return finalizationTimeout;
  }

  /**
   * {@return how long the standby's replicated time may take to pass the primary app VC's
   * finalization}
   */
  public Duration replicationTimeout() {
    return replicationTimeout;
  }

  /**
   * {@return the bound of each reader VC statement (plus one poll interval; STOP SERVICE blocks
   * until every node stopped serving), and then of the wait for its outcome or for the reader to
   * serve; also how long a reader that does not answer is waited for before planning}
   */
  public Duration readerVcTimeout() {
    return readerVcTimeout;
  }

  /**
   * {@return the bound of a pin, unpin or restore statement (plus one poll interval), and then of
   * the wait until the setting is visible; twice it (plus one poll interval) bounds an inspection
   * of both clusters}
   */
  public Duration settingTimeout() {
    return settingTimeout;
  }

  /**
   * {@return how long a step's precondition (and, before a restart or finalization, the health
   * gate) may stay unmet before the run halts with {@code PRECONDITION_NOT_MET}}
   */
  public Duration healthTimeout() {
    return healthTimeout;
  }

  /** {@return the pause after a restarted node is back before the run goes on} */
  public Duration settleTime() {
    return settleTime;
  }

  /** {@return the health gate's bound on the standby's replication lag} */
  public Duration maxReplicationLag() {
    return maxReplicationLag;
  }

  /** {@return whether the approval gate is asked before every finalization} */
  public boolean requireApproval() {
    return requireApproval;
  }

  /**
   * {@return whether a run pauses before the first point of no return, keeping the rollback window
   * open}
   */
  public boolean stopBeforeFinalization() {
    return stopBeforeFinalization;
  }

  /**
   * {@return how long the deployment lease lasts between renewals; longer than {@link
   * #maxPollInterval()}}
   */
  public Duration leaseTtl() {
    return leaseTtl;
  }

  /**
   * {@return how long a run waits for another holder's lease to end before it halts with {@code
   * LEASE_HELD}; zero halts at once}
   */
  public Duration leaseWait() {
    return leaseWait;
  }

  /**
   * {@return after a cancellation, how long a port call in flight may take to return before it is
   * abandoned}
   */
  public Duration stopGrace() {
    return stopGrace;
  }

  /**
   * {@return how long the observed state of a finalization or STOP SERVICE whose statement returned
   * may stay unmoved before it is sent again}
   */
  public Duration resendAfter() {
    return resendAfter;
  }

  /**
   * {@return how many polls of a wait at most pass between full snapshots, 1 to 1000 (1: every
   * poll)}
   */
  public int fullSnapshotEvery() {
    return fullSnapshotEvery;
  }

  /** Builds options; not thread-safe. */
  public static final class Builder {
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration maxPollInterval;
    private Duration nodeRestartTimeout = Duration.ofMinutes(15);
    private Duration finalizationTimeout = Duration.ofMinutes(60);
    private Duration replicationTimeout = Duration.ofMinutes(30);
    private Duration readerVcTimeout = Duration.ofMinutes(30);
    private Duration settingTimeout = Duration.ofMinutes(2);
    private Duration healthTimeout = Duration.ofMinutes(10);
    private Duration settleTime = Duration.ofSeconds(60);
    private Duration maxReplicationLag = Duration.ofMinutes(5);
    private boolean requireApproval;
    private boolean stopBeforeFinalization;
    private Duration leaseTtl = Duration.ofMinutes(5);
    private Duration leaseWait = Duration.ZERO;
    private Duration stopGrace = Duration.ofSeconds(30);
    private Duration resendAfter = Duration.ofMinutes(2);
    private int fullSnapshotEvery = 10;

    private Builder() {}

    /**
     * Sets {@link ExecutorOptions#pollInterval()}.
     *
     * @param d from 10 ms to 5 min (default 1 s)
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} outside the limits, naming the option
     */
    public Builder pollInterval(Duration d) {
      this.pollInterval = check("pollInterval", d, Duration.ofMillis(10), Duration.ofMinutes(5));
      return this;
    }

    /**
     * Sets {@link ExecutorOptions#maxPollInterval()}.
     *
     * @param d from 10 ms to 10 min, and at least the poll interval when built (default twice
     *     the poll interval)
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} outside the limits, naming the option
     */
    public Builder maxPollInterval(Duration d) {
      this.maxPollInterval = check("maxPollInterval", d, Duration.ofMillis(10),
          Duration.ofMinutes(10));
      return this;
    }

    /**
     * Sets {@link ExecutorOptions#nodeRestartTimeout()}.
     *
     * @param d from 1 s to 24 h (default 15 min)
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} outside the limits, naming the option
     */
    public Builder nodeRestartTimeout(Duration d) {
      this.nodeRestartTimeout = check("nodeRestartTimeout", d, Duration.ofSeconds(1),
          Duration.ofHours(24));
      return this;
    }

    /**
     * Sets {@link ExecutorOptions#finalizationTimeout()}.
     *
     * @param d from 1 s to 48 h (default 60 min)
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} outside the limits, naming the option
     */
    public Builder finalizationTimeout(Duration d) {
      this.finalizationTimeout = check("finalizationTimeout", d, Duration.ofSeconds(1),
          Duration.ofHours(48));
      return this;
    }

    /**
     * Sets {@link ExecutorOptions#replicationTimeout()}.
     *
     * @param d from 1 s to 24 h (default 30 min)
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} outside the limits, naming the option
     */
    public Builder replicationTimeout(Duration d) {
      this.replicationTimeout = check("replicationTimeout", d, Duration.ofSeconds(1),
          Duration.ofHours(24));
      return this;
    }

    /**
     * Sets {@link ExecutorOptions#readerVcTimeout()}.
     *
     * @param d from 1 s to 24 h (default 30 min)
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} outside the limits, naming the option
     */
    public Builder readerVcTimeout(Duration d) {
      this.readerVcTimeout = check("readerVcTimeout", d, Duration.ofSeconds(1),
          Duration.ofHours(24));
      return this;
    }

    /**
     * Sets {@link ExecutorOptions#settingTimeout()}.
     *
     * @param d from 1 s to 1 h (default 2 min)
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} outside the limits, naming the option
     */
    public Builder settingTimeout(Duration d) {
      this.settingTimeout = check("settingTimeout", d, Duration.ofSeconds(1), Duration.ofHours(1));
      return this;
    }

    /**
     * Sets {@link ExecutorOptions#healthTimeout()}.
     *
     * @param d from 0 to 24 h (default 10 min)
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} outside the limits, naming the option
     */
    public Builder healthTimeout(Duration d) {
      this.healthTimeout = check("healthTimeout", d, Duration.ZERO, Duration.ofHours(24));
      return this;
    }

    /**
     * Sets {@link ExecutorOptions#settleTime()}.
     *
     * @param d from 0 to 1 h (default 60 s, the documented minimum)
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} outside the limits, naming the option
     */
    public Builder settleTime(Duration d) {
      this.settleTime = check("settleTime", d, Duration.ZERO, Duration.ofHours(1));
      return this;
    }

    /**
     * Sets {@link ExecutorOptions#maxReplicationLag()}.
     *
     * @param d from 1 s to 24 h (default 5 min)
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} outside the limits, naming the option
     */
    public Builder maxReplicationLag(Duration d) {
      this.maxReplicationLag = check("maxReplicationLag", d, Duration.ofSeconds(1),
          Duration.ofHours(24));
      return this;
    }

    /**
     * Sets {@link ExecutorOptions#requireApproval()}.
     *
     * @param required true to ask the approval gate before every finalization (default false)
     * @return this builder
     */
    public Builder requireApproval(boolean required) {
      this.requireApproval = required;
      return this;
    }

    /**
     * Sets {@link ExecutorOptions#stopBeforeFinalization()}.
     *
     * @param stop true to pause before the first finalization (default false)
     * @return this builder
     */
    public Builder stopBeforeFinalization(boolean stop) {
      this.stopBeforeFinalization = stop;
      return this;
    }

    /**
     * Sets {@link ExecutorOptions#leaseTtl()}.
     *
     * @param d from 5 s to 1 h, and longer than the maximum poll interval when built (default
     *     5 min)
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} outside the limits, naming the option
     */
    public Builder leaseTtl(Duration d) {
      this.leaseTtl = check("leaseTtl", d, Duration.ofSeconds(5), Duration.ofHours(1));
      return this;
    }

    /**
     * How long to wait for a lease held by another executor (a predecessor that died, or one
     * finishing); 0, the default, halts at once with {@code LEASE_HELD}.
     *
     * @param d from 0 to 1 h (default 0)
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} outside the limits, naming the option
     */
    public Builder leaseWait(Duration d) {
      this.leaseWait = check("leaseWait", d, Duration.ZERO, Duration.ofHours(1));
      return this;
    }

    /**
     * After a cancellation, how long a port call still in flight may take to return before the
     * run abandons it and journals {@code STEP_OUTCOME_UNKNOWN}.
     *
     * @param d from 0 to 1 h (default 30 s)
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} outside the limits, naming the option
     */
    public Builder stopGrace(Duration d) {
      this.stopGrace = check("stopGrace", d, Duration.ZERO, Duration.ofHours(1));
      return this;
    }

    /**
     * How long the observed state of a finalization or STOP SERVICE whose statement is no longer
     * in flight (it returned, or its connection was lost) may stay unmoved before the statement is
     * sent again (crdb-pcr-sql-facts 10.1: nothing else resumes a cut finalization).
     *
     * @param d from 1 s to 1 h (default 2 min)
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} outside the limits, naming the option
     */
    public Builder resendAfter(Duration d) {
      this.resendAfter = check("resendAfter", d, Duration.ofSeconds(1), Duration.ofHours(1));
      return this;
    }

    /**
     * While a step is awaited, a full snapshot of both clusters at least every {@code polls}
     * polls; the polls between read only what the step's done-condition looks at. 1 takes a full
     * snapshot on every poll (no narrow reads).
     *
     * @param polls from 1 to 1000 (default 10)
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} outside the limits
     */
    public Builder fullSnapshotEvery(int polls) {
      if (polls < 1 || polls > 1000) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "fullSnapshotEvery must be between 1 and 1000 polls, got " + polls);
      }
      this.fullSnapshotEvery = polls;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return immutable options; the builder may be reused
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when maxPollInterval is below
     *     pollInterval, or leaseTtl is not longer than maxPollInterval
     */
    public ExecutorOptions build() {
      if (maxPollInterval == null) {
        maxPollInterval = pollInterval.multipliedBy(2);
      }
      if (maxPollInterval.compareTo(pollInterval) < 0) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "maxPollInterval (" + maxPollInterval + ") must not be below pollInterval ("
                + pollInterval + ")");
      }
      if (leaseTtl.compareTo(maxPollInterval) <= 0) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "leaseTtl (" + leaseTtl + ") must be longer than maxPollInterval (" + maxPollInterval
                + "): the executor renews the lease between polls, so a longer wait would let it"
                + " expire");
      }
      return new ExecutorOptions(this);
    }

    private static Duration check(String name, Duration d, Duration min, Duration max) {
      Objects.requireNonNull(d, name);
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            name + " must be between " + min + " and " + max + ", got " + d);
      }
      return d;
    }
  }
}
