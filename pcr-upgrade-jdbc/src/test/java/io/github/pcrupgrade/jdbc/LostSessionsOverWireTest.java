package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.spi.NarrowRead;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node restart closes every session on the node (crdb-pcr-sql-facts 10.2), so the pooled
 * connections to it are dead. The next inspection reads everything without a single retry wait:
 * the first statement that meets a closed session renews its pool, and every statement that met
 * one runs again at once on a new connection, which goes to a live node. Before, each such
 * statement waited a jittered backoff (25 to 50 ms, more when it met a second dead connection), and
 * an executor polling on the virtual clock saw those waits add up to a different virtual time in
 * every run (issue 19's polling benchmark).
 *
 * <p>The inspection runs right after the restart: HikariCP hands out a connection used in the last
 * 500 ms without validating it, which is when a statement meets the closed session. Each statement
 * takes 20 ms of real latency, so that an inspection's concurrent statements hold several of the
 * pool's connections at once, all on node 1.
 */
class LostSessionsOverWireTest {

  private static SimulatedPcrServer serve(SimulatedDeployment d) {
    return SimulatedPcrServer.builder(d).latency(Duration.ofMillis(20)).start();
  }

  /** The endpoint closes a session's socket at once; its handler ends on its own thread. */
  private static void awaitNoSessions(SimulatedPcrServer server) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (server.nodeStats("standby", 1).openConnections() > 0) {
      assertThat(System.nanoTime()).as("node 1's sessions closed by its restart")
          .isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void anInspectionAfterANodeRestartMeetsTheClosedSessionsWithoutWaiting()
      throws InterruptedException {
    // Given a 2 x 3-node deployment whose standby was inspected once: the pool's sessions are on
    // node 1, the first host of the URL
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").nodes(3, 3).build();
    List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    try (SimulatedPcrServer server = serve(d);
        CockroachCluster standby = CockroachCluster.builder(ClusterConnectionSettings
            .builder("standby").url(server.jdbcUrl("standby"))
            .password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD).build(), ClusterRole.STANDBY)
            .clock(d.clock()).sleeper(waits::add).seed(1).build()) {
      ClusterSnapshot before = standby.inspector().inspect();
      assertThat(server.nodeStats("standby", 1).openConnections()).isGreaterThan(1);

      // When node 1 restarts onto 25.2 and rejoins
      d.nodeUpgrader().upgrade("standby", before.node(1).orElseThrow(),
          BinaryTarget.exactly(BinaryVersion.parse("v25.2.4")));
      d.advance(Duration.ofMinutes(5));
      // (the fault fired: node 1 holds none of the pool's sessions any more)
      awaitNoSessions(server);
      ClusterSnapshot after = standby.inspector().inspect();

      // Then nothing waited, and the snapshot is whole: node 1 live on its new binary, every VC's
      // version read
      assertThat(waits).isEmpty();
      assertThat(after.node(1).orElseThrow().binary()).isEqualTo(BinaryVersion.parse("v25.2.4"));
      assertThat(after.node(1).orElseThrow().liveness()).isEqualTo(Liveness.LIVE);
      assertThat(after.virtualClusters()).extracting(VirtualClusterInfo::name)
          .containsExactlyElementsOf(before.virtualClusters().stream()
              .map(VirtualClusterInfo::name).toList());
      assertThat(after.systemVc().version().known()).isPresent();
    }
  }

  @Test
  void aSingleReadAfterANodeRestartGetsANewConnectionAtTheSecondAttempt()
      throws InterruptedException {
    // Given a standby inspected once in full: the pool holds about ten idle sessions on node 1
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").nodes(3, 3).build();
    List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    try (SimulatedPcrServer server = serve(d);
        CockroachCluster standby = CockroachCluster.builder(ClusterConnectionSettings
            .builder("standby").url(server.jdbcUrl("standby"))
            .password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD).build(), ClusterRole.STANDBY)
            .clock(d.clock()).sleeper(waits::add).seed(1).build()) {
      ClusterSnapshot before = standby.inspector().inspect();
      assertThat(server.nodeStats("standby", 1).openConnections()).isGreaterThan(1);

      // When node 1 restarts and one node is read narrowly (one statement)
      d.nodeUpgrader().upgrade("standby", before.node(1).orElseThrow(),
          BinaryTarget.exactly(BinaryVersion.parse("v25.2.4")));
      d.advance(Duration.ofMinutes(5));
      awaitNoSessions(server);
      ClusterSnapshot after = standby.inspector().inspect(NarrowRead.node(1), before);

      // Then its second attempt did not take another of the closed sessions (it would have
      // waited before a third): the first lost session renewed the whole pool
      assertThat(waits).isEmpty();
      assertThat(after.node(1).orElseThrow().binary()).isEqualTo(BinaryVersion.parse("v25.2.4"));
    }
  }
}
