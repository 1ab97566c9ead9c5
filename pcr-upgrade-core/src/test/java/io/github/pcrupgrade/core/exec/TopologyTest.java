package io.github.pcrupgrade.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.ReplicationInfo;
import io.github.pcrupgrade.core.model.ReplicationState;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The topology guard's comparison (issue 14): each kind of change a run did not make is named;
 * what the run changes itself (versions, settings, liveness, and its own reader re-creation) is
 * not a change.
 */
class TopologyTest {

  private static final UUID A = UUID.fromString("7b0bd1f4-5f0c-4b8e-9d2a-3c1e6f4a8b90");
  private static final UUID B = UUID.fromString("0f4e2c6a-1d3b-4c5e-8f70-9a1b2c3d4e5f");

  private static DeploymentSnapshot base() {
    DeploymentSnapshot s = DeploymentSnapshot.builder().readerVc(true).build();
    s = s.with(s.primary().withClusterId(A)).with(s.standby().withClusterId(B));
    return withStream(s, r -> new ReplicationInfo(r.sourceVirtualCluster(), r.state(),
        r.rawStatus(), r.replicatedTime(), r.retainedTime(), r.lag(), Optional.of(42L)));
  }

  private static DeploymentSnapshot withStream(DeploymentSnapshot s,
      UnaryOperator<ReplicationInfo> change) {
    ClusterSnapshot sb = s.standby();
    String vc = sb.replicatingVc().orElseThrow().name();
    return s.with(sb.withVc(vc, v -> v.withReplication(v.replication().map(change))));
  }

  private static List<String> changes(DeploymentSnapshot now) {
    return Topology.of(base()).changesTo(Topology.of(now), false);
  }

  @Test
  void theSameDeploymentHasNoChanges() {
    assertThat(changes(base())).isEmpty();
  }

  @Test
  void whatTheRunChangesItselfIsNotATopologyChange() {
    // versions, settings, liveness: the run's own steps change them
    DeploymentSnapshot s = base();
    ClusterSnapshot p = s.primary();
    NodeInfo n1 = p.nodes().get(0);
    DeploymentSnapshot now = s.with(p.withNode(n1.withBinary(BinaryVersion.parse("v25.2.4"))
        .withLiveness(Liveness.DEAD, true)).withVc("system", v -> v.withVersion(
            VersionReading.observed(ClusterVersion.parse("24.3-upgrading-to-25.2-step-002")))));

    assertThat(changes(now)).isEmpty();
  }

  @Test
  void aFailoverIsNamedFromItsFirstMoment() {
    DeploymentSnapshot pending = withStream(base(), r -> new ReplicationInfo(
        r.sourceVirtualCluster(), ReplicationState.PENDING_FAILOVER, "replication pending failover",
        r.replicatedTime(), r.retainedTime(), r.lag(), r.jobId()));

    assertThat(changes(pending)).singleElement().asString()
        .contains("'standby'", "failing over");
  }

  @Test
  void aFinishedFailoverNamesTheStreamGoneAndTheVcServed() {
    DeploymentSnapshot s = base();
    DeploymentSnapshot failedOver = s.with(s.standby().withVc("main", v -> v
        .withReplication(Optional.empty()).withState(DataState.READY, ServiceMode.SHARED)));

    assertThat(String.join("\n", changes(failedOver)))
        .contains("serves application VCs [main]", "ingests no stream");
  }

  @Test
  void anotherClusterBehindAUrlIsNamed() {
    DeploymentSnapshot s = base();
    DeploymentSnapshot other = s.with(s.standby().withClusterId(A));

    assertThat(changes(other)).singleElement().asString().contains("another cluster", B.toString(),
        A.toString());
  }

  @Test
  void aNewStreamJobIsNamedButAnUnknownJobIdIsNot() {
    DeploymentSnapshot restarted = withStream(base(), r -> new ReplicationInfo(
        r.sourceVirtualCluster(), r.state(), r.rawStatus(), r.replicatedTime(), r.retainedTime(),
        r.lag(), Optional.of(43L)));
    DeploymentSnapshot hidden = withStream(base(), r -> new ReplicationInfo(
        r.sourceVirtualCluster(), r.state(), r.rawStatus(), r.replicatedTime(), r.retainedTime(),
        r.lag(), Optional.empty()));

    assertThat(changes(restarted)).singleElement().asString().contains("job 43", "job 42");
    assertThat(changes(hidden)).isEmpty();
  }

  @Test
  void aNodeAddedOrAVcRecreatedByOthersIsNamed() {
    DeploymentSnapshot s = base();
    ClusterSnapshot p = s.primary();
    List<NodeInfo> nodes = new ArrayList<>(p.nodes());
    nodes.add(new NodeInfo(9, "h9:26257", "", p.nodes().get(0).binary(), Liveness.LIVE, false));
    DeploymentSnapshot added = s.with(p.withNodes(nodes));
    VirtualClusterInfo main = p.vc("main").orElseThrow();
    DeploymentSnapshot recreated = s.with(p.withoutVc("main").withAddedVc(new VirtualClusterInfo(
        77, "main", main.kind(), main.dataState(), main.serviceMode(), main.version(),
        main.settings(), main.replication())));

    assertThat(changes(added)).singleElement().asString().contains("member nodes", "9");
    assertThat(changes(recreated)).singleElement().asString().contains("main=77");
  }

  @Test
  void theRunsOwnReaderRecreationIsExpectedOnlyWhileItIsUnderWay() {
    DeploymentSnapshot s = base();
    ClusterSnapshot sb = s.standby();
    VirtualClusterInfo reader = sb.readerVcs().get(0);
    DeploymentSnapshot recreated = s.with(sb.withoutVc(reader.name()).withAddedVc(
        new VirtualClusterInfo(99, reader.name(), reader.kind(), reader.dataState(),
            reader.serviceMode(), reader.version(), reader.settings(), reader.replication())));
    Topology planned = Topology.of(s);
    Topology now = Topology.of(recreated);

    assertThat(planned.changesTo(now, false)).singleElement().asString().contains("reader");
    assertThat(planned.changesTo(now, true)).isEmpty();
    assertThat(planned.withReadersOf(now).changesTo(now, false)).isEmpty();
  }
}
