package io.github.pcrupgrade.testkit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Per-node endpoints and session startup through pgjdbc (crdb-pcr-sql-facts.md 10.2): a node
 * restart closes exactly that node's sessions, a cluster URL moves to a live node, a session
 * opened after a restart gets the new binary's defaults, unknown {@code -c} options are accepted.
 */
class NodeEndpointsOverWireTest {

  private static Connection connect(String url, String options) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "root");
    p.setProperty("password", SimulatedPcrServer.DEFAULT_ROOT_PASSWORD);
    p.setProperty("sslmode", "disable");
    p.setProperty("options", options);
    p.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(url, p);
  }

  private static String one(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private static NodeInfo node(SimulatedDeployment d, String cluster, int id) {
    return d.inspector(cluster).inspect().nodes().stream().filter(n -> n.id() == id).findFirst()
        .orElseThrow();
  }

  @Test
  void restartingANodeClosesExactlyThatNodesSessions() throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        Connection onN1 = connect(server.nodeJdbcUrl("standby", 1), "-ccluster=system");
        Connection onN2 = connect(server.nodeJdbcUrl("standby", 2), "-ccluster=system")) {
      // When node 2 of the standby restarts
      d.standby().restartNode(2);

      // Then its session is gone, node 1's is not, and node 2 refuses connections while down
      assertThatThrownBy(() -> one(onN2, "SELECT now()"))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).startsWith("08"));
      assertThat(one(onN1, "SHOW CLUSTER SETTING version")).isEqualTo("24.3");
      assertThatThrownBy(() -> connect(server.nodeJdbcUrl("standby", 2), "-ccluster=system"))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).startsWith("08"));

      // And once it rejoined, it takes new sessions on the same port
      d.advance(Duration.ofMinutes(1));
      assertThat(d.standby().isNodeLive(2)).isTrue();
      try (Connection again = connect(server.nodeJdbcUrl("standby", 2), "-ccluster=system")) {
        assertThat(one(again, "SHOW CLUSTER SETTING version")).isEqualTo("24.3");
      }
    }
  }

  @Test
  void aClusterUrlListsEveryNodeAndMovesToALiveOne() throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      assertThat(server.jdbcUrl("primary")).isEqualTo("jdbc:postgresql://127.0.0.1:"
          + server.nodePort("primary", 1) + ",127.0.0.1:" + server.nodePort("primary", 2)
          + ",127.0.0.1:" + server.nodePort("primary", 3) + "/defaultdb");

      d.primary().killNode(1);

      assertThatThrownBy(() -> connect(server.nodeJdbcUrl("primary", 1), "-ccluster=system"))
          .isInstanceOf(SQLException.class);
      try (Connection c = connect(server.jdbcUrl("primary"), "-ccluster=system")) {
        assertThat(one(c, "SHOW CLUSTER SETTING version")).isEqualTo("24.3");
      }
    }
  }

  @Test
  void aSessionOpenedAfterARestartGetsTheNewBinarysDefaults() throws Exception {
    // Given a 25.4 standby (allow_unsafe_internals defaults to on, 25.4 release notes, 9.4)
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.4").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        Connection before = connect(server.nodeJdbcUrl("standby", 2), "-ccluster=system");
        Connection onN1 = connect(server.nodeJdbcUrl("standby", 1), "-ccluster=system")) {
      assertThat(one(before, "SHOW allow_unsafe_internals")).isEqualTo("on");

      // When node 2 (not the lowest-numbered, so not the cluster's gateway) restarts on 26.1,
      // whose default is off (26.1 backward-incompatible notes)
      d.nodeUpgrader().upgrade("standby", node(d, "standby", 2),
          BinaryTarget.anyPatchOf(ReleaseSeries.parse("26.1")));
      d.advance(Duration.ofMinutes(1));

      // Then the old session did not survive, and a new one on node 2 has the new defaults
      assertThatThrownBy(() -> one(before, "SELECT now()")).isInstanceOf(SQLException.class);
      try (Connection after = connect(server.nodeJdbcUrl("standby", 2), "-ccluster=system")) {
        assertThat(one(after, "SHOW allow_unsafe_internals")).isEqualTo("off");
        assertThat(one(after, "SELECT version()")).startsWith("CockroachDB CCL v26.1.");
        assertThatThrownBy(() -> one(after, "SELECT crdb_internal.node_executable_version()"))
            .isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("42501"));
      }
      // while node 1, still on 25.4, keeps its session and gives new ones its own defaults
      assertThat(one(onN1, "SHOW allow_unsafe_internals")).isEqualTo("on");
      try (Connection fresh = connect(server.nodeJdbcUrl("standby", 1), "-ccluster=system")) {
        assertThat(one(fresh, "SHOW allow_unsafe_internals")).isEqualTo("on");
        assertThat(one(fresh, "SELECT version()")).startsWith("CockroachDB CCL v25.4.");
      }
    }
  }

  @Test
  void unknownStartupOptionsAreAcceptedAndIgnored() throws Exception {
    // 24.3 predates allow_unsafe_internals: the option is unknown there and must be ignored
    SimulatedDeployment old = SimulatedDeployment.builder().series("24.3").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(old);
        Connection c = connect(server.jdbcUrl("standby"),
            "-ccluster=system -callow_unsafe_internals=true -cno_such_option=1")) {
      assertThat(one(c, "SHOW CLUSTER SETTING version")).isEqualTo("24.3");
      assertThatThrownBy(() -> one(c, "SHOW allow_unsafe_internals"))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("42704"));
    }
    // 26.2 knows it: the option is applied, the unknown one still ignored
    SimulatedDeployment current = SimulatedDeployment.builder().series("26.2").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(current);
        Connection c = connect(server.jdbcUrl("standby"),
            "-ccluster=system -callow_unsafe_internals=true -cno_such_option=1")) {
      assertThat(one(c, "SHOW allow_unsafe_internals")).isEqualTo("on");
      assertThat(one(c, "SELECT crdb_internal.node_executable_version()")).isEqualTo("26.2");
    }
  }
}
