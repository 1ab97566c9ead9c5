package io.github.pcrupgrade.testkit;

/**
 * What a simulated finalization does when the client of its {@code SET CLUSTER SETTING version}
 * goes away mid-statement (the connection closes, the statement is cancelled, or the calling task
 * is interrupted). The product runs the migrations inside the statement (crdb-pcr-sql-facts.md
 * 10.1, {@code pkg/sql/set_cluster_setting.go}); what it does when the client disconnects is
 * UNCONFIRMED there, so the simulation offers both and tests cover both.
 */
public enum InterruptedFinalization {

  /**
   * The finalization stops at the last persisted step; {@code SHOW CLUSTER SETTING version} keeps
   * showing that transitional version and nothing resumes it (auto-upgrade is pinned off) until
   * the statement is sent again, which continues from that step. The default: the harder case
   * for a client, and the likelier one (the version steps are persisted by the statement itself,
   * crdb-pcr-sql-facts.md 9.1 and 10.1).
   */
  STOPS,

  /**
   * The finalization goes on to the end in the background, as if the statement were still running
   * (how the simulation behaved before its statements blocked).
   */
  CONTINUES
}
