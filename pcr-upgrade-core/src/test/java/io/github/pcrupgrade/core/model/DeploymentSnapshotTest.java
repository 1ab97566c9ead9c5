package io.github.pcrupgrade.core.model;

import static io.github.pcrupgrade.core.model.Snapshots.app;
import static io.github.pcrupgrade.core.model.Snapshots.cluster;
import static io.github.pcrupgrade.core.model.Snapshots.nodes;
import static io.github.pcrupgrade.core.model.Snapshots.reader;
import static io.github.pcrupgrade.core.model.Snapshots.replicating;
import static io.github.pcrupgrade.core.model.Snapshots.system;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeploymentSnapshotTest {

  private static PcrUpgradeException invalid(Runnable r) {
    PcrUpgradeException e = catchThrowableOfType(PcrUpgradeException.class, r::run);
    assertThat(e).as("expected INVALID_ARGUMENT").isNotNull();
    assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
    return e;
  }

  @Test
  void replicatedPrimaryVcOfAVirtualizedPrimaryIsTheStreamSource() {
    // Given: a virtualized primary whose main is replicated into the standby's main
    DeploymentSnapshot d = Snapshots.virtualized("25.2", "v25.2.4");

    // Then
    assertThat(d.replicatedPrimaryVc()).map(VirtualClusterInfo::name).contains("main");
    assertThat(d.standbyReplicatingVc()).map(VirtualClusterInfo::name).contains("main");
    assertThat(d.isPrimaryNonVirtualized()).isFalse();
    assertThat(d.isFailedOver()).isFalse();
    assertThat(d.isFailingBack()).isFalse();
  }

  @Test
  void replicatedPrimaryVcFollowsTheStreamEvenWhenTheNamesDiffer() {
    // Given: the primary has two app VCs; the standby's 'standbymain' replicates 'app2'
    DeploymentSnapshot d = new DeploymentSnapshot(
        cluster("primary", ClusterRole.PRIMARY, nodes("v24.3.12"), system("24.3"),
            app(3, "main", "24.3"), app(4, "app2", "24.3")),
        cluster("standby", ClusterRole.STANDBY, nodes("v24.3.12"), system("24.3"),
            replicating(3, "standbymain", "app2")));

    // Then
    assertThat(d.replicatedPrimaryVc()).map(VirtualClusterInfo::name).contains("app2");
  }

  @Test
  void replicatedPrimaryVcOfANonVirtualizedPrimaryIsItsSystemVc() {
    // Given: PCR from an existing non-virtualized primary (24.1+): the stream source is 'system'
    DeploymentSnapshot d = new DeploymentSnapshot(
        cluster("primary", ClusterRole.PRIMARY, nodes("v24.3.12"), system("24.3")),
        cluster("standby", ClusterRole.STANDBY, nodes("v24.3.12"), system("24.3"),
            replicating(3, "main", "system")));

    // Then
    assertThat(d.isPrimaryNonVirtualized()).isTrue();
    assertThat(d.replicatedPrimaryVc()).map(VirtualClusterInfo::name).contains("system");
    assertThat(d.replicatedPrimaryVc()).map(VirtualClusterInfo::kind).contains(VcKind.SYSTEM);
  }

  @Test
  void replicatedPrimaryVcWithoutAStreamIsMainOrTheSystemVc() {
    DeploymentSnapshot afterFailover = failedOver();
    assertThat(afterFailover.replicatedPrimaryVc()).map(VirtualClusterInfo::name).contains("main");

    DeploymentSnapshot nonVirtualized = new DeploymentSnapshot(
        cluster("primary", ClusterRole.PRIMARY, nodes("v24.3.12"), system("24.3")),
        cluster("standby", ClusterRole.STANDBY, nodes("v24.3.12"), system("24.3")));
    assertThat(nonVirtualized.replicatedPrimaryVc()).map(VirtualClusterInfo::name)
        .contains("system");
  }

  @Test
  void isFailedOverOnceTheStandbysVcServesWithoutAStream() {
    assertThat(failedOver().isFailedOver()).isTrue();
  }

  @Test
  void aStoppedVcWithoutAStreamIsNotAFailover() {
    // Given: replication ended but the VC has not been started (service none)
    DeploymentSnapshot d = failedOver().with(failedOver().standby()
        .withVc("main", v -> v.withState(DataState.READY, ServiceMode.NONE)));

    // Then
    assertThat(d.isFailedOver()).isFalse();
  }

  @Test
  void isFailingBackWhileTheOriginalPrimaryIngests() {
    DeploymentSnapshot d = failedOver();
    DeploymentSnapshot failingBack = d.with(d.primary().withVc("main", v -> v
        .withState(DataState.ADD, ServiceMode.NONE)
        .withReplication(Optional.of(
            io.github.pcrupgrade.core.model.ReplicationInfo.replicating("main", Snapshots.T0,
                java.time.Duration.ofSeconds(1))))));
    assertThat(failingBack.isFailingBack()).isTrue();
  }

  @Test
  void rejectsClustersInTheWrongRoles() {
    ClusterSnapshot p = cluster("a", ClusterRole.PRIMARY, nodes("v25.2.4"), system("25.2"));
    ClusterSnapshot s = cluster("b", ClusterRole.STANDBY, nodes("v25.2.4"), system("25.2"));
    PcrUpgradeException e = invalid(() -> new DeploymentSnapshot(s, p));
    assertThat(e.getMessage()).contains("PRIMARY").contains("STANDBY");
  }

  @Test
  void rejectsTwoClustersWithOneName() {
    ClusterSnapshot p = cluster("dc1", ClusterRole.PRIMARY, nodes("v25.2.4"), system("25.2"));
    ClusterSnapshot s = cluster("dc1", ClusterRole.STANDBY, nodes("v25.2.4"), system("25.2"));
    assertThat(invalid(() -> new DeploymentSnapshot(p, s)).getMessage()).contains("'dc1'");
  }

  @Test
  void withReplacesTheClusterOfTheSameRole() {
    DeploymentSnapshot d = Snapshots.virtualized("25.2", "v25.2.4");
    ClusterSnapshot noReader = d.standby().withoutVc("main-readonly");
    assertThat(d.with(noReader).standby().readerVcs()).isEmpty();
    assertThat(d.with(noReader).primary()).isEqualTo(d.primary());
    assertThat(d.cluster(ClusterRole.STANDBY)).isEqualTo(d.standby());
  }

  private static DeploymentSnapshot failedOver() {
    return new DeploymentSnapshot(
        cluster("primary", ClusterRole.PRIMARY, nodes("v25.2.4"), system("25.2"),
            app(3, "main", "25.2")),
        cluster("standby", ClusterRole.STANDBY, nodes("v25.2.4"), system("25.2"),
            app(3, "main", "25.2"), reader(4, "main-readonly", "25.2")));
  }
}
