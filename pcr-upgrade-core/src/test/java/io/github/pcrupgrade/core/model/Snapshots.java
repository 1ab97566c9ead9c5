package io.github.pcrupgrade.core.model;

import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Small builders for the snapshots the model tests need. */
final class Snapshots {

  static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

  private Snapshots() {}

  static NodeInfo node(int id, String binary) {
    return new NodeInfo(id, "10.0.0." + id + ":26257", "region=us-east1",
        BinaryVersion.parse(binary), Liveness.LIVE, false);
  }

  static VirtualClusterInfo system(String version) {
    return new VirtualClusterInfo(1, "system", VcKind.SYSTEM, DataState.READY, ServiceMode.SHARED,
        VersionReading.observed(ClusterVersion.parse(version)),
        Optional.of(FinalizationSettings.PRODUCT_DEFAULTS), Optional.empty());
  }

  static VirtualClusterInfo app(long id, String name, String version) {
    return new VirtualClusterInfo(id, name, VcKind.APPLICATION, DataState.READY, ServiceMode.SHARED,
        VersionReading.observed(ClusterVersion.parse(version)),
        Optional.of(FinalizationSettings.PRODUCT_DEFAULTS), Optional.empty());
  }

  static VirtualClusterInfo replicating(long id, String name, String source) {
    return new VirtualClusterInfo(id, name, VcKind.APPLICATION, DataState.ADD, ServiceMode.NONE,
        VersionReading.unknown("the replicating VC accepts no SQL"), Optional.empty(),
        Optional.of(ReplicationInfo.replicating(source, T0.minusSeconds(30), Duration.ofSeconds(30))));
  }

  static VirtualClusterInfo reader(long id, String name, String version) {
    return new VirtualClusterInfo(id, name, VcKind.READER, DataState.READY, ServiceMode.SHARED,
        VersionReading.observed(ClusterVersion.parse(version)),
        Optional.of(FinalizationSettings.PRODUCT_DEFAULTS), Optional.empty());
  }

  static ClusterSnapshot cluster(String name, ClusterRole role, List<NodeInfo> nodes,
      VirtualClusterInfo... vcs) {
    return new ClusterSnapshot(name, role, nodes, List.of(vcs), ClusterHealth.HEALTHY, T0,
        Optional.empty(), Optional.empty());
  }

  static List<NodeInfo> nodes(String binary) {
    return List.of(node(1, binary), node(2, binary), node(3, binary));
  }

  /** A virtualized primary with {@code main}, replicated into the standby's {@code main}. */
  static DeploymentSnapshot virtualized(String version, String binary) {
    return new DeploymentSnapshot(
        cluster("primary", ClusterRole.PRIMARY, nodes(binary), system(version), app(3, "main", version)),
        cluster("standby", ClusterRole.STANDBY, nodes(binary), system(version),
            replicating(3, "main", "main"), reader(4, "main-readonly", version)));
  }
}
