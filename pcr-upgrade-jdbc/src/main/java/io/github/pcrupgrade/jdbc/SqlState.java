package io.github.pcrupgrade.jdbc;

import java.sql.SQLException;

/**
 * The SQLSTATEs this module acts on, decoded once from a {@link SQLException} (and the exceptions
 * chained to it). Everything else is {@link #OTHER}.
 */
public enum SqlState {
  /**
   * {@code 40001}: the transaction conflicted with another and was aborted; CockroachDB raises it
   * routinely under contention ("restart transaction"). Safe to run the whole transaction again.
   */
  SERIALIZATION_FAILURE("40001"),
  /** {@code 40P01}: PostgreSQL chose this transaction as a deadlock victim. Safe to run again. */
  DEADLOCK_DETECTED("40P01"),
  /**
   * {@code 23505}: a unique constraint refused a row. Retrying helps only where the statement
   * computes the key afresh (the journal's next sequence number).
   */
  UNIQUE_VIOLATION("23505"),
  /** {@code 42P07}: a table already exists; raised by racing {@code CREATE TABLE IF NOT EXISTS}. */
  DUPLICATE_TABLE("42P07"),
  /** {@code 42P06}: a schema already exists; raised by racing {@code CREATE SCHEMA IF NOT EXISTS}. */
  DUPLICATE_SCHEMA("42P06"),
  /** Any other state, or none. Not retried. */
  OTHER("");

  private final String code;

  SqlState(String code) {
    this.code = code;
  }

  /** The five-character SQLSTATE, empty for {@link #OTHER}. */
  public String code() {
    return code;
  }

  /**
   * The first known state found on {@code e}, the exceptions chained with {@link
   * SQLException#getNextException()}, or its causes; {@link #OTHER} when none is known.
   */
  public static SqlState of(SQLException e) {
    int guard = 0;
    for (Throwable t = e; t != null && guard < 32; guard++) {
      if (t instanceof SQLException sql) {
        SqlState s = ofCode(sql.getSQLState());
        if (s != OTHER) {
          return s;
        }
        if (sql.getNextException() != null && sql.getNextException() != t) {
          SqlState next = ofCode(sql.getNextException().getSQLState());
          if (next != OTHER) {
            return next;
          }
        }
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return OTHER;
  }

  /** The state with SQLSTATE {@code code}; {@link #OTHER} for an unknown one or null. */
  public static SqlState ofCode(String code) {
    if (code != null && !code.isEmpty()) {
      for (SqlState s : values()) {
        if (s.code.equals(code)) {
          return s;
        }
      }
    }
    return OTHER;
  }
}
