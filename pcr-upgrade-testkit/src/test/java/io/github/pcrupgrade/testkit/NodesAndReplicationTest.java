package io.github.pcrupgrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.Provenance;
import io.github.pcrupgrade.core.rules.RuleCode;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NodesAndReplicationTest {

  @Test
  void aRestartTakesVirtualTimeAndTheNodeRejoinsLater() {
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    Instant before = d.now();
    NodeInfo n2 = d.inspector("standby").inspect().node(2).orElseThrow();

    d.nodeUpgrader().upgrade("standby", n2, BinaryTarget.anyPatchOf(ReleaseSeries.parse("25.2")));

    assertThat(Duration.between(before, d.now())).isEqualTo(Duration.ofSeconds(25));
    NodeRow row = d.standby().nodes().get(1);
    assertThat(row.buildTag()).isEqualTo("v25.2.19");
    assertThat(row.serverVersion()).isEqualTo("25.2");
    assertThat(row.isLive()).isFalse();
    assertThat(d.standby().stores().get(0).rangesUnderReplicated()).isPositive();
    d.advance(Duration.ofSeconds(5));
    assertThat(d.inspector("standby").inspect().node(2).orElseThrow().liveness())
        .isEqualTo(Liveness.LIVE);
    assertThat(d.standby().stores()).allMatch(s -> s.rangesUnderReplicated() == 0);
  }

  @Test
  void aNodeRefusesToStartOnABinaryOlderThanItsCluster() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").build();
    NodeInfo n1 = d.inspector("primary").inspect().node(1).orElseThrow();

    PcrUpgradeException e = catchThrowableOfType(() -> d.nodeUpgrader().rollback("primary", n1,
        BinaryTarget.anyPatchOf(ReleaseSeries.parse("24.3"))), PcrUpgradeException.class);

    assertThat(e.code()).isEqualTo(CoreErrorCode.PORT_FAILURE);
    assertThat(e.getMessage()).contains("preventing SQL server from starting because its binary"
        + " version is too low for the tenant active version: server binary version = 24.3,"
        + " tenant active version = 25.2");
    assertThat(d.primary().nodes().get(0).isLive()).isFalse();
    assertThat(d.monitor().violations()).extracting(v -> v.rule().orElse(null))
        .contains(RuleCode.VC_ABOVE_NODE_BINARY);
  }

  @Test
  void aNodeRefusesToStartWhenItsMinSupportedIsAboveAVc() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();
    NodeInfo n1 = d.inspector("standby").inspect().node(1).orElseThrow();

    PcrUpgradeException e = catchThrowableOfType(() -> d.nodeUpgrader().upgrade("standby", n1,
        BinaryTarget.anyPatchOf(ReleaseSeries.parse("25.4"))), PcrUpgradeException.class);

    assertThat(e.getMessage()).contains("node at 25.4 cannot run 24.3 (minimum version is 25.2)");
    assertThat(d.monitor().violations()).extracting(v -> v.rule().orElse(null))
        .contains(RuleCode.VC_BELOW_MIN_SUPPORTED);
  }

  @Test
  void replicatedTimeAdvancesIn30SecondStepsBehindByTheLag() {
    SimulatedDeployment d = SimulatedDeployment.builder().replicationLag(Duration.ofSeconds(12))
        .build();
    Instant start = d.now();

    d.advance(Duration.ofSeconds(29));
    assertThat(d.standby().replicationStatus("main").replicatedTime())
        .isEqualTo(start.minusSeconds(12));
    d.advance(Duration.ofSeconds(1));
    ReplicationStatusRow r = d.standby().replicationStatus("main");

    assertThat(r.replicatedTime()).isEqualTo(start.plusSeconds(30 - 12));
    assertThat(r.replicationLag()).isEqualTo(Duration.ofSeconds(12));
    assertThat(r.status()).isEqualTo("replicating");
    assertThat(r.sourceTenantName()).isEqualTo("main");
    assertThat(r.failoverTime()).isNull();
  }

  @Test
  void theReplicatingVcCarriesTheSourceVersionAsOfTheReplicatedTime() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").primaryVersion("24.3")
        .standbyVersion("25.2").replicationLag(Duration.ofSeconds(50)).build();
    d.advanceUntil(() -> d.primary().showClusterSetting("main", "version").equals("25.2"),
        Duration.ofMinutes(5));
    Instant done = d.now();

    assertThat(d.trueVersion("standby", "main").orElseThrow().toString()).isNotEqualTo("25.2");
    d.advanceUntil(() -> d.standby().replicationStatus("main").replicatedTime().isAfter(done),
        Duration.ofMinutes(5));

    assertThat(d.trueVersion("standby", "main").orElseThrow().toString()).isEqualTo("25.2");
    assertThat(d.inspector("standby").inspect().vc("main").orElseThrow().version().provenance())
        .isEqualTo(Provenance.UNKNOWN);
  }

  @Test
  void showVirtualClustersPrintsTheProductStrings() {
    SimulatedDeployment d = SimulatedDeployment.builder().reader(true).build();

    assertThat(d.standby().showVirtualClusters()).containsExactly(
        new VirtualClusterRow(1, "system", "ready", "shared"),
        new VirtualClusterRow(3, "main", "replicating", "none"),
        new VirtualClusterRow(4, "main-readonly", "ready", "shared"));
    assertThat(d.primary().showVirtualClusters()).containsExactly(
        new VirtualClusterRow(1, "system", "ready", "shared"),
        new VirtualClusterRow(3, "main", "ready", "shared"));
  }

  @Test
  void olderSeriesUseTheCutoverSpellingAndColumns() {
    SimulatedDeployment old = SimulatedDeployment.builder().series("24.1").build();
    old.standby().completeReplicationToLatest("main");

    ReplicationStatusRow r = old.standby().replicationStatus("main");

    assertThat(r.status()).isEqualTo("replication pending cutover");
    assertThat(r.failoverColumnName()).isEqualTo("cutover_time");
    assertThat(r.columns()).doesNotContain("ingestion_job_id");
    ReplicationStatusRow newer = SimulatedDeployment.builder().series("25.2").build().standby()
        .replicationStatus("main");
    assertThat(newer.columns()).containsExactly("id", "name", "ingestion_job_id",
        "source_tenant_name", "source_cluster_uri", "retained_time", "replicated_time",
        "replication_lag", "failover_time", "status");
    assertThat(newer.ingestionJobId()).isNotNull();
  }

  @Test
  void versionStringIsTheGatewayBuild() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").build();

    assertThat(d.primary().version()).startsWith("CockroachDB CCL v25.2.19 (x86_64-pc-linux-gnu,");
    assertThat(d.primary().nodeExecutableVersion()).isEqualTo("25.2");
    assertThat(d.primary().series()).isEqualTo(ReleaseSeries.parse("25.2"));
  }
}
