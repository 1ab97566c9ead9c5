package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.core.spi.InFlight;
import io.github.pcrupgrade.core.spi.Scheduler;
import io.github.pcrupgrade.testkit.InterruptedFinalization;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.RealTimeDriver;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The JDBC adapters never cut a statement that does its work inside itself
 * (crdb-pcr-sql-facts 10.1) with the pool's network timeout: over the wire front, with the
 * simulation's clock driven at a known speed, a finalization and a STOP SERVICE whose real
 * durations exceed the pool's socket timeout ({@code statementTimeout} + 5 s = 6 s real) complete.
 * On code that sent them on the pool's timeout, both fail with a lost connection after 6 s.
 */
class BlockingStatementsOverJdbcTest {

  /** 1800x: one real second is 30 virtual minutes. */
  private static final double SPEED = 1800;
  private static final Duration TICK = Duration.ofMillis(10);
  /** 4 virtual hours = 8 real seconds at 1800x, longer than the 6 s socket timeout. */
  private static final Duration LONGER_THAN_THE_SOCKET_TIMEOUT = Duration.ofHours(4);

  private static CockroachCluster cluster(SimulatedPcrServer server, String name,
      ClusterRole role) {
    ClusterConnectionSettings s = ClusterConnectionSettings.builder(name)
        .url(server.jdbcUrl(name)).password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
        .statementTimeout(Duration.ofSeconds(1)).build();
    return CockroachCluster.builder(s, role).seed(1).build();
  }

  @Test
  void aFinalizationWhoseRealDurationExceedsTheNetworkTimeoutCompletes() {
    // Given a standby system VC whose finalization takes 4 virtual hours (8 s real)
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").primaryVersion("24.3")
        .standbyVersion("24.3")
        .settings("standby", "system", new FinalizationSettings(false, ""))
        .finalizationDuration("standby", "system", LONGER_THAN_THE_SOCKET_TIMEOUT)
        .acceptSqlFinalizations().build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        RealTimeDriver clock = RealTimeDriver.start(d, SPEED, TICK);
        CockroachCluster standby = cluster(server, "standby", ClusterRole.STANDBY)) {
      Instant sent = d.now();

      // When
      standby.operations().finalizeVersion("system", ReleaseSeries.parse("25.2"));

      // Then it returned only once the migrations were done, hours of virtual time later
      assertThat(Duration.between(sent, d.now()))
          .isGreaterThanOrEqualTo(LONGER_THAN_THE_SOCKET_TIMEOUT);
      assertThat(d.trueVersion("standby", "system")).contains(ClusterVersion.parse("25.2"));
    }
  }

  @Test
  void aStopServiceWhoseRealDurationExceedsTheNetworkTimeoutCompletes() {
    // Given a reader VC whose STOP SERVICE waits 4 virtual hours (8 s real) for its nodes
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").reader(true)
        .serviceStopDuration("standby", "main-readonly", LONGER_THAN_THE_SOCKET_TIMEOUT).build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        RealTimeDriver clock = RealTimeDriver.start(d, SPEED, TICK);
        CockroachCluster standby = cluster(server, "standby", ClusterRole.STANDBY)) {

      // When
      standby.operations().stopService("main-readonly");

      // Then the VC stopped serving (not left stopping by a cut statement)
      assertThat(standby.inspector().inspect().vc("main-readonly").orElseThrow().serviceMode())
          .isEqualTo(ServiceMode.NONE);
    }
  }

  @Test
  void anAbandonedFinalizationCancelsItsStatementSoTheServerSeesItsClientGoAway()
      throws Exception {
    // Given a finalization of 4 virtual hours (8 s real) sent on a worker of the production
    // scheduler, as the executor sends it
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").primaryVersion("24.3")
        .standbyVersion("24.3")
        .settings("standby", "system", new FinalizationSettings(false, ""))
        .finalizationDuration("standby", "system", LONGER_THAN_THE_SOCKET_TIMEOUT)
        .onInterruptedFinalization(InterruptedFinalization.STOPS)
        .acceptSqlFinalizations().build();
    Scheduler scheduler = Scheduler.system(r -> {
      Thread t = new Thread(r, "test-call");
      t.setDaemon(true);
      return t;
    });
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        RealTimeDriver clock = RealTimeDriver.start(d, SPEED, TICK);
        CockroachCluster standby = cluster(server, "standby", ClusterRole.STANDBY)) {
      InFlight<Object> call = scheduler.submit("finalize", () -> {
        standby.operations().finalizeVersion("system", ReleaseSeries.parse("25.2"));
        return null;
      });
      assertThat(eventually(() -> d.trace().stream().anyMatch(t -> t.cluster().equals("standby")
          && t.detail().contains("system: finalizing")))).as("the statement is running").isTrue();

      // When the executor abandons the call (cancellation past stopGrace, or past its bound)
      call.abandon();

      // Then the statement was cancelled: the server saw its client go away and, as configured,
      // stopped the finalization part-way; the call ended long before the statement would have
      assertThat(call.await(Duration.ofSeconds(30))).isTrue();
      assertThat(eventually(() -> d.trace().stream().anyMatch(t -> t.cluster().equals("standby")
          && t.detail().contains("statement ended")))).isTrue();
      assertThat(d.trueVersion("standby", "system").orElseThrow())
          .isLessThan(ClusterVersion.parse("25.2"));
    }
  }

  private static boolean eventually(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }
}
