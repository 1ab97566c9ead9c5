package io.github.pcrupgrade.testkit;

import java.util.Objects;
import java.util.Optional;

/**
 * An error as the simulated CockroachDB returns it to a SQL client: a SQLSTATE, the product's
 * message and an optional hint (crdb-pcr-sql-facts.md 9.6). {@link SimulatedCluster} throws it;
 * the simulated ports translate it into a {@code PcrUpgradeException} (keeping it as the cause) and
 * a wire front renders it as a PostgreSQL ErrorResponse.
 */
public final class SimulatedSqlException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** {@code XXUUU}: an error the product raises without a code. */
  public static final String UNCATEGORIZED = "XXUUU";
  /** {@code 42704} undefined_object: a missing virtual cluster. */
  public static final String UNDEFINED_OBJECT = "42704";
  /** {@code 42710} duplicate_object. */
  public static final String DUPLICATE_OBJECT = "42710";
  /** {@code 55000} object_not_in_prerequisite_state. */
  public static final String OBJECT_NOT_IN_PREREQUISITE_STATE = "55000";
  /** {@code 0A000} feature_not_supported. */
  public static final String FEATURE_NOT_SUPPORTED = "0A000";
  /** {@code 42P02} undefined_parameter: an unknown cluster setting. */
  public static final String UNDEFINED_PARAMETER = "42P02";
  /** {@code 42601} syntax_error. */
  public static final String SYNTAX_ERROR = "42601";
  /** {@code 22023} invalid_parameter_value. */
  public static final String INVALID_PARAMETER_VALUE = "22023";
  /** {@code 08000} connection_exception: routing to a VC that does not serve. */
  public static final String CONNECTION_EXCEPTION = "08000";
  /** {@code 08006} connection_failure: a lost connection (transient). */
  public static final String CONNECTION_FAILURE = "08006";
  /** {@code 40001} serialization_failure: "restart transaction" (transient). */
  public static final String SERIALIZATION_FAILURE = "40001";
  /** {@code 57014} query_canceled: the statement's client cancelled it or went away. */
  public static final String QUERY_CANCELED = "57014";
  /**
   * {@code XXC02}: the licence enforcer refused a transaction (crdb-pcr-sql-facts.md 11.3,
   * {@code MaybeFailIfThrottled}).
   */
  public static final String LICENSE_THROTTLED = "XXC02";
  /** {@code 57P01} admin_shutdown: the gateway node is shutting down (transient). */
  public static final String ADMIN_SHUTDOWN = "57P01";

  /** The SQLSTATE, five characters. */
  private final String sqlState;
  /** The HINT field, or null for none. */
  private final String hint;

  /**
   * An error with a hint.
   *
   * @param sqlState the five-character SQLSTATE, such as {@link #OBJECT_NOT_IN_PREREQUISITE_STATE}
   * @param message the product's message text
   * @param hint the HINT field, or null for none
   * @throws NullPointerException if {@code sqlState} or {@code message} is null
   */
  public SimulatedSqlException(String sqlState, String message, String hint) {
    super(Objects.requireNonNull(message, "message"));
    this.sqlState = Objects.requireNonNull(sqlState, "sqlState");
    this.hint = hint;
  }

  /**
   * An error without a hint.
   *
   * @param sqlState the five-character SQLSTATE
   * @param message the product's message text
   * @throws NullPointerException if {@code sqlState} or {@code message} is null
   */
  public SimulatedSqlException(String sqlState, String message) {
    this(sqlState, message, null);
  }

  /**
   * The SQLSTATE.
   *
   * @return the five-character code, as a client reads it
   */
  public String sqlState() {
    return sqlState;
  }

  /**
   * The HINT field, when the product sends one.
   *
   * @return the hint, or empty when the error has none
   */
  public Optional<String> hint() {
    return Optional.ofNullable(hint);
  }

  /**
   * True for errors a client should retry unchanged: serialization failures, lost connections and
   * shutting-down gateways.
   *
   * @return true for {@code 40001}, {@code 57P01} and every {@code 08} code except {@code 08000}
   *     (a VC that does not serve, which retrying does not fix)
   */
  public boolean isTransient() {
    return sqlState.equals(SERIALIZATION_FAILURE) || sqlState.startsWith("08")
        && !sqlState.equals(CONNECTION_EXCEPTION) || sqlState.equals(ADMIN_SHUTDOWN);
  }

  @Override
  public String toString() {
    return "ERROR: " + getMessage() + " (SQLSTATE " + sqlState + ")"
        + (hint == null ? "" : " HINT: " + hint);
  }
}
