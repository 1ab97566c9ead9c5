package io.github.pcrupgrade.testkit.internal.wire;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small in-test cluster behind the wire front: VCs {@code system}, {@code main} (replicating),
 * {@code main-readonly} (shared) and {@code idle} (service none); three nodes; users {@code root}
 * (SCRAM, password {@code secret}) and {@code legacy} (cleartext, password {@code old}).
 */
final class FakeCluster implements WireBackend {
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00.123456789Z");

  private final ServerInfo info;
  private final Map<String, VirtualClusterRow> vcs = new ConcurrentHashMap<>();
  private final Map<String, Map<String, SettingValue>> settings = new ConcurrentHashMap<>();
  private final Map<String, Credential> users = new HashMap<>();

  FakeCluster(String buildTag) {
    this.info = ServerInfo.forBuildTag(buildTag);
    users.put("root", Credential.ScramSha256.fromPassword("secret", new Random(7)));
    users.put("legacy", new Credential.Cleartext("old"));
    put(new VirtualClusterRow(1, "system", DataState.READY, ServiceMode.SHARED, Optional.empty()));
    put(new VirtualClusterRow(3, "main", DataState.ADD, ServiceMode.NONE, Optional.of(
        new ReplicationInfo(987654321L, "main", "postgresql://repl:redacted@primary:26257/"
            + "?options=-ccluster%3Dsystem", NOW.minusSeconds(3600),
            NOW.minusSeconds(30), null, ReplicationStatus.REPLICATING))));
    put(new VirtualClusterRow(4, "main-readonly", DataState.READY, ServiceMode.SHARED,
        Optional.empty()));
    put(new VirtualClusterRow(5, "idle", DataState.READY, ServiceMode.NONE, Optional.empty()));
    for (String vc : vcs.keySet()) {
      Map<String, SettingValue> s = new ConcurrentHashMap<>();
      s.put("version", SettingValue.ofString(info.series().toString()));
      s.put("cluster.auto_upgrade.enabled", SettingValue.ofBool(true));
      s.put("cluster.preserve_downgrade_option", SettingValue.ofString(""));
      settings.put(vc, s);
    }
  }

  private void put(VirtualClusterRow row) {
    vcs.put(row.name(), row);
  }

  @Override
  public String clusterName() {
    return "standby";
  }

  @Override
  public ServerInfo serverInfo() {
    return info;
  }

  @Override
  public Optional<Credential> credential(String user) {
    return Optional.ofNullable(users.get(user));
  }

  @Override
  public String defaultVirtualCluster() {
    return "main-readonly";
  }

  @Override
  public Optional<VcRoute> route(String name) {
    VirtualClusterRow r = vcs.get(name);
    return r == null ? Optional.empty()
        : Optional.of(new VcRoute(r.name(), r.serviceMode(), r.id() == 1));
  }

  @Override
  public SettingValue showClusterSetting(String vc, String name) {
    SettingValue v = settings.get(vc).get(name);
    if (v == null) {
      throw new WireSqlException(SqlStates.UNCATEGORIZED, "unknown setting: \"" + name + "\"");
    }
    return v;
  }

  @Override
  public void setClusterSetting(String vc, String name, String value) {
    SettingValue old = showClusterSetting(vc, name);
    SettingValue v = switch (old.type()) {
      case BOOL -> SettingValue.ofBool(value == null || Boolean.parseBoolean(value));
      default -> SettingValue.ofString(value == null ? "" : value);
    };
    settings.get(vc).put(name, v);
  }

  @Override
  public void resetClusterSetting(String vc, String name) {
    if (name.equals("version")) {
      throw new WireSqlException(SqlStates.UNCATEGORIZED, "cannot RESET cluster version setting");
    }
    setClusterSetting(vc, name, null);
  }

  @Override
  public List<VirtualClusterRow> virtualClusters() {
    List<VirtualClusterRow> out = new ArrayList<>(vcs.values());
    out.sort((a, b) -> Long.compare(a.id(), b.id()));
    return out;
  }

  private void mode(String vc, ServiceMode mode) {
    vcs.computeIfPresent(vc, (k, r) ->
        new VirtualClusterRow(r.id(), r.name(), r.dataState(), mode, r.replication()));
  }

  @Override
  public void stopService(String vc) {
    mode(vc, ServiceMode.NONE);
  }

  @Override
  public void startServiceShared(String vc) {
    mode(vc, ServiceMode.SHARED);
  }

  @Override
  public void setReplicationReadVirtualCluster(String vc) {
    vcs.putIfAbsent(vc + "-readonly", new VirtualClusterRow(6, vc + "-readonly", DataState.ADD,
        ServiceMode.NONE, Optional.empty()));
  }

  @Override
  public BigDecimal completeReplicationToLatest(String vc) {
    VirtualClusterRow r = vcs.get(vc);
    ReplicationInfo ri = r.replication().orElseThrow(() -> new WireSqlException(
        SqlStates.UNCATEGORIZED, "tenant \"" + vc + "\" (" + r.id()
            + ") does not have an active replication consumer job"));
    BigDecimal ts = PgCodec.hlc(ri.replicatedTime());
    put(new VirtualClusterRow(r.id(), r.name(), r.dataState(), r.serviceMode(), Optional.of(
        new ReplicationInfo(ri.ingestionJobId(), ri.sourceTenantName(), ri.sourceClusterUri(),
            ri.retainedTime(), ri.replicatedTime(), ts,
            ReplicationStatus.REPLICATION_PENDING_FAILOVER))));
    return ts;
  }

  @Override
  public void pauseReplication(String vc) {}

  @Override
  public void resumeReplication(String vc) {}

  @Override
  public void startReplication(String vc, String sourceVc, String uri, boolean withReader) {}

  @Override
  public void dropVirtualCluster(String vc, boolean immediate) {
    VirtualClusterRow r = vcs.get(vc);
    if (r.serviceMode() != ServiceMode.NONE) {
      throw new WireSqlException("55000", "cannot drop tenant \"" + vc + "\" (" + r.id()
          + ") in service mode " + r.serviceMode().sqlName(),
          "Use ALTER VIRTUAL CLUSTER STOP SERVICE before DROP VIRTUAL CLUSTER.");
    }
    vcs.remove(vc);
  }

  @Override
  public List<GossipNodeRow> gossipNodes() {
    List<GossipNodeRow> out = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      out.add(new GossipNodeRow(n, "tcp", "node" + n + ":26257", "node" + n + ":26257", "tcp",
          "node" + n + ":26257", "node" + n + ":26257", "region=us-east1,zone=z" + n, "",
          info.nodeExecutableVersion(), "v" + info.series() + ".3",
          NOW.minus(Duration.ofHours(n)), n != 3, 10L * n, 5L * n));
    }
    return out;
  }

  @Override
  public List<GossipLivenessRow> gossipLiveness() {
    return List.of(
        new GossipLivenessRow(1, 1, "1780000000.000000000,0", false, Membership.ACTIVE, NOW),
        new GossipLivenessRow(2, 1, "1780000000.000000000,0", true, Membership.ACTIVE, NOW),
        new GossipLivenessRow(3, 2, "1780000000.000000000,0", false,
            Membership.DECOMMISSIONING, null),
        new GossipLivenessRow(4, 1, "1780000000.000000000,0", false,
            Membership.DECOMMISSIONED, null));
  }

  @Override
  public List<StoreStatusRow> storeStatus() {
    List<StoreStatusRow> out = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      out.add(new StoreStatusRow(n, n, 1000, 500, 400, 300, 10, 5, 1.5,
          Map.of("ranges.underreplicated", (double) n, "ranges.unavailable",
              n == 2 ? 1.0 : 0.0, "replicas", 10.0)));
    }
    return out;
  }

  @Override
  public List<NodeStatusRow> nodeStatus() {
    return List.of(new NodeStatusRow(1, "tcp", "node1:26257", "region=us-east1",
        info.nodeExecutableVersion(), "go1.23.12", "v" + info.series() + ".3",
        "2026/05/29 12:00:00", "abc123", "linux amd64", "CCL", NOW, NOW, Map.of("sys.uptime",
            60.0)));
  }

  @Override
  public Instant now() {
    return NOW;
  }
}
