package io.github.pcrupgrade.testkit.internal.wire;

/** The SQLSTATEs the wire front uses, with CockroachDB's meaning. */
public final class SqlStates {
  private SqlStates() {}

  /** {@code XXUUU}: CockroachDB's code for errors created without a code. */
  public static final String UNCATEGORIZED = "XXUUU";
  /** {@code 08000}: connection_exception (routing to a missing or non-serving VC). */
  public static final String CONNECTION_EXCEPTION = "08000";
  /** {@code 08P01}: protocol_violation. */
  public static final String PROTOCOL_VIOLATION = "08P01";
  /** {@code 53300}: too_many_connections (the server's connection cap is reached). */
  public static final String TOO_MANY_CONNECTIONS = "53300";
  /** {@code 54001}: statement_too_complex (PostgreSQL's "stack depth limit exceeded"). */
  public static final String STATEMENT_TOO_COMPLEX = "54001";
  /** {@code 57P05}: idle_session_timeout. */
  public static final String IDLE_SESSION_TIMEOUT = "57P05";
  /** {@code 0A000}: feature_not_supported. */
  public static final String FEATURE_NOT_SUPPORTED = "0A000";
  /** {@code 22023}: invalid_parameter_value. */
  public static final String INVALID_PARAMETER_VALUE = "22023";
  /** {@code 22P02}: invalid_text_representation. */
  public static final String INVALID_TEXT_REPRESENTATION = "22P02";
  /** {@code 25P02}: in_failed_sql_transaction. */
  public static final String IN_FAILED_SQL_TRANSACTION = "25P02";
  /** {@code 26000}: invalid_sql_statement_name (unknown prepared statement). */
  public static final String INVALID_STATEMENT_NAME = "26000";
  /** {@code 28P01}: invalid_password. */
  public static final String INVALID_PASSWORD = "28P01";
  /** {@code 34000}: invalid_cursor_name (unknown portal). */
  public static final String INVALID_CURSOR_NAME = "34000";
  /** {@code 42501}: insufficient_privilege. */
  public static final String INSUFFICIENT_PRIVILEGE = "42501";
  /** {@code 42601}: syntax_error. */
  public static final String SYNTAX_ERROR = "42601";
  /** {@code 42703}: undefined_column. */
  public static final String UNDEFINED_COLUMN = "42703";
  /** {@code 42704}: undefined_object. */
  public static final String UNDEFINED_OBJECT = "42704";
  /** {@code 42803}: grouping_error. */
  public static final String GROUPING_ERROR = "42803";
  /** {@code 42883}: undefined_function. */
  public static final String UNDEFINED_FUNCTION = "42883";
  /** {@code 42P02}: undefined_parameter. */
  public static final String UNDEFINED_PARAMETER = "42P02";
  /** {@code 42804}: datatype_mismatch. */
  public static final String DATATYPE_MISMATCH = "42804";
  /** {@code 55P02}: cant_change_runtime_param. */
  public static final String CANT_CHANGE_RUNTIME_PARAM = "55P02";
  /** {@code 57014}: query_canceled. */
  public static final String QUERY_CANCELED = "57014";
  /** {@code XX000}: internal_error (a backend bug surfaced to the client). */
  public static final String INTERNAL_ERROR = "XX000";
}
