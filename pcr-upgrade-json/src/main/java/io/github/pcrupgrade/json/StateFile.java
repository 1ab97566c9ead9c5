package io.github.pcrupgrade.json;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.ClusterHealth;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterLicence;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.Licence;
import io.github.pcrupgrade.core.model.LicenceType;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.Provenance;
import io.github.pcrupgrade.core.model.ReplicationInfo;
import io.github.pcrupgrade.core.model.ReplicationState;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The deployment state file, schema version {@value #SCHEMA_VERSION}: a deployment snapshot as
 * JSON, for {@code check}, {@code plan}, {@code simulate} and {@code serve-sim}, and as printed by
 * {@code status --format json} (its {@code deployment}). Documented in {@code docs/state-file.md}.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION} when written; 1 (no cluster ids) is still read
 * @param primary the primary cluster
 * @param standby the standby cluster
 */
public record StateFile(int schemaVersion, Cluster primary, Cluster standby) {

  /** The schema version this class reads and writes. */
  public static final int SCHEMA_VERSION = 2;

  /** The oldest schema version this class still reads (1: without cluster ids). */
  public static final int OLDEST_READ = 1;

  /**
   * One cluster.
   *
   * @param name display name, used in every message; the primary's and the standby's differ
   * @param observedAt when it was observed
   * @param nodes its nodes, at least one of them a member (not decommissioned)
   * @param virtualClusters its VCs, exactly one of them the system VC
   * @param health its range health
   * @param clusterId its identity, {@code crdb_internal.cluster_id()} on its system VC (since
   *     schema 2, optional; equal ids on both clusters make {@code check} report
   *     {@code SAME_CLUSTER})
   * @param licence what was read of its licence (optional; absent when unknown, which never
   *     refuses)
   */
  public record Cluster(String name, Instant observedAt, List<Node> nodes,
      List<VirtualCluster> virtualClusters, Health health, Optional<UUID> clusterId,
      Optional<LicenceState> licence) {

    /**
     * A cluster without a licence reading.
     *
     * @param name display name
     * @param observedAt when it was observed
     * @param nodes its member nodes
     * @param virtualClusters its VCs
     * @param health its range health
     * @param clusterId its identity, when known
     */
    public Cluster(String name, Instant observedAt, List<Node> nodes,
        List<VirtualCluster> virtualClusters, Health health, Optional<UUID> clusterId) {
      this(name, observedAt, nodes, virtualClusters, health, clusterId, Optional.empty());
    }
  }

  /**
   * A cluster's licence as read: its type and expiry when one is installed (never the key), and
   * the VCs whose telemetry is off (crdb-pcr-sql-facts 11.3).
   *
   * @param installed false when {@code enterprise.license} is empty
   * @param type the licence's type; required when installed, refused when not
   * @param validUntil the licence's expiry; required when installed
   * @param telemetryOffIn the VCs whose {@code diagnostics.reporting.enabled} is false (with a
   *     {@code FREE} or {@code TRIAL} licence a hop that finalizes them to 24.3 is refused)
   */
  public record LicenceState(boolean installed, Optional<LicenceType> type,
      Optional<Instant> validUntil, Optional<List<String>> telemetryOffIn) {}

  /**
   * One node.
   *
   * @param id its {@code node_id}, greater than 0
   * @param address its address, as {@code cockroach node status} prints it
   * @param locality its locality, as {@code cockroach node status} prints it
   * @param binary its build tag, such as {@code v24.3.12} or {@code v25.1.0-beta.2}
   * @param liveness its liveness
   * @param draining whether it is draining now
   */
  public record Node(int id, String address, String locality, String binary, Liveness liveness,
      boolean draining) {}

  /**
   * One VC.
   *
   * @param id its id
   * @param name its name, such as {@code system}, {@code main} or {@code main-readonly}
   * @param kind system, application (the standby's replicating VC included) or reader
   * @param dataState its data state
   * @param serviceMode its service mode
   * @param version its cluster version in any form {@code SHOW CLUSTER SETTING version} prints;
   *     absent when unknown
   * @param versionProvenance how the version is known; defaults to OBSERVED when a version is
   *     given, UNKNOWN when not
   * @param versionEvidence for an INFERRED or UNKNOWN version, what it rests on or why it is
   *     unknown; defaults to {@code from state file}
   * @param settings its finalization settings; absent when not observable (the replicating VC)
   * @param replication present exactly on a VC ingesting a stream
   */
  public record VirtualCluster(long id, String name, VcKind kind, DataState dataState,
      ServiceMode serviceMode, Optional<String> version, Optional<Provenance> versionProvenance,
      Optional<String> versionEvidence, Optional<Settings> settings,
      Optional<Replication> replication) {}

  /**
   * Finalization settings of a VC.
   *
   * @param autoUpgradeEnabled {@code cluster.auto_upgrade.enabled}
   * @param preserveDowngradeOption {@code cluster.preserve_downgrade_option}; empty when unset
   */
  public record Settings(boolean autoUpgradeEnabled, String preserveDowngradeOption) {}

  /**
   * Replication status of a replicating VC.
   *
   * @param sourceVirtualCluster the primary's VC it replicates
   * @param status the replication status as the product prints it, in any series' spelling
   * @param replicatedTime the replicated time, when known
   * @param retainedTime the retained time, when known
   * @param lag the replication lag, when known
   */
  public record Replication(String sourceVirtualCluster, String status,
      Optional<Instant> replicatedTime, Optional<Instant> retainedTime, Optional<Duration> lag) {}

  /**
   * Range health.
   *
   * @param underReplicatedRanges ranges with fewer live replicas than their replication target
   * @param unavailableRanges ranges with fewer live replicas than a quorum needs
   */
  public record Health(long underReplicatedRanges, long unavailableRanges) {}

  /**
   * The file form of a snapshot, at schema version {@value #SCHEMA_VERSION}.
   *
   * @param s the deployment as inspected
   * @return the state file
   */
  public static StateFile of(DeploymentSnapshot s) {
    return new StateFile(SCHEMA_VERSION, cluster(s.primary()), cluster(s.standby()));
  }

  /**
   * The snapshot this file describes, with the defaults of {@code docs/state-file.md} for the
   * optional properties left out.
   *
   * @return the deployment, with the primary and standby roles of the file
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} or {@code MALFORMED_VERSION} naming the
   *     offending part when the file is not a valid state
   */
  public DeploymentSnapshot toSnapshot() {
    if (schemaVersion < OLDEST_READ || schemaVersion > SCHEMA_VERSION) {
      throw invalid("schemaVersion " + schemaVersion + " is not supported; this pcr-upgrade reads"
          + " schemaVersion " + OLDEST_READ + " to " + SCHEMA_VERSION);
    }
    if (primary == null || standby == null) {
      throw invalid("a state file needs both \"primary\" and \"standby\"");
    }
    return new DeploymentSnapshot(snapshot(primary, ClusterRole.PRIMARY),
        snapshot(standby, ClusterRole.STANDBY));
  }

  private static Cluster cluster(ClusterSnapshot c) {
    return new Cluster(c.name(), c.observedAt(),
        c.nodes().stream().map(n -> new Node(n.id(), n.address(), n.locality(),
            n.binary().toString(), n.liveness(), n.draining())).toList(),
        c.virtualClusters().stream().map(StateFile::vc).toList(),
        new Health(c.health().underReplicatedRanges(), c.health().unavailableRanges()),
        c.clusterId(), c.licence().map(l -> new LicenceState(l.licence().isPresent(),
            l.licence().map(Licence::type), l.licence().map(Licence::validUntil),
            l.telemetryOffIn().isEmpty() ? Optional.empty()
                : Optional.of(l.telemetryOffIn().stream().sorted().toList()))));
  }

  private static VirtualCluster vc(VirtualClusterInfo v) {
    VersionReading r = v.version();
    return new VirtualCluster(v.id(), v.name(), v.kind(), v.dataState(), v.serviceMode(),
        r.known().map(ClusterVersion::toString), Optional.of(r.provenance()),
        r.evidence().isEmpty() ? Optional.empty() : Optional.of(r.evidence()),
        v.settings().map(s -> new Settings(s.autoUpgradeEnabled(), s.preserveDowngradeOption())),
        v.replication().map(x -> new Replication(x.sourceVirtualCluster(), x.rawStatus(),
            x.replicatedTime(), x.retainedTime(), x.lag())));
  }

  private static ClusterSnapshot snapshot(Cluster c, ClusterRole role) {
    String where = role == ClusterRole.PRIMARY ? "primary" : "standby";
    if (c.name() == null || c.nodes() == null || c.virtualClusters() == null
        || c.health() == null || c.observedAt() == null) {
      throw invalid(where + ": name, observedAt, nodes, virtualClusters and health are required");
    }
    if (c.nodes().contains(null) || c.virtualClusters().contains(null)) {
      throw invalid(where + ": nodes and virtualClusters must not contain null entries");
    }
    List<NodeInfo> nodes = c.nodes().stream().map(n -> new NodeInfo(n.id(),
        orEmpty(n.address()), orEmpty(n.locality()), BinaryVersion.parse(n.binary()),
        required(n.liveness(), where + " node " + n.id() + " liveness"), n.draining())).toList();
    List<VirtualClusterInfo> vcs = c.virtualClusters().stream().map(v -> vcInfo(v, where))
        .toList();
    return new ClusterSnapshot(c.name(), role, nodes, vcs,
        new ClusterHealth(c.health().underReplicatedRanges(), c.health().unavailableRanges()),
        c.observedAt(), c.clusterId() == null ? Optional.empty() : c.clusterId(),
        c.licence() == null ? Optional.empty() : c.licence().map(l -> licence(l, where)));
  }

  private static ClusterLicence licence(LicenceState l, String where) {
    Set<String> off = Set.copyOf(l.telemetryOffIn() == null ? List.of()
        : l.telemetryOffIn().orElse(List.of()));
    if (!l.installed()) {
      if (l.type() != null && l.type().isPresent()) {
        throw invalid(where + " licence: \"type\" is given but \"installed\" is false");
      }
      return ClusterLicence.none().withTelemetryOffIn(off);
    }
    LicenceType type = l.type() == null ? null : l.type().orElse(null);
    Instant until = l.validUntil() == null ? null : l.validUntil().orElse(null);
    if (type == null || until == null) {
      throw invalid(where + " licence: an installed licence needs \"type\" and \"validUntil\"");
    }
    return ClusterLicence.of(new Licence(type, until)).withTelemetryOffIn(off);
  }

  private static VirtualClusterInfo vcInfo(VirtualCluster v, String where) {
    String at = where + " VC " + v.name();
    Provenance p = v.versionProvenance().orElse(
        v.version().isPresent() ? Provenance.OBSERVED : Provenance.UNKNOWN);
    String evidence = v.versionEvidence().orElse(p == Provenance.OBSERVED ? "" : "from state file");
    VersionReading reading = switch (p) {
      case OBSERVED -> VersionReading.observed(ClusterVersion.parse(
          v.version().orElseThrow(() -> invalid(at + ": an OBSERVED version needs \"version\""))));
      case INFERRED -> VersionReading.inferred(ClusterVersion.parse(
          v.version().orElseThrow(() -> invalid(at + ": an INFERRED version needs \"version\""))),
          evidence);
      case UNKNOWN -> VersionReading.unknown(evidence);
    };
    return new VirtualClusterInfo(v.id(), v.name(), required(v.kind(), at + " kind"),
        required(v.dataState(), at + " dataState"), required(v.serviceMode(), at + " serviceMode"),
        reading,
        v.settings().map(s -> new FinalizationSettings(s.autoUpgradeEnabled(),
            orEmpty(s.preserveDowngradeOption()))),
        v.replication().map(r -> new ReplicationInfo(
            required(r.sourceVirtualCluster(), at + " replication.sourceVirtualCluster"),
            ReplicationState.fromProduct(r.status()), orEmpty(r.status()), r.replicatedTime(),
            r.retainedTime(), r.lag())));
  }

  private static <T> T required(T value, String what) {
    if (value == null) {
      throw invalid(what + " is required");
    }
    return value;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static PcrUpgradeException invalid(String message) {
    return new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, "invalid state file: " + message);
  }
}
