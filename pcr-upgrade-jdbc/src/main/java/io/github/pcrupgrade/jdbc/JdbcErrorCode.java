package io.github.pcrupgrade.jdbc;

import io.github.pcrupgrade.core.ErrorCode;

/** Error codes of the JDBC adapters. Each says what went wrong and what to fix. */
public enum JdbcErrorCode implements ErrorCode {
  /** The connection settings are malformed (URL, timeouts, names); nothing was contacted. */
  INVALID_SETTINGS,
  /** The cluster could not be reached (host, port, TLS, timeout); check the URL and network. */
  CONNECTION_FAILED,
  /** The user or password was refused; check the credentials. */
  AUTHENTICATION_FAILED,
  /** The user lacks a privilege (the admin role on the system VC); grant it. */
  PERMISSION_DENIED,
  /** The named virtual cluster does not exist or does not serve SQL. */
  VIRTUAL_CLUSTER_UNAVAILABLE,
  /** The server is not CockroachDB (for example a plain PostgreSQL). */
  NOT_COCKROACHDB,
  /** A transient error (serialization conflict 40001, dropped connection) persisted after retries. */
  TRANSIENT,
  /** The statement failed; the message carries the product's text and SQLSTATE. */
  STATEMENT_FAILED,
  /**
   * The cluster is throttled for want of a licence ({@code XXC02}: at most 5 concurrently open
   * transactions); install a licence on its system VC (the message says how), then run again.
   */
  LICENSE_THROTTLED,
  /** The server answered in a shape the adapter does not understand (a missing column). */
  UNEXPECTED_RESPONSE
}
