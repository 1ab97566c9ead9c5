package io.github.pcrupgrade.core.model;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.util.Objects;
import java.util.Optional;

/**
 * A PCR deployment as observed: the primary cluster, whose application VC (or, for a
 * non-virtualized primary, its system cluster) is replicated into the standby's replicating VC,
 * and the standby, optionally with a reader VC. Snapshots also describe deployments after a
 * failover (the standby's VC ready and serving, no stream) and during a failback (the original
 * primary's VC ingesting from the promoted standby). Immutable; compare snapshots to see what
 * changed.
 *
 * @param primary the cluster configured as primary
 * @param standby the cluster configured as standby
 */
public record DeploymentSnapshot(ClusterSnapshot primary, ClusterSnapshot standby) {

  public DeploymentSnapshot {
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(standby, "standby");
    if (primary.role() != ClusterRole.PRIMARY || standby.role() != ClusterRole.STANDBY) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "invalid snapshot: the primary must have role PRIMARY and the standby role STANDBY, got "
              + primary.role() + " and " + standby.role());
    }
    if (primary.name().equals(standby.name())) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "invalid snapshot: both clusters are named '" + primary.name() + "'; give them distinct"
              + " names");
    }
  }

  /** A builder for deployments written in code (tests, examples, what-if planning). */
  public static DeploymentSnapshotBuilder builder() {
    return new DeploymentSnapshotBuilder();
  }

  /**
   * A copy in which the version of a replicating VC that could not be observed is inferred from
   * the source VC it replicates: replication carries the source VC's version row, so the
   * replicating VC is at the source's version once the replicated time has passed the moment the
   * source reached it. The evidence names both. Observed versions are left alone.
   */
  public DeploymentSnapshot withInferredReplicatedVersions() {
    return new DeploymentSnapshot(infer(primary, standby), infer(standby, primary));
  }

  private static ClusterSnapshot infer(ClusterSnapshot dest, ClusterSnapshot source) {
    Optional<VirtualClusterInfo> replicating = dest.replicatingVc();
    if (replicating.isEmpty() || replicating.get().version().provenance() != Provenance.UNKNOWN) {
      return dest;
    }
    ReplicationInfo info = replicating.get().replication().orElseThrow();
    Optional<VirtualClusterInfo> src = source.vc(info.sourceVirtualCluster());
    if (src.isEmpty() || src.get().version().known().isEmpty()) {
      return dest;
    }
    String evidence = "carried by replication from '" + source.name() + "' VC '"
        + src.get().name() + "', observed at " + src.get().version().version() + " at "
        + source.observedAt() + "; replicated time "
        + info.replicatedTime().map(Object::toString).orElse("not yet reported");
    return dest.withVc(replicating.get().name(),
        v -> v.withVersion(VersionReading.inferred(src.get().version().version(), evidence)));
  }

  /** The cluster with this role. */
  public ClusterSnapshot cluster(ClusterRole role) {
    return role == ClusterRole.PRIMARY ? primary : standby;
  }

  /** A copy with the cluster of the same role replaced. */
  public DeploymentSnapshot with(ClusterSnapshot cluster) {
    return cluster.role() == ClusterRole.PRIMARY
        ? new DeploymentSnapshot(cluster, standby)
        : new DeploymentSnapshot(primary, cluster);
  }

  /** The standby's replicating VC, if a stream is running into the standby. */
  public Optional<VirtualClusterInfo> standbyReplicatingVc() {
    return standby.replicatingVc();
  }

  /**
   * The primary VC that is replicated: the source named by the standby's stream, or {@code main}
   * / the single application VC when no stream is running. For a non-virtualized primary it is the
   * system VC.
   */
  public Optional<VirtualClusterInfo> replicatedPrimaryVc() {
    Optional<String> source =
        standby.replicatingVc().flatMap(VirtualClusterInfo::replication)
            .map(ReplicationInfo::sourceVirtualCluster);
    if (source.isPresent()) {
      return primary.vc(source.get());
    }
    if (primary.applicationVcs().size() == 1) {
      return Optional.of(primary.applicationVcs().get(0));
    }
    return primary.vc("main").or(() -> primary.applicationVcs().isEmpty()
        ? Optional.of(primary.systemVc()) : Optional.empty());
  }

  /** True when the primary is not virtualized: its system cluster is the replicated one. */
  public boolean isPrimaryNonVirtualized() {
    return primary.applicationVcs().isEmpty();
  }

  /**
   * True when a failover has happened: the standby has a ready, serving application VC and no
   * stream runs into it.
   */
  public boolean isFailedOver() {
    return standby.replicatingVc().isEmpty()
        && standby.applicationVcs().stream()
            .anyMatch(v -> v.dataState() == DataState.READY && v.isServing());
  }

  /** True when the original primary ingests a stream from the standby (a failback is running). */
  public boolean isFailingBack() {
    return primary.replicatingVc().isPresent();
  }
}
