package io.github.pcrupgrade.jdbc.internal;

import io.github.pcrupgrade.jdbc.ClusterConnectionSettings;
import io.github.pcrupgrade.jdbc.CockroachSqlException;
import io.github.pcrupgrade.jdbc.JdbcErrorCode;
import io.github.pcrupgrade.jdbc.SqlErrorKind;
import io.github.pcrupgrade.jdbc.SqlRetry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Runs one statement on one VC and translates every {@link SQLException} exactly once. */
public final class Sql {

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private static final Set<SqlErrorKind> TRANSIENT =
      EnumSet.of(SqlErrorKind.RETRYABLE, SqlErrorKind.CONNECTION);

  private final VcConnections connections;
  private final SqlRetry retry;

  /**
   * @param connections the cluster's pools
   * @param retry how idempotent reads are retried (serialization conflicts, lost connections)
   */
  public Sql(VcConnections connections, SqlRetry retry) {
    this.connections = connections;
    this.retry = retry;
  }

  /** Runs a read-only query on {@code vc} and maps every row; transient failures are retried. */
  public <T> List<T> query(String vc, String intent, String sql, RowMapper<T> mapper) {
    return retry.run(TRANSIENT, () -> {
      try (Connection c = connections.open(vc); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery(sql)) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      }
    }, (e, attempts) -> translate(e, connections.settings(), vc, intent));
  }

  /**
   * Runs a statement without results on {@code vc}, once: a failed mutation is judged by the
   * executor against a fresh snapshot, never blindly repeated.
   */
  public void execute(String vc, String intent, String sql) {
    try (Connection c = connections.open(vc); Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw translate(e, connections.settings(), vc, intent);
    }
  }

  /**
   * Turns a {@code SQLException} into a typed exception naming the cluster, the VC, the intent
   * and the product's message with its SQLSTATE. The exception stays attached as the cause.
   */
  public static CockroachSqlException translate(
      SQLException e, ClusterConnectionSettings settings, String vc, String intent) {
    String state = SqlErrorKind.sqlState(e);
    SqlErrorKind kind = SqlErrorKind.of(e);
    String product = productMessage(e);
    String where = "cluster '" + settings.clusterName() + "'" + (vc == null ? "" : " VC '" + vc + "'");
    JdbcErrorCode code;
    String advice;
    switch (kind) {
      case AUTHENTICATION -> {
        code = JdbcErrorCode.AUTHENTICATION_FAILED;
        advice = "check the user ('" + settings.user() + "') and password of cluster '"
            + settings.clusterName() + "'";
      }
      case PERMISSION -> {
        code = JdbcErrorCode.PERMISSION_DENIED;
        advice = "grant user '" + settings.user() + "' the admin role on the system VC"
            + " (GRANT admin TO ...)";
      }
      case VIRTUAL_CLUSTER_UNAVAILABLE -> {
        code = JdbcErrorCode.VIRTUAL_CLUSTER_UNAVAILABLE;
        advice = "check that VC '" + vc + "' exists and serves SQL (SHOW VIRTUAL CLUSTERS on"
            + " the system VC)";
      }
      case CONNECTION -> {
        code = JdbcErrorCode.CONNECTION_FAILED;
        advice = "check that " + settings.jdbcUrl() + " is reachable and its TLS settings";
      }
      case RETRYABLE -> {
        code = JdbcErrorCode.TRANSIENT;
        advice = "retry; the conflict is transient";
      }
      default -> {
        code = JdbcErrorCode.STATEMENT_FAILED;
        advice = "see the product's message";
      }
    }
    String message = where + ": " + intent + " failed: " + product
        + (state == null ? "" : " (SQLSTATE " + state + ")") + "; " + advice;
    return new CockroachSqlException(code, kind, state, settings.clusterName(), vc, message, e);
  }

  /**
   * The server's (or the driver's) own message: a pool's wrapper ("Connection is not available,
   * request timed out") carries the real failure as its cause or next exception, so the innermost
   * SQLException with a SQLSTATE wins.
   */
  private static String productMessage(SQLException e) {
    SQLException best = null;
    for (SQLException s : SqlErrorKind.chain(e)) {
      if (s.getSQLState() != null && s.getMessage() != null) {
        best = s;
      }
    }
    if (best != null) {
      return firstLine(best.getMessage());
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Quotes a validated identifier. */
  public static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** Quotes a string literal. */
  public static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
