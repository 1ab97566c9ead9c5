package io.github.pcrupgrade.testkit.internal.wire;

import static io.github.pcrupgrade.testkit.internal.wire.WireTestSupport.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.pcrupgrade.testkit.sql.ExecutedStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

class WireServerConnectionTest {

  private WireServer server;

  @BeforeEach
  void start() throws Exception {
    server = WireServer.builder(new FakeCluster("v25.4.3")).build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String currentVc(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW CLUSTER SETTING cluster.auto_upgrade.enabled")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void authenticatesWithScramWhenTheStoredCredentialIsScram() throws Exception {
    // Given a user whose stored credential is a SCRAM secret
    // When connecting with the right password
    try (Connection c = connect(server, "system")) {
      // Then the session works and reports CockroachDB's parameters
      assertThat(c.isValid(30)).isTrue();
      PGConnection pg = c.unwrap(PGConnection.class);
      assertThat(pg.getParameterStatus("crdb_version"))
          .isEqualTo("CockroachDB CCL v25.4.3 (x86_64-pc-linux-gnu, built 2026/05/29 12:00:00, "
              + "go1.23.12)");
      assertThat(pg.getParameterStatus("server_version")).isEqualTo("13.0.0");
      assertThat(pg.getParameterStatus("TimeZone")).isEqualTo("UTC");
      assertThat(pg.getParameterStatus("DateStyle")).isEqualTo("ISO, MDY");
    }
  }

  @Test
  void authenticatesWithCleartextWhenTheStoredCredentialIsNotScram() throws Exception {
    // Given a user with a cleartext (bcrypt-like) credential
    // When connecting with the right password
    try (Connection c = connect(server, "options=-ccluster%3Dsystem", "legacy", "old")) {
      // Then the session works
      assertThat(c.isValid(30)).isTrue();
    }
  }

  @Test
  void refusesAWrongPasswordWithCockroachDbsMessage() {
    // Given the SCRAM user and the cleartext user
    // When either connects with a wrong password, or an unknown user connects
    // Then the server answers 28P01 with CockroachDB's text
    assertThatThrownBy(() -> connect(server, "options=-ccluster%3Dsystem", "root", "nope"))
        .isInstanceOfSatisfying(PSQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("28P01");
          assertThat(e.getServerErrorMessage().getMessage())
              .isEqualTo("password authentication failed for user root");
        });
    assertThatThrownBy(() -> connect(server, "options=-ccluster%3Dsystem", "legacy", "nope"))
        .isInstanceOfSatisfying(PSQLException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    assertThatThrownBy(() -> connect(server, "options=-ccluster%3Dsystem", "ghost", "x"))
        .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(
            e.getServerErrorMessage().getMessage())
            .isEqualTo("password authentication failed for user ghost"));
  }

  @Test
  void routesByOptionsByDatabasePrefixAndOptionsWin() throws Exception {
    // Given VCs system and main-readonly (the default)
    // When routing by options, by database prefix, by both, and by nothing
    // Then options win over the database prefix and the default applies otherwise
    FakeCluster backend = new FakeCluster("v25.4.3");
    try (WireServer s = WireServer.builder(backend).build().start()) {
      backend.setClusterSetting("system", "cluster.auto_upgrade.enabled", "false");
      String base = "jdbc:postgresql://127.0.0.1:" + s.port() + "/";
      java.util.Properties p = new java.util.Properties();
      p.setProperty("user", "root");
      p.setProperty("password", "secret");
      try (Connection c = java.sql.DriverManager.getConnection(
          base + "defaultdb?options=--cluster%3Dsystem", p)) {
        assertThat(currentVc(c)).isEqualTo("f");
      }
      try (Connection c = java.sql.DriverManager.getConnection(base + "cluster:system%2Fdefaultdb",
          p)) {
        assertThat(currentVc(c)).isEqualTo("f");
      }
      try (Connection c = java.sql.DriverManager.getConnection(
          base + "cluster:system?options=-ccluster%3Dmain-readonly", p)) {
        assertThat(currentVc(c)).isEqualTo("t");
      }
      try (Connection c = java.sql.DriverManager.getConnection(base + "defaultdb", p)) {
        assertThat(currentVc(c)).isEqualTo("t");
      }
      try (Connection c = java.sql.DriverManager.getConnection(
          base + "defaultdb?options=-c%20application_name%3Dx%20-ccluster%3Dsystem", p)) {
        assertThat(currentVc(c)).isEqualTo("f");
      }
    }
  }

  @Test
  void refusesAMissingOrNonServingVirtualClusterBeforeAuthentication() {
    // Given a VC that does not exist and one whose service mode is none
    for (String vc : new String[] {"nonexistent", "idle", "main"}) {
      // When connecting to it (even with a wrong password: routing comes first)
      // Then the routing error is 08000 with CockroachDB's message and hint
      assertThatThrownBy(() -> connect(server, "options=-ccluster%3D" + vc, "root", "wrong"))
          .isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("08000");
            assertThat(e.getServerErrorMessage().getMessage())
                .isEqualTo("service unavailable for target tenant (" + vc + ")");
            assertThat(e.getServerErrorMessage().getHint()).isEqualTo(
                "Double check your \"-ccluster=\" connection option or your \"cluster:\" "
                    + "database name prefix.");
          });
    }
    assertThatThrownBy(() -> java.sql.DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + server.port() + "/cluster:nonexistent", "root", "secret"))
        .isInstanceOfSatisfying(PSQLException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("08000"));
  }

  @Test
  void servesAPoolThroughHikari() throws Exception {
    // Given a HikariCP pool on the system VC (it validates with isValid)
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(WireTestSupport.url(server, "options=-ccluster%3Dsystem"));
    config.setUsername("root");
    config.setPassword("secret");
    config.setMaximumPoolSize(2);
    try (HikariDataSource ds = new HikariDataSource(config)) {
      // When borrowing connections and querying
      for (int i = 0; i < 3; i++) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT 1")) {
          // Then each query answers
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void recordsExecutedStatementsInTheLog() throws Exception {
    // Given a session on the system VC
    try (Connection c = connect(server, "system"); Statement s = c.createStatement()) {
      server.statementLog().clear();
      // When running two statements in one simple query
      s.execute("SHOW CLUSTER SETTING version; SELECT 1");
    }
    // Then both are logged with cluster, VC and text
    assertThat(server.statementLog().entries())
        .extracting(ExecutedStatement::cluster, ExecutedStatement::virtualCluster,
            ExecutedStatement::sql)
        .contains(org.assertj.core.groups.Tuple.tuple("standby", "system",
            "SHOW CLUSTER SETTING version"),
            org.assertj.core.groups.Tuple.tuple("standby", "system", "SELECT 1"));
  }
}
