package io.github.pcrupgrade.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.jdbc.ClusterConnectionSettings;
import io.github.pcrupgrade.jdbc.CockroachSqlException;
import io.github.pcrupgrade.jdbc.JdbcErrorCode;
import io.github.pcrupgrade.jdbc.SqlErrorKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGConnection;

/**
 * One small HikariCP pool per VC of one cluster, created lazily and closed together. Every pool
 * routes to its VC with {@code options=-ccluster=<vc>}. The first connection of a cluster tells
 * whether the server is CockroachDB at all. Every system-VC session starts with
 * {@code -callow_unsafe_internals=true}, whatever the version: crdb_internal is gated from 25.4
 * and closed by default from 26.1 (crdb-pcr-sql-facts 9.4), the nodes of one cluster run different
 * binaries mid-upgrade and a restarted node's new sessions get the new binary's defaults (10.2),
 * and the product ignores an unknown startup option (it only logs it, 10.2), so deciding per
 * cluster is unnecessary and wrong. The product may log one {@code SENSITIVE_ACCESS} event per
 * gated read (9.4).
 */
public final class VcConnections implements AutoCloseable {

  private final ClusterConnectionSettings settings;
  private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();
  private volatile ServerInfo serverInfo;
  private volatile boolean closed;

  public VcConnections(ClusterConnectionSettings settings) {
    this.settings = java.util.Objects.requireNonNull(settings, "settings");
  }

  public ClusterConnectionSettings settings() {
    return settings;
  }

  /**
   * A connection to {@code vc}; the caller closes it.
   *
   * @throws SQLException when the pool cannot connect (translated by the caller, which knows
   *     the intent)
   */
  public Connection open(String vc) throws SQLException {
    VirtualClusterInfo.requireValidName(vc);
    if (closed) {
      throw new IllegalStateException("the connections of cluster '" + settings.clusterName()
          + "' are closed");
    }
    if (serverInfo == null) {
      probe();
    }
    return pool(vc).getConnection();
  }

  /**
   * The pool of {@code vc}, created on first use. Creating it opens one connection at once, so a
   * refusal (wrong password, a VC that does not serve, a host that does not answer) surfaces as
   * the server's own error after one attempt instead of a pool timeout after connectTimeout.
   */
  private HikariDataSource pool(String vc) throws SQLException {
    try {
      return pools.computeIfAbsent(vc, this::newPool);
    } catch (PoolInitializationException e) {
      if (e.getCause() instanceof SQLException cause) {
        throw cause;
      }
      throw new SQLException("could not open a connection: " + e.getMessage(), "08001", e);
    }
  }

  /** What the first connection told about the server. */
  public ServerInfo serverInfo() {
    ServerInfo info = serverInfo;
    return info != null ? info : probe();
  }

  private synchronized ServerInfo probe() {
    if (serverInfo != null) {
      return serverInfo;
    }
    ServerInfo info;
    try (Connection c = pool(VirtualClusterInfo.SYSTEM).getConnection()) {
      PGConnection pg = c.unwrap(PGConnection.class);
      String crdb = pg.getParameterStatus("crdb_version");
      if (crdb == null || crdb.isBlank()) {
        String pgVersion = pg.getParameterStatus("server_version");
        throw new CockroachSqlException(JdbcErrorCode.NOT_COCKROACHDB, SqlErrorKind.OTHER, null,
            settings.clusterName(), null,
            "cluster '" + settings.clusterName() + "' at " + settings.jdbcUrl() + " is not"
                + " CockroachDB (the server reports PostgreSQL " + pgVersion + " and no"
                + " crdb_version); point the URL at a CockroachDB node", null);
      }
      info = ServerInfo.parse(crdb);
    } catch (SQLException e) {
      if (rejectsClusterOption(e)) {
        throw new CockroachSqlException(JdbcErrorCode.NOT_COCKROACHDB, SqlErrorKind.OTHER,
            SqlErrorKind.sqlState(e), settings.clusterName(), null,
            "cluster '" + settings.clusterName() + "' at " + settings.jdbcUrl() + " is not"
                + " CockroachDB (the server does not know the session option 'cluster' that"
                + " selects a virtual cluster); point the URL at a CockroachDB node", e);
      }
      throw Sql.translate(e, settings, VirtualClusterInfo.SYSTEM, "connect to the system VC");
    }
    serverInfo = info;
    return info;
  }

  /**
   * PostgreSQL refuses the startup option {@code -ccluster=system} itself: {@code FATAL:
   * unrecognized configuration parameter "cluster"} (42704), before any ParameterStatus could show
   * that it is not CockroachDB.
   */
  private static boolean rejectsClusterOption(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException s && "42704".equals(s.getSQLState()) && s.getMessage() != null
          && s.getMessage().contains("\"cluster\"")) {
        return true;
      }
    }
    return false;
  }

  private HikariDataSource newPool(String vc) {
    boolean unsafeInternals = vc.equals(VirtualClusterInfo.SYSTEM);
    HikariConfig c = new HikariConfig();
    c.setPoolName("pcr-upgrade-" + settings.clusterName() + "-" + vc);
    c.setJdbcUrl(settings.jdbcUrl());
    c.setUsername(settings.user());
    String password = settings.passwordSupplier().get();
    if (password != null) {
      c.setPassword(password);
    }
    c.setMaximumPoolSize(settings.maxPoolSize());
    c.setMinimumIdle(0);
    c.setConnectionTimeout(settings.connectTimeout().toMillis());
    c.setInitializationFailTimeout(1);
    settings.driverProperties().forEach(c::addDataSourceProperty);
    String userOptions = settings.driverProperties().getOrDefault("options", "");
    String options = "-ccluster=" + vc + (unsafeInternals ? " -callow_unsafe_internals=true" : "")
        + (userOptions.isEmpty() ? "" : " " + userOptions);
    c.addDataSourceProperty("options", options);
    c.addDataSourceProperty("ApplicationName", settings.applicationName());
    long connectSeconds = Math.max(1, settings.connectTimeout().toSeconds());
    c.addDataSourceProperty("connectTimeout", Long.toString(connectSeconds));
    c.addDataSourceProperty("loginTimeout", Long.toString(connectSeconds));
    c.addDataSourceProperty("socketTimeout",
        Long.toString(settings.statementTimeout().toSeconds() + 5));
    return new HikariDataSource(c);
  }

  /**
   * Closes and forgets the pool of {@code vc} (never the system VC's) after its VC refused a
   * connection ({@code 08000}, a refused or timed-out connect): a pool whose connections fail waits
   * its whole connection timeout on every request while it retries in the background, so that a
   * stalled reader VC (crdb-pcr-sql-facts 10.2) would slow every inspection; the next request builds
   * a new pool, which tries once and reports the server's refusal at once.
   */
  public void discard(String vc) {
    if (vc.equals(VirtualClusterInfo.SYSTEM)) {
      return;
    }
    HikariDataSource pool = pools.remove(vc);
    if (pool != null) {
      pool.close();
    }
  }

  /**
   * Marks every connection of {@code vc}'s pool for replacement after one of them lost its session:
   * idle ones are closed now, those in use when they come back, and none is handed out again, so
   * the next request gets a new connection (pgjdbc tries the URL's hosts in order and skips one
   * that refuses). Costs a reconnect per connection; no-op when the pool does not exist.
   */
  public void renew(String vc) {
    HikariDataSource pool = pools.get(vc);
    if (pool != null && pool.getHikariPoolMXBean() != null) {
      pool.getHikariPoolMXBean().softEvictConnections();
    }
  }

  @Override
  public void close() {
    closed = true;
    pools.values().forEach(HikariDataSource::close);
    pools.clear();
  }
}
