package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.jdbc.internal.JdbcClusterInspector;
import io.github.pcrupgrade.testkit.Fault;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 2: an inspection sends its statements in one concurrent round, which an
 * unlicensed cluster refuses beyond 5 concurrently open transactions ({@code XXC02},
 * crdb-pcr-sql-facts 11.3); the inspector then reads again, and from then on, with at most 4
 * statements at once. The latency makes each statement's implicit transaction stay open long
 * enough for the round's statements to overlap, as they do on a real cluster.
 */
class ThrottledInspectionOverWireTest {

  private static CockroachCluster cluster(SimulatedDeployment d, SimulatedPcrServer server,
      String name, ClusterRole role) {
    return CockroachCluster.builder(ClusterConnectionSettings.builder(name)
        .url(server.jdbcUrl(name)).password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
        .build(), role).clock(d.clock()).seed(1).build();
  }

  private static long refusals(SimulatedDeployment d) {
    return d.trace().stream().filter(e -> e.kind().equals("licence")
        && e.detail().startsWith("transaction refused")).count();
  }

  @Test
  void anUnlicensedClusterIsInspectedAgainWithAtMostFourStatementsAtOnce() {
    // Given an unlicensed primary past its grace period, 100 ms per statement
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.4").nodes(3, 3).build();
    d.inject(new Fault.LicenceThrottled("primary"));
    try (SimulatedPcrServer server = SimulatedPcrServer.builder(d)
            .latency(Duration.ofMillis(100)).start();
        CockroachCluster primary = cluster(d, server, "primary", ClusterRole.PRIMARY)) {
      JdbcClusterInspector inspector = (JdbcClusterInspector) primary.inspector();

      // When it is inspected a few times (the pools grow to the round's size on the first ones;
      // a refusal of a statement the pool sends when it opens a connection is retried by the
      // pool, so on a loaded machine the round's own refusal may come an inspection later)
      ClusterSnapshot s = inspector.inspect();
      for (int i = 0; i < 8 && !inspector.throttled(); i++) {
        s = inspector.inspect();
      }

      // Then a round was refused with XXC02 (the fault fired), and the inspection that followed,
      // a few statements at once, gave the whole snapshot
      long first = refusals(d);
      assertThat(first).isPositive();
      assertThat(inspector.throttled()).isTrue();
      assertThat(s.nodes()).hasSize(3);
      assertThat(s.vc("main").orElseThrow().version().known()).isPresent();

      // and the next inspections are never refused
      inspector.inspect();
      inspector.inspect();
      assertThat(refusals(d)).isEqualTo(first);
    }
  }

  @Test
  void aLicensedClusterIsReadInOneRoundOfMoreThanFiveStatements() {
    // Given the same deployment, licensed
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.4").nodes(3, 3).build();
    try (SimulatedPcrServer server = SimulatedPcrServer.builder(d)
            .latency(Duration.ofMillis(30)).start();
        CockroachCluster primary = cluster(d, server, "primary", ClusterRole.PRIMARY)) {
      JdbcClusterInspector inspector = (JdbcClusterInspector) primary.inspector();

      // When it is inspected twice
      inspector.inspect();
      inspector.inspect();

      // Then nothing was refused and the inspector never throttled itself
      assertThat(refusals(d)).isZero();
      assertThat(inspector.throttled()).isFalse();
    }
  }
}
