package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import io.github.pcrupgrade.testkit.sql.ExecutedStatement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 6.4: the executor, wired only with the JDBC adapters (pgjdbc, HikariCP, the wire front)
 * and the simulation's node upgrader, upgrades a simulated 2 x 3-node deployment with a reader VC,
 * in the deployment's virtual time, and the invariant monitor records nothing.
 */
class EndToEndOverWireTest {

  private static ExecutorOptions fast() {
    return ExecutorOptions.builder().pollInterval(Duration.ofSeconds(1))
        .maxPollInterval(Duration.ofSeconds(5)).settleTime(Duration.ZERO).build();
  }

  private record Run(RunResult result, List<String> sql) {}

  private static Run upgrade(SimulatedDeployment d, String target) {
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        CockroachCluster primary = cluster(d, server, d.primary().name(), ClusterRole.PRIMARY);
        CockroachCluster standby = cluster(d, server, d.standby().name(), ClusterRole.STANDBY)) {
      RunResult r = UpgradeExecutor.builder()
          .deploymentId(d.deploymentId())
          .primary(primary.inspector(), primary.operations())
          .standby(standby.inspector(), standby.operations())
          .nodeUpgrader(d.nodeUpgrader())
          .journal(d.journal())
          .clock(d.clock())
          .sleeper(d.sleeper())
          .options(fast())
          .build()
          .run(UpgradeRequest.to(target).build());
      return new Run(r, server.statements().stream().map(ExecutedStatement::sql).toList());
    }
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

  @Test
  void upgradesFrom24Point3To25Point4OverJdbcWithoutAViolation() {
    // Given a 2 x 3-node deployment on 24.3 with a reader VC, served over the wire
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").nodes(3, 3).reader(true)
        .acceptSqlFinalizations().build();

    // When the executor, with only the JDBC adapters, upgrades it to 25.4
    Run run = upgrade(d, "25.4");
    RunResult r = run.result();

    // Then it completes in the documented order, and every VC is at 25.4
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    assertThat(d.monitor().violations()).isEmpty();
    ClusterVersion v254 = ClusterVersion.parse("25.4");
    assertThat(d.trueVersion("primary", "system")).contains(v254);
    assertThat(d.trueVersion("primary", "main")).contains(v254);
    assertThat(d.trueVersion("standby", "system")).contains(v254);
    assertThat(d.trueVersion("standby", "main")).contains(v254);
    assertThat(d.trueVersion("standby", "main-readonly")).contains(v254);
    assertThat(run.sql()).contains("SET CLUSTER SETTING version = '25.2'",
        "SET CLUSTER SETTING version = '25.4'", "DROP VIRTUAL CLUSTER \"main-readonly\"");
  }

  @Test
  void upgradesFrom26Point1To26Point2WithAllowUnsafeInternalsOffByDefault() {
    // Given a 26.1 deployment: sessions start with allow_unsafe_internals off
    SimulatedDeployment d = SimulatedDeployment.builder().series("26.1").nodes(3, 3).reader(true)
        .acceptSqlFinalizations().build();

    // When the executor upgrades it to 26.2 over JDBC
    Run run = upgrade(d, "26.2");
    RunResult r = run.result();

    // Then the inspector could read crdb_internal throughout, and the run completes cleanly
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    assertThat(d.monitor().violations()).isEmpty();
    assertThat(d.trueVersion("primary", "main")).contains(ClusterVersion.parse("26.2"));
    assertThat(d.trueVersion("standby", "main-readonly")).contains(ClusterVersion.parse("26.2"));
    assertThat(run.sql()).contains("SET CLUSTER SETTING version = '26.2'");
  }
}
