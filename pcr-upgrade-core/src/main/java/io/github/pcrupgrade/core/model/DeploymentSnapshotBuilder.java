package io.github.pcrupgrade.core.model;

import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a {@link DeploymentSnapshot} of a PCR deployment at rest in a few lines: a virtualized
 * primary ({@code system} and {@code main}) replicating into a standby's {@code main}, optionally
 * with a reader VC {@code main-readonly}, every node live and healthy, every VC finalized at the
 * cluster's version, product-default finalization settings. Change details afterwards with the
 * records' {@code with...} methods. The replicating VC's version is inferred from the primary's, as
 * an inspector pair would. Not thread-safe; {@link #build()} may be called repeatedly.
 */
public final class DeploymentSnapshotBuilder {

  /** The instant snapshots are observed at unless told otherwise (no clock is read). */
  public static final Instant DEFAULT_OBSERVED_AT = Instant.parse("2026-01-05T12:00:00Z");

  private String primaryName = "primary";
  private String standbyName = "standby";
  private int primaryNodes = 3;
  private int standbyNodes = 3;
  private BinaryVersion primaryBinary = BinaryVersion.parse("v24.3.12");
  private BinaryVersion standbyBinary = BinaryVersion.parse("v24.3.12");
  private ClusterVersion primaryVersion;
  private ClusterVersion standbyVersion;
  private String appVc = "main";
  private boolean readerVc;
  private boolean nonVirtualizedPrimary;
  private FinalizationSettings settings = FinalizationSettings.PRODUCT_DEFAULTS;
  private Duration lag = Duration.ofSeconds(10);
  private Instant observedAt = DEFAULT_OBSERVED_AT;

  DeploymentSnapshotBuilder() {}

  /** Names of the two clusters (default {@code primary} and {@code standby}). */
  public DeploymentSnapshotBuilder names(String primary, String standby) {
    this.primaryName = Objects.requireNonNull(primary, "primary");
    this.standbyName = Objects.requireNonNull(standby, "standby");
    return this;
  }

  /** Node counts per cluster (default 3 and 3). */
  public DeploymentSnapshotBuilder nodes(int primary, int standby) {
    if (primary < 1 || standby < 1) {
      throw new IllegalArgumentException("each cluster needs at least one node");
    }
    this.primaryNodes = primary;
    this.standbyNodes = standby;
    return this;
  }

  /** Every node of both clusters runs {@code binary}; every VC is at its series' final version. */
  public DeploymentSnapshotBuilder binary(String binary) {
    return binaries(binary, binary);
  }

  /** Per-cluster binaries; each cluster's VCs are at its binary's series unless set otherwise. */
  public DeploymentSnapshotBuilder binaries(String primary, String standby) {
    this.primaryBinary = BinaryVersion.parse(primary);
    this.standbyBinary = BinaryVersion.parse(standby);
    return this;
  }

  /** Per-cluster VC versions (every VC of the cluster), instead of the binaries' series. */
  public DeploymentSnapshotBuilder versions(String primary, String standby) {
    this.primaryVersion = ClusterVersion.parse(primary);
    this.standbyVersion = ClusterVersion.parse(standby);
    return this;
  }

  /** The application VC's name on both sides (default {@code main}). */
  public DeploymentSnapshotBuilder appVc(String name) {
    this.appVc = VirtualClusterInfo.requireValidName(name);
    return this;
  }

  /** Adds the reader VC {@code <appVc>-readonly} on the standby. */
  public DeploymentSnapshotBuilder readerVc(boolean present) {
    this.readerVc = present;
    return this;
  }

  /** A non-virtualized primary: its system cluster is the replicated one. */
  public DeploymentSnapshotBuilder nonVirtualizedPrimary(boolean nonVirtualized) {
    this.nonVirtualizedPrimary = nonVirtualized;
    return this;
  }

  /** The finalization settings of every observable VC (default: product defaults). */
  public DeploymentSnapshotBuilder settings(FinalizationSettings finalizationSettings) {
    this.settings = Objects.requireNonNull(finalizationSettings, "finalizationSettings");
    return this;
  }

  /** The replication lag (default 10 s). */
  public DeploymentSnapshotBuilder lag(Duration replicationLag) {
    this.lag = Objects.requireNonNull(replicationLag, "replicationLag");
    return this;
  }

  /** When both clusters were observed. */
  public DeploymentSnapshotBuilder observedAt(Instant time) {
    this.observedAt = Objects.requireNonNull(time, "time");
    return this;
  }

  public DeploymentSnapshot build() {
    ClusterVersion pv = primaryVersion != null ? primaryVersion : primaryBinary.clusterVersion();
    ClusterVersion sv = standbyVersion != null ? standbyVersion : standbyBinary.clusterVersion();
    List<VirtualClusterInfo> pvcs = new ArrayList<>();
    pvcs.add(serving(1, VirtualClusterInfo.SYSTEM, VcKind.SYSTEM, pv));
    if (!nonVirtualizedPrimary) {
      pvcs.add(serving(3, appVc, VcKind.APPLICATION, pv));
    }
    String source = nonVirtualizedPrimary ? VirtualClusterInfo.SYSTEM : appVc;
    List<VirtualClusterInfo> svcs = new ArrayList<>();
    svcs.add(serving(1, VirtualClusterInfo.SYSTEM, VcKind.SYSTEM, sv));
    svcs.add(new VirtualClusterInfo(3, appVc, VcKind.APPLICATION, DataState.ADD, ServiceMode.NONE,
        VersionReading.unknown("the replicating VC accepts no SQL"), Optional.empty(),
        Optional.of(ReplicationInfo.replicating(source, observedAt.minus(lag), lag))));
    if (readerVc) {
      svcs.add(serving(4, VirtualClusterInfo.readerNameFor(appVc), VcKind.READER, sv));
    }
    return new DeploymentSnapshot(
        new ClusterSnapshot(primaryName, ClusterRole.PRIMARY,
            nodes(primaryName, primaryNodes, primaryBinary), pvcs, ClusterHealth.HEALTHY,
            observedAt),
        new ClusterSnapshot(standbyName, ClusterRole.STANDBY,
            nodes(standbyName, standbyNodes, standbyBinary), svcs, ClusterHealth.HEALTHY,
            observedAt))
        .withInferredReplicatedVersions();
  }

  private VirtualClusterInfo serving(long id, String name, VcKind kind, ClusterVersion v) {
    return new VirtualClusterInfo(id, name, kind, DataState.READY, ServiceMode.SHARED,
        VersionReading.observed(v), Optional.of(settings), Optional.empty());
  }

  private static List<NodeInfo> nodes(String cluster, int count, BinaryVersion binary) {
    List<NodeInfo> nodes = new ArrayList<>();
    String[] zones = {"a", "b", "c"};
    for (int i = 1; i <= count; i++) {
      nodes.add(new NodeInfo(i, cluster + "-n" + i + ":26257",
          "region=" + cluster + ",zone=" + zones[(i - 1) % zones.length], binary, Liveness.LIVE,
          false));
    }
    return nodes;
  }
}
