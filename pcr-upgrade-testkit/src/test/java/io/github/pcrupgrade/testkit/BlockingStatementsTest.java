package io.github.pcrupgrade.testkit;

import static io.github.pcrupgrade.testkit.StatementInFlight.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The statements CockroachDB runs to the end inside the statement (crdb-pcr-sql-facts.md 10.1):
 * {@code SET CLUSTER SETTING version} and {@code ALTER VIRTUAL CLUSTER ... STOP SERVICE}, in memory.
 * Interrupting the calling thread plays the client going away.
 */
class BlockingStatementsTest {

  private static final FinalizationSettings PINNED = new FinalizationSettings(false, "");

  private static SimulatedDeployment.Builder standbyToFinalize() {
    return SimulatedDeployment.builder().series("25.2").primaryVersion("24.3")
        .standbyVersion("24.3").settings("standby", "system", PINNED);
  }

  /**
   * Starts {@code SET CLUSTER SETTING version = '25.2'} in the standby's system VC on a thread of
   * its own and returns once the simulation shows the finalization begun.
   */
  private static StatementInFlight finalizingStandbySystem(SimulatedDeployment d, String name)
      throws InterruptedException {
    StatementInFlight set = StatementInFlight.start(name,
        () -> d.standby().setClusterSetting("system", "version", "25.2"));
    assertThat(eventually(() -> d.trace().stream()
        .anyMatch(e -> e.cluster().equals("standby")
        && e.detail().startsWith("system: finalizing")))).as("the finalization began").isTrue();
    return set;
  }

  @Test
  void finalizationDurationIsConfigurablePerClusterAndVc() {
    // Given a standby system VC whose finalization takes 10 minutes, the primary's the default
    SimulatedDeployment d = standbyToFinalize()
        .finalizationDuration("standby", "system", Duration.ofMinutes(10)).build();
    Instant before = d.now();

    // When it is finalized through SQL
    d.standby().setClusterSetting("system", "version", "25.2");

    // Then the statement returned after the 10 minutes, at the final version
    assertThat(Duration.between(before, d.now())).isEqualTo(Duration.ofMinutes(10));
    assertThat(d.standby().showClusterSetting("system", "version")).isEqualTo("25.2");
  }

  @Test
  void showVersionGivesTheTransitionalVersionsWhileTheStatementRuns() throws Exception {
    SimulatedDeployment d = standbyToFinalize()
        .finalizationDuration("standby", "system", Duration.ofMinutes(10)).build();
    try (AutoCloseable driven = d.drivenInRealTime()) {
      StatementInFlight set = finalizingStandbySystem(d, "set-version");

      // 10 steps of one minute: after 3.5 minutes the third step is persisted
      d.advance(Duration.ofSeconds(210));

      assertThat(d.standby().showClusterSetting("system", "version"))
          .isEqualTo("24.3-upgrading-to-25.1-step-006");
      assertThat(set.isRunning()).isTrue();
      d.advance(Duration.ofMinutes(7));
      assertThat(set.awaitEnd()).isTrue();
      assertThat(set.failure()).isNull();
    }
    assertThat(d.standby().showClusterSetting("system", "version")).isEqualTo("25.2");
  }

  @Test
  void anInterruptedFinalizationStopsAtItsLastStepWhenConfiguredSoAndResumesWhenSentAgain()
      throws Exception {
    // Given the disconnect behaviour "the finalization stops"
    SimulatedDeployment d = standbyToFinalize()
        .finalizationDuration("standby", "system", Duration.ofMinutes(10))
        .onInterruptedFinalization(InterruptedFinalization.STOPS).build();
    String stoppedAt;
    try (AutoCloseable driven = d.drivenInRealTime()) {
      StatementInFlight set = finalizingStandbySystem(d, "set-version");
      d.advance(Duration.ofSeconds(150));
      stoppedAt = d.standby().showClusterSetting("system", "version");

      // When its client goes away mid-statement
      set.interrupt();
      assertThat(set.awaitEnd()).isTrue();

      // Then the statement ended with 57014 and nothing moves the version any more
      assertThat(set.failure()).isInstanceOfSatisfying(SimulatedSqlException.class,
          e -> assertThat(e.sqlState()).isEqualTo("57014"));
      d.advance(Duration.ofHours(1));
    }
    assertThat(stoppedAt).isEqualTo("24.3-upgrading-to-25.1-step-004");
    assertThat(d.standby().showClusterSetting("system", "version")).isEqualTo(stoppedAt);

    // And sending the statement again continues from that step to the end
    Instant resent = d.now();
    d.standby().setClusterSetting("system", "version", "25.2");
    assertThat(d.standby().showClusterSetting("system", "version")).isEqualTo("25.2");
    // 8 steps were left (step-006, step-008, 25.1, 4 steps of 25.2 and 25.2), one minute each
    assertThat(Duration.between(resent, d.now())).isEqualTo(Duration.ofMinutes(8));
  }

  @Test
  void anInterruptedFinalizationContinuesWhenConfiguredSo() throws Exception {
    SimulatedDeployment d = standbyToFinalize()
        .finalizationDuration("standby", "system", Duration.ofMinutes(10))
        .onInterruptedFinalization(InterruptedFinalization.CONTINUES).build();
    try (AutoCloseable driven = d.drivenInRealTime()) {
      StatementInFlight set = finalizingStandbySystem(d, "set-version");
      d.advance(Duration.ofSeconds(150));
      set.interrupt();
      assertThat(set.awaitEnd()).isTrue();
      assertThat(set.failure()).isInstanceOfSatisfying(SimulatedSqlException.class,
          e -> assertThat(e.sqlState()).isEqualTo("57014"));
      assertThat(d.standby().showClusterSetting("system", "version")).isNotEqualTo("25.2");

      d.advance(Duration.ofMinutes(8));
    }
    assertThat(d.standby().showClusterSetting("system", "version")).isEqualTo("25.2");
  }

  @Test
  void aSecondStatementWhileOneRunsWaitsForTheSameFinalization() throws Exception {
    SimulatedDeployment d = standbyToFinalize()
        .finalizationDuration("standby", "system", Duration.ofMinutes(10)).build();
    try (AutoCloseable driven = d.drivenInRealTime()) {
      StatementInFlight first = finalizingStandbySystem(d, "first");
      d.advance(Duration.ofMinutes(3));
      StatementInFlight second = StatementInFlight.start("second",
          () -> d.standby().setClusterSetting("system", "version", "25.2"));
      assertThat(eventually(() -> d.trace().stream()
          .anyMatch(e -> e.detail().contains("finalization to 25.2 in progress")))).isTrue();
      d.advance(Duration.ofMinutes(5));
      assertThat(second.isRunning()).isTrue();
      d.advance(Duration.ofMinutes(5));
      assertThat(first.awaitEnd()).isTrue();
      assertThat(second.awaitEnd()).isTrue();
      assertThat(first.failure()).isNull();
      assertThat(second.failure()).isNull();
    }
    assertThat(d.trace()).filteredOn(e -> e.cluster().equals("standby")
        && e.detail().startsWith("system: finalizing")).hasSize(1);
  }

  @Test
  void aFinalizationThatCannotProgressFailsItsStatementAfterTheStallLimit() {
    // Given a standby whose node 2 is dead for good
    SimulatedDeployment d = standbyToFinalize().build();
    d.standby().killNode(2);
    Instant before = d.now();

    // When the system VC is finalized
    SimulatedSqlException e = Sql.error(
        () -> d.standby().setClusterSetting("system", "version", "25.2"));

    // Then the statement fails (rather than hanging) after the stall limit, version unchanged
    assertThat(e.sqlState()).isEqualTo("XXUUU");
    assertThat(e.getMessage()).contains("node 2 is not live");
    assertThat(Duration.between(before, d.now())).isEqualTo(BlockingStatements.STALL_LIMIT);
    assertThat(ClusterVersion.parse(d.standby().showClusterSetting("system", "version")))
        .isEqualTo(ClusterVersion.finalOf(ReleaseSeries.parse("24.3")));
  }

  @Test
  void stopServiceHoldsTheVcStoppingForTheConfiguredTimeThenReturnsWithNone() {
    SimulatedDeployment d = SimulatedDeployment.builder().reader(true)
        .serviceStopDuration("standby", "main-readonly", Duration.ofMinutes(10)).build();
    Instant before = d.now();

    d.standby().stopService("main-readonly");

    assertThat(Duration.between(before, d.now())).isEqualTo(Duration.ofMinutes(10));
    assertThat(d.standby().showVirtualCluster("main-readonly").serviceMode()).isEqualTo("none");
  }

  @Test
  void anInterruptedStopServiceLeavesTheVcStoppingAndSendingItAgainMovesItOn() throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().reader(true)
        .serviceStopDuration("standby", "main-readonly", Duration.ofMinutes(10)).build();
    try (AutoCloseable driven = d.drivenInRealTime()) {
      StatementInFlight stop = StatementInFlight.start("stop",
          () -> d.standby().stopService("main-readonly"));
      assertThat(eventually(() -> d.standby().showVirtualCluster("main-readonly").serviceMode()
          .equals("stopping"))).isTrue();
      d.advance(Duration.ofMinutes(4));

      stop.interrupt();
      assertThat(stop.awaitEnd()).isTrue();
      assertThat(stop.failure()).isInstanceOfSatisfying(SimulatedSqlException.class,
          e -> assertThat(e.sqlState()).isEqualTo("57014"));
      d.advance(Duration.ofHours(1));
    }
    // The VC stays stopping: DROP and START are refused with 55000
    assertThat(d.standby().showVirtualCluster("main-readonly").serviceMode()).isEqualTo("stopping");
    assertThat(Sql.error(() -> d.standby().dropVirtualCluster("main-readonly")).sqlState())
        .isEqualTo("55000");
    SimulatedSqlException start = Sql.error(() -> d.standby().startServiceShared("main-readonly"));
    assertThat(start.sqlState()).isEqualTo("55000");
    assertThat(start.getMessage())
        .isEqualTo("service currently stopping, cannot start service until stop has completed");

    // Sent again, STOP SERVICE waits for the nodes once more and writes none
    Instant resent = d.now();
    d.standby().stopService("main-readonly");
    assertThat(Duration.between(resent, d.now())).isEqualTo(Duration.ofMinutes(10));
    assertThat(d.standby().showVirtualCluster("main-readonly").serviceMode()).isEqualTo("none");
    d.standby().dropVirtualCluster("main-readonly");
  }
}
