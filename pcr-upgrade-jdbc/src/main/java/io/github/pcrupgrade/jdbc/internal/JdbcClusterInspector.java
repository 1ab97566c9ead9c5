package io.github.pcrupgrade.jdbc.internal;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.ClusterHealth;
import io.github.pcrupgrade.core.model.ClusterLicence;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.Licence;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.ReplicationInfo;
import io.github.pcrupgrade.core.model.ReplicationState;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.spi.ClusterInspector;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.VersionFormatException;
import io.github.pcrupgrade.jdbc.CockroachSqlException;
import io.github.pcrupgrade.jdbc.JdbcErrorCode;
import io.github.pcrupgrade.jdbc.SqlErrorKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * {@link ClusterInspector} over SQL (crdb-pcr-sql-facts.md 7). A snapshot costs two rounds of
 * statements run concurrently on separate connections: first everything the system VC answers
 * (VCs, nodes, liveness, range health, its version and settings, the replication status of the
 * app VC), then the version and settings of every other serving VC.
 */
public final class JdbcClusterInspector implements ClusterInspector {

  public static final String SHOW_VCS = "SHOW VIRTUAL CLUSTERS";
  public static final String NODES =
      "SELECT node_id, address, locality, build_tag, is_live FROM crdb_internal.gossip_nodes";
  public static final String LIVENESS =
      "SELECT node_id, draining, membership FROM crdb_internal.gossip_liveness";
  public static final String RANGES =
      "SELECT sum((metrics->>'ranges.underreplicated')::DECIMAL)::INT AS under_replicated,"
          + " sum((metrics->>'ranges.unavailable')::DECIMAL)::INT AS unavailable"
          + " FROM crdb_internal.kv_store_status";

  /** The licence, system-visible, read on the system VC (crdb-pcr-sql-facts 11.3). */
  public static final String LICENCE = "SHOW CLUSTER SETTING enterprise.license";
  /** Telemetry, per VC; a Free or Trial licence needs it on to finalize to 24.3 (11.3). */
  public static final String TELEMETRY = "SHOW CLUSTER SETTING diagnostics.reporting.enabled";

  /** The cluster's identity, read on the system VC (crdb-pcr-sql-facts 11.1; gated on 26.1+). */
  public static final String CLUSTER_ID = "SELECT crdb_internal.cluster_id()";

  private final VcConnections connections;
  private final Sql sql;
  private final ClusterRole role;
  private final Clock clock;
  private final Executor executor;

  public JdbcClusterInspector(VcConnections connections, Sql sql, ClusterRole role, Clock clock,
      Executor executor) {
    this.connections = connections;
    this.sql = sql;
    this.role = role;
    this.clock = clock;
    this.executor = executor;
  }

  @Override
  public String clusterName() {
    return connections.settings().clusterName();
  }

  private record VcRow(long id, String name, String dataState, String serviceMode) {}

  private record NodeRow(int id, String address, String locality, String buildTag, boolean live) {}

  private record LivenessRow(int id, boolean draining, String membership) {}

  private record VcReadings(ClusterVersion version, FinalizationSettings settings) {}

  @Override
  public ClusterSnapshot inspect() {
    connections.serverInfo();
    String app = connections.settings().appVirtualCluster();
    String system = VirtualClusterInfo.SYSTEM;
    CompletableFuture<List<VcRow>> vcs = async(() -> sql.query(system, "list virtual clusters",
        SHOW_VCS, rs -> new VcRow(rs.getLong("id"), rs.getString("name"),
            rs.getString("data_state"), rs.getString("service_mode"))));
    CompletableFuture<List<NodeRow>> nodes = async(() -> sql.query(system, "list nodes", NODES,
        rs -> new NodeRow(rs.getInt("node_id"), rs.getString("address"),
            Optional.ofNullable(rs.getString("locality")).orElse(""), rs.getString("build_tag"),
            rs.getBoolean("is_live"))));
    CompletableFuture<List<LivenessRow>> liveness = async(() -> sql.query(system,
        "read node liveness", LIVENESS, rs -> new LivenessRow(rs.getInt("node_id"),
            rs.getBoolean("draining"), rs.getString("membership"))));
    CompletableFuture<ClusterHealth> health = async(() -> sql.query(system, "read range health",
        RANGES, rs -> new ClusterHealth(rs.getLong(1), rs.getLong(2))).get(0));
    Map<String, CompletableFuture<VcReadings>> readings = new HashMap<>();
    readings.put(system, readings(system));
    CompletableFuture<Optional<ReplicationInfo>> replication = async(() -> replication(app, true));
    CompletableFuture<Optional<UUID>> clusterId = async(this::clusterId);
    CompletableFuture<Optional<Optional<Licence>>> licence = async(this::licence);
    Map<String, CompletableFuture<Optional<Boolean>>> telemetry = new HashMap<>();
    telemetry.put(system, async(() -> telemetry(system)));

    List<VcRow> vcRows = join(vcs);
    for (VcRow row : vcRows) {
      if (!row.name().equals(system) && serving(row.serviceMode())) {
        readings.put(row.name(), readings(row.name()));
        telemetry.put(row.name(), async(() -> telemetry(row.name())));
      }
    }
    List<VirtualClusterInfo> infos = new ArrayList<>();
    Optional<ReplicationInfo> repl = join(replication);
    for (VcRow row : vcRows) {
      infos.add(vcInfo(row, vcRows, readings.get(row.name()),
          row.name().equals(app) ? repl : Optional.empty()));
    }
    Map<Integer, LivenessRow> live = new HashMap<>();
    join(liveness).forEach(l -> live.put(l.id(), l));
    List<NodeInfo> nodeInfos = new ArrayList<>();
    for (NodeRow n : join(nodes)) {
      nodeInfos.add(node(n, live.get(n.id())));
    }
    Optional<ClusterLicence> licenceRead = join(licence).map(l -> new ClusterLicence(l,
        telemetry.entrySet().stream().filter(e -> join(e.getValue()).filter(on -> !on)
            .isPresent()).map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet())));
    return new ClusterSnapshot(clusterName(), role, nodeInfos, infos, join(health),
        clock.instant(), join(clusterId), licenceRead);
  }

  /**
   * The licence's type and expiry (never the key): empty when it cannot be read (a missing
   * privilege, a redacted sensitive setting, a value that is not a key), which the rules never
   * treat as a refusal; an empty inner value when none is installed.
   */
  private Optional<Optional<Licence>> licence() {
    try {
      String key = sql.query(VirtualClusterInfo.SYSTEM, "read the licence", LICENCE,
          rs -> rs.getString(1)).get(0);
      return Optional.of(Licence.decode(key));
    } catch (PcrUpgradeException e) {
      return Optional.empty();
    }
  }

  /** {@code diagnostics.reporting.enabled} in {@code vc}; empty when it cannot be read. */
  private Optional<Boolean> telemetry(String vc) {
    try {
      return Optional.of(sql.query(vc, "read telemetry", TELEMETRY, rs -> rs.getBoolean(1))
          .get(0));
    } catch (PcrUpgradeException e) {
      return Optional.empty();
    }
  }

  /**
   * The cluster's identity: {@code crdb_internal.cluster_id()} on the system VC, the storage cluster
   * ID. Empty only on a server that lacks the builtin (42883); any other error fails the inspection,
   * since a run must not act without knowing which clusters it acts on.
   */
  private Optional<UUID> clusterId() {
    try {
      String text = sql.query(VirtualClusterInfo.SYSTEM, "read the cluster id", CLUSTER_ID,
          rs -> rs.getString(1)).get(0);
      return Optional.of(UUID.fromString(text));
    } catch (CockroachSqlException e) {
      if (e.sqlState().filter("42883"::equals).isPresent()) {
        return Optional.empty();
      }
      throw e;
    } catch (IllegalArgumentException e) {
      throw new CockroachSqlException(JdbcErrorCode.UNEXPECTED_RESPONSE, SqlErrorKind.OTHER, null,
          clusterName(), VirtualClusterInfo.SYSTEM, "cluster '" + clusterName()
              + "' returned a cluster id that is not a UUID", e);
    }
  }

  /**
   * The version and finalization settings of {@code vc}. For a VC other than the system VC the
   * version is read first and the two settings only once it answered: a VC that refuses
   * connections then fails with its own refusal, not with a side effect of it on a concurrent read
   * (its pool is discarded, {@link VcConnections#discard}).
   */
  private CompletableFuture<VcReadings> readings(String vc) {
    CompletableFuture<ClusterVersion> version = async(() -> readVersion(vc));
    CompletableFuture<ClusterVersion> first = vc.equals(VirtualClusterInfo.SYSTEM)
        ? CompletableFuture.completedFuture(null) : version;
    CompletableFuture<Boolean> auto = first.thenComposeAsync(x -> async(() -> {
      String name = PinSetting.AUTO_UPGRADE_ENABLED.settingName();
      // a BOOL column: its text form is t/f, so it is read as a boolean, never compared as text
      return sql.query(vc, "read cluster setting " + name, "SHOW CLUSTER SETTING " + name,
          rs -> rs.getBoolean(1)).get(0);
    }), executor);
    CompletableFuture<String> preserve = first.thenComposeAsync(x -> async(() -> show(vc,
        PinSetting.PRESERVE_DOWNGRADE_OPTION.settingName())), executor);
    return version.thenCombine(auto.thenCombine(preserve, (a, p) -> new FinalizationSettings(a,
        Optional.ofNullable(p).orElse(""))), VcReadings::new);
  }

  ClusterVersion readVersion(String vc) {
    String text = show(vc, "version");
    try {
      return ClusterVersion.parse(text);
    } catch (VersionFormatException e) {
      throw new CockroachSqlException(JdbcErrorCode.UNEXPECTED_RESPONSE, SqlErrorKind.OTHER, null,
          clusterName(), vc, "cluster '" + clusterName() + "' VC '" + vc + "' reports version '"
              + text + "', which is not a cluster version pcr-upgrade knows", e);
    }
  }

  private String show(String vc, String setting) {
    return sql.query(vc, "read cluster setting " + setting, "SHOW CLUSTER SETTING " + setting,
        rs -> rs.getString(1)).get(0);
  }

  /**
   * The replication status of {@code vc}; empty when it has no stream, and, when {@code
   * missingIsEmpty}, when it does not exist (an inspection of a cluster without that VC).
   */
  Optional<ReplicationInfo> replication(String vc, boolean missingIsEmpty) {
    boolean[] noJobColumn = {false}; // 24.1-24.3: the job id is read from SHOW JOBS
    try {
      List<ReplicationInfo> rows = sql.query(VirtualClusterInfo.SYSTEM,
          "read the replication status of VC '" + vc + "'",
          "SHOW VIRTUAL CLUSTER " + Sql.ident(vc) + " WITH REPLICATION STATUS", rs -> {
            String c = clusterName();
            noJobColumn[0] = Rows.column(rs, "ingestion_job_id", "replication_job_id") < 0;
            int source = Rows.required(rs, c, "replication status", "source_tenant_name");
            int status = Rows.required(rs, c, "replication status", "status", "data_state");
            String src = rs.getString(source);
            if (src == null) {
              return null;
            }
            String raw = rs.getString(status);
            return new ReplicationInfo(src, ReplicationState.fromProduct(raw),
                raw == null ? "" : raw,
                Rows.instant(rs, Rows.column(rs, "replicated_time")),
                Rows.instant(rs, Rows.column(rs, "retained_time")),
                Rows.interval(rs, Rows.column(rs, "replication_lag")),
                jobId(rs, Rows.column(rs, "ingestion_job_id", "replication_job_id")));
          });
      Optional<ReplicationInfo> found = rows.stream().filter(r -> r != null).findFirst();
      if (found.isPresent() && noJobColumn[0]) {
        found = Optional.of(IngestionJobs.withJobId(found.get(),
            IngestionJobs.read(sql, clusterName(), vc)));
      }
      return found;
    } catch (CockroachSqlException e) {
      if (missingIsEmpty && e.kind() == SqlErrorKind.UNDEFINED_OBJECT) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The stream's ingestion job id where the layout shows it (not on 24.1-24.3: IngestionJobs). */
  private static Optional<Long> jobId(java.sql.ResultSet rs, int col) throws java.sql.SQLException {
    if (col < 0) {
      return Optional.empty();
    }
    long id = rs.getLong(col);
    return rs.wasNull() ? Optional.empty() : Optional.of(id);
  }

  private VirtualClusterInfo vcInfo(VcRow row, List<VcRow> all,
      CompletableFuture<VcReadings> readings, Optional<ReplicationInfo> replication) {
    String name = row.name();
    VcKind kind = name.equals(VirtualClusterInfo.SYSTEM) ? VcKind.SYSTEM
        : name.endsWith(VirtualClusterInfo.READER_SUFFIX) && all.stream().anyMatch(o ->
            (o.name() + VirtualClusterInfo.READER_SUFFIX).equals(name)) ? VcKind.READER
        : VcKind.APPLICATION;
    String ds = row.dataState() == null ? "" : row.dataState().toLowerCase(Locale.ROOT);
    DataState dataState = dataState(clusterName(), name, row.dataState());
    boolean streaming = ReplicationState.fromProduct(ds) != ReplicationState.UNKNOWN;
    Optional<ReplicationInfo> repl = kind == VcKind.APPLICATION && (streaming
        || replication.isPresent() && dataState == DataState.ADD) ? replication : Optional.empty();
    ServiceMode mode = serviceMode(clusterName(), name, row.serviceMode());
    VersionReading version;
    Optional<FinalizationSettings> settings = Optional.empty();
    Optional<CockroachSqlException> refused = readings == null ? Optional.empty()
        : refusal(name, readings);
    if (refused.isPresent()) {
      version = VersionReading.unknown("VC '" + name + "' is " + mode.sql() + " but did not"
          + " answer: " + refused.get().getMessage());
    } else if (readings != null) {
      VcReadings r = join(readings);
      version = VersionReading.observed(r.version());
      settings = Optional.of(r.settings());
    } else if (repl.isPresent()) {
      version = VersionReading.unknown("the replicating VC accepts no SQL; its version follows"
          + " its source by replication");
    } else {
      version = VersionReading.unknown("VC '" + name + "' does not serve SQL (service mode "
          + mode.sql() + ")");
    }
    return new VirtualClusterInfo(row.id(), name, kind, dataState, mode, version, settings, repl);
  }

  /**
   * The refusal of a VC other than the system VC that does not answer: {@code 08000} (the routing
   * error of a VC that does not serve, crdb-pcr-sql-facts 9.5; a reader whose start-up stalled,
   * 10.2), a refused connection or a connect timeout ({@code 08001}). One such VC must not make the
   * whole cluster unreadable: its version and settings become unknown with the error as evidence.
   * Any other failure fails the snapshot.
   */
  private static Optional<CockroachSqlException> refusal(String vc,
      CompletableFuture<VcReadings> readings) {
    if (vc.equals(VirtualClusterInfo.SYSTEM)) {
      return Optional.empty();
    }
    try {
      readings.join();
      return Optional.empty();
    } catch (CompletionException e) {
      if (e.getCause() instanceof CockroachSqlException c && c.sqlState()
          .filter(st -> st.equals("08000") || st.equals("08001")).isPresent()) {
        return Optional.of(c);
      }
      return Optional.empty();
    }
  }

  private NodeInfo node(NodeRow n, LivenessRow l) {
    BinaryVersion binary;
    try {
      binary = BinaryVersion.parse(n.buildTag());
    } catch (VersionFormatException e) {
      throw new CockroachSqlException(JdbcErrorCode.UNEXPECTED_RESPONSE, SqlErrorKind.OTHER, null,
          clusterName(), null, "cluster '" + clusterName() + "' node " + n.id() + " reports build"
              + " tag '" + n.buildTag() + "', which is not a release version; pcr-upgrade plans"
              + " only clusters on release builds", e);
    }
    String membership = l == null ? "active" : String.valueOf(l.membership())
        .toLowerCase(Locale.ROOT);
    Liveness liveness = switch (membership) {
      case "decommissioned" -> Liveness.DECOMMISSIONED;
      case "decommissioning" -> Liveness.DECOMMISSIONING;
      case "active" -> n.live() ? Liveness.LIVE : Liveness.DEAD;
      default -> throw unknown(clusterName(), null, LIVENESS, "membership of node " + n.id(),
          l.membership(), "active, decommissioning, decommissioned");
    };
    return new NodeInfo(n.id(), n.address(), n.locality(), binary, liveness,
        l != null && l.draining());
  }

  private boolean serving(String mode) {
    String m = mode == null ? "" : mode.toLowerCase(Locale.ROOT);
    return m.equals("shared") || m.equals("external");
  }

  /**
   * A {@code service_mode} of {@code SHOW VIRTUAL CLUSTERS} (crdb-pcr-sql-facts 2.4:
   * {@code TenantServiceMode.String}); anything else is a typed error naming the VC, the statement
   * and what was seen, so that nothing is acted on from a half-understood snapshot.
   */
  static ServiceMode serviceMode(String cluster, String vc, String raw) {
    return switch (raw == null ? "" : raw.toLowerCase(Locale.ROOT)) {
      case "none" -> ServiceMode.NONE;
      case "shared" -> ServiceMode.SHARED;
      case "external" -> ServiceMode.EXTERNAL;
      case "stopping" -> ServiceMode.STOPPING;
      default -> throw unknown(cluster, vc, SHOW_VCS, "service_mode", raw,
          "none, shared, external, stopping");
    };
  }

  /**
   * A {@code data_state} of {@code SHOW VIRTUAL CLUSTERS}: {@code add}, {@code ready},
   * {@code dropping} ({@code drop} in the system table), or, for a VC with a replication consumer
   * job, its replication status (crdb-pcr-sql-facts 2.4); anything else is a typed error.
   */
  static DataState dataState(String cluster, String vc, String raw) {
    String ds = raw == null ? "" : raw.toLowerCase(Locale.ROOT);
    return switch (ds) {
      case "ready" -> DataState.READY;
      case "dropping", "drop" -> DataState.DROPPING;
      case "add" -> DataState.ADD;
      default -> {
        if (ReplicationState.fromProduct(ds) == ReplicationState.UNKNOWN) {
          throw unknown(cluster, vc, SHOW_VCS, "data_state", raw,
              "add, ready, dropping, or a replication status");
        }
        yield DataState.ADD;
      }
    };
  }

  private static CockroachSqlException unknown(String cluster, String vc, String statement,
      String column, String seen, String known) {
    return new CockroachSqlException(JdbcErrorCode.UNEXPECTED_RESPONSE, SqlErrorKind.OTHER, null,
        cluster, vc, "cluster '" + cluster + "'" + (vc == null ? "" : " VC '" + vc + "'") + ": '"
            + statement + "' gave " + column + " " + (seen == null ? "NULL" : "'"
            + escape(seen) + "'") + ", which pcr-upgrade does not know (it knows " + known
            + "); nothing was done from this snapshot: check that the server's version is one"
            + " pcr-upgrade supports", null);
  }

  /** Server text in a message: control characters escaped. */
  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char ch : s.toCharArray()) {
      if (Character.isISOControl(ch)) {
        b.append(String.format("\\u%04x", (int) ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }

  private <T> CompletableFuture<T> async(Supplier<T> read) {
    return CompletableFuture.supplyAsync(read, executor);
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
