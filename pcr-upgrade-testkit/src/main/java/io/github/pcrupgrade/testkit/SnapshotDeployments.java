package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.version.BinaryVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a simulated copy of an observed deployment: a test suite can reproduce a production
 * state (a state file) and try a plan on it. The simulation supports deployments at rest or
 * between steps in which each cluster runs one binary; a snapshot it cannot reproduce is refused
 * with a message naming what is not supported. The copy starts with {@code allowInconsistentStart}
 * so that a broken deployment is reproduced as it is (the rules and the executor then say so).
 */
public final class SnapshotDeployments {

  private SnapshotDeployments() {}

  /**
   * A builder reproducing {@code snapshot}; add a seed, faults or timings, then build.
   *
   * @param snapshot the observed deployment, as an inspection or a state file gives it
   * @return a builder with the snapshot's cluster names, node counts and localities, binaries,
   *     known VC versions and finalization settings, a reader VC if the standby has one, virtual
   *     time starting at the later observation, and {@code allowInconsistentStart()}; VC versions
   *     the snapshot does not know take the builder's defaults
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} naming what the simulation cannot
   *     reproduce (mixed binaries within a cluster, a failed-over deployment, several app VCs)
   */
  public static SimulatedDeployment.Builder builderFrom(DeploymentSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    ClusterSnapshot p = snapshot.primary();
    ClusterSnapshot s = snapshot.standby();
    if (snapshot.isFailedOver() || snapshot.isFailingBack()) {
      throw unsupported("a deployment after a failover or during a failback");
    }
    Optional<VirtualClusterInfo> replicating = s.replicatingVc();
    String appVc = replicating.map(VirtualClusterInfo::name)
        .or(() -> p.applicationVcs().stream().findFirst().map(VirtualClusterInfo::name))
        .orElse("main");
    SimulatedDeployment.Builder b = SimulatedDeployment.builder()
        .names(p.name(), s.name())
        .nodes(p.nodes().size(), s.nodes().size())
        .primaryBinary(oneBinary(p).toString())
        .standbyBinary(oneBinary(s).toString())
        .appVc(appVc)
        .nonVirtualizedPrimary(snapshot.isPrimaryNonVirtualized())
        .replicating(replicating.isPresent())
        .reader(!s.readerVcs().isEmpty())
        .start(p.observedAt().isAfter(s.observedAt()) ? p.observedAt() : s.observedAt())
        .allowInconsistentStart();
    b.localities(p.name(), p.nodes().stream().map(NodeInfo::locality).toArray(String[]::new));
    b.localities(s.name(), s.nodes().stream().map(NodeInfo::locality).toArray(String[]::new));
    version(p.systemVc()).ifPresent(v -> b.primaryVersion(v));
    version(s.systemVc()).ifPresent(v -> b.standbyVersion(v));
    if (p.applicationVcs().size() > 1 || s.applicationVcs().size() > 1) {
      throw unsupported("more than one application VC in a cluster");
    }
    p.applicationVcs().stream().findFirst().flatMap(SnapshotDeployments::version)
        .ifPresent(b::primaryAppVersion);
    s.readerVcs().stream().findFirst().flatMap(SnapshotDeployments::version)
        .ifPresent(b::readerVersion);
    for (ClusterSnapshot c : List.of(p, s)) {
      for (VirtualClusterInfo vc : c.virtualClusters()) {
        vc.settings().ifPresent(st -> b.settings(c.name(), vc.name(), st));
      }
    }
    return b;
  }

  private static Optional<String> version(VirtualClusterInfo vc) {
    return vc.version().known().map(Object::toString);
  }

  private static BinaryVersion oneBinary(ClusterSnapshot c) {
    if (c.binaries().size() != 1) {
      throw unsupported("cluster '" + c.name() + "' running several binaries " + c.binaries()
          + " (finish or roll back its rolling restart first)");
    }
    return c.binaries().iterator().next();
  }

  private static PcrUpgradeException unsupported(String what) {
    return new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
        "the simulation cannot reproduce " + what);
  }
}
