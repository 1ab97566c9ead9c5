package io.github.pcrupgrade.core.model;

import static io.github.pcrupgrade.core.model.Snapshots.T0;
import static io.github.pcrupgrade.core.model.Snapshots.app;
import static io.github.pcrupgrade.core.model.Snapshots.cluster;
import static io.github.pcrupgrade.core.model.Snapshots.node;
import static io.github.pcrupgrade.core.model.Snapshots.nodes;
import static io.github.pcrupgrade.core.model.Snapshots.reader;
import static io.github.pcrupgrade.core.model.Snapshots.replicating;
import static io.github.pcrupgrade.core.model.Snapshots.system;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSnapshotTest {

  private static PcrUpgradeException invalid(Runnable r) {
    PcrUpgradeException e = catchThrowableOfType(PcrUpgradeException.class, r::run);
    assertThat(e).as("expected INVALID_ARGUMENT").isNotNull();
    assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
    return e;
  }

  @Test
  void rejectsTwoVcsWithOneName() {
    PcrUpgradeException e = invalid(() -> cluster("us-east", ClusterRole.PRIMARY, nodes("v25.2.4"),
        system("25.2"), app(3, "main", "25.2"), app(4, "main", "25.2")));
    assertThat(e.getMessage()).contains("'us-east'").contains("'main'");
  }

  @Test
  void rejectsTwoVcsWithOneId() {
    PcrUpgradeException e = invalid(() -> cluster("us-east", ClusterRole.PRIMARY, nodes("v25.2.4"),
        system("25.2"), app(3, "main", "25.2"), app(3, "other", "25.2")));
    assertThat(e.getMessage()).contains("'us-east'").contains("3");
  }

  @Test
  void rejectsTwoNodesWithOneId() {
    PcrUpgradeException e = invalid(() -> cluster("us-east", ClusterRole.PRIMARY,
        List.of(node(1, "v25.2.4"), node(2, "v25.2.4"), node(2, "v25.2.4")), system("25.2")));
    assertThat(e.getMessage()).contains("'us-east'").contains("node 2");
  }

  @Test
  void rejectsNoSystemVc() {
    PcrUpgradeException e = invalid(() -> cluster("us-east", ClusterRole.PRIMARY, nodes("v25.2.4"),
        app(3, "main", "25.2")));
    assertThat(e.getMessage()).contains("'us-east'").contains("system VC").contains("0");
  }

  @Test
  void rejectsTwoSystemVcs() {
    VirtualClusterInfo another = new VirtualClusterInfo(2, "system", VcKind.SYSTEM, DataState.READY,
        ServiceMode.SHARED, system("25.2").version(), system("25.2").settings(),
        system("25.2").replication());
    PcrUpgradeException e = invalid(() -> cluster("us-east", ClusterRole.PRIMARY, nodes("v25.2.4"),
        system("25.2"), another));
    assertThat(e.getMessage()).contains("'us-east'").contains("system");
  }

  @Test
  void rejectsAClusterWithoutNodes() {
    PcrUpgradeException e = invalid(
        () -> cluster("us-east", ClusterRole.PRIMARY, List.of(), system("25.2")));
    assertThat(e.getMessage()).contains("'us-east'");
  }

  @Test
  void rejectsAClusterWhoseEveryNodeIsDecommissioned() {
    // Given: regression, such a snapshot was accepted and lowestBinarySeries() then threw
    // NoSuchElementException
    NodeInfo gone = node(1, "v25.2.4").withLiveness(Liveness.DECOMMISSIONED, false);

    // Then
    PcrUpgradeException e = invalid(
        () -> cluster("us-east", ClusterRole.PRIMARY, List.of(gone), system("25.2")));
    assertThat(e.getMessage()).contains("'us-east'").contains("decommissioned");
  }

  @Test
  void rejectsANonPositiveNodeId() {
    invalid(() -> node(0, "v25.2.4"));
  }

  @Test
  void ordersNodesAndVcsById() {
    ClusterSnapshot c = cluster("standby", ClusterRole.STANDBY,
        List.of(node(3, "v25.2.4"), node(1, "v25.2.4"), node(2, "v25.2.4")),
        reader(4, "main-readonly", "25.2"), replicating(3, "main", "main"), system("25.2"));
    assertThat(c.nodes()).extracting(NodeInfo::id).containsExactly(1, 2, 3);
    assertThat(c.virtualClusters()).extracting(VirtualClusterInfo::name)
        .containsExactly("system", "main", "main-readonly");
    assertThat(c.nodes()).isUnmodifiable();
    assertThat(c.virtualClusters()).isUnmodifiable();
  }

  @Test
  void findsItsVcsByKind() {
    ClusterSnapshot standby = cluster("standby", ClusterRole.STANDBY, nodes("v25.2.4"),
        system("25.2"), replicating(3, "main", "main"), reader(4, "main-readonly", "25.2"));
    assertThat(standby.systemVc().name()).isEqualTo("system");
    assertThat(standby.replicatingVc()).map(VirtualClusterInfo::name).contains("main");
    assertThat(standby.applicationVcs()).extracting(VirtualClusterInfo::name).containsExactly("main");
    assertThat(standby.readerVcs()).extracting(VirtualClusterInfo::name)
        .containsExactly("main-readonly");
    assertThat(standby.vc("main-readonly")).isPresent();
    assertThat(standby.vc("nope")).isEmpty();
    assertThat(standby.node(2)).isPresent();
    assertThat(standby.node(9)).isEmpty();
  }

  @Test
  void decommissionedNodesDoNotCountForBinaries() {
    // Given: a half-rolled cluster with an old decommissioned node
    ClusterSnapshot c = cluster("primary", ClusterRole.PRIMARY, List.of(
        node(1, "v25.4.3"), node(2, "v25.2.4"), node(3, "v25.2.4"),
        node(4, "v24.3.33").withLiveness(Liveness.DECOMMISSIONED, false)), system("25.2"));

    // Then
    assertThat(c.memberNodes()).extracting(NodeInfo::id).containsExactly(1, 2, 3);
    assertThat(c.binaries()).containsExactly(
        BinaryVersion.parse("v25.2.4"), BinaryVersion.parse("v25.4.3"));
    assertThat(c.binarySeries()).containsExactly(ReleaseSeries.of(25, 2), ReleaseSeries.of(25, 4));
    assertThat(c.lowestBinarySeries()).isEqualTo(ReleaseSeries.of(25, 2));
    assertThat(c.highestBinarySeries()).isEqualTo(ReleaseSeries.of(25, 4));
  }

  @Test
  void copiesReplaceOneNodeOrVcAndRecheckTheInvariants() {
    ClusterSnapshot c = cluster("primary", ClusterRole.PRIMARY, nodes("v25.2.4"),
        system("25.2"), app(3, "main", "25.2"));

    ClusterSnapshot upgraded = c.withNode(node(2, "v25.4.3"));
    assertThat(upgraded.node(2).orElseThrow().binary()).isEqualTo(BinaryVersion.parse("v25.4.3"));
    assertThat(upgraded.node(1).orElseThrow().binary()).isEqualTo(BinaryVersion.parse("v25.2.4"));

    ClusterSnapshot stopped = c.withVc("main", v -> v.withState(DataState.READY, ServiceMode.NONE));
    assertThat(stopped.vc("main").orElseThrow().isServing()).isFalse();

    assertThat(c.withoutVc("main").applicationVcs()).isEmpty();
    assertThat(c.withAddedVc(app(5, "other", "25.2")).applicationVcs()).hasSize(2);
    assertThat(c.at(T0.plusSeconds(5)).observedAt()).isEqualTo(T0.plusSeconds(5));

    PcrUpgradeException e = invalid(() -> c.withAddedVc(app(5, "main", "25.2")));
    assertThat(e.getMessage()).contains("'primary'").contains("'main'");
    invalid(() -> c.withoutVc("system"));
  }

  @Test
  void nodeHealthNeedsLiveAndNotDraining() {
    NodeInfo n = node(1, "v25.2.4");
    assertThat(n.isHealthy()).isTrue();
    assertThat(n.withLiveness(Liveness.LIVE, true).isHealthy()).isFalse();
    assertThat(n.withLiveness(Liveness.SUSPECT, false).isHealthy()).isFalse();
    assertThat(n.withLiveness(Liveness.DEAD, false).isMember()).isTrue();
    assertThat(n.withLiveness(Liveness.DECOMMISSIONED, false).isMember()).isFalse();
  }
}
