package io.github.pcrupgrade.core.rules;

import io.github.pcrupgrade.core.model.ClusterHealth;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.ReplicationInfo;
import io.github.pcrupgrade.core.model.ReplicationState;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Realistic deployments for the rule tests, and small edits of them that read like what happened
 * to the deployment ("node 3 of the primary now runs v25.2.4"). The clusters have names that are
 * not role words, so a test can tell that a message names the cluster and not just its role.
 */
final class Fixtures {

  /** The name of the cluster configured as primary. */
  static final String EAST = "dc-east";
  /** The name of the cluster configured as standby. */
  static final String WEST = "dc-west";
  static final String MAIN = "main";
  static final String READER = "main-readonly";
  static final String SYSTEM = VirtualClusterInfo.SYSTEM;

  static final Rules RULES = Rules.builtIn();

  private Fixtures() {}

  /** A builder with the fixture names; everything else at the builder's defaults (24.3, 3+3). */
  static DeploymentSnapshot.Builder deployment() {
    return DeploymentSnapshot.builder().names(EAST, WEST);
  }

  /** Both clusters at rest on {@code binary}, every VC finalized at its series. */
  static DeploymentSnapshot atRest(String binary) {
    return deployment().binary(binary).build();
  }

  /** Both clusters at rest on {@code binary}, with the reader VC on the standby. */
  static DeploymentSnapshot atRestWithReader(String binary) {
    return deployment().binary(binary).readerVc(true).build();
  }

  /** The VC {@code vc} of the cluster with {@code role} now observed at {@code version}. */
  static DeploymentSnapshot vcAt(
      DeploymentSnapshot s, ClusterRole role, String vc, String version) {
    ClusterSnapshot c = s.cluster(role);
    requireVc(c, vc);
    return s.with(c.withVc(vc,
        v -> v.withVersion(VersionReading.observed(ClusterVersion.parse(version)))));
  }

  /** Node {@code id} of the cluster with {@code role} now runs {@code binary}. */
  static DeploymentSnapshot nodeRuns(
      DeploymentSnapshot s, ClusterRole role, int id, String binary) {
    ClusterSnapshot c = s.cluster(role);
    NodeInfo n = c.node(id).orElseThrow(
        () -> new IllegalArgumentException(c.name() + " has no node " + id));
    return s.with(c.withNode(n.withBinary(BinaryVersion.parse(binary))));
  }

  /** Every node of the cluster with {@code role} now runs {@code binary}. */
  static DeploymentSnapshot allNodesRun(DeploymentSnapshot s, ClusterRole role, String binary) {
    DeploymentSnapshot out = s;
    for (NodeInfo n : s.cluster(role).nodes()) {
      out = nodeRuns(out, role, n.id(), binary);
    }
    return out;
  }

  /** Node {@code id} of the cluster with {@code role} now has this liveness. */
  static DeploymentSnapshot nodeIs(
      DeploymentSnapshot s, ClusterRole role, int id, Liveness liveness, boolean draining) {
    ClusterSnapshot c = s.cluster(role);
    NodeInfo n = c.node(id).orElseThrow();
    return s.with(c.withNode(n.withLiveness(liveness, draining)));
  }

  /** The cluster with {@code role} now reports this range health. */
  static DeploymentSnapshot health(DeploymentSnapshot s, ClusterRole role, ClusterHealth health) {
    ClusterSnapshot c = s.cluster(role);
    return s.with(c.withHealth(health));
  }

  /** The stream into the standby's {@code main} now has this status. */
  static DeploymentSnapshot stream(DeploymentSnapshot s, UnaryOperator<ReplicationInfo> change) {
    ClusterSnapshot c = s.standby();
    requireVc(c, MAIN);
    return s.with(c.withVc(MAIN, v -> v.withReplication(v.replication().map(change))));
  }

  /** A stream status as the product prints it, keeping the times of {@code r}. */
  static ReplicationInfo status(ReplicationInfo r, String rawStatus) {
    return new ReplicationInfo(r.sourceVirtualCluster(),
        ReplicationState.fromProduct(rawStatus), rawStatus,
        r.replicatedTime(), r.retainedTime(), r.lag());
  }

  /**
   * Re-reads the replicated VCs as an inspector pair would: every VC ingesting a stream forgets
   * its version and infers it again from the VC it replicates (as it is now).
   */
  static DeploymentSnapshot reinfer(DeploymentSnapshot s) {
    DeploymentSnapshot out = s;
    for (ClusterRole role : ClusterRole.values()) {
      ClusterSnapshot c = out.cluster(role);
      Optional<VirtualClusterInfo> r = c.replicatingVc();
      if (r.isPresent()) {
        out = out.with(c.withVc(r.get().name(),
            v -> v.withVersion(VersionReading.unknown("the replicating VC accepts no SQL"))));
      }
    }
    return out.withInferredReplicatedVersions();
  }

  /**
   * A failover to the standby: its {@code main} stops ingesting, becomes ready and serves SQL, and
   * its version, now observable, is the one replication carried.
   */
  static DeploymentSnapshot failedOver(DeploymentSnapshot s) {
    ClusterSnapshot c = s.standby();
    VirtualClusterInfo main = c.vc(MAIN).orElseThrow();
    ClusterVersion carried = main.version().known().orElseThrow();
    return s.with(c.withVc(MAIN, v -> v
        .withReplication(Optional.empty())
        .withState(DataState.READY, ServiceMode.SHARED)
        .withVersion(VersionReading.observed(carried))));
  }

  /**
   * A fast failback started on a failed-over deployment: the original primary's {@code main}
   * stops serving and ingests from the promoted standby's {@code main}.
   */
  static DeploymentSnapshot failingBack(DeploymentSnapshot failedOver) {
    ClusterSnapshot p = failedOver.primary();
    VirtualClusterInfo main = p.vc(MAIN).orElseThrow();
    Duration lag = Duration.ofSeconds(10);
    VirtualClusterInfo ingesting = new VirtualClusterInfo(main.id(), MAIN, VcKind.APPLICATION,
        DataState.ADD, ServiceMode.NONE, VersionReading.unknown("the replicating VC accepts no SQL"),
        Optional.empty(),
        Optional.of(ReplicationInfo.replicating(MAIN, p.observedAt().minus(lag), lag)));
    return failedOver.with(p.withVc(MAIN, v -> ingesting)).withInferredReplicatedVersions();
  }

  private static void requireVc(ClusterSnapshot c, String vc) {
    if (c.vc(vc).isEmpty()) {
      throw new IllegalArgumentException(c.name() + " has no VC " + vc);
    }
  }
}
