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
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a side of the topology is made of (docs/design.md, "Identity and topology"; roles from
 * SHOW VIRTUAL CLUSTERS, crdb-pcr-sql-facts 11.2): member nodes only, application VCs that are
 * ready and in service mode shared or external, readers kept apart, and the stream with its
 * failover begun from PENDING_FAILOVER on. Each part of a change is named on its own.
 */
class TopologyPartsTest {

  private static final UUID A = UUID.fromString("7b0bd1f4-5f0c-4b8e-9d2a-3c1e6f4a8b90");

  private static Topology.Side primary(DeploymentSnapshot s) {
    return Topology.of(s).clusters().get(0);
  }

  private static Topology.Side standby(DeploymentSnapshot s) {
    return Topology.of(s).clusters().get(1);
  }

  private static DeploymentSnapshot withNodeLiveness(DeploymentSnapshot s, Liveness l) {
    ClusterSnapshot p = s.primary();
    List<NodeInfo> nodes = new ArrayList<>(p.nodes());
    nodes.set(0, nodes.get(0).withLiveness(l, false));
    return s.with(p.withNodes(nodes));
  }

  private static DeploymentSnapshot standbyStream(DeploymentSnapshot s, ReplicationState state) {
    ClusterSnapshot sb = s.standby();
    String vc = sb.replicatingVc().orElseThrow().name();
    return s.with(sb.withVc(vc, v -> v.withReplication(v.replication().map(r ->
        new ReplicationInfo(r.sourceVirtualCluster(), state, state.toString(),
            r.replicatedTime(), r.retainedTime(), r.lag(), r.jobId())))));
  }

  @Test
  void theTwoSidesAreThePrimaryThenTheStandbyByName() {
    DeploymentSnapshot s = DeploymentSnapshot.builder().names("east", "west").build();

    assertThat(Topology.of(s).clusters()).extracting(Topology.Side::name)
        .containsExactly("east", "west");
  }

  @Test
  void membersAreTheNodesNotDecommissioned() {
    DeploymentSnapshot s = DeploymentSnapshot.builder().nodes(3, 3).build();
    int first = s.primary().nodes().get(0).id();

    assertThat(primary(withNodeLiveness(s, Liveness.DECOMMISSIONED)).members())
        .hasSize(2).doesNotContain(first);
    assertThat(primary(withNodeLiveness(s, Liveness.DECOMMISSIONING)).members())
        .hasSize(3).contains(first);
  }

  @Test
  void aReadyApplicationVcServesInSharedOrExternalModeOnly() {
    DeploymentSnapshot s = DeploymentSnapshot.builder().build();
    ClusterSnapshot p = s.primary();
    assertThat(primary(s).serving()).containsExactly("main");
    assertThat(primary(s).vcIds()).containsOnlyKeys("system", "main");

    for (ServiceMode m : ServiceMode.values()) {
      DeploymentSnapshot t = s.with(p.withVc("main", v -> v.withState(DataState.READY, m)));
      boolean serves = m == ServiceMode.SHARED || m == ServiceMode.EXTERNAL;
      assertThat(primary(t).serving()).as("%s", m).isEqualTo(
          serves ? java.util.Set.of("main") : java.util.Set.of());
    }
    DeploymentSnapshot adding = s.with(p.withVc("main",
        v -> v.withState(DataState.ADD, ServiceMode.SHARED)));
    assertThat(primary(adding).serving()).isEmpty();
    // the system VC is never counted as serving an application
    assertThat(primary(s).serving()).doesNotContain("system");
  }

  @Test
  void readerVcsAreKeptApartFromTheOtherVcs() {
    DeploymentSnapshot s = DeploymentSnapshot.builder().readerVc(true).build();
    VirtualClusterInfo reader = s.standby().readerVcs().get(0);

    assertThat(standby(s).readers()).containsEntry(reader.name(), reader.id()).hasSize(1);
    assertThat(standby(s).vcIds()).doesNotContainKey(reader.name()).containsKey("main");
    assertThat(standby(s).serving()).doesNotContain(reader.name());
  }

  @Test
  void theStreamIsTheStandbysReplicatingVcWithItsSourceAndJob() {
    DeploymentSnapshot s = DeploymentSnapshot.builder().build();
    VirtualClusterInfo ingesting = s.standby().replicatingVc().orElseThrow();
    ReplicationInfo r = ingesting.replication().orElseThrow();

    assertThat(primary(s).stream()).isEmpty();
    Topology.Stream st = standby(s).stream().orElseThrow();
    assertThat(st.vc()).isEqualTo(ingesting.name());
    assertThat(st.source()).isEqualTo(r.sourceVirtualCluster());
    assertThat(st.jobId()).isEqualTo(r.jobId());
    assertThat(st.failingOver()).isFalse();
  }

  @Test
  void aFailoverHasBegunInPendingFailoverAndFailingOverOnly() {
    DeploymentSnapshot s = DeploymentSnapshot.builder().build();
    for (ReplicationState state : ReplicationState.values()) {
      boolean begun = state == ReplicationState.PENDING_FAILOVER
          || state == ReplicationState.FAILING_OVER;
      assertThat(standby(standbyStream(s, state)).stream().orElseThrow().failingOver())
          .as("%s", state).isEqualTo(begun);
    }
  }

  @Test
  void aStreamIsTheSameOnlyWhenVcSourceAndFailoverAgreeAndKnownJobsMatch() {
    Topology.Stream s = new Topology.Stream("main", "main", Optional.of(7L), false);

    assertThat(s.sameAs(new Topology.Stream("main", "main", Optional.of(7L), false))).isTrue();
    assertThat(s.sameAs(new Topology.Stream("other", "main", Optional.of(7L), false))).isFalse();
    assertThat(s.sameAs(new Topology.Stream("main", "other", Optional.of(7L), false))).isFalse();
    assertThat(s.sameAs(new Topology.Stream("main", "main", Optional.of(7L), true))).isFalse();
    assertThat(s.sameAs(new Topology.Stream("main", "main", Optional.of(8L), false))).isFalse();
    assertThat(s.sameAs(new Topology.Stream("main", "main", Optional.empty(), false))).isTrue();
    assertThat(new Topology.Stream("main", "main", Optional.empty(), false).sameAs(s)).isTrue();
  }

  @Test
  void aStreamIsDescribedWithItsJobAndFailover() {
    assertThat(new Topology.Stream("a", "b", Optional.of(7L), true).describe())
        .isEqualTo("'a' ingesting 'b' (job 7), failing over");
    assertThat(new Topology.Stream("a", "b", Optional.empty(), false).describe())
        .isEqualTo("'a' ingesting 'b'");
  }

  @Test
  void aClusterIdReadOnOneSideOnlyIsNotAChange() {
    DeploymentSnapshot s = DeploymentSnapshot.builder().build();
    DeploymentSnapshot known = s.with(s.primary().withClusterId(A));

    assertThat(Topology.of(s).changesTo(Topology.of(known), false)).isEmpty();
    assertThat(Topology.of(known).changesTo(Topology.of(s), false)).isEmpty();
  }

  @Test
  void eachSideIsComparedWithItsOwnCounterpart() {
    DeploymentSnapshot s = DeploymentSnapshot.builder().names("east", "west").nodes(3, 3).build();
    DeploymentSnapshot standbyShrunk = s.with(s.standby().withNodes(
        s.standby().nodes().subList(0, 2)));

    assertThat(Topology.of(s).changesTo(Topology.of(standbyShrunk), false)).singleElement()
        .asString().startsWith("'west' member nodes changed from");
  }

  @Test
  void aServingChangeNamesBothSetsOrNone() {
    DeploymentSnapshot s = DeploymentSnapshot.builder().build();
    DeploymentSnapshot stopped = s.with(s.primary().withVc("main",
        v -> v.withState(DataState.READY, ServiceMode.NONE)));
    Topology.Side p = primary(s);

    assertThat(Topology.of(s).changesTo(Topology.of(stopped), false)).singleElement().asString()
        .isEqualTo("'" + p.name() + "' serves no application VC, planned with [main]");
    assertThat(Topology.of(stopped).changesTo(Topology.of(s), false)).singleElement().asString()
        .isEqualTo("'" + p.name() + "' serves application VCs [main], planned with none");
  }

  @Test
  void aStreamAppearingWhereThereWasNoneIsNamed() {
    DeploymentSnapshot s = DeploymentSnapshot.builder().build();
    String vc = s.standby().replicatingVc().orElseThrow().name();
    DeploymentSnapshot none = s.with(s.standby().withVc(vc,
        v -> v.withReplication(Optional.empty())));

    assertThat(String.join("\n", Topology.of(none).changesTo(Topology.of(s), true)))
        .contains("ingests '" + vc + "' ingesting", "planned with no stream");
  }

  @Test
  void theTopologyInWordsNamesEachSide() {
    DeploymentSnapshot s = DeploymentSnapshot.builder().names("east", "west").build();
    String words = Topology.of(s).toString();

    assertThat(words).startsWith("east: nodes ").contains("; west: nodes ", "serving [main]",
        "stream none", "stream '");
  }

  @Test
  void takingOverTheRunsNewReadersKeepsEverythingElseOfBothSides() {
    DeploymentSnapshot s = DeploymentSnapshot.builder().names("east", "west").readerVc(true)
        .build();
    VirtualClusterInfo reader = s.standby().readerVcs().get(0);
    DeploymentSnapshot recreated = s.with(s.standby().withoutVc(reader.name()).withAddedVc(
        new VirtualClusterInfo(99, reader.name(), reader.kind(), reader.dataState(),
            reader.serviceMode(), reader.version(), reader.settings(), reader.replication())));
    Topology planned = Topology.of(s);

    Topology taken = planned.withReadersOf(Topology.of(recreated));

    assertThat(taken.clusters()).hasSize(2);
    for (int i = 0; i < 2; i++) {
      Topology.Side a = planned.clusters().get(i);
      Topology.Side b = taken.clusters().get(i);
      assertThat(b).usingRecursiveComparison().ignoringFields("readers").isEqualTo(a);
    }
    assertThat(taken.clusters().get(1).readers()).containsExactly(
        java.util.Map.entry(reader.name(), 99L));
  }
}
