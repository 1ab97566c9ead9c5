package io.github.pcrupgrade.testkit.internal.backend;

import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testkit.NodeRow;
import io.github.pcrupgrade.testkit.ReplicationStatusRow;
import io.github.pcrupgrade.testkit.SimulatedCluster;
import io.github.pcrupgrade.testkit.SimulatedSqlException;
import io.github.pcrupgrade.testkit.StoreRow;
import io.github.pcrupgrade.testkit.internal.sql.SqlType;
import io.github.pcrupgrade.testkit.internal.wire.Credential;
import io.github.pcrupgrade.testkit.internal.wire.DataState;
import io.github.pcrupgrade.testkit.internal.wire.GossipLivenessRow;
import io.github.pcrupgrade.testkit.internal.wire.GossipNodeRow;
import io.github.pcrupgrade.testkit.internal.wire.JobRow;
import io.github.pcrupgrade.testkit.internal.wire.Membership;
import io.github.pcrupgrade.testkit.internal.wire.NodeStatusRow;
import io.github.pcrupgrade.testkit.internal.wire.ReplicationInfo;
import io.github.pcrupgrade.testkit.internal.wire.ReplicationStatus;
import io.github.pcrupgrade.testkit.internal.wire.ServerInfo;
import io.github.pcrupgrade.testkit.internal.wire.ServiceMode;
import io.github.pcrupgrade.testkit.internal.wire.SettingValue;
import io.github.pcrupgrade.testkit.internal.wire.StoreStatusRow;
import io.github.pcrupgrade.testkit.internal.wire.UnsafeInternalsGate;
import io.github.pcrupgrade.testkit.internal.wire.VcRoute;
import io.github.pcrupgrade.testkit.internal.wire.VirtualClusterRow;
import io.github.pcrupgrade.testkit.internal.wire.WireBackend;
import io.github.pcrupgrade.testkit.internal.wire.WireSqlException;
import io.github.pcrupgrade.testkit.sql.PriorReplication;
import io.github.pcrupgrade.testkit.sql.SqlUser;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link WireBackend} of one {@link SimulatedCluster}: every call is one call of the cluster's
 * SQL facade, its {@link SimulatedSqlException} becomes a {@link WireSqlException} with the same
 * SQLSTATE, message and hint, and its rows become the wire front's row records. The wire front
 * owns syntax, result shapes, the {@code allow_unsafe_internals} gate, "system VC only" and the
 * privilege refusals of users without the admin role.
 *
 * <p>Choices where the facade is silent: the default VC is the system VC's {@code
 * server.controller.default_target_cluster} when set, else {@code system}; a VC that exists but
 * cannot take connections (not serving, or its SQL servers refused to start) routes as service
 * mode {@code none}, so the router answers the product's {@code 08000}; every store reports 40
 * leases; liveness expires 9 s after the virtual now. {@code START REPLICATION OF ... WITH READ
 * VIRTUAL CLUSTER} is refused with 0A000 (the facade cannot start a reader before the stream
 * replicates).
 *
 * <p>Thread-safe: the facade synchronizes on the deployment.
 */
public final class SimulatedClusterBackend implements WireBackend {

  private static final ReleaseSeries FAILOVER_NAMING = ReleaseSeries.of(24, 3);
  private static final ReleaseSeries CUTOVER_NAMING = ReleaseSeries.of(24, 1);
  private static final String SYSTEM = "system";

  private final SimulatedCluster cluster;
  private final Map<String, SqlUser> users;
  private final Map<String, Credential> credentials;
  private final Function<String, Optional<String>> clusterOfUri;
  /** The node this backend serves as gateway, or 0 for the cluster as a whole. */
  private final int nodeId;

  /**
   * @param cluster the simulated cluster to serve
   * @param users who may log in
   * @param clusterOfUri resolves the URI of {@code START REPLICATION OF ... ON '<uri>'} to the name
   *     of a simulated cluster (empty when it names none)
   * @param random draws the SCRAM salts
   */
  public SimulatedClusterBackend(SimulatedCluster cluster, List<SqlUser> users,
      Function<String, Optional<String>> clusterOfUri, Random random) {
    this(cluster, 0, users, clusterOfUri, random);
  }

  /**
   * The backend of one node's endpoint: sessions opened on it report that node's binary (its
   * {@code version()}, {@code crdb_version} and session defaults such as {@code
   * allow_unsafe_internals}, crdb-pcr-sql-facts.md 10.2), so a session opened after the node
   * restarted on a new binary gets the new binary's defaults.
   *
   * @param nodeId the node, or 0 for the cluster's gateway (its lowest-numbered live node)
   */
  public SimulatedClusterBackend(SimulatedCluster cluster, int nodeId, List<SqlUser> users,
      Function<String, Optional<String>> clusterOfUri, Random random) {
    this.nodeId = nodeId;
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.clusterOfUri = Objects.requireNonNull(clusterOfUri, "clusterOfUri");
    Map<String, SqlUser> u = new LinkedHashMap<>();
    Map<String, Credential> c = new LinkedHashMap<>();
    for (SqlUser user : users) {
      u.put(user.name(), user);
      if (user.canLogin()) {
        c.put(user.name(), Credential.ScramSha256.fromPassword(user.password(), random));
      }
    }
    this.users = Map.copyOf(u);
    this.credentials = Map.copyOf(c);
  }

  @Override
  public String clusterName() {
    return cluster.name();
  }

  @Override
  public java.util.UUID clusterId(String vc) {
    return cluster.clusterId(vc);
  }

  @Override
  public ServerInfo serverInfo() {
    return call(() -> {
      if (nodeId != 0) {
        ReleaseSeries series = cluster.nodeBinary(nodeId).series();
        return new ServerInfo(series, cluster.version(nodeId), series.toString(),
            UnsafeInternalsGate.forSeries(series));
      }
      ReleaseSeries series = cluster.series();
      return new ServerInfo(series, cluster.version(), cluster.nodeExecutableVersion(),
          UnsafeInternalsGate.forSeries(series));
    });
  }

  @Override
  public Optional<Credential> credential(String user) {
    return Optional.ofNullable(credentials.get(user));
  }

  /** Whether {@code user} is a member of {@code admin}, directly or through its roles. */
  @Override
  public boolean isSuperuser(String user) {
    return privileges(user).admin();
  }

  /** The users' direct grants, in user order (11.5). */
  @Override
  public List<io.github.pcrupgrade.testkit.internal.wire.SystemGrantRow> systemGrants() {
    List<io.github.pcrupgrade.testkit.internal.wire.SystemGrantRow> out = new ArrayList<>();
    for (SqlUser u : users.values()) {
      for (String p : new java.util.TreeSet<>(u.systemPrivileges())) {
        out.add(new io.github.pcrupgrade.testkit.internal.wire.SystemGrantRow(u.name(), p, false));
      }
    }
    return out;
  }

  /** The users' direct memberships; {@code root} is an admin of {@code admin}, as in the product. */
  @Override
  public List<io.github.pcrupgrade.testkit.internal.wire.RoleMemberRow> roleMembers() {
    List<io.github.pcrupgrade.testkit.internal.wire.RoleMemberRow> out = new ArrayList<>();
    for (SqlUser u : users.values()) {
      if (u.admin()) {
        out.add(new io.github.pcrupgrade.testkit.internal.wire.RoleMemberRow("admin", u.name(),
            u.name().equals("root")));
      }
      for (String r : new java.util.TreeSet<>(u.memberOf())) {
        out.add(new io.github.pcrupgrade.testkit.internal.wire.RoleMemberRow(r, u.name(), false));
      }
    }
    return out;
  }

  @Override
  public String defaultVirtualCluster() {
    try {
      String target = cluster.showClusterSetting(SYSTEM, "server.controller.default_target_cluster");
      return target == null || target.isBlank() ? SYSTEM : target;
    } catch (SimulatedSqlException e) {
      return SYSTEM;
    }
  }

  @Override
  public Optional<VcRoute> route(String name) {
    List<io.github.pcrupgrade.testkit.VirtualClusterRow> rows;
    try {
      rows = cluster.showVirtualClusters();
    } catch (SimulatedSqlException e) {
      return Optional.empty();
    }
    for (io.github.pcrupgrade.testkit.VirtualClusterRow r : rows) {
      if (r.name().equals(name)) {
        boolean system = name.equals(SYSTEM);
        ServiceMode mode = serviceMode(r.serviceMode());
        if (!system && mode == ServiceMode.SHARED && !connectable(name)) {
          mode = ServiceMode.NONE;
        }
        return Optional.of(new VcRoute(name, mode, system));
      }
    }
    return Optional.empty();
  }

  private boolean connectable(String vc) {
    try {
      cluster.checkConnect(vc);
      return true;
    } catch (SimulatedSqlException e) {
      return false;
    }
  }

  @Override
  public SettingValue showClusterSetting(String vc, String name) {
    String value = call(() -> cluster.showClusterSetting(vc, name));
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.equals("cluster.auto_upgrade.enabled") || n.equals("kv.rangefeed.enabled")) {
      return SettingValue.ofBool(Boolean.parseBoolean(value));
    }
    return SettingValue.ofString(value);
  }

  @Override
  public SqlType settingType(String vc, String name) {
    call(() -> cluster.describeClusterSetting(vc, name));
    String n = name.trim().toLowerCase(Locale.ROOT);
    return n.equals("cluster.auto_upgrade.enabled") || n.equals("kv.rangefeed.enabled")
        ? SqlType.BOOL : SqlType.STRING;
  }

  @Override
  public void openTransaction() {
    run(cluster::openTransaction);
  }

  @Override
  public void closeTransaction() {
    cluster.closeTransaction();
  }

  @Override
  public void setClusterSetting(String vc, String name, String value) {
    run(() -> {
      if (value == null) {
        cluster.resetClusterSetting(vc, name);
      } else {
        cluster.setClusterSetting(vc, name, value);
      }
    });
  }

  @Override
  public void resetClusterSetting(String vc, String name) {
    run(() -> cluster.resetClusterSetting(vc, name));
  }

  @Override
  public List<VirtualClusterRow> virtualClusters() {
    return call(() -> {
      List<VirtualClusterRow> out = new ArrayList<>();
      for (io.github.pcrupgrade.testkit.VirtualClusterRow r : cluster.showVirtualClusters()) {
        ReplicationStatusRow s = cluster.replicationStatus(r.name());
        Optional<ReplicationInfo> repl = Optional.empty();
        DataState dataState;
        if (s.ingestionJobId() != null) {
          repl = Optional.of(new ReplicationInfo(s.ingestionJobId(), s.sourceTenantName(),
              s.sourceClusterUri(), s.retainedTime(), s.replicatedTime(), s.failoverTime(),
              replicationStatus(s.status())));
          dataState = dataState(r.dataState(), DataState.ADD);
        } else {
          dataState = dataState(r.dataState(), DataState.READY);
        }
        out.add(new VirtualClusterRow(r.id(), r.name(), dataState, serviceMode(r.serviceMode()),
            repl));
      }
      return out;
    });
  }

  /** Recorded at failover by the simulation (crdb-pcr-sql-facts 11.1). */
  @Override
  public Optional<PriorReplication> priorReplication(
      String vc) {
    return call(() -> cluster.priorReplication(vc));
  }

  /**
   * On the system VC, one {@code REPLICATION STREAM INGESTION} job per VC that ingests a stream
   * (crdb-pcr-sql-facts 11.2): status {@code running}, or {@code paused} while replication is
   * paused; described as {@code CREATE VIRTUAL CLUSTER <vc> FROM REPLICATION OF <source> ON
   * '<redacted uri>'} (the exact text is UNCONFIRMED, 11.2). Not modelled: the producer jobs of
   * the source side, and jobs kept for 12 h after they finished (a stream ended by a failover
   * leaves no row). Other VCs: no job.
   */
  @Override
  public List<JobRow> jobs(String vc) {
    if (!vc.equals(SYSTEM)) {
      return List.of();
    }
    return call(() -> {
      List<JobRow> out = new ArrayList<>();
      for (io.github.pcrupgrade.testkit.VirtualClusterRow r : cluster.showVirtualClusters()) {
        ReplicationStatusRow s = cluster.replicationStatus(r.name());
        Optional<Instant> created = cluster.ingestionJobCreatedAt(r.name());
        if (s.ingestionJobId() == null || created.isEmpty()) {
          continue;
        }
        String status = replicationStatus(s.status()) == ReplicationStatus.REPLICATION_PAUSED
            ? "paused" : "running";
        out.add(new JobRow(s.ingestionJobId(), "REPLICATION STREAM INGESTION",
            "CREATE VIRTUAL CLUSTER " + r.name() + " FROM REPLICATION OF "
                + s.sourceTenantName() + " ON '" + s.sourceClusterUri() + "'",
            "root", status, created.get(), null));
      }
      return out;
    });
  }

  @Override
  public void stopService(String vc) {
    run(() -> cluster.stopService(vc));
  }

  @Override
  public void startServiceShared(String vc) {
    run(() -> cluster.startServiceShared(vc));
  }

  @Override
  public void setReplicationReadVirtualCluster(String vc) {
    run(() -> cluster.setReplicationReadVirtualCluster(vc));
  }

  @Override
  public BigDecimal completeReplicationToLatest(String vc) {
    return call(() -> cluster.completeReplicationToLatest(vc));
  }

  @Override
  public void pauseReplication(String vc) {
    run(() -> cluster.pauseReplication(vc));
  }

  @Override
  public void resumeReplication(String vc) {
    run(() -> cluster.resumeReplication(vc));
  }

  @Override
  public void startReplication(String vc, String sourceVc, String uri,
      boolean withReadVirtualCluster) {
    if (withReadVirtualCluster) {
      throw new WireSqlException("0A000", "START REPLICATION ... WITH READ VIRTUAL CLUSTER is not"
          + " supported by the simulation; create the reader VC once the stream replicates");
    }
    String source = clusterOfUri.apply(uri).orElseThrow(() -> new WireSqlException("08006",
        "failed to connect to the source cluster: the URI names no simulated cluster"));
    run(() -> cluster.startReplicationOf(vc, sourceVc, source));
  }

  @Override
  public void dropVirtualCluster(String vc, boolean immediate) {
    run(() -> cluster.dropVirtualCluster(vc));
  }

  @Override
  public List<GossipNodeRow> gossipNodes() {
    return call(() -> {
      List<GossipNodeRow> out = new ArrayList<>();
      for (NodeRow n : cluster.nodes()) {
        out.add(new GossipNodeRow(n.nodeId(), "tcp", n.address(), n.address(), "tcp",
            n.sqlAddress(), n.sqlAddress(), n.locality(), "", n.serverVersion(), n.buildTag(),
            n.startedAt(), n.isLive(), storeRanges(n.nodeId()), 40));
      }
      return out;
    });
  }

  private long storeRanges(int nodeId) {
    return cluster.stores().stream().filter(s -> s.nodeId() == nodeId)
        .mapToLong(StoreRow::rangeCount).sum();
  }

  @Override
  public List<GossipLivenessRow> gossipLiveness() {
    return call(() -> {
      Instant now = cluster.now();
      Instant expiration = now.plus(Duration.ofSeconds(9));
      String hlc = expiration.getEpochSecond() + "." + String.format("%09d", expiration.getNano())
          + ",0";
      List<GossipLivenessRow> out = new ArrayList<>();
      for (NodeRow n : cluster.nodes()) {
        out.add(new GossipLivenessRow(n.nodeId(), n.epoch(), hlc, n.draining(),
            Membership.valueOf(n.membership().toUpperCase(Locale.ROOT)), n.updatedAt()));
      }
      return out;
    });
  }

  @Override
  public List<StoreStatusRow> storeStatus() {
    return call(() -> {
      List<StoreStatusRow> out = new ArrayList<>();
      for (StoreRow s : cluster.stores()) {
        long capacity = 1L << 40;
        long used = s.rangeCount() * (64L << 20);
        out.add(new StoreStatusRow(s.nodeId(), s.storeId(), capacity, capacity - used, used, used,
            s.rangeCount(), 40, 0.0,
            Map.of("ranges.underreplicated", (double) s.rangesUnderReplicated(),
                "ranges.unavailable", (double) s.rangesUnavailable(),
                "replicas", (double) s.rangeCount())));
      }
      return out;
    });
  }

  @Override
  public List<NodeStatusRow> nodeStatus() {
    return call(() -> {
      List<NodeStatusRow> out = new ArrayList<>();
      String build = cluster.version();
      String go = build.substring(build.lastIndexOf(", ") + 2, build.length() - 1);
      for (NodeRow n : cluster.nodes()) {
        out.add(new NodeStatusRow(n.nodeId(), "tcp", n.address(), n.locality(), n.serverVersion(),
            go, n.buildTag(), "2025/12/01 00:00:00", "0000000000000000000000000000000000000000",
            "linux amd64", "CCL", n.startedAt(), n.updatedAt(), Map.of()));
      }
      return out;
    });
  }

  @Override
  public Instant now() {
    return cluster.now();
  }

  // ------------------------------------------------------------------ translation

  private static <T> T call(Supplier<T> body) {
    try {
      return body.get();
    } catch (SimulatedSqlException e) {
      throw translate(e);
    }
  }

  private static void run(Runnable body) {
    try {
      body.run();
    } catch (SimulatedSqlException e) {
      throw translate(e);
    }
  }

  /** The same SQLSTATE, message and hint, for the wire. */
  static WireSqlException translate(SimulatedSqlException e) {
    WireSqlException w = new WireSqlException(e.sqlState(), e.getMessage(), e.hint().orElse(null));
    w.initCause(e);
    return w;
  }

  private static ServiceMode serviceMode(String text) {
    return switch (text) {
      case "shared" -> ServiceMode.SHARED;
      case "external" -> ServiceMode.EXTERNAL;
      case "stopping" -> ServiceMode.STOPPING;
      default -> ServiceMode.NONE;
    };
  }

  private static DataState dataState(String text, DataState otherwise) {
    return switch (text) {
      case "add" -> DataState.ADD;
      case "ready" -> DataState.READY;
      case "dropping" -> DataState.DROPPING;
      default -> otherwise;
    };
  }

  private static ReplicationStatus replicationStatus(String text) {
    for (ReplicationStatus s : ReplicationStatus.values()) {
      if (s.label(FAILOVER_NAMING).equals(text) || s.label(CUTOVER_NAMING).equals(text)) {
        return s;
      }
    }
    return ReplicationStatus.REPLICATION_ERROR;
  }
}
