package io.github.pcrupgrade.core.model;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * Checks the roles and names.
   *
   * @param primary role {@link ClusterRole#PRIMARY}
   * @param standby role {@link ClusterRole#STANDBY}, named differently from the primary
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a cluster in the wrong role or two
   *     clusters of one name
   * @throws NullPointerException for a null cluster
   */
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

  /**
   * A builder for deployments written in code (tests, examples, what-if planning).
   *
   * @return a new builder holding the defaults listed on {@link Builder}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A copy in which the version of a replicating VC that could not be observed is inferred from
   * the source VC it replicates: replication carries the source VC's version row, so the
   * replicating VC is at the source's version once the replicated time has passed the moment the
   * source reached it. The evidence names both. Observed versions are left alone.
   *
   * @return the copy; equal to this snapshot when no replicating VC has an unknown version, or
   *     its source VC is missing or of unknown version too
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

  /**
   * The cluster with this role.
   *
   * @param role the role
   * @return {@link #primary()} for {@code PRIMARY}, {@link #standby()} otherwise
   */
  public ClusterSnapshot cluster(ClusterRole role) {
    Objects.requireNonNull(role, "role");
    return role == ClusterRole.PRIMARY ? primary : standby;
  }

  /**
   * A copy with the cluster of the same role replaced.
   *
   * @param cluster the new state of the primary or of the standby, chosen by its role
   * @return the copy
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when it is named as the other cluster
   */
  public DeploymentSnapshot with(ClusterSnapshot cluster) {
    Objects.requireNonNull(cluster, "cluster");
    return cluster.role() == ClusterRole.PRIMARY
        ? new DeploymentSnapshot(cluster, standby)
        : new DeploymentSnapshot(primary, cluster);
  }

  /**
   * The standby's replicating VC.
   *
   * @return the VC ingesting a stream into the standby; empty when none is (no PCR set up yet, or
   *     after a failover)
   */
  public Optional<VirtualClusterInfo> standbyReplicatingVc() {
    return standby.replicatingVc();
  }

  /**
   * The primary VC that is replicated: the source named by the standby's stream, or {@code main}
   * / the single application VC when no stream is running. For a non-virtualized primary it is the
   * system VC.
   *
   * @return the VC; empty when the stream names a VC the primary does not have, or when no stream
   *     runs and the primary has several application VCs, none of them {@code main}
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

  /**
   * Whether the primary is not virtualized, so that its system cluster is the replicated one.
   *
   * @return true when the primary has no application VC
   */
  public boolean isPrimaryNonVirtualized() {
    return primary.applicationVcs().isEmpty();
  }

  /**
   * Whether a failover has happened.
   *
   * @return true when the standby has a ready, serving application VC and no stream runs into it
   */
  public boolean isFailedOver() {
    return standby.replicatingVc().isEmpty()
        && standby.applicationVcs().stream()
            .anyMatch(v -> v.dataState() == DataState.READY && v.isServing());
  }

  /**
   * Whether a failback is running.
   *
   * @return true when the original primary has a replicating VC (it ingests from the standby)
   */
  public boolean isFailingBack() {
    return primary.replicatingVc().isPresent();
  }

  /**
   * Builds a {@link DeploymentSnapshot} in a few lines: by default a virtualized primary ({@code
   * system} and {@code main}) replicating into a standby's {@code main}, every node live and
   * healthy, every VC finalized at the cluster's version, product-default finalization settings.
   * Mid-upgrade and failed-over deployments are expressed with {@link #nodeBinary}, {@link
   * #vcVersion} and {@link #failedOver}. The replicating VC's version is inferred from the
   * primary's, as an inspector pair would. Not thread-safe; {@link #build()} may be called
   * repeatedly. A null argument gets a {@link NullPointerException} naming the parameter; every
   * other bad argument a {@link PcrUpgradeException} with {@link CoreErrorCode#INVALID_ARGUMENT}
   * (a malformed version: {@link io.github.pcrupgrade.core.version.VersionFormatException}).
   */
  public static final class Builder {

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
    private final Map<ClusterRole, Map<Integer, BinaryVersion>> nodeBinaries = new LinkedHashMap<>();
    private final Map<ClusterRole, Map<String, ClusterVersion>> vcVersions = new LinkedHashMap<>();
    private String appVc = "main";
    private boolean readerVc;
    private boolean nonVirtualizedPrimary;
    private boolean failedOver;
    private FinalizationSettings settings = FinalizationSettings.PRODUCT_DEFAULTS;
    private Duration lag = Duration.ofSeconds(10);
    private Instant observedAt = DEFAULT_OBSERVED_AT;

    private Builder() {}

    /**
     * Names of the two clusters (default {@code primary} and {@code standby}).
     *
     * @param primary the primary's display name
     * @param standby the standby's display name; must differ from the primary's ({@link #build()}
     *     checks)
     * @return this builder
     */
    public Builder names(String primary, String standby) {
      this.primaryName = Objects.requireNonNull(primary, "primary");
      this.standbyName = Objects.requireNonNull(standby, "standby");
      return this;
    }

    /**
     * Node counts per cluster (default 3 and 3); nodes are numbered from 1.
     *
     * @param primary the primary's node count, at least 1
     * @param standby the standby's node count, at least 1
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a count below 1
     */
    public Builder nodes(int primary, int standby) {
      if (primary < 1 || standby < 1) {
        throw invalid("node counts must be at least 1, got " + primary + " (primary) and "
            + standby + " (standby); every cluster has a node an inspector reads through");
      }
      this.primaryNodes = primary;
      this.standbyNodes = standby;
      return this;
    }

    /**
     * Every node of both clusters runs {@code binary} (default {@code v24.3.12}); every VC is at
     * its series' final version unless {@link #versions} or {@link #vcVersion} say otherwise.
     *
     * @param binary a binary version, e.g. {@code v25.2.4}
     * @return this builder
     * @throws io.github.pcrupgrade.core.version.VersionFormatException for a malformed version
     */
    public Builder binary(String binary) {
      Objects.requireNonNull(binary, "binary");
      return binaries(binary, binary);
    }

    /**
     * Per-cluster binaries; each cluster's VCs are at its binary's series unless set otherwise.
     *
     * @param primary the binary of every primary node, e.g. {@code v24.3.12}
     * @param standby the binary of every standby node
     * @return this builder
     * @throws io.github.pcrupgrade.core.version.VersionFormatException for a malformed version
     */
    public Builder binaries(String primary, String standby) {
      this.primaryBinary = BinaryVersion.parse(Objects.requireNonNull(primary, "primary"));
      this.standbyBinary = BinaryVersion.parse(Objects.requireNonNull(standby, "standby"));
      return this;
    }

    /**
     * Node {@code nodeId} of the cluster with {@code role} runs {@code binary} instead of its
     * cluster's binary: a rolling restart under way. The VCs' versions are not changed.
     *
     * @param role which cluster
     * @param nodeId a node id from 1 to the cluster's node count (checked by {@link #build()})
     * @param binary the node's binary, e.g. {@code v25.2.4}
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a node id below 1
     * @throws io.github.pcrupgrade.core.version.VersionFormatException for a malformed version
     */
    public Builder nodeBinary(ClusterRole role, int nodeId, String binary) {
      Objects.requireNonNull(role, "role");
      BinaryVersion parsed = BinaryVersion.parse(Objects.requireNonNull(binary, "binary"));
      if (nodeId < 1) {
        throw invalid("node ids start at 1, got " + nodeId);
      }
      nodeBinaries.computeIfAbsent(role, r -> new LinkedHashMap<>()).put(nodeId, parsed);
      return this;
    }

    /**
     * Per-cluster VC versions (every VC of the cluster), instead of the binaries' series.
     *
     * @param primary the version of every primary VC, e.g. {@code 24.3}
     * @param standby the version of every standby VC but the replicating one (whose version is
     *     carried from the primary's)
     * @return this builder
     * @throws io.github.pcrupgrade.core.version.VersionFormatException for a malformed version
     */
    public Builder versions(String primary, String standby) {
      this.primaryVersion = ClusterVersion.parse(Objects.requireNonNull(primary, "primary"));
      this.standbyVersion = ClusterVersion.parse(Objects.requireNonNull(standby, "standby"));
      return this;
    }

    /**
     * The VC {@code vc} of the cluster with {@code role} is at {@code version} (a final {@code
     * 25.2} for a finalized VC, or a transitional version mid-finalization), whatever its
     * cluster's other VCs are at. The standby's replicating VC cannot be given one: replication
     * carries its version from the primary's VC.
     *
     * @param role which cluster
     * @param vc {@code system}, the application VC or the reader VC (checked by {@link #build()})
     * @param version the VC's cluster version, e.g. {@code 25.2}
     * @return this builder
     * @throws io.github.pcrupgrade.core.version.VersionFormatException for a malformed version
     */
    public Builder vcVersion(ClusterRole role, String vc, String version) {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(vc, "vc");
      ClusterVersion parsed = ClusterVersion.parse(Objects.requireNonNull(version, "version"));
      vcVersions.computeIfAbsent(role, r -> new LinkedHashMap<>()).put(vc, parsed);
      return this;
    }

    /**
     * The application VC's name on both sides (default {@code main}).
     *
     * @param name a VC name, under {@link VirtualClusterInfo}'s naming rule
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a name that breaks the rule
     */
    public Builder appVc(String name) {
      this.appVc = VirtualClusterInfo.requireValidName(Objects.requireNonNull(name, "name"));
      return this;
    }

    /**
     * Whether the standby has the reader VC {@code <appVc>-readonly} (default: no).
     *
     * @param present true to add it
     * @return this builder
     */
    public Builder readerVc(boolean present) {
      this.readerVc = present;
      return this;
    }

    /**
     * Whether the primary is non-virtualized, its system cluster the replicated one (default: no,
     * the primary has {@code system} and the application VC).
     *
     * @param nonVirtualized true for a primary without an application VC
     * @return this builder
     */
    public Builder nonVirtualizedPrimary(boolean nonVirtualized) {
      this.nonVirtualizedPrimary = nonVirtualized;
      return this;
    }

    /**
     * A deployment after a failover ({@code COMPLETE REPLICATION TO LATEST}): the standby's
     * application VC is ready and serving, at the version replication last carried (the
     * primary's), and no stream runs into it. A reader VC, if added, remains (a failover to
     * {@code LATEST} keeps it; crdb-pcr-sql-facts.md). Fast failback is then refused while the
     * standby is newer.
     *
     * @param failedOverToStandby true for a failed-over deployment (default: no, replicating)
     * @return this builder
     */
    public Builder failedOver(boolean failedOverToStandby) {
      this.failedOver = failedOverToStandby;
      return this;
    }

    /**
     * The finalization settings of every observable VC; the replicating VC, which accepts no SQL,
     * gets none.
     *
     * @param finalizationSettings the settings (default
     *     {@link FinalizationSettings#PRODUCT_DEFAULTS})
     * @return this builder
     */
    public Builder settings(FinalizationSettings finalizationSettings) {
      this.settings = Objects.requireNonNull(finalizationSettings, "finalizationSettings");
      return this;
    }

    /**
     * The replication lag: the replicating VC's replicated time is {@code observedAt} minus it.
     *
     * @param replicationLag default 10 s; zero or more
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a negative lag
     */
    public Builder lag(Duration replicationLag) {
      Objects.requireNonNull(replicationLag, "replicationLag");
      if (replicationLag.isNegative()) {
        throw invalid("the replication lag must not be negative, got " + replicationLag);
      }
      this.lag = replicationLag;
      return this;
    }

    /**
     * When both clusters were observed.
     *
     * @param time the instant (default {@link #DEFAULT_OBSERVED_AT})
     * @return this builder
     */
    public Builder observedAt(Instant time) {
      this.observedAt = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * The snapshot.
     *
     * @return a new snapshot, the replicating VC's version inferred from its source
     * @throws PcrUpgradeException {@link CoreErrorCode#INVALID_ARGUMENT} when a {@link
     *     #nodeBinary} names a node the cluster does not have, a {@link #vcVersion} a VC it does
     *     not have or the standby's replicating VC, or both clusters have one name
     */
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
      if (failedOver) {
        svcs.add(serving(3, appVc, VcKind.APPLICATION, pv));
      } else {
        svcs.add(new VirtualClusterInfo(3, appVc, VcKind.APPLICATION, DataState.ADD,
            ServiceMode.NONE, VersionReading.unknown("the replicating VC accepts no SQL"),
            Optional.empty(),
            Optional.of(ReplicationInfo.replicating(source, observedAt.minus(lag), lag))));
      }
      if (readerVc) {
        svcs.add(serving(4, VirtualClusterInfo.readerNameFor(appVc), VcKind.READER, sv));
      }
      ClusterSnapshot primary = cluster(primaryName, ClusterRole.PRIMARY, primaryNodes,
          primaryBinary, pvcs);
      ClusterSnapshot standby = cluster(standbyName, ClusterRole.STANDBY, standbyNodes,
          standbyBinary, svcs);
      return new DeploymentSnapshot(primary, standby).withInferredReplicatedVersions();
    }

    private ClusterSnapshot cluster(String name, ClusterRole role, int count,
        BinaryVersion binary, List<VirtualClusterInfo> vcs) {
      Map<Integer, BinaryVersion> perNode = nodeBinaries.getOrDefault(role, Map.of());
      for (int id : perNode.keySet()) {
        if (id > count) {
          throw invalid("nodeBinary names node " + id + " of the " + role.name().toLowerCase(
              java.util.Locale.ROOT) + " '" + name + "', which has nodes 1 to " + count
              + "; raise the count with nodes(..) or name an existing node");
        }
      }
      List<VirtualClusterInfo> changed = new ArrayList<>();
      Map<String, ClusterVersion> versions = vcVersions.getOrDefault(role, Map.of());
      for (String vc : versions.keySet()) {
        Optional<VirtualClusterInfo> found = vcs.stream().filter(v -> v.name().equals(vc))
            .findFirst();
        if (found.isEmpty()) {
          throw invalid("vcVersion names VC '" + vc + "' of '" + name + "', which has only "
              + vcs.stream().map(VirtualClusterInfo::name).toList());
        }
        if (found.get().isReplicating()) {
          throw invalid("vcVersion names '" + name + "' VC '" + vc + "', which replicates: its"
              + " version is carried by replication from the primary; set the primary's VC");
        }
      }
      for (VirtualClusterInfo v : vcs) {
        ClusterVersion set = versions.get(v.name());
        changed.add(set == null ? v : v.withVersion(VersionReading.observed(set)));
      }
      List<NodeInfo> nodes = new ArrayList<>();
      String[] zones = {"a", "b", "c"};
      for (int i = 1; i <= count; i++) {
        nodes.add(new NodeInfo(i, name + "-n" + i + ":26257",
            "region=" + name + ",zone=" + zones[(i - 1) % zones.length],
            perNode.getOrDefault(i, binary), Liveness.LIVE, false));
      }
      return new ClusterSnapshot(name, role, nodes, changed, ClusterHealth.HEALTHY, observedAt,
          Optional.empty(), Optional.empty());
    }

    private VirtualClusterInfo serving(long id, String name, VcKind kind, ClusterVersion v) {
      return new VirtualClusterInfo(id, name, kind, DataState.READY, ServiceMode.SHARED,
          VersionReading.observed(v), Optional.of(settings), Optional.empty());
    }

    private static PcrUpgradeException invalid(String message) {
      return new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "invalid snapshot builder argument: " + message);
    }
  }
}
