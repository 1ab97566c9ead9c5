package io.github.pcrupgrade.testkit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.testkit.Fault;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The faults of crdb-pcr-sql-facts.md 10 and 11 through pgjdbc against the wire front: a stalled
 * reader VC, a blocking {@code SHOW CLUSTER SETTING version}, licence throttling.
 */
class FaultsOverWireTest {

  private static Connection connect(SimulatedPcrServer server, String cluster, String vc)
      throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "root");
    p.setProperty("password", SimulatedPcrServer.DEFAULT_ROOT_PASSWORD);
    p.setProperty("sslmode", "disable");
    p.setProperty("options", "-ccluster=" + vc);
    return DriverManager.getConnection(server.jdbcUrl(cluster), p);
  }

  private static String one(Connection c, String sql, String column) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(column);
    }
  }

  @Test
  void aStalledReaderIsListedSharedButRefusesSessionsWith08000UntilTheStallEnds()
      throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().reader(true).build();
    d.inject(new Fault.VcStalls("standby", "main-readonly", Duration.ofMinutes(10)));
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        Connection system = connect(server, "standby", "system")) {
      assertThat(one(system, "SHOW VIRTUAL CLUSTER \"main-readonly\"", "service_mode"))
          .isEqualTo("shared");
      assertThatThrownBy(() -> connect(server, "standby", "main-readonly"))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("08000");
            assertThat(e.getMessage())
                .contains("service unavailable for target tenant (main-readonly)");
          });

      d.advance(Duration.ofMinutes(10));

      try (Connection reader = connect(server, "standby", "main-readonly")) {
        assertThat(one(reader, "SHOW CLUSTER SETTING version", "version")).isEqualTo("24.3");
      }
    }
  }

  @Test
  void showVersionHoldsItsConnectionForTheBlockOfTheFault() throws Exception {
    // 600x: the 2-minute block is 0.2 s of real time
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    d.inject(new Fault.ShowVersionBlocks("primary", "*", Duration.ofMinutes(2),
        Duration.ofHours(1)));
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        RealTimeDriver clock = RealTimeDriver.start(d, 600, Duration.ofMillis(10));
        Connection c = connect(server, "primary", "main")) {
      Instant sent = d.now();

      assertThat(one(c, "SHOW CLUSTER SETTING version", "version")).isEqualTo("24.3");

      // blocked once (describing the prepared statement does not block), not twice
      assertThat(Duration.between(sent, d.now())).isGreaterThanOrEqualTo(Duration.ofMinutes(2))
          .isLessThan(Duration.ofMinutes(4));
    }
  }

  @Test
  void aThrottledClusterRefusesTheSixthOpenTransactionWithXxc02() throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    d.inject(new Fault.LicenceThrottled("standby"));
    List<Connection> open = new ArrayList<>();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      // Given six sessions (connecting runs statements too), five with a transaction open
      Connection sixth = connect(server, "standby", "system");
      open.add(sixth);
      for (int i = 0; i < 5; i++) {
        Connection c = connect(server, "standby", "system");
        open.add(c);
        try (Statement st = c.createStatement()) {
          st.execute("BEGIN");
        }
      }
      {
        // When a sixth session starts a transaction, it is refused (crdb-pcr-sql-facts 11.3)
        assertThatThrownBy(() -> one(sixth, "SHOW CLUSTER SETTING version", "version"))
            .isInstanceOfSatisfying(SQLException.class, e -> {
              assertThat(e.getSQLState()).isEqualTo("XXC02");
              assertThat(e.getMessage()).contains("No license installed. The maximum number of"
                  + " concurrently open transactions has been reached.");
            });

        // Then, one transaction committed, the sixth session gets through
        try (Statement st = open.get(1).createStatement()) {
          st.execute("COMMIT");
        }
        assertThat(one(sixth, "SHOW CLUSTER SETTING version", "version")).isEqualTo("24.3");
      }
      // and the primary was never throttled
      try (Connection p = connect(server, "primary", "system")) {
        assertThat(one(p, "SHOW CLUSTER SETTING version", "version")).isEqualTo("24.3");
      }
    } finally {
      for (Connection c : open) {
        c.close();
      }
    }
  }
}
