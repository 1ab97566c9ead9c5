package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.Provenance;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.testkit.Fault;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.Trigger;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The JDBC adapters against the simulation where it is as hard as the product
 * (crdb-pcr-sql-facts 10 and 11): per-node endpoints whose sessions a restart closes, new binaries'
 * session defaults, a reader VC that answers 08000 while shared, licence throttling.
 */
class FidelityOverWireTest {

  private static ExecutorOptions fast() {
    return ExecutorOptions.builder().pollInterval(Duration.ofSeconds(1))
        .maxPollInterval(Duration.ofSeconds(5)).settleTime(Duration.ZERO).build();
  }

  private static CockroachCluster cluster(SimulatedDeployment d, SimulatedPcrServer server,
      String name, ClusterRole role) {
    ClusterConnectionSettings s = ClusterConnectionSettings.builder(name)
        .url(server.jdbcUrl(name))
        .password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
        .build();
    return CockroachCluster.builder(s, role).clock(d.clock()).sleeper(d.sleeper()).seed(1)
        .build();
  }

  private static RunResult upgrade(SimulatedDeployment d, String target) {
    return upgrade(d, target, fast());
  }

  private static RunResult upgrade(SimulatedDeployment d, String target,
      ExecutorOptions options) {
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        CockroachCluster primary = cluster(d, server, d.primary().name(), ClusterRole.PRIMARY);
        CockroachCluster standby = cluster(d, server, d.standby().name(), ClusterRole.STANDBY)) {
      return UpgradeExecutor.builder()
          .deploymentId(d.deploymentId())
          .primary(primary.inspector(), primary.operations())
          .standby(standby.inspector(), standby.operations())
          .nodeUpgrader(d.nodeUpgrader())
          .journal(d.journal())
          .clock(d.clock())
          .sleeper(d.sleeper())
          .options(options)
          .build()
          .run(UpgradeRequest.to(target).build());
    }
  }

  @Test
  void twoHopsFrom25Point3To26Point2WithAReaderCompleteOverPerNodeEndpointsWithAnEmptyMonitor() {
    // Given 25.3 (crdb_internal open by default) with a reader VC: the second hop's nodes run
    // 26.2, whose new sessions start with allow_unsafe_internals off, and every restart closes
    // that node's sessions (crdb-pcr-sql-facts 10.2)
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.3").nodes(3, 3).reader(true)
        .acceptSqlFinalizations().build();

    // When
    RunResult r = upgrade(d, "26.2");

    // Then
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    assertThat(d.monitor().violations()).isEmpty();
    ClusterVersion v262 = ClusterVersion.parse("26.2");
    assertThat(d.trueVersion("primary", "main")).contains(v262);
    assertThat(d.trueVersion("standby", "system")).contains(v262);
    assertThat(d.trueVersion("standby", "main-readonly")).contains(v262);
  }

  @Test
  void aReaderThatAnswers08000ForTenMinutesAfterAnUpgradeOfItsNodesDoesNotHaltTheUpgrade() {
    // Given 24.3 -> 25.2 -> 25.4 with a reader VC; when the second hop's first standby restart
    // begins, the reader (re-created by this run at 25.2) answers 08000 for 10 minutes while the
    // other standby nodes still have to restart (crdb-pcr-sql-facts 10.2: a 26.2 reader's start-up
    // "can occasionally stall ... after an upgrade")
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").nodes(3, 3).reader(true)
        .acceptSqlFinalizations().build();
    d.inject(new Trigger.OnNodeRestart(4, "standby"),
        new Fault.VcStalls("standby", "main-readonly", Duration.ofMinutes(10)));

    // When (polling every 30 s at most: every inspection of the stalled reader costs about a
    // second of real time, HikariCP's pause after a failed first connection)
    RunResult r = upgrade(d, "25.4", ExecutorOptions.builder().pollInterval(Duration.ofSeconds(5))
        .maxPollInterval(Duration.ofSeconds(30)).settleTime(Duration.ZERO).build());

    // Then: the reader's version was inferred from the journal while it stalled
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    assertThat(d.monitor().violations()).isEmpty();
    assertThat(d.trueVersion("standby", "main-readonly")).contains(ClusterVersion.parse("25.4"));
  }

  @Test
  void aSharedReaderAnswering08000IsReportedUnknownAndTheRestOfTheSnapshotIsRead() {
    // Given a reader VC that is shared but refuses connections (a stalled start-up, 10.2)
    SimulatedDeployment d = SimulatedDeployment.builder().series("26.2").reader(true).build();
    d.inject(new Fault.VcStalls("standby", "main-readonly", Duration.ofHours(1)));
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        CockroachCluster standby = cluster(d, server, "standby", ClusterRole.STANDBY)) {

      // When
      ClusterSnapshot s = standby.inspector().inspect();

      // Then: the reader's version and settings are unknown, with the product's error as the
      // evidence; the system VC and the nodes were read
      var reader = s.vc("main-readonly").orElseThrow();
      assertThat(reader.version().provenance()).isEqualTo(Provenance.UNKNOWN);
      assertThat(reader.version().evidence()).contains("did not answer",
          "service unavailable for target tenant (main-readonly)", "08000");
      assertThat(reader.settings()).isEmpty();
      assertThat(s.systemVc().version().version()).isEqualTo(ClusterVersion.parse("26.2"));
      assertThat(s.nodes()).hasSize(3);
    }
  }

  @Test
  void aLicenceThrottledClusterGivesTheLicenceError() throws Exception {
    // Given an unlicensed cluster past its grace period, where five transactions are open
    // (XXC02 beyond 5 concurrently open transactions, crdb-pcr-sql-facts 11.3)
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.4").build();
    d.inject(new Fault.LicenceThrottled("primary"));
    List<Connection> open = new ArrayList<>();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        CockroachCluster primary = cluster(d, server, "primary", ClusterRole.PRIMARY)) {
      for (int i = 0; i < 5; i++) {
        Properties p = new Properties();
        p.setProperty("user", "root");
        p.setProperty("password", SimulatedPcrServer.DEFAULT_ROOT_PASSWORD);
        p.setProperty("options", "-ccluster=system");
        Connection c = DriverManager.getConnection(server.jdbcUrl("primary"), p);
        open.add(c);
        try (Statement st = c.createStatement()) {
          st.execute("BEGIN");
        }
      }

      // When
      Throwable t = catchIt(() -> primary.inspector().inspect());

      // Then: a typed error naming the licence as the cause and what to do, not an unknown one
      assertThat(t).isInstanceOfSatisfying(CockroachSqlException.class, e -> {
        assertThat(e.code()).isEqualTo(JdbcErrorCode.LICENSE_THROTTLED);
        assertThat(e.getMessage()).contains("XXC02", "No license installed",
            "no valid licence", "enterprise.license");
      });
    } finally {
      for (Connection c : open) {
        c.close();
      }
    }
  }

  private static Throwable catchIt(Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("expected a failure");
  }
}
