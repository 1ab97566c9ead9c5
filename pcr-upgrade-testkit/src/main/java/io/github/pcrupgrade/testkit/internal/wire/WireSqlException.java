package io.github.pcrupgrade.testkit.internal.wire;

import java.util.Objects;

/**
 * A SQL error to send to the client as an ErrorResponse. Backends throw it to refuse a statement
 * with the product's SQLSTATE, message and hint (see {@link SqlStates}).
 */
public final class WireSqlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;
  private final String hint;

  /** An error without hint. */
  public WireSqlException(String sqlState, String message) {
    this(sqlState, message, null);
  }

  /**
   * @param sqlState five-character SQLSTATE
   * @param message the primary message, sent as field M
   * @param hint the hint, sent as field H, or null
   */
  public WireSqlException(String sqlState, String message, String hint) {
    super(Objects.requireNonNull(message, "message"));
    if (sqlState == null || sqlState.length() != 5) {
      throw new IllegalArgumentException("sqlState must have 5 characters, got " + sqlState);
    }
    this.sqlState = sqlState;
    this.hint = hint;
  }

  public String sqlState() {
    return sqlState;
  }

  /** The hint, or null. */
  public String hint() {
    return hint;
  }
}
