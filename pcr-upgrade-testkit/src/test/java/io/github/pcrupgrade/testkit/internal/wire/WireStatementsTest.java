package io.github.pcrupgrade.testkit.internal.wire;

import static io.github.pcrupgrade.testkit.internal.wire.WireTestSupport.columnNames;
import static io.github.pcrupgrade.testkit.internal.wire.WireTestSupport.columnTypes;
import static io.github.pcrupgrade.testkit.internal.wire.WireTestSupport.connect;
import static io.github.pcrupgrade.testkit.internal.wire.WireTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PSQLException;

class WireStatementsTest {

  private interface Body {
    void run(Connection c) throws Exception;
  }

  private static void on(String buildTag, String vc, Body body) throws Exception {
    try (WireServer server = WireServer.builder(new FakeCluster(buildTag)).build().start();
        Connection c = connect(server, vc)) {
      body.run(c);
    }
  }

  private static ResultSet query(Connection c, String sql) throws SQLException {
    return c.createStatement().executeQuery(sql);
  }

  private static void assertError(Connection c, String sql, String state, String message) {
    assertThatThrownBy(() -> c.createStatement().execute(sql))
        .isInstanceOfSatisfying(PSQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo(state);
          assertThat(e.getServerErrorMessage().getMessage()).startsWith(message);
        });
  }

  @Test
  void showsVirtualClustersWithDataStateAndServiceMode() throws Exception {
    on("v25.2.1", "system", c -> {
      // When listing VCs on the system VC
      ResultSet rs = query(c, "SHOW VIRTUAL CLUSTERS");
      // Then the columns and values are the product's, replication status shown as data state
      assertThat(columnNames(rs)).containsExactly("id", "name", "data_state", "service_mode");
      assertThat(columnTypes(rs)).containsExactly("int8", "text", "text", "text");
      assertThat(rows(rs)).containsExactly(List.of("1", "system", "ready", "shared"),
          List.of("3", "main", "replicating", "none"),
          List.of("4", "main-readonly", "ready", "shared"), List.of("5", "idle", "ready", "none"));
    });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "v24.2.5|id,name,source_tenant_name,source_cluster_uri,retained_time,replicated_time,"
          + "replication_lag,cutover_time,status",
      "v24.3.12|id,name,source_tenant_name,source_cluster_uri,retained_time,replicated_time,"
          + "replication_lag,failover_time,status",
      "v25.2.1|id,name,ingestion_job_id,source_tenant_name,source_cluster_uri,retained_time,"
          + "replicated_time,replication_lag,failover_time,status",
      "v23.2.9|id,name,data_state,service_mode,source_tenant_name,source_cluster_uri,"
          + "replication_job_id,replicated_time,retained_time,cutover_time"})
  void replicationStatusColumnsFollowTheSeries(String tag, String columns) throws Exception {
    on(tag, "system", c -> {
      // When asking one VC's replication status (TENANT alias, prepared with a parameter)
      PreparedStatement ps = c.prepareStatement("SHOW TENANT ? WITH REPLICATION STATUS");
      ps.setString(1, "main");
      ResultSet rs = ps.executeQuery();
      // Then the column list is that of the series
      assertThat(columnNames(rs)).containsExactly(columns.split(","));
      assertThat(rs.next()).isTrue();
      assertThat(rs.getTimestamp("replicated_time"))
          .isEqualTo(Timestamp.from(java.time.Instant.parse("2026-06-01T11:59:30.123456Z")));
      if (!tag.startsWith("v23")) {
        // (getObject on interval makes pgjdbc query pg_catalog, which is not simulated)
        assertThat(new PGInterval(rs.getString("replication_lag")).getSeconds()).isEqualTo(30.0);
        assertThat(rs.getString("status")).isEqualTo("replicating");
      }
      assertThat(rs.getMetaData().getColumnTypeName(rs.findColumn("retained_time")))
          .isEqualTo("timestamptz");
    });
  }

  @Test
  void olderSeriesPrintCutoverStatusAndColumn() throws Exception {
    on("v24.2.5", "system", c -> {
      // When failing over on a 24.2 server
      ResultSet rs = query(c, "ALTER VIRTUAL CLUSTER main COMPLETE REPLICATION TO LATEST");
      // Then the result column is cutover_time, and the status the cutover wording
      assertThat(columnNames(rs)).containsExactly("cutover_time");
      assertThat(columnTypes(rs)).containsExactly("numeric");
      rs.next();
      assertThat(rs.getBigDecimal(1)).isEqualTo(new BigDecimal("1780315170123456789.0000000000"));
      ResultSet st = query(c, "SHOW VIRTUAL CLUSTER main WITH REPLICATION STATUS");
      st.next();
      assertThat(st.getString("status")).isEqualTo("replication pending cutover");
      assertThat(st.getBigDecimal("cutover_time")).isNotNull();
    });
    on("v25.4.3", "system", c -> {
      ResultSet rs = query(c, "alter virtual cluster main complete replication to latest");
      assertThat(columnNames(rs)).containsExactly("failover_time");
    });
  }

  @Test
  void clusterSettingsShowSetAndReset() throws Exception {
    on("v25.4.3", "system", c -> {
      // When showing version and a boolean setting
      ResultSet v = query(c, "SHOW CLUSTER SETTING version");
      assertThat(columnNames(v)).containsExactly("version");
      assertThat(rows(v)).containsExactly(List.of("25.4"));
      ResultSet b = query(c, "SHOW CLUSTER SETTING cluster.auto_upgrade.enabled");
      assertThat(columnNames(b)).containsExactly("cluster.auto_upgrade.enabled");
      assertThat(columnTypes(b)).containsExactly("bool");
      // When setting with =, TO, a parameter and DEFAULT
      Statement s = c.createStatement();
      s.execute("SET CLUSTER SETTING cluster.auto_upgrade.enabled = false");
      assertThat(rows(query(c, "SHOW CLUSTER SETTING cluster.auto_upgrade.enabled")))
          .containsExactly(List.of("f"));
      s.execute("SET CLUSTER SETTING cluster.preserve_downgrade_option TO '25.4'");
      PreparedStatement ps =
          c.prepareStatement("SET CLUSTER SETTING cluster.preserve_downgrade_option = ?");
      ps.setString(1, "25.3");
      ps.execute();
      assertThat(rows(query(c, "SHOW CLUSTER SETTING cluster.preserve_downgrade_option")))
          .containsExactly(List.of("25.3"));
      s.execute("RESET CLUSTER SETTING cluster.preserve_downgrade_option");
      s.execute("SET CLUSTER SETTING cluster.auto_upgrade.enabled = DEFAULT");
      assertThat(rows(query(c, "SHOW CLUSTER SETTING cluster.auto_upgrade.enabled")))
          .containsExactly(List.of("t"));
      // Then errors from the backend reach the client as they are
      assertError(c, "RESET CLUSTER SETTING version", "XXUUU",
          "cannot RESET cluster version setting");
      assertError(c, "SHOW CLUSTER SETTING nope.nope", "XXUUU", "unknown setting: \"nope.nope\"");
    });
  }

  @Test
  void setClusterSettingIsRefusedInsideAnExplicitTransaction() throws Exception {
    on("v25.4.3", "system", c -> {
      // Given an explicit transaction (pgjdbc sends BEGIN)
      c.setAutoCommit(false);
      // When setting a cluster setting
      assertError(c, "SET CLUSTER SETTING cluster.auto_upgrade.enabled = false", "XXUUU",
          "SET CLUSTER SETTING cannot be used inside a multi-statement transaction");
      // Then the transaction is failed until rolled back
      assertError(c, "SELECT 1", "25P02", "current transaction is aborted");
      c.rollback();
      c.setAutoCommit(true);
      assertThat(rows(query(c, "SELECT 1"))).containsExactly(List.of("1"));
    });
  }

  @Test
  void alterAndDropVirtualClusters() throws Exception {
    on("v25.4.3", "system", c -> {
      Statement s = c.createStatement();
      // When running each ALTER form and DROP
      s.execute("ALTER VIRTUAL CLUSTER main PAUSE REPLICATION");
      s.execute("ALTER TENANT main RESUME REPLICATION");
      s.execute("ALTER VIRTUAL CLUSTER main SET REPLICATION READ VIRTUAL CLUSTER");
      s.execute("ALTER VIRTUAL CLUSTER \"main-readonly\" STOP SERVICE");
      s.execute("ALTER VIRTUAL CLUSTER 'main-readonly' START SERVICE SHARED");
      s.execute("ALTER VIRTUAL CLUSTER idle START REPLICATION OF main ON "
          + "'postgresql://u@primary:26257/?options=-ccluster%3Dsystem' WITH READ VIRTUAL CLUSTER");
      assertError(c, "DROP VIRTUAL CLUSTER \"main-readonly\"", "55000",
          "cannot drop tenant \"main-readonly\" (4) in service mode shared");
      s.execute("DROP VIRTUAL CLUSTER IF EXISTS idle IMMEDIATE");
      s.execute("DROP TENANT IF EXISTS idle");
      // Then missing VCs are the product's 42704
      assertError(c, "DROP VIRTUAL CLUSTER idle", "42704", "tenant \"idle\" does not exist");
      assertError(c, "ALTER VIRTUAL CLUSTER nope STOP SERVICE", "42704",
          "tenant \"nope\" does not exist");
      assertThat(rows(query(c, "SHOW VIRTUAL CLUSTERS"))).extracting(r -> r.get(1))
          .containsExactly("system", "main", "main-readonly");
    });
  }

  @Test
  void systemOnlyStatementsAreRefusedElsewhere() throws Exception {
    on("v25.4.3", "main-readonly", c -> {
      assertError(c, "SHOW VIRTUAL CLUSTERS", "42501", "only the system tenant can show");
      assertError(c, "ALTER VIRTUAL CLUSTER main STOP SERVICE", "42501",
          "only the system tenant can alter tenant");
      assertError(c, "DROP VIRTUAL CLUSTER main", "42501", "only the system tenant can drop");
      assertError(c, "SELECT node_id FROM crdb_internal.gossip_nodes", "0A000",
          "operation is unsupported within a virtual cluster");
      // Cluster settings are per VC and work here
      assertThat(rows(query(c, "SHOW CLUSTER SETTING version"))).containsExactly(List.of("25.4"));
    });
  }

  @Test
  void selectsFromInternalTables() throws Exception {
    on("v25.4.3", "system", c -> {
      ResultSet g = query(c, "SELECT * FROM crdb_internal.gossip_nodes");
      assertThat(columnNames(g)).containsExactly("node_id", "network", "address",
          "advertise_address", "sql_network", "sql_address", "advertise_sql_address", "attrs",
          "locality", "cluster_name", "server_version", "build_tag", "started_at", "is_live",
          "ranges", "leases");
      assertThat(rows(g)).hasSize(3);
      ResultSet l = query(c, "SELECT * FROM crdb_internal.gossip_liveness");
      assertThat(columnNames(l)).containsExactly("node_id", "epoch", "expiration", "draining",
          "decommissioning", "membership", "updated_at");
      assertThat(columnTypes(l)).containsExactly("int8", "int8", "text", "bool", "bool", "text",
          "timestamp");
      ResultSet st = query(c, "SELECT * FROM crdb_internal.kv_store_status");
      assertThat(columnNames(st)).containsExactly("node_id", "store_id", "attrs", "capacity",
          "available", "used", "logical_bytes", "range_count", "lease_count",
          "writes_per_second", "bytes_per_replica", "writes_per_replica", "metrics",
          "properties");
      // (pgjdbc resolves the jsonb type name through pg_catalog, which is not simulated)
      ResultSet typed = query(c, "SELECT capacity, writes_per_second, metrics->>'replicas' AS r "
          + "FROM crdb_internal.kv_store_status");
      assertThat(columnTypes(typed)).containsExactly("int8", "float8", "text");
      ResultSet n = query(c, "SELECT node_id, server_version, tag, \"time\" FROM "
          + "crdb_internal.kv_node_status");
      assertThat(rows(n)).containsExactly(List.of("1", "25.4", "v25.4.3", "2026/05/29 12:00:00"));

      PreparedStatement ps = c.prepareStatement("SELECT node_id, server_version, build_tag, "
          + "is_live, started_at, address FROM crdb_internal.gossip_nodes WHERE node_id = ?");
      ps.setInt(1, 2);
      ResultSet one = ps.executeQuery();
      assertThat(one.next()).isTrue();
      assertThat(one.getLong("node_id")).isEqualTo(2);
      assertThat(one.getBoolean("is_live")).isTrue();
      assertThat(one.getTimestamp("started_at")).isNotNull();
      assertThat(one.next()).isFalse();
    });
  }

  @Test
  void aggregatesStoreMetricsLikeNodeStatusRanges() throws Exception {
    on("v25.4.3", "system", c -> {
      ResultSet all = query(c, "SELECT sum((metrics->>'ranges.underreplicated')::DECIMAL)::INT "
          + "AS under, sum((metrics->>'ranges.unavailable')::DECIMAL)::INT AS unavail "
          + "FROM crdb_internal.kv_store_status");
      assertThat(columnNames(all)).containsExactly("under", "unavail");
      assertThat(columnTypes(all)).containsExactly("int8", "int8");
      assertThat(rows(all)).containsExactly(List.of("6", "1"));
      ResultSet grouped = query(c, "SELECT node_id, sum((metrics->>'ranges.unavailable')::DECIMAL)"
          + "::INT AS u, count(*) FROM crdb_internal.kv_store_status GROUP BY node_id");
      assertThat(rows(grouped)).containsExactly(List.of("1", "0", "1"), List.of("2", "1", "1"),
          List.of("3", "0", "1"));
    });
  }

  @Test
  void joinsLivenessWithNodesLikeNodeStatus() throws Exception {
    on("v25.4.3", "system", c -> {
      ResultSet rs = query(c, "SELECT node_id AS id, address, build_tag AS build, "
          + "ifnull(is_live, false) AS is_live, membership, draining AS is_draining "
          + "FROM crdb_internal.gossip_liveness LEFT JOIN crdb_internal.gossip_nodes "
          + "USING (node_id)");
      assertThat(columnNames(rs)).containsExactly("id", "address", "build", "is_live",
          "membership", "is_draining");
      assertThat(rows(rs)).containsExactly(
          List.of("1", "node1:26257", "v25.4.3", "t", "active", "f"),
          List.of("2", "node2:26257", "v25.4.3", "t", "active", "t"),
          java.util.Arrays.asList("3", "node3:26257", "v25.4.3", "f", "decommissioning", "f"),
          java.util.Arrays.asList("4", null, null, "f", "decommissioned", "f"));
    });
  }

  @Test
  void evaluatesScalarFunctions() throws Exception {
    on("v25.4.3", "system", c -> {
      ResultSet rs = query(c, "SELECT version(), crdb_internal.node_executable_version(), "
          + "crdb_internal.release_series('25.3-upgrading-to-25.4-step-002') AS s, "
          + "cluster_logical_timestamp(), now(), current_timestamp, 1::STRING AS one");
      assertThat(columnNames(rs)).containsExactly("version", "node_executable_version", "s",
          "cluster_logical_timestamp", "now", "current_timestamp", "one");
      assertThat(columnTypes(rs)).containsExactly("text", "text", "text", "numeric",
          "timestamptz", "timestamptz", "text");
      rs.next();
      assertThat(rs.getString(1)).startsWith("CockroachDB CCL v25.4.3 (");
      assertThat(rs.getString(2)).isEqualTo("25.4");
      assertThat(rs.getString(3)).isEqualTo("25.4");
      assertThat(rs.getBigDecimal(4)).isEqualTo(new BigDecimal("1780315200123456789.0000000000"));
      assertThat(rs.getTimestamp(5).toInstant())
          .isEqualTo(java.time.Instant.parse("2026-06-01T12:00:00.123456Z"));
    });
  }

  @Test
  void sessionVariablesShowAndSet() throws Exception {
    on("v25.4.3", "system", c -> {
      assertThat(rows(query(c, "SHOW server_version"))).containsExactly(List.of("13.0.0"));
      assertThat(rows(query(c, "SHOW server_version_num"))).containsExactly(List.of("130000"));
      assertThat(rows(query(c, "SHOW TRANSACTION ISOLATION LEVEL")))
          .containsExactly(List.of("serializable"));
      assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
      c.createStatement().execute("SET SESSION application_name TO 'upgrader'");
      c.createStatement().execute("SET statement_timeout = '5s'");
      c.createStatement().execute("SET extra_float_digits = 3");
      assertThat(rows(query(c, "SHOW application_name"))).containsExactly(List.of("upgrader"));
      assertThat(rows(query(c, "SHOW timezone"))).containsExactly(List.of("UTC"));
      assertThat(rows(query(c, "SHOW statement_timeout"))).containsExactly(List.of("5s"));
      assertError(c, "SHOW no_such_var", "42704",
          "unrecognized configuration parameter \"no_such_var\"");
      assertError(c, "SET server_version = '14'", "55P02", "parameter \"server_version\"");
    });
  }

  @Test
  void unsafeInternalsAreOpenByDefaultOn254() throws Exception {
    on("v25.4.3", "system", c -> {
      assertThat(rows(query(c, "SHOW allow_unsafe_internals"))).containsExactly(List.of("on"));
      assertThat(rows(query(c, "SELECT count(*) FROM crdb_internal.gossip_nodes")))
          .containsExactly(List.of("3"));
      c.createStatement().execute("SET allow_unsafe_internals = off");
      assertError(c, "SELECT crdb_internal.node_executable_version()", "42501",
          "Access to crdb_internal and system is restricted.");
    });
  }

  @Test
  void unsafeInternalsAreClosedByDefaultFrom261UntilTheSessionOptsIn() throws Exception {
    on("v26.1.0", "system", c -> {
      // When reading an internal table with the default session
      assertThatThrownBy(() -> query(c, "SELECT node_id FROM crdb_internal.gossip_nodes"))
          .isInstanceOfSatisfying(PSQLException.class, e -> {
            // Then the product's gate error comes back
            assertThat(e.getSQLState()).isEqualTo("42501");
            assertThat(e.getServerErrorMessage().getMessage())
                .isEqualTo("Access to crdb_internal and system is restricted.");
            assertThat(e.getServerErrorMessage().getHint()).isEqualTo(
                "These interfaces are unsupported in production. To proceed, set the session "
                    + "variable allow_unsafe_internals = true (not recommended), or contact "
                    + "Cockroach Labs for a supported alternative.");
          });
      assertError(c, "SELECT crdb_internal.release_series('26.1')", "42501", "Access to");
      // SHOW statements bypass the gate; version() is not crdb_internal
      assertThat(rows(query(c, "SELECT version()"))).hasSize(1);
      c.createStatement().execute("SET allow_unsafe_internals = on");
      assertThat(rows(query(c, "SELECT node_id FROM crdb_internal.gossip_nodes"))).hasSize(3);
    });
    try (WireServer server = WireServer.builder(new FakeCluster("v26.1.0")).build().start();
        Connection c = connect(server, "options=-ccluster%3Dsystem%20-callow_unsafe_internals%3Dtrue",
            "root", "secret")) {
      assertThat(rows(query(c, "SHOW allow_unsafe_internals"))).containsExactly(List.of("on"));
    }
  }

  @Test
  void unsafeInternalsDoNotExistBefore254() throws Exception {
    on("v25.2.1", "system", c -> {
      assertThat(rows(query(c, "SELECT count(*) FROM crdb_internal.gossip_liveness")))
          .containsExactly(List.of("4"));
      assertError(c, "SET allow_unsafe_internals = on", "42704",
          "unrecognized configuration parameter \"allow_unsafe_internals\"");
    });
  }

  @Test
  void unsupportedStatementsAndSyntaxErrorsAreTyped() throws Exception {
    on("v25.4.3", "system", c -> {
      assertError(c, "SHOW SCHEDULES", "0A000",
          "statement not supported by the simulation: SHOW SCHEDULES");
      assertError(c, "CREATE VIRTUAL CLUSTER x FROM REPLICATION OF y ON 'z'", "0A000",
          "statement not supported by the simulation: CREATE VIRTUAL CLUSTER");
      assertError(c, "SHOW VIRTUAL CLUSTERS WITH CAPABILITIES", "0A000",
          "statement not supported by the simulation");
      assertError(c, "SELECT * FROM system.namespace", "0A000",
          "statement not supported by the simulation");
      assertError(c, "SELEC 1", "42601", "at or near \"SELEC\": syntax error");
      assertError(c, "SELECT (1", "42601", "at or near \"EOF\": syntax error");
      assertError(c, "SET CLUSTER SETTING version =", "42601", "at or near \"EOF\"");
    });
  }

  @Test
  void simpleQueriesRunSeveralStatementsAndStopAtTheFirstError() throws Exception {
    on("v25.4.3", "system", c -> {
      Statement s = c.createStatement();
      assertThat(s.execute("SELECT 1; SELECT 2 AS two")).isTrue();
      assertThat(rows(s.getResultSet())).containsExactly(List.of("1"));
      assertThat(s.getMoreResults()).isTrue();
      assertThat(columnNames(s.getResultSet())).containsExactly("two");
    });
  }

  @Test
  void preparedStatementsReuseServerSideStatementsAndBinaryResults() throws Exception {
    on("v25.4.3", "system", c -> {
      // Given a prepared statement executed past pgjdbc's prepareThreshold (binary transfer)
      PreparedStatement ps = c.prepareStatement("SELECT node_id, is_live, started_at, "
          + "cluster_logical_timestamp() AS ts FROM crdb_internal.gossip_nodes WHERE node_id = ?");
      for (int i = 0; i < 8; i++) {
        ps.setLong(1, 1 + i % 3);
        try (ResultSet rs = ps.executeQuery()) {
          // Then every execution decodes the same values
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong(1)).isEqualTo(1 + i % 3);
          assertThat(rs.getTimestamp(3).toInstant())
              .isEqualTo(FakeCluster.NOW.minusSeconds(3600L * (1 + i % 3))
                  .truncatedTo(java.time.temporal.ChronoUnit.MICROS));
          assertThat(rs.getBigDecimal(4))
              .isEqualByComparingTo(new BigDecimal("1780315200123456789"));
        }
      }
    });
  }

  @Test
  void fetchSizeSuspendsAndResumesThePortal() throws Exception {
    on("v25.4.3", "system", c -> {
      c.setAutoCommit(false);
      PreparedStatement ps = c.prepareStatement("SELECT node_id FROM crdb_internal.gossip_liveness");
      ps.setFetchSize(1);
      assertThat(rows(ps.executeQuery())).containsExactly(List.of("1"), List.of("2"),
          List.of("3"), List.of("4"));
      c.commit();
    });
  }
}
