package io.github.pcrupgrade.jdbc;

import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.jdbc.internal.JdbcClusterInspector;
import io.github.pcrupgrade.jdbc.internal.VcConnections;
import io.github.pcrupgrade.core.capture.CaptureDocument;
import io.github.pcrupgrade.core.capture.CaptureDocument.ClusterCapture;
import io.github.pcrupgrade.core.capture.CaptureDocument.Column;
import io.github.pcrupgrade.core.capture.CaptureDocument.ErrorAnswer;
import io.github.pcrupgrade.core.capture.CaptureDocument.Exchange;
import io.github.pcrupgrade.core.capture.CaptureRedaction;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * {@code pcr-upgrade capture} as a library call: sends the read-only statements that preflight and
 * the inspector rely on to both clusters and records every exchange (statement, columns with
 * their types, rows as text, or SQLSTATE, message and hint) and the ParameterStatus values, then
 * redacts the secrets ({@link CaptureRedaction}). The format is {@code docs/capture.md}.
 *
 * <p>Read-only: {@code SHOW} and {@code SELECT} only. Thread-safe; each {@link #run()} opens its own
 * connections and closes them. A cluster that cannot be reached fails the capture with the same
 * typed error as any adapter ({@link CockroachSqlException}); nothing is half-written.
 */
public final class Capture {

  private final ClusterConnectionSettings primary;
  private final ClusterConnectionSettings standby;
  private final Clock clock;
  private final CaptureDocument.Origin origin;
  private final boolean redact;

  private Capture(ClusterConnectionSettings primary, ClusterConnectionSettings standby,
      Clock clock, CaptureDocument.Origin origin, boolean redact) {
    this.primary = primary;
    this.standby = standby;
    this.clock = clock;
    this.origin = origin;
    this.redact = redact;
  }

  /**
   * A capture of a real deployment, redacted, on the system clock.
   *
   * @param primary how to reach the primary
   * @param standby how to reach the standby
   * @return a capture to {@link #run()}; contacts nothing yet
   */
  public static Capture of(ClusterConnectionSettings primary, ClusterConnectionSettings standby) {
    return new Capture(Objects.requireNonNull(primary, "primary"),
        Objects.requireNonNull(standby, "standby"), Clock.systemUTC(),
        CaptureDocument.Origin.REAL, true);
  }

  /**
   * This capture stamped by {@code captureClock}.
   *
   * @param captureClock gives the capture's {@code capturedAt}
   * @return a copy with that clock; this one is unchanged
   */
  public Capture clock(Clock captureClock) {
    Objects.requireNonNull(captureClock, "captureClock");
    return new Capture(primary, standby, Objects.requireNonNull(captureClock), origin,
        redact);
  }

  /**
   * This capture labelled with its origin (the simulation's captures say SIMULATED).
   *
   * @param answeredBy who answers the statements: {@code REAL} (the default) makes the capture
   *     evidence of the product, {@code SIMULATED} an example
   * @return a copy with that origin; this one is unchanged
   */
  public Capture origin(CaptureDocument.Origin answeredBy) {
    Objects.requireNonNull(answeredBy, "answeredBy");
    return new Capture(primary, standby, clock, Objects.requireNonNull(answeredBy),
        redact);
  }

  /**
   * This capture without redaction: for tests only; never share its output.
   *
   * @return a copy that keeps what redaction replaces (cluster ids, hosts, stream URIs,
   *     passwords, the licence key) as the servers sent it
   */
  public Capture unredacted() {
    return new Capture(primary, standby, clock, origin, false);
  }

  /**
   * Runs the statements on both clusters and returns the capture: on each system VC, the
   * inspector's and preflight's reads; then on every VC, the system VC included, that
   * {@code SHOW VIRTUAL CLUSTERS} shows serving, its version, finalization settings and
   * telemetry setting. A statement the server refuses is recorded with its SQLSTATE, message and
   * hint; a VC that refuses connections is recorded as a {@code -- connect} exchange.
   *
   * @return the capture, redacted unless {@link #unredacted()}; nothing is written anywhere
   * @throws CockroachSqlException when a cluster's system VC cannot be reached or is not
   *     CockroachDB, with the adapters' codes ({@code CONNECTION_FAILED},
   *     {@code AUTHENTICATION_FAILED}, {@code NOT_COCKROACHDB}, ...)
   */
  public CaptureDocument run() {
    List<ClusterCapture> clusters = List.of(cluster("primary", primary),
        cluster("standby", standby));
    CaptureDocument doc = new CaptureDocument(CaptureDocument.SCHEMA_VERSION, origin,
        clock.instant(), "pcr-upgrade capture", false, clusters);
    return redact ? CaptureRedaction.redact(doc) : doc;
  }

  /** The statements of the system VC, in the order sent. */
  static List<String> systemStatements(String appVc) {
    return List.of(JdbcClusterInspector.SHOW_VCS, JdbcClusterInspector.NODES,
        // the two tables the inspector joins, as they are (evidence of their columns, 9.2)
        "SELECT node_id, address, locality, build_tag, is_live FROM crdb_internal.gossip_nodes",
        "SELECT node_id, draining, membership FROM crdb_internal.gossip_liveness",
        JdbcClusterInspector.RANGES,
        JdbcClusterInspector.CLUSTER_ID, JdbcClusterInspector.LICENCE,
        "SHOW VIRTUAL CLUSTER " + io.github.pcrupgrade.jdbc.internal.Sql.ident(appVc)
            + " WITH REPLICATION STATUS",
        // preflight --failback's lineage: undocumented, its release UNCONFIRMED (11.1), so
        // what a real cluster answers here (rows or a syntax error) is evidence worth recording
        "SHOW VIRTUAL CLUSTER " + io.github.pcrupgrade.jdbc.internal.Sql.ident(appVc)
            + " WITH PRIOR REPLICATION DETAILS",
        // the inspector's stream job id on 24.1-24.3, and preflight's running jobs (11.2, 11.4)
        "SHOW JOBS");
  }

  /** The statements of every serving VC, the system VC included. */
  static List<String> vcStatements() {
    return List.of("SHOW CLUSTER SETTING version",
        "SHOW CLUSTER SETTING cluster.auto_upgrade.enabled",
        "SHOW CLUSTER SETTING cluster.preserve_downgrade_option", JdbcClusterInspector.TELEMETRY);
  }

  private ClusterCapture cluster(String role, ClusterConnectionSettings settings) {
    try (VcConnections connections = new VcConnections(settings)) {
      connections.serverInfo();
      Map<String, String> params = new TreeMap<>();
      List<Exchange> exchanges = new ArrayList<>();
      String system = VirtualClusterInfo.SYSTEM;
      try (Connection c = connections.open(system)) {
        params.putAll(c.unwrap(PGConnection.class).getParameterStatuses());
        knowTypes(c);
        for (String sql : systemStatements(settings.appVirtualCluster())) {
          exchanges.add(exchange(c, system, sql));
        }
        for (String sql : vcStatements()) {
          exchanges.add(exchange(c, system, sql));
        }
      } catch (SQLException e) {
        throw io.github.pcrupgrade.jdbc.internal.Sql.translate(e, settings, system,
            "capture the system VC");
      }
      for (String vc : servingVcs(exchanges.get(0))) {
        try (Connection c = connections.open(vc)) {
          knowTypes(c);
          for (String sql : vcStatements()) {
            exchanges.add(exchange(c, vc, sql));
          }
        } catch (SQLException e) {
          exchanges.add(new Exchange(vc, "-- connect", Optional.empty(), Optional.empty(),
              Optional.of(error(e))));
        }
      }
      return new ClusterCapture(role, settings.clusterName(), params, exchanges);
    }
  }

  /** The non-system VCs that serve SQL, from the answer to {@code SHOW VIRTUAL CLUSTERS}. */
  private static List<String> servingVcs(Exchange showVcs) {
    List<String> out = new ArrayList<>();
    if (showVcs.columns().isEmpty() || showVcs.rows().isEmpty()) {
      return out;
    }
    List<Column> cols = showVcs.columns().get();
    int name = -1;
    int mode = -1;
    for (int i = 0; i < cols.size(); i++) {
      if (cols.get(i).name().equals("name")) {
        name = i;
      } else if (cols.get(i).name().equals("service_mode")) {
        mode = i;
      }
    }
    if (name < 0 || mode < 0) {
      return out;
    }
    for (List<String> row : showVcs.rows().get()) {
      String m = row.get(mode) == null ? "" : row.get(mode).toLowerCase(Locale.ROOT);
      if (!VirtualClusterInfo.SYSTEM.equals(row.get(name))
          && (m.equals("shared") || m.equals("external"))) {
        out.add(row.get(name));
      }
    }
    return out;
  }

  /**
   * Names the result types the driver does not know by OID without asking {@code pg_type}
   * ({@code interval}, {@code jsonb}), so that naming a column's type sends no extra statement:
   * the capture holds exactly the statements it lists.
   */
  static void knowTypes(Connection c) throws SQLException {
    org.postgresql.core.TypeInfo types = c.unwrap(org.postgresql.core.BaseConnection.class)
        .getTypeInfo();
    types.addCoreType("interval", 1186, java.sql.Types.OTHER, "org.postgresql.util.PGInterval",
        1187);
    types.addCoreType("jsonb", 3802, java.sql.Types.OTHER, "org.postgresql.util.PGobject", 3807);
  }

  private static String typeName(ResultSetMetaData md, int column) {
    try {
      return md.getColumnTypeName(column);
    } catch (SQLException e) {
      return "unknown";
    }
  }

  static Exchange exchange(Connection c, String vc, String sql) {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<Column> cols = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        cols.add(new Column(md.getColumnLabel(i), typeName(md, i)));
      }
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= cols.size(); i++) {
          row.add(rs.getString(i));
        }
        rows.add(java.util.Collections.unmodifiableList(row));
      }
      return new Exchange(vc, sql, Optional.of(cols), Optional.of(rows), Optional.empty());
    } catch (SQLException e) {
      return new Exchange(vc, sql, Optional.empty(), Optional.empty(), Optional.of(error(e)));
    }
  }

  static ErrorAnswer error(SQLException e) {
    ServerErrorMessage m = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    if (m != null) {
      return new ErrorAnswer(String.valueOf(m.getSQLState()), String.valueOf(m.getMessage()),
          Optional.ofNullable(m.getHint()));
    }
    return new ErrorAnswer(e.getSQLState() == null ? "" : e.getSQLState(),
        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), Optional.empty());
  }
}
