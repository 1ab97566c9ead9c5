package io.github.pcrupgrade.core.plan;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.version.BinaryVersion;

/** Edits of a deployment snapshot that the planner tests make to reach a state mid-upgrade. */
final class SnapshotEdits {

  private SnapshotEdits() {}

  /** {@code s} with node {@code id} of the cluster in {@code role} on {@code binary}. */
  static DeploymentSnapshot node(DeploymentSnapshot s, ClusterRole role, int id, String binary) {
    ClusterSnapshot c = s.cluster(role);
    NodeInfo n = c.node(id).orElseThrow();
    return s.with(c.withNode(n.withBinary(BinaryVersion.parse(binary))));
  }
}
