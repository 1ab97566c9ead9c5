package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.HaltReason;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import io.github.pcrupgrade.testkit.sql.ExecutedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import io.github.pcrupgrade.core.plan.StepKind;

/**
 * The topology guard with only the JDBC adapters (issue 14): a failover started by someone else
 * right after the standby's first node restart is seen through {@code SHOW VIRTUAL CLUSTER ...
 * WITH REPLICATION STATUS} ("replication pending failover"), and the run halts with
 * TOPOLOGY_CHANGED before sending another mutating statement.
 */
class TopologyGuardOverWireTest {

  private static final List<String> MUTATING = List.of("SET CLUSTER SETTING", "RESET CLUSTER",
      "ALTER VIRTUAL CLUSTER", "DROP VIRTUAL CLUSTER");

  private static CockroachCluster cluster(SimulatedDeployment d, SimulatedPcrServer server,
      String name, ClusterRole role) {
    return CockroachCluster.builder(ClusterConnectionSettings.builder(name)
        .url(server.jdbcUrl(name)).password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
        .build(), role).clock(d.clock()).sleeper(d.sleeper()).seed(1).build();
  }

  private static long mutating(SimulatedPcrServer server) {
    return server.statements().stream().map(ExecutedStatement::sql)
        .filter(sql -> MUTATING.stream().anyMatch(sql::startsWith)).count();
  }

  @Test
  void aFailoverMidRunHaltsTheRunBeforeItsNextStatement() {
    // Given a 24.3 deployment served over the wire, and an outside failover of the standby's
    // main right after the run's first node restart
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").nodes(2, 2)
        .acceptSqlFinalizations().build();
    AtomicInteger statementsAtFailover = new AtomicInteger(-1);
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        CockroachCluster primary = cluster(d, server, "primary", ClusterRole.PRIMARY);
        CockroachCluster standby = cluster(d, server, "standby", ClusterRole.STANDBY)) {

      // When the executor, with only the JDBC adapters, runs
      RunResult r = UpgradeExecutor.builder().deploymentId(d.deploymentId())
          .primary(primary.inspector(), primary.operations())
          .standby(standby.inspector(), standby.operations())
          .nodeUpgrader(d.nodeUpgrader()).journal(d.journal()).clock(d.clock())
          .sleeper(d.sleeper())
          .options(ExecutorOptions.builder().pollInterval(Duration.ofSeconds(1))
              .maxPollInterval(Duration.ofSeconds(5)).settleTime(Duration.ZERO).build())
          .listener(e -> {
            if (e instanceof UpgradeEvent.StepDone done && done.step().kind() == StepKind.RESTART_NODE
                && statementsAtFailover.get() < 0) {
              d.standby().completeReplicationToLatest("main");
              statementsAtFailover.set((int) mutating(server));
            }
          }).build().run(UpgradeRequest.to("25.2").build());

      // Then the failover fired, and the run halted naming it without another mutating statement
      assertThat(statementsAtFailover.get()).as("the failover fired").isPositive();
      assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.HALTED);
      assertThat(r.haltReason()).contains(HaltReason.TOPOLOGY_CHANGED);
      assertThat(r.message()).contains("'standby' ingests", "failing over");
      assertThat(mutating(server)).isEqualTo(statementsAtFailover.get());
    }
  }
}
