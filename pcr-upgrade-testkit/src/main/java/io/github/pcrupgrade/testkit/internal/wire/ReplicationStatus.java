package io.github.pcrupgrade.testkit.internal.wire;

import io.github.pcrupgrade.core.version.ReleaseSeries;

/**
 * The status of a replication consumer job, printed in {@code data_state} / {@code status} of
 * {@code SHOW VIRTUAL CLUSTER(S)}. Series before 24.3 print "cutover" where later ones print
 * "failover".
 */
public enum ReplicationStatus {
  /** {@code initializing replication}. */
  INITIALIZING_REPLICATION("initializing replication", null),
  /** {@code creating initial splits}. */
  CREATING_INITIAL_SPLITS("creating initial splits", null),
  /** {@code running initial scan}. */
  RUNNING_INITIAL_SCAN("running initial scan", null),
  /** {@code replicating}: streaming; the VC can be failed over. */
  REPLICATING("replicating", null),
  /** {@code replication paused}. */
  REPLICATION_PAUSED("replication paused", null),
  /** {@code replication pending failover} ({@code replication pending cutover} before 24.3). */
  REPLICATION_PENDING_FAILOVER("replication pending failover", "replication pending cutover"),
  /** {@code replication failing over} ({@code replication cutting over} before 24.3). */
  REPLICATION_FAILING_OVER("replication failing over", "replication cutting over"),
  /** {@code replication error}. */
  REPLICATION_ERROR("replication error", null);

  private static final ReleaseSeries FAILOVER_NAMING = ReleaseSeries.of(24, 3);

  private final String label;
  private final String cutoverLabel;

  ReplicationStatus(String label, String cutoverLabel) {
    this.label = label;
    this.cutoverLabel = cutoverLabel;
  }

  /** The text a server of {@code series} prints. */
  public String label(ReleaseSeries series) {
    return cutoverLabel != null && series.withoutDevOffset().isBefore(FAILOVER_NAMING)
        ? cutoverLabel
        : label;
  }
}
