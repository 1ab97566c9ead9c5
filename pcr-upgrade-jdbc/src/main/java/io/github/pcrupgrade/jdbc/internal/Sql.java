package io.github.pcrupgrade.jdbc.internal;

import io.github.pcrupgrade.core.spi.Scheduler;
import io.github.pcrupgrade.jdbc.ClusterConnectionSettings;
import io.github.pcrupgrade.jdbc.CockroachSqlException;
import io.github.pcrupgrade.jdbc.JdbcErrorCode;
import io.github.pcrupgrade.jdbc.SqlErrorKind;
import io.github.pcrupgrade.jdbc.SqlRetry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;

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
      try {
        return queryOnce(vc, sql, mapper);
      } catch (SQLException e) {
        discardIfRefused(vc, e);
        if (SqlErrorKind.isLostConnection(e)) {
          // a node restart closes every session on the node (crdb-pcr-sql-facts 10.2): the pool's
          // other connections there are as dead, and each would fail its next statement in turn
          connections.renew(vc);
        }
        throw e;
      }
    }, (e, attempts) -> translate(e, connections.settings(), vc, intent));
  }

  /**
   * A VC that refuses connections (08000 routing error, 08001 refused or timed-out connect) has
   * its pool discarded (VcConnections#discard), so that the next request fails at once.
   */
  private void discardIfRefused(String vc, SQLException e) {
    String state = SqlErrorKind.sqlState(e);
    if (SqlErrorKind.of(e) == SqlErrorKind.VIRTUAL_CLUSTER_UNAVAILABLE || "08001".equals(state)
        || "08000".equals(state)) {
      connections.discard(vc);
    }
  }

  private <T> List<T> queryOnce(String vc, String sql, RowMapper<T> mapper) throws SQLException {
    try (Connection c = connections.open(vc); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        try {
          rows.add(mapper.map(rs));
        } catch (SQLException e) {
          throw new UnexpectedShape(sql, e);
        }
      }
      return rows;
    }
  }

  /**
   * A row the adapter could not read (a required column missing, a value of another type): the
   * server's answer is not one the adapter knows. Never retried.
   */
  static final class UnexpectedShape extends SQLException {
    private static final long serialVersionUID = 1L;
    final String statement;

    UnexpectedShape(String statement, SQLException cause) {
      super(cause.getMessage(), null, cause);
      this.statement = statement;
    }
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
   * Runs a statement that does its work inside itself (a finalization, STOP SERVICE) on
   * {@code vc}, once. Its connection's network timeout is the settings'
   * {@code blockingStatementTimeout}, never the pool's {@code statementTimeout} (a cut statement
   * leaves a finalization or a stop part-way, crdb-pcr-sql-facts 10.1); the pool restores it when
   * the connection returns. When the executor abandons the call (cancellation, its bound), the
   * statement is cancelled and the connection aborted, so the server sees its client go away.
   */
  public void executeBlocking(String vc, String intent, String sql) {
    Duration bound = connections.settings().blockingStatementTimeout();
    try (Connection c = connections.open(vc); Statement st = c.createStatement()) {
      c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, bound.toMillis()));
      try (Scheduler.Registration r = Scheduler.whenAbandoned(() -> abandon(c, st))) {
        st.execute(sql);
      }
    } catch (SQLException e) {
      throw translate(e, connections.settings(), vc, intent);
    }
  }

  /** Cancels a statement in flight and closes its physical connection; best effort. */
  private static void abandon(Connection c, Statement st) {
    try {
      st.cancel();
    } catch (SQLException | RuntimeException ignored) {
      // the abort below still closes the connection
    }
    try {
      // the physical connection (the pool's proxy only marks itself closed)
      ((Connection) c.unwrap(PGConnection.class)).abort(Runnable::run);
    } catch (SQLException | RuntimeException ignored) {
      // gone already
    }
  }

  /**
   * Turns a {@code SQLException} into a typed exception naming the cluster, the VC, the intent
   * and the product's message with its SQLSTATE. The exception stays attached as the cause.
   */
  public static CockroachSqlException translate(
      SQLException e, ClusterConnectionSettings settings, String vc, String intent) {
    String where = "cluster '" + settings.clusterName() + "'" + (vc == null ? "" : " VC '" + vc + "'");
    if (e instanceof UnexpectedShape u) {
      return new CockroachSqlException(JdbcErrorCode.UNEXPECTED_RESPONSE, SqlErrorKind.OTHER, null,
          settings.clusterName(), vc, where + ": " + intent + ": the answer to '" + u.statement
              + "' is not one pcr-upgrade knows (" + firstLine(String.valueOf(u.getMessage()))
              + "); nothing was done from it: check that the server's version is one"
              + " pcr-upgrade supports", e);
    }
    String state = SqlErrorKind.sqlState(e);
    SqlErrorKind kind = SqlErrorKind.of(e);
    String product = productMessage(e);
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
      case LICENSE_THROTTLED -> {
        code = JdbcErrorCode.LICENSE_THROTTLED;
        advice = "cluster '" + settings.clusterName() + "' has no valid licence (none installed,"
            + " expired, or its telemetry requirement unmet), so CockroachDB allows at most 5"
            + " concurrently open transactions (crdb-pcr-sql-facts 11.3). Install a licence on"
            + " its system VC (SET CLUSTER SETTING enterprise.license = '<key>'; each physical"
            + " cluster needs its own) or meet its telemetry requirement, then run again; until"
            + " then, maxPoolSize 4 keeps this tool under the limit";
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
