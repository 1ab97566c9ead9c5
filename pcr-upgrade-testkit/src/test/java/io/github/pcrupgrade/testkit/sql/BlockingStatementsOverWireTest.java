package io.github.pcrupgrade.testkit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.testkit.InterruptedFinalization;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The blocking statements of crdb-pcr-sql-facts.md 10.1 through pgjdbc against the wire front,
 * with the simulation's clock driven at a known speed ({@link RealTimeDriver}). Where a client
 * timeout must cut a statement, the test picks a speed and a {@code socketTimeout} whose real
 * duration is shorter than the statement's real duration, and says so.
 */
class BlockingStatementsOverWireTest {

  private static final FinalizationSettings PINNED = new FinalizationSettings(false, "");
  /** 600x: one real second is ten virtual minutes. */
  private static final double SPEED = 600;
  private static final Duration TICK = Duration.ofMillis(10);
  private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);

  private static SimulatedDeployment.Builder standbyToFinalize() {
    return SimulatedDeployment.builder().series("25.2").primaryVersion("24.3")
        .standbyVersion("24.3").settings("standby", "system", PINNED).acceptSqlFinalizations();
  }

  private static Connection connect(SimulatedPcrServer server, String cluster, String vc,
      int socketTimeoutSeconds) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "root");
    p.setProperty("password", SimulatedPcrServer.DEFAULT_ROOT_PASSWORD);
    p.setProperty("sslmode", "disable");
    p.setProperty("options", "-ccluster=" + vc);
    p.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
    return DriverManager.getConnection(server.jdbcUrl(cluster), p);
  }

  private static String show(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String serviceMode(Connection c, String vc) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW VIRTUAL CLUSTER \"" + vc + "\"")) {
      assertThat(rs.next()).isTrue();
      return rs.getString("service_mode");
    }
  }

  private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + DEADLINE_NANOS;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  private static void waitVirtual(SimulatedDeployment d, Instant until) throws Exception {
    assertThat(eventually(() -> !d.now().isBefore(until))).isTrue();
  }

  @Test
  void setVersionHoldsItsConnectionUntilTheMigrationsAreDoneAndShowGivesTheStepsMeanwhile()
      throws Exception {
    // Given a standby system VC whose finalization takes 20 virtual minutes (2 s of real time)
    SimulatedDeployment d = standbyToFinalize()
        .finalizationDuration("standby", "system", Duration.ofMinutes(20)).build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        RealTimeDriver clock = RealTimeDriver.start(d, SPEED, TICK);
        Connection setter = connect(server, "standby", "system", 0);
        Connection watcher = connect(server, "standby", "system", 0)) {
      Instant sent = d.now();

      // When one session finalizes
      CompletableFuture<Void> set = CompletableFuture.runAsync(() -> {
        try (Statement st = setter.createStatement()) {
          st.execute("SET CLUSTER SETTING version = '25.2'");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });

      // Then another session sees the transitional versions while the statement runs
      assertThat(eventually(() -> {
        try {
          return show(watcher, "SHOW CLUSTER SETTING version").contains("-upgrading-to-");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      })).isTrue();
      assertThat(set).isNotDone();

      // And the statement returns only once the final version is persisted, 20 minutes on
      set.get(60, TimeUnit.SECONDS);
      assertThat(Duration.between(sent, d.now())).isGreaterThanOrEqualTo(Duration.ofMinutes(20));
      assertThat(show(watcher, "SHOW CLUSTER SETTING version")).isEqualTo("25.2");
    }
  }

  @Test
  void aFinalizationCutByTheClientsSocketTimeoutStopsWhereItWasWhenConfiguredSo()
      throws Exception {
    // Given a finalization of 60 virtual minutes (6 s real at 600x) and a client whose socket
    // timeout is 1 s real (10 virtual minutes): the timeout is shorter than the statement
    SimulatedDeployment d = standbyToFinalize()
        .finalizationDuration("standby", "system", Duration.ofMinutes(60))
        .onInterruptedFinalization(InterruptedFinalization.STOPS).build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        RealTimeDriver clock = RealTimeDriver.start(d, SPEED, TICK);
        Connection watcher = connect(server, "standby", "system", 0)) {
      try (Connection impatient = connect(server, "standby", "system", 1);
          Statement st = impatient.createStatement()) {
        // When the statement is cut by the client
        assertThatThrownBy(() -> st.execute("SET CLUSTER SETTING version = '25.2'"))
            .isInstanceOf(SQLException.class);
      }
      // Then the server noticed the client went away and the finalization stopped part-way
      assertThat(eventually(() -> d.trace().stream()
          .anyMatch(e -> e.detail().contains("finalization stopped at")))).isTrue();
      String stopped = show(watcher, "SHOW CLUSTER SETTING version");
      assertThat(stopped).contains("-upgrading-to-");
      waitVirtual(d, d.now().plus(Duration.ofMinutes(90)));
      assertThat(show(watcher, "SHOW CLUSTER SETTING version")).isEqualTo(stopped);

      // And sending it again (on a patient connection) completes the finalization
      try (Statement st = watcher.createStatement()) {
        st.execute("SET CLUSTER SETTING version = '25.2'");
      }
      assertThat(show(watcher, "SHOW CLUSTER SETTING version")).isEqualTo("25.2");
    }
  }

  @Test
  void aFinalizationCutByTheClientsSocketTimeoutContinuesWhenConfiguredSo() throws Exception {
    // Same timing as above: 60 virtual minutes (6 s real) against a 1 s socket timeout
    SimulatedDeployment d = standbyToFinalize()
        .finalizationDuration("standby", "system", Duration.ofMinutes(60))
        .onInterruptedFinalization(InterruptedFinalization.CONTINUES).build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        RealTimeDriver clock = RealTimeDriver.start(d, SPEED, TICK);
        Connection watcher = connect(server, "standby", "system", 0)) {
      try (Connection impatient = connect(server, "standby", "system", 1);
          Statement st = impatient.createStatement()) {
        assertThatThrownBy(() -> st.execute("SET CLUSTER SETTING version = '25.2'"))
            .isInstanceOf(SQLException.class);
      }
      assertThat(eventually(() -> d.trace().stream()
          .anyMatch(e -> e.detail().contains("finalization continues from")))).isTrue();
      assertThat(eventually(() -> {
        try {
          return show(watcher, "SHOW CLUSTER SETTING version").equals("25.2");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      })).isTrue();
    }
  }

  @Test
  void aCancelledFinalizationEndsWith57014() throws Exception {
    // 60 virtual minutes is 6 s real; the query timeout of 1 s makes pgjdbc send a CancelRequest
    SimulatedDeployment d = standbyToFinalize()
        .finalizationDuration("standby", "system", Duration.ofMinutes(60)).build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        RealTimeDriver clock = RealTimeDriver.start(d, SPEED, TICK);
        Connection c = connect(server, "standby", "system", 0);
        Statement st = c.createStatement()) {
      st.setQueryTimeout(1);
      assertThatThrownBy(() -> st.execute("SET CLUSTER SETTING version = '25.2'"))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("57014"));
      // the connection stays usable
      assertThat(show(c, "SHOW CLUSTER SETTING version")).isNotEqualTo("25.2");
    }
  }

  @Test
  void stopServiceCutByTheClientLeavesTheVcStoppingUntilItIsSentAgain() throws Exception {
    // Given a reader VC whose STOP SERVICE takes 30 virtual minutes (3 s real at 600x) and a
    // client whose socket timeout is 1 s real: shorter than the statement
    SimulatedDeployment d = SimulatedDeployment.builder().reader(true)
        .serviceStopDuration("standby", "main-readonly", Duration.ofMinutes(30)).build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        RealTimeDriver clock = RealTimeDriver.start(d, SPEED, TICK);
        Connection patient = connect(server, "standby", "system", 0)) {
      try (Connection impatient = connect(server, "standby", "system", 1);
          Statement st = impatient.createStatement()) {
        assertThatThrownBy(() -> st.execute("ALTER VIRTUAL CLUSTER \"main-readonly\" STOP SERVICE"))
            .isInstanceOf(SQLException.class);
      }
      assertThat(eventually(() -> d.trace().stream()
          .anyMatch(e -> e.detail().contains("STOP SERVICE interrupted")))).isTrue();
      waitVirtual(d, d.now().plus(Duration.ofMinutes(45)));

      // Then the VC is still stopping, and DROP is refused with 55000
      assertThat(serviceMode(patient, "main-readonly")).isEqualTo("stopping");
      try (Statement st = patient.createStatement()) {
        assertThatThrownBy(() -> st.execute("DROP VIRTUAL CLUSTER \"main-readonly\""))
            .isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("55000"));
        assertThatThrownBy(() -> st.execute(
            "ALTER VIRTUAL CLUSTER \"main-readonly\" START SERVICE SHARED"))
            .isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("55000"));

        // And sent again, STOP SERVICE returns with the VC at none; DROP then succeeds
        Instant resent = d.now();
        st.execute("ALTER VIRTUAL CLUSTER \"main-readonly\" STOP SERVICE");
        assertThat(Duration.between(resent, d.now())).isGreaterThanOrEqualTo(Duration.ofMinutes(30));
        assertThat(serviceMode(patient, "main-readonly")).isEqualTo("none");
        st.execute("DROP VIRTUAL CLUSTER \"main-readonly\"");
      }
    }
  }
}
