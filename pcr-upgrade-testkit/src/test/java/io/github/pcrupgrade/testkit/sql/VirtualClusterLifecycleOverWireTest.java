package io.github.pcrupgrade.testkit.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Dropping and re-creating a reader VC through pgjdbc (crdb-pcr-sql-facts.md 10.3). */
class VirtualClusterLifecycleOverWireTest {

  private static Connection system(SimulatedPcrServer server, String cluster) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "root");
    p.setProperty("password", SimulatedPcrServer.DEFAULT_ROOT_PASSWORD);
    p.setProperty("sslmode", "disable");
    p.setProperty("options", "-ccluster=system");
    return DriverManager.getConnection(server.jdbcUrl(cluster), p);
  }

  private static List<String> names(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW VIRTUAL CLUSTERS")) {
      while (rs.next()) {
        out.add(rs.getString("name"));
      }
    }
    return out;
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  @Test
  void aDroppedReaderLeavesTheListingAtOnceAndItsNameIsReusedAtOnce() throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().reader(true).build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        Connection c = system(server, "standby")) {
      exec(c, "ALTER VIRTUAL CLUSTER \"main-readonly\" STOP SERVICE");
      exec(c, "DROP VIRTUAL CLUSTER \"main-readonly\"");

      assertThat(names(c)).containsExactly("system", "main");

      exec(c, "ALTER VIRTUAL CLUSTER main SET REPLICATION READ VIRTUAL CLUSTER");
      assertThat(names(c)).containsExactly("system", "main", "main-readonly");
    }
  }

  @Test
  void anIgnoredReaderStatementSucceedsOverTheWireAndTheReaderDoesNotAppear() throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").build();
    d.inject(new io.github.pcrupgrade.testkit.Fault.ReaderStatementIgnored("standby", 1));
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        Connection c = system(server, "standby")) {
      exec(c, "ALTER VIRTUAL CLUSTER main SET REPLICATION READ VIRTUAL CLUSTER");
      assertThat(names(c)).containsExactly("system", "main");

      exec(c, "ALTER VIRTUAL CLUSTER main SET REPLICATION READ VIRTUAL CLUSTER");
      assertThat(names(c)).containsExactly("system", "main", "main-readonly");
    }
  }

  @Test
  void theReaderStatementSucceedsAndDoesNothingOnAPatchBeforeItsFix() throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3")
        .primaryBinary("v24.3.11").standbyBinary("v24.3.11").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        Connection c = system(server, "standby")) {
      exec(c, "ALTER VIRTUAL CLUSTER main SET REPLICATION READ VIRTUAL CLUSTER");
      d.advance(Duration.ofMinutes(10));

      assertThat(names(c)).containsExactly("system", "main");
    }
  }
}
