package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.spi.NarrowRead;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import io.github.pcrupgrade.testkit.sql.ExecutedStatement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 1: the JDBC inspector's narrow reads through pgjdbc and the wire front. Each
 * reads what it is asked with one statement (two for a VC's finalization settings, one
 * {@code SHOW CLUSTER SETTING} each), lays it over the previous snapshot, and falls back to a full
 * snapshot when the VC list changed.
 */
class NarrowReadOverWireTest {

  private static CockroachCluster cluster(SimulatedDeployment d, SimulatedPcrServer server,
      String name, ClusterRole role) {
    return CockroachCluster.builder(ClusterConnectionSettings.builder(name)
        .url(server.jdbcUrl(name)).password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
        .build(), role).clock(d.clock()).sleeper(d.sleeper()).seed(1).build();
  }

  private static List<String> sql(SimulatedPcrServer server, String cluster) {
    return server.statementLog(cluster).entries().stream().map(ExecutedStatement::sql)
        // a connection the pool opens sets its session up first; that is not a read
        .filter(s -> !s.isBlank() && !s.startsWith("SET application_name")).toList();
  }

  @Test
  void aNodeReadIsOneStatementAndSeesTheNodeRestartedOnItsNewBinary() {
    // Given a 2 x 3-node deployment on 24.3 and a full snapshot of the standby
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").nodes(3, 3).build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        CockroachCluster standby = cluster(d, server, "standby", ClusterRole.STANDBY)) {
      ClusterSnapshot before = standby.inspector().inspect();
      NodeInfo n2 = before.node(2).orElseThrow();
      // When node 2 is restarted on 25.2 and the standby is read narrowly for node 2
      d.nodeUpgrader().upgrade("standby", n2,
          io.github.pcrupgrade.core.model.BinaryTarget.exactly(BinaryVersion.parse("v25.2.4")));
      d.advance(Duration.ofMinutes(5)); // it rejoins
      server.clearStatementLogs();
      ClusterSnapshot after = standby.inspector().inspect(NarrowRead.node(2), before);

      // Then one statement (the join of crdb-pcr-sql-facts 9.2) read it, live on v25.2.4
      assertThat(sql(server, "standby")).hasSize(1).first().asString()
          .contains("crdb_internal.gossip_nodes LEFT JOIN crdb_internal.gossip_liveness")
          .endsWith("WHERE node_id = 2");
      NodeInfo seen = after.node(2).orElseThrow();
      assertThat(seen.binary()).isEqualTo(BinaryVersion.parse("v25.2.4"));
      assertThat(seen.liveness()).isEqualTo(Liveness.LIVE);
      assertThat(seen.draining()).isFalse();
      // and the other nodes are those of the previous snapshot
      assertThat(after.node(1)).isEqualTo(before.node(1));
      assertThat(after.virtualClusters()).isEqualTo(before.virtualClusters());
    }
  }

  @Test
  void aVersionReadIsOneStatementOnThatVc() {
    // Given a deployment whose standby system VC is finalized to 25.2 after a full snapshot
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").nodes(1, 1)
        .standbyBinary("v25.2.4").standbyVersion("24.3").settings("standby", "system",
            new io.github.pcrupgrade.core.model.FinalizationSettings(false, ""))
        .acceptSqlFinalizations().build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        CockroachCluster standby = cluster(d, server, "standby", ClusterRole.STANDBY)) {
      ClusterSnapshot before = standby.inspector().inspect();
      standby.operations().finalizeVersion("system",
          io.github.pcrupgrade.core.version.ReleaseSeries.parse("25.2"));
      server.clearStatementLogs();

      // When its version is read narrowly
      ClusterSnapshot after = standby.inspector().inspect(NarrowRead.version("system"), before);

      // Then one SHOW CLUSTER SETTING version read it
      assertThat(sql(server, "standby")).containsExactly("SHOW CLUSTER SETTING version");
      assertThat(after.systemVc().version().known()).contains(ClusterVersion.parse("25.2"));
      assertThat(before.systemVc().version().known()).contains(ClusterVersion.parse("24.3"));
    }
  }

  @Test
  void aSettingsReadIsTwoStatementsAndAReplicationReadOne() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").nodes(1, 1).build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        CockroachCluster primary = cluster(d, server, "primary", ClusterRole.PRIMARY);
        CockroachCluster standby = cluster(d, server, "standby", ClusterRole.STANDBY)) {
      // Given full snapshots, then a pin in the primary's app VC and replication moving on
      ClusterSnapshot p0 = primary.inspector().inspect();
      ClusterSnapshot s0 = standby.inspector().inspect();
      primary.operations().setFinalizationSetting("main", PinSetting.AUTO_UPGRADE_ENABLED,
          "false");
      d.advance(Duration.ofMinutes(2));
      server.clearStatementLogs();

      // When the settings of main and the stream into the standby's main are read narrowly
      ClusterSnapshot p1 = primary.inspector().inspect(NarrowRead.settings("main"), p0);
      ClusterSnapshot s1 = standby.inspector().inspect(NarrowRead.replicationOf("main"), s0);

      // Then two and one statements read them, and they show the change
      assertThat(sql(server, "primary")).containsExactlyInAnyOrder(
          "SHOW CLUSTER SETTING cluster.auto_upgrade.enabled",
          "SHOW CLUSTER SETTING cluster.preserve_downgrade_option");
      assertThat(sql(server, "standby")).containsExactly(
          "SHOW VIRTUAL CLUSTER \"main\" WITH REPLICATION STATUS");
      assertThat(p1.vc("main").orElseThrow().settings().orElseThrow().autoUpgradeEnabled())
          .isFalse();
      assertThat(p0.vc("main").orElseThrow().settings().orElseThrow().autoUpgradeEnabled())
          .isTrue();
      assertThat(s1.vc("main").orElseThrow().replication().orElseThrow().replicatedTime()
          .orElseThrow()).isAfter(s0.vc("main").orElseThrow().replication().orElseThrow()
          .replicatedTime().orElseThrow());
      assertThat(s1.vc("main").orElseThrow().replication().orElseThrow().jobId())
          .isEqualTo(s0.vc("main").orElseThrow().replication().orElseThrow().jobId());
    }
  }

  @Test
  void aVcListThatChangedGivesAFullSnapshot() {
    // Given a standby with a reader VC, and a full snapshot of it
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").nodes(1, 1).reader(true)
        .build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        CockroachCluster standby = cluster(d, server, "standby", ClusterRole.STANDBY)) {
      ClusterSnapshot before = standby.inspector().inspect();
      // When the reader is stopped: the list still has it, now not serving
      standby.operations().stopService("main-readonly");
      server.clearStatementLogs();
      ClusterSnapshot stopped = standby.inspector().inspect(NarrowRead.virtualClusterList(),
          before);

      // Then one SHOW VIRTUAL CLUSTERS read it
      assertThat(sql(server, "standby")).containsExactly("SHOW VIRTUAL CLUSTERS");
      assertThat(stopped.vc("main-readonly").orElseThrow().serviceMode())
          .isEqualTo(ServiceMode.NONE);

      // When it is dropped: the list changed, so the read is a full snapshot
      standby.operations().dropVirtualCluster("main-readonly");
      d.advance(Duration.ofMinutes(5));
      server.clearStatementLogs();
      ClusterSnapshot dropped = standby.inspector().inspect(NarrowRead.virtualClusterList(),
          stopped);
      assertThat(dropped.vc("main-readonly")).isEmpty();
      assertThat(sql(server, "standby")).contains("SHOW VIRTUAL CLUSTERS",
          "SHOW CLUSTER SETTING version", "SHOW CLUSTER SETTING enterprise.license");
    }
  }
}
