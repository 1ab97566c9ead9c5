package io.github.pcrupgrade.jdbc;

import io.github.pcrupgrade.core.event.UpgradeListener;
import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import io.github.pcrupgrade.testkit.sql.ExecutedStatement;
import java.time.Duration;
import java.util.List;

/**
 * A simulated deployment served over the wire front, with the JDBC adapters of both clusters
 * connected to it, for tests that run the executor with only those adapters (the node upgrader and
 * the journal are the simulation's). Closing it closes the adapters, then the server.
 */
final class ExecutorOverWire implements AutoCloseable {

  /** The statements that change a cluster, as the adapters send them. */
  private static final List<String> MUTATING = List.of("SET CLUSTER SETTING", "RESET CLUSTER",
      "ALTER VIRTUAL CLUSTER", "DROP VIRTUAL CLUSTER");

  private final SimulatedDeployment d;
  private final SimulatedPcrServer server;
  private final CockroachCluster primary;
  private final CockroachCluster standby;

  private ExecutorOverWire(SimulatedDeployment d, SimulatedPcrServer server,
      CockroachCluster primary, CockroachCluster standby) {
    this.d = d;
    this.server = server;
    this.primary = primary;
    this.standby = standby;
  }

  /** Serves {@code d} and connects an adapter to each of its clusters. */
  static ExecutorOverWire serve(SimulatedDeployment d) {
    SimulatedPcrServer server = SimulatedPcrServer.serve(d);
    CockroachCluster primary = null;
    try {
      primary = cluster(d, server, "primary", ClusterRole.PRIMARY);
      return new ExecutorOverWire(d, server, primary,
          cluster(d, server, "standby", ClusterRole.STANDBY));
    } catch (RuntimeException e) {
      if (primary != null) {
        primary.close();
      }
      server.close();
      throw e;
    }
  }

  /** An adapter of one served cluster on the deployment's virtual clock, as root. */
  static CockroachCluster cluster(SimulatedDeployment d, SimulatedPcrServer server, String name,
      ClusterRole role) {
    return CockroachCluster.builder(ClusterConnectionSettings.builder(name)
        .url(server.jdbcUrl(name)).password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
        .build(), role).clock(d.clock()).sleeper(d.sleeper()).seed(1).build();
  }

  SimulatedPcrServer server() {
    return server;
  }

  /**
   * Runs an executor with only the JDBC adapters to {@code target} (polling every second, backing
   * off to 5 s, no settle time), {@code listener} hearing its events.
   */
  RunResult run(String target, UpgradeListener listener) {
    return UpgradeExecutor.builder().deploymentId(d.deploymentId())
        .primary(primary.inspector(), primary.operations())
        .standby(standby.inspector(), standby.operations())
        .nodeUpgrader(d.nodeUpgrader()).journal(d.journal()).clock(d.clock())
        .sleeper(d.sleeper())
        .options(ExecutorOptions.builder().pollInterval(Duration.ofSeconds(1))
            .maxPollInterval(Duration.ofSeconds(5)).settleTime(Duration.ZERO).build())
        .listener(listener).build().run(UpgradeRequest.to(target).build());
  }

  /** How many mutating statements the server has received so far, from any client. */
  long mutatingStatements() {
    return server.statements().stream().map(ExecutedStatement::sql)
        .filter(sql -> MUTATING.stream().anyMatch(sql::startsWith)).count();
  }

  @Override
  public void close() {
    try {
      standby.close();
      primary.close();
    } finally {
      server.close();
    }
  }
}
