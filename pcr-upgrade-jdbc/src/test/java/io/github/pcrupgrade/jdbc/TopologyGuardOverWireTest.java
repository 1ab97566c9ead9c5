package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.exec.HaltReason;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import io.github.pcrupgrade.core.plan.StepKind;

/**
 * The topology guard with only the JDBC adapters (issue 14): a failover started by someone else
 * right after the standby's first node restart is seen through {@code SHOW VIRTUAL CLUSTER ...
 * WITH REPLICATION STATUS} ("replication pending failover"), and the run halts with
 * TOPOLOGY_CHANGED before sending another mutating statement.
 */
class TopologyGuardOverWireTest {

  @Test
  void aFailoverMidRunHaltsTheRunBeforeItsNextStatement() {
    // Given a 24.3 deployment served over the wire, and an outside failover of the standby's
    // main right after the run's first node restart
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").nodes(2, 2)
        .acceptSqlFinalizations().build();
    AtomicLong statementsAtFailover = new AtomicLong(-1);
    try (ExecutorOverWire wire = ExecutorOverWire.serve(d)) {

      // When the executor, with only the JDBC adapters, runs
      RunResult r = wire.run("25.2", e -> {
        if (e instanceof UpgradeEvent.StepDone done && done.step().kind() == StepKind.RESTART_NODE
            && statementsAtFailover.get() < 0) {
          d.standby().completeReplicationToLatest("main");
          statementsAtFailover.set(wire.mutatingStatements());
        }
      });

      // Then the failover fired, and the run halted naming it without another mutating statement
      assertThat(statementsAtFailover.get()).as("the failover fired").isPositive();
      assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.HALTED);
      assertThat(r.haltReason()).contains(HaltReason.TOPOLOGY_CHANGED);
      assertThat(r.message()).contains("'standby' ingests", "failing over");
      assertThat(wire.mutatingStatements()).isEqualTo(statementsAtFailover.get());
    }
  }
}
