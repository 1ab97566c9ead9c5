package io.github.pcrupgrade.testkit.internal.backend;

import io.github.pcrupgrade.core.model.Licence;
import io.github.pcrupgrade.testkit.internal.sql.SqlType;
import io.github.pcrupgrade.testkit.internal.wire.Credential;
import io.github.pcrupgrade.testkit.internal.wire.GossipLivenessRow;
import io.github.pcrupgrade.testkit.internal.wire.GossipNodeRow;
import io.github.pcrupgrade.testkit.internal.wire.JobRow;
import io.github.pcrupgrade.testkit.internal.wire.NodeStatusRow;
import io.github.pcrupgrade.testkit.internal.wire.ServerInfo;
import io.github.pcrupgrade.testkit.internal.wire.SettingValue;
import io.github.pcrupgrade.testkit.internal.wire.SqlStates;
import io.github.pcrupgrade.testkit.internal.wire.StoreStatusRow;
import io.github.pcrupgrade.testkit.internal.wire.VcRoute;
import io.github.pcrupgrade.testkit.internal.wire.VirtualClusterRow;
import io.github.pcrupgrade.testkit.internal.wire.WireBackend;
import io.github.pcrupgrade.testkit.internal.wire.WireSqlException;
import io.github.pcrupgrade.testkit.sql.ClusterAdministration;
import io.github.pcrupgrade.testkit.sql.PriorReplication;
import io.github.pcrupgrade.testkit.sql.RunningJob;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link WireBackend} that answers the settings of {@link ClusterAdministration} and delegates
 * everything else to the simulated cluster's backend, so the big backend stays untouched.
 *
 * <ul>
 *   <li>{@code enterprise.license}: system-visible (readable in every VC, settable only from the
 *       system VC), a STRING that is a synthetic {@code crl-0-} key of the licence's type and expiry,
 *       or empty (crdb-pcr-sql-facts 11.3).
 *   <li>{@code diagnostics.reporting.enabled}: a BOOL per VC, default from the administration.
 *   <li>With {@link ClusterAdministration#refuseUnsafeInternals()}: the node, liveness, store and
 *       identity reads answer the gate's 42501 (crdb-pcr-sql-facts 9.4) whatever the session set.
 * </ul>
 *
 * <p>Thread-safe (the two settings are guarded by this object).
 */
public final class AdministeredBackend implements WireBackend {

  static final String LICENCE = "enterprise.license";
  static final String TELEMETRY = "diagnostics.reporting.enabled";
  /** The gate's error (crdb-pcr-sql-facts 9.4); the same text as the wire front's own gate. */
  private static final String GATE_MESSAGE = "Access to crdb_internal and system is restricted.";
  private static final String GATE_HINT = "These interfaces are unsupported in production. To"
      + " proceed, set the session variable allow_unsafe_internals = true (not recommended), or"
      + " contact Cockroach Labs for a supported alternative.";

  private final WireBackend delegate;
  private final boolean refuseInternals;
  private final boolean defaultTelemetry;
  private final Map<String, Boolean> telemetry = new HashMap<>();
  private String licenceKey;
  private final List<RunningJob> jobs;
  private final boolean priorReplicationDetails;
  private final Optional<String> sourceClusterUri;
  private final java.util.function.UnaryOperator<String> servedUri;

  /**
   * @param servedUri turns the simulation's stream URI (naming the source's node address) into
   *     the one the served deployment shows (naming the source's served endpoint)
   */
  public AdministeredBackend(WireBackend delegate, ClusterAdministration administration,
      java.util.function.UnaryOperator<String> servedUri) {
    this.delegate = delegate;
    this.refuseInternals = administration.refuseUnsafeInternals();
    this.defaultTelemetry = administration.telemetry();
    this.licenceKey = administration.licence().map(Licence::syntheticKey).orElse("");
    this.jobs = administration.runningJobs();
    this.priorReplicationDetails = administration.priorReplicationDetails();
    this.sourceClusterUri = administration.sourceClusterUri();
    this.servedUri = servedUri;
  }

  @Override
  public SettingValue showClusterSetting(String vc, String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    synchronized (this) {
      if (n.equals(LICENCE)) {
        return SettingValue.ofString(licenceKey);
      }
      if (n.equals(TELEMETRY)) {
        return SettingValue.ofBool(telemetry.getOrDefault(vc, defaultTelemetry));
      }
    }
    return delegate.showClusterSetting(vc, name);
  }

  @Override
  public void setClusterSetting(String vc, String name, String value) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    synchronized (this) {
      if (n.equals(LICENCE)) {
        if (!vc.equals("system")) {
          // system-visible settings are set only from the system VC; an app VC does not know it
          throw new WireSqlException(SqlStates.UNDEFINED_PARAMETER,
              "unknown cluster setting '" + name + "'");
        }
        String key = value == null ? "" : value;
        try {
          Licence.decode(key);
        } catch (io.github.pcrupgrade.core.PcrUpgradeException e) {
          // the product's text for a malformed key is UNCONFIRMED; the code is the generic one
          throw new WireSqlException(SqlStates.INVALID_PARAMETER_VALUE, "invalid license key");
        }
        licenceKey = key;
        return;
      }
      if (n.equals(TELEMETRY)) {
        telemetry.put(vc, value == null ? defaultTelemetry : Boolean.parseBoolean(value));
        return;
      }
    }
    delegate.setClusterSetting(vc, name, value);
  }

  @Override
  public void resetClusterSetting(String vc, String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    if (n.equals(LICENCE) || n.equals(TELEMETRY)) {
      setClusterSetting(vc, name, null);
      return;
    }
    delegate.resetClusterSetting(vc, name);
  }

  private void gate() {
    if (refuseInternals) {
      throw new WireSqlException(SqlStates.INSUFFICIENT_PRIVILEGE, GATE_MESSAGE, GATE_HINT);
    }
  }

  @Override
  public UUID clusterId(String vc) {
    gate();
    return delegate.clusterId(vc);
  }

  @Override
  public List<GossipNodeRow> gossipNodes() {
    gate();
    return delegate.gossipNodes();
  }

  @Override
  public List<GossipLivenessRow> gossipLiveness() {
    gate();
    return delegate.gossipLiveness();
  }

  @Override
  public List<StoreStatusRow> storeStatus() {
    gate();
    return delegate.storeStatus();
  }

  @Override
  public List<NodeStatusRow> nodeStatus() {
    gate();
    return delegate.nodeStatus();
  }

  // ---------------------------------------------------------------- delegated unchanged

  @Override
  public String clusterName() {
    return delegate.clusterName();
  }

  @Override
  public ServerInfo serverInfo() {
    return delegate.serverInfo();
  }

  @Override
  public Optional<Credential> credential(String user) {
    return delegate.credential(user);
  }

  @Override
  public boolean isSuperuser(String user) {
    return delegate.isSuperuser(user);
  }

  @Override
  public SqlType settingType(String vc, String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    if (n.equals(LICENCE)) {
      return SqlType.STRING;
    }
    if (n.equals(TELEMETRY)) {
      return SqlType.BOOL;
    }
    return delegate.settingType(vc, name); // describes without blocking, unlike SHOW
  }

  @Override
  public void openTransaction() {
    delegate.openTransaction(); // licence throttling (XXC02) is the simulation's
  }

  @Override
  public void closeTransaction() {
    delegate.closeTransaction();
  }

  @Override
  public String defaultVirtualCluster() {
    return delegate.defaultVirtualCluster();
  }

  @Override
  public Optional<VcRoute> route(String name) {
    return delegate.route(name);
  }

  /** The delegate's rows, each stream's {@code source_cluster_uri} as served (see the constructor). */
  @Override
  public List<VirtualClusterRow> virtualClusters() {
    return delegate.virtualClusters().stream().map(v -> v.replication().isEmpty() ? v
        : new VirtualClusterRow(v.id(), v.name(), v.dataState(), v.serviceMode(),
            v.replication().map(r -> new io.github.pcrupgrade.testkit.internal.wire.ReplicationInfo(
                r.ingestionJobId(), r.sourceTenantName(),
                sourceClusterUri.orElseGet(() -> servedUri.apply(r.sourceClusterUri())),
                r.retainedTime(), r.replicatedTime(), r.failoverTime(), r.status()))))
        .toList();
  }

  /** The delegate's, unless the administration models a release without the option. */
  @Override
  public Optional<PriorReplication> priorReplication(
      String vc) {
    if (!priorReplicationDetails) {
      throw WireBackend.priorReplicationUnknown();
    }
    return delegate.priorReplication(vc);
  }

  @Override
  public void stopService(String vc) {
    delegate.stopService(vc);
  }

  @Override
  public void startServiceShared(String vc) {
    delegate.startServiceShared(vc);
  }

  @Override
  public void setReplicationReadVirtualCluster(String vc) {
    delegate.setReplicationReadVirtualCluster(vc);
  }

  @Override
  public BigDecimal completeReplicationToLatest(String vc) {
    return delegate.completeReplicationToLatest(vc);
  }

  @Override
  public void pauseReplication(String vc) {
    delegate.pauseReplication(vc);
  }

  @Override
  public void resumeReplication(String vc) {
    delegate.resumeReplication(vc);
  }

  @Override
  public void startReplication(String vc, String sourceVc, String uri,
      boolean withReadVirtualCluster) {
    delegate.startReplication(vc, sourceVc, uri, withReadVirtualCluster);
  }

  @Override
  public void dropVirtualCluster(String vc, boolean immediate) {
    delegate.dropVirtualCluster(vc, immediate);
  }

  @Override
  public Instant now() {
    return delegate.now();
  }

  @Override
  public List<io.github.pcrupgrade.testkit.internal.wire.SystemGrantRow> systemGrants() {
    return delegate.systemGrants();
  }

  @Override
  public List<io.github.pcrupgrade.testkit.internal.wire.RoleMemberRow> roleMembers() {
    return delegate.roleMembers();
  }

  /** The cluster's own jobs, then the administration's long-running jobs of {@code vc}. */
  @Override
  public List<JobRow> jobs(String vc) {
    List<JobRow> out = new java.util.ArrayList<>(delegate.jobs(vc));
    jobs.stream().filter(j -> j.vc().equals(vc)).map(AdministeredBackend::row).forEach(out::add);
    return out;
  }

  /** The row {@code SHOW JOBS} prints for a running job: status {@code running}. */
  private static JobRow row(RunningJob job) {
    return new JobRow(job.jobId(), job.jobType(), job.description(), job.userName(), "running",
        job.created(), null);
  }
}
