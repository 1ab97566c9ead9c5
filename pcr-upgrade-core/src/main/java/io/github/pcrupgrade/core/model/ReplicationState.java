package io.github.pcrupgrade.core.model;

import java.util.Locale;

/**
 * The state of a PCR stream as the {@code status} column of
 * {@code SHOW VIRTUAL CLUSTER ... WITH REPLICATION STATUS} reports it, across the spellings of
 * every series (crdb-pcr-sql-facts.md 2.4).
 */
public enum ReplicationState {
  /** Setting up: initializing, creating initial splits, running the initial scan. */
  INITIALIZING("initializing replication", "initializing replication"),
  /** Streaming; the replicated time advances. The normal state during an upgrade. */
  REPLICATING("replicating", "replicating"),
  /** Paused by an operator; resume within 24 h or the job fails. */
  PAUSED("replication paused", "replication paused"),
  /** A failover was requested and waits for its timestamp. */
  PENDING_FAILOVER("replication pending failover", "replication pending cutover"),
  /** The failover is running. */
  FAILING_OVER("replication failing over", "replication cutting over"),
  /** The stream failed (it retries for 3 minutes first); investigate before any upgrade step. */
  ERROR("replication error", "replication error"),
  /** A status string this library does not know; treated as not replicating. */
  UNKNOWN("unknown", "unknown");

  private final String spelling;
  private final String cutoverSpelling;

  ReplicationState(String spelling, String cutoverSpelling) {
    this.spelling = spelling;
    this.cutoverSpelling = cutoverSpelling;
  }

  /**
   * The product's spelling: with "failover" naming (24.3+) or the older "cutover" naming.
   *
   * @param failoverNaming true for a binary with the {@code FAILOVER_NAMING} feature
   * @return the lower-case status string, such as {@code replication pending cutover}
   */
  public String spelling(boolean failoverNaming) {
    return failoverNaming ? spelling : cutoverSpelling;
  }

  /**
   * Maps a product status string (any series; case-insensitive, so the 23.1 upper-case forms
   * match) to a state. Never throws: anything unrecognised, {@code unimplemented-<n>} included,
   * is {@link #UNKNOWN}.
   *
   * @param status the {@code status} column; null gives {@link #UNKNOWN}; surrounding blanks are
   *     ignored
   * @return the state
   */
  public static ReplicationState fromProduct(String status) {
    if (status == null) {
      return UNKNOWN;
    }
    String s = status.trim().toLowerCase(Locale.ROOT);
    switch (s) {
      case "creating initial splits", "running initial scan":
        return INITIALIZING;
      default:
        break;
    }
    for (ReplicationState st : values()) {
      if (st != UNKNOWN && (st.spelling.equals(s) || st.cutoverSpelling.equals(s))) {
        return st;
      }
    }
    return UNKNOWN;
  }
}
