package io.github.pcrupgrade.jdbc;

import io.github.pcrupgrade.core.ErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed interaction with a CockroachDB cluster. The {@code SQLException} stays attached as the
 * cause and never crosses into core as itself. The message names the cluster, the VC, what was
 * being done and the product's own error text with its SQLSTATE; it never contains credentials.
 */
public final class CockroachSqlException extends PcrUpgradeException {

  private static final long serialVersionUID = 1L;

  private final SqlErrorKind kind;
  private final String sqlState;
  private final String cluster;
  private final String virtualCluster;

  public CockroachSqlException(
      ErrorCode code, SqlErrorKind kind, String sqlState, String cluster, String virtualCluster,
      String message, Throwable cause) {
    super(code, message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.sqlState = sqlState;
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.virtualCluster = virtualCluster;
  }

  /** What the SQLSTATE means. */
  public SqlErrorKind kind() {
    return kind;
  }

  /** The SQLSTATE, if the server sent one. */
  public Optional<String> sqlState() {
    return Optional.ofNullable(sqlState);
  }

  /** The cluster concerned. */
  public String cluster() {
    return cluster;
  }

  /** The VC concerned, if any. */
  public Optional<String> virtualCluster() {
    return Optional.ofNullable(virtualCluster);
  }
}
