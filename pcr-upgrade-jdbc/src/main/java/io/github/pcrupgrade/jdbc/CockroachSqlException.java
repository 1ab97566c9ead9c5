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

  /** What the SQLSTATE means. */
  private final SqlErrorKind kind;
  /** The SQLSTATE the server sent; null when there was none. */
  private final String sqlState;
  /** The display name of the cluster concerned. */
  private final String cluster;
  /** The VC concerned; null when the failure concerns no VC. */
  private final String virtualCluster;

  /**
   * A failed interaction; the adapters build it, a user's own adapter may too.
   *
   * @param code the error code: a {@link JdbcErrorCode}, or {@code INVALID_ARGUMENT} for an
   *     argument refused before anything was sent
   * @param kind what the SQLSTATE means
   * @param sqlState the SQLSTATE, or null when the server sent none
   * @param cluster the display name of the cluster concerned
   * @param virtualCluster the VC concerned, or null
   * @param message what was being done, the product's message and what to do; never credentials
   * @param cause the {@code SQLException}, or null
   */
  public CockroachSqlException(
      ErrorCode code, SqlErrorKind kind, String sqlState, String cluster, String virtualCluster,
      String message, Throwable cause) {
    super(code, message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.sqlState = sqlState;
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.virtualCluster = virtualCluster;
  }

  /**
   * What the SQLSTATE means.
   *
   * @return the decoded kind; {@link SqlErrorKind#OTHER} for a failure without a known SQLSTATE
   */
  public SqlErrorKind kind() {
    return kind;
  }

  /**
   * The SQLSTATE, if the server sent one.
   *
   * @return the SQLSTATE as sent, or empty
   */
  public Optional<String> sqlState() {
    return Optional.ofNullable(sqlState);
  }

  /**
   * The cluster concerned.
   *
   * @return its display name ({@link ClusterConnectionSettings#clusterName()})
   */
  public String cluster() {
    return cluster;
  }

  /**
   * The VC concerned, if any.
   *
   * @return the VC's name, or empty when the failure concerns the cluster as a whole
   */
  public Optional<String> virtualCluster() {
    return Optional.ofNullable(virtualCluster);
  }
}
