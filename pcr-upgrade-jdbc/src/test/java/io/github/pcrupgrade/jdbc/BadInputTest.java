package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.ErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.Provenance;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import io.github.pcrupgrade.testkit.sql.SqlUser;
import io.github.pcrupgrade.testkit.sql.ExecutedStatement;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a typed error that names the cluster and what to fix, never a bare SQLException
 * (issue 6, quality bar "bad input"); and the adapters handle the {@code allow_unsafe_internals}
 * gate of each series.
 */
class BadInputTest {

  private SimulatedPcrServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private SimulatedDeployment serve(SimulatedDeployment.Builder b) {
    SimulatedDeployment d = b.build();
    server = SimulatedPcrServer.builder(d)
        .user(SqlUser.withoutAdmin("viewer", "viewer-password"))
        .start();
    return d;
  }

  private CockroachCluster cluster(SimulatedDeployment d, String name, ClusterRole role,
      Consumer<ClusterConnectionSettings.Builder> tweak) {
    ClusterConnectionSettings.Builder b = ClusterConnectionSettings.builder(name)
        .url(server.jdbcUrl(name))
        .password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
        .connectTimeout(Duration.ofSeconds(30));
    tweak.accept(b);
    return CockroachCluster.builder(b.build(), role).clock(d.clock()).sleeper(d.sleeper())
        .seed(1).build();
  }

  private static void assertTyped(Throwable e, ErrorCode code, String cluster, String advice) {
    assertThat(e).isInstanceOf(CockroachSqlException.class);
    CockroachSqlException c = (CockroachSqlException) e;
    assertThat(c.code()).isEqualTo(code);
    assertThat(c.cluster()).isEqualTo(cluster);
    assertThat(c.getMessage()).contains("cluster '" + cluster + "'").contains(advice)
        .doesNotContain("\tat ").doesNotContain("Exception:");
  }

  @Test
  void wrongPasswordIsAuthenticationFailedNamingTheUser() {
    SimulatedDeployment d = serve(SimulatedDeployment.builder());
    // A connect timeout far above the bound below: waiting for it would fail the test, while a
    // loaded machine still answers well within the bound
    try (CockroachCluster c = cluster(d, "primary", ClusterRole.PRIMARY,
        b -> b.password(() -> "not-the-password").connectTimeout(Duration.ofSeconds(90)))) {

      long start = System.nanoTime();
      Throwable e = catchIt(() -> c.inspector().inspect());

      assertTyped(e, JdbcErrorCode.AUTHENTICATION_FAILED, "primary", "check the user ('root')");
      assertThat(((CockroachSqlException) e).sqlState()).contains("28P01");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(45));
    }
  }

  @Test
  void unreachableHostIsConnectionFailedQuickly() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    ClusterConnectionSettings settings = ClusterConnectionSettings.builder("primary")
        .url("jdbc:postgresql://127.0.0.1:" + closedPort + "/defaultdb")
        .connectTimeout(Duration.ofSeconds(90))
        .build();
    try (CockroachCluster c = CockroachCluster.builder(settings, ClusterRole.PRIMARY)
        .readAttempts(1).build()) {

      long start = System.nanoTime();
      Throwable e = catchIt(() -> c.inspector().inspect());

      // Then it fails at once, not after the connect timeout (90 s, far above the bound)
      assertTyped(e, JdbcErrorCode.CONNECTION_FAILED, "primary", "is reachable");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(45));
    }
  }

  @Test
  void aVcThatDoesNotExistIsVirtualClusterUnavailable() {
    SimulatedDeployment d = serve(SimulatedDeployment.builder());
    try (CockroachCluster c = cluster(d, "primary", ClusterRole.PRIMARY, b -> { })) {

      Throwable e = catchIt(() -> c.operations().readVersion("no-such-vc"));

      assertTyped(e, JdbcErrorCode.VIRTUAL_CLUSTER_UNAVAILABLE, "primary",
          "check that VC 'no-such-vc' exists");
      assertThat(e.getMessage()).contains("service unavailable for target tenant (no-such-vc)");
    }
  }

  @Test
  void aUserWithoutTheAdminRoleIsPermissionDenied() {
    SimulatedDeployment d = serve(SimulatedDeployment.builder());
    try (CockroachCluster c = cluster(d, "standby", ClusterRole.STANDBY,
        b -> b.user("viewer").password(() -> "viewer-password"))) {

      Throwable e = catchIt(() -> c.inspector().inspect());

      assertTyped(e, JdbcErrorCode.PERMISSION_DENIED, "standby",
          "grant user 'viewer' the admin role");
      assertThat(((CockroachSqlException) e).sqlState()).contains("42501");
    }
  }

  @Test
  void aMalformedUrlIsInvalidSettingsWithoutEchoingThePassword() {
    for (String url : new String[] {"http://db:26257/defaultdb", "postgresql://u:s3cret@/db",
        "jdbc:postgresql://db:26x57/defaultdb", "postgresql://u:s3cret@db:port/db"}) {
      assertThatThrownBy(() -> ClusterConnectionSettings.builder("primary").url(url).build())
          .isInstanceOfSatisfying(PcrUpgradeException.class,
              e -> assertThat(e.code()).isEqualTo(JdbcErrorCode.INVALID_SETTINGS))
          .hasMessageContaining("cluster 'primary'")
          .hasMessageNotContaining("s3cret");
    }
  }

  @Test
  void aPlainPostgresqlIsNotCockroachDb() {
    String url = Postgres.server().getJdbcUrl("postgres", "postgres");
    ClusterConnectionSettings settings = ClusterConnectionSettings.builder("primary").url(url)
        .user("postgres").connectTimeout(Duration.ofSeconds(30)).build();
    try (CockroachCluster c = CockroachCluster.builder(settings, ClusterRole.PRIMARY).build()) {

      Throwable e = catchIt(() -> c.inspector().inspect());

      assertTyped(e, JdbcErrorCode.NOT_COCKROACHDB, "primary", "point the URL at a CockroachDB");
    }
  }

  @Test
  void onA26Point1DeploymentTheInspectorTurnsAllowUnsafeInternalsOn() {
    SimulatedDeployment d = serve(SimulatedDeployment.builder().series("26.1").reader(true));
    try (CockroachCluster c = cluster(d, "standby", ClusterRole.STANDBY, b -> { })) {

      ClusterSnapshot s = c.inspector().inspect();

      assertThat(s.nodes()).hasSize(3);
      assertThat(s.systemVc().version().version()).isEqualTo(ClusterVersion.parse("26.1"));
      assertThat(s.replicatingVc().orElseThrow().version().provenance())
          .isEqualTo(Provenance.UNKNOWN);
      assertThat(server.statementLog("standby").entries()).map(ExecutedStatement::sql)
          .anyMatch(q -> q.contains("crdb_internal.gossip_nodes"));
    }
  }

  /**
   * The adapters send {@code -callow_unsafe_internals=true} on every system-VC session, also where
   * the variable does not exist (25.2): the product ignores an unknown startup option
   * (crdb-pcr-sql-facts 10.2), and no statement sets the missing variable.
   */
  @Test
  void onA25Point2DeploymentTheStartupOptionIsIgnoredAndNoStatementSetsTheMissingVariable() {
    SimulatedDeployment d = serve(SimulatedDeployment.builder().series("25.2"));
    try (CockroachCluster c = cluster(d, "primary", ClusterRole.PRIMARY, b -> { })) {

      ClusterSnapshot s = c.inspector().inspect();

      assertThat(s.systemVc().version().version()).isEqualTo(ClusterVersion.parse("25.2"));
      assertThat(server.statementLog("primary").entries()).map(ExecutedStatement::sql)
          .noneMatch(q -> q.contains("allow_unsafe_internals"));
    }
  }

  static Throwable catchIt(Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("expected a failure");
  }
}
