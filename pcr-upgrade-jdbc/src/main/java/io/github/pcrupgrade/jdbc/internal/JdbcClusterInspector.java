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
import io.github.pcrupgrade.core.spi.NarrowRead;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterInspector} over SQL (crdb-pcr-sql-facts.md 7). A snapshot is one round of
 * statements run concurrently on separate connections: everything the system VC answers (VCs,
 * nodes with their liveness, range health, its version and settings, the replication status of the
 * app VC, the identity, the licence) and, for every VC that served SQL in the previous snapshot,
 * its version and settings. Only when the VC list shows a VC serving that the previous snapshot did
 * not know does a second round read it. An unlicensed cluster refuses more than 5 concurrently open
 * transactions ({@code XXC02}, 11.3): on that refusal the inspector runs again, and from then on,
 * with at most {@value #THROTTLED_CONCURRENCY} statements at once.
 */
public final class JdbcClusterInspector implements ClusterInspector {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcClusterInspector.class);

  public static final String SHOW_VCS = "SHOW VIRTUAL CLUSTERS";
  /**
   * Every node with its build, liveness and draining in one statement: the join the product's own
   * {@code cockroach node status} makes (crdb-pcr-sql-facts 9.2).
   */
  public static final String NODES = "SELECT node_id, address, locality, build_tag, is_live,"
      + " draining, membership FROM crdb_internal.gossip_nodes LEFT JOIN"
      + " crdb_internal.gossip_liveness USING (node_id)";
  /** The liveness table, named in messages about its values. */
  public static final String LIVENESS = "crdb_internal.gossip_liveness";

  /** At most this many statements at once once the cluster refused with XXC02 (11.3: 5 open). */
  public static final int THROTTLED_CONCURRENCY = 4;
  public static final String RANGES =
      "SELECT sum((metrics->>'ranges.underreplicated')::DECIMAL)::INT AS under_replicated,"
          + " sum((metrics->>'ranges.unavailable')::DECIMAL)::INT AS unavailable"
          + " FROM crdb_internal.kv_store_status";

  /**
   * One node's build, liveness and draining in one statement (a narrow read): the join the
   * product's own {@code cockroach node status} makes (crdb-pcr-sql-facts 9.2), followed by the
   * node id, an integer.
   */
  public static final String NODE = NODES + " WHERE node_id = ";

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
  /** The VCs other than the system VC that served SQL in the previous snapshot. */
  private volatile Set<String> lastServing = Set.of();
  /**
   * True when the previous replication status had no job id column (24.1-24.3, facts 11.2): the
   * {@code SHOW JOBS} that gives the id is then sent in the same round, not after it.
   */
  private volatile boolean jobIdFromJobs;
  /** True once the cluster refused a statement with XXC02: statements then run a few at once. */
  private volatile boolean throttled;
  private final Semaphore fewAtOnce = new Semaphore(THROTTLED_CONCURRENCY);

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


  /** Whether this inspector runs its statements a few at once (the cluster refused with XXC02). */
  public boolean throttled() {
    return throttled;
  }

  @Override
  public ClusterSnapshot inspect() {
    try {
      return inspectOnce();
    } catch (CockroachSqlException e) {
      if (e.kind() != SqlErrorKind.LICENSE_THROTTLED || throttled) {
        throw e;
      }
      LOG.warn("{} - the cluster refused a concurrent read for want of a licence (XXC02, at most"
          + " 5 open transactions); inspecting with at most {} statements at once from now on",
          clusterName(), THROTTLED_CONCURRENCY);
      throttled = true;
      return inspectOnce();
    }
  }

  private ClusterSnapshot inspectOnce() {
    connections.serverInfo();
    Round round = new Round();
    try {
      ClusterSnapshot s = read(round);
      round.settle();
      return s;
    } catch (RuntimeException e) {
      round.settle(); // nothing of this attempt stays open when the caller tries again
      throw e;
    }
  }

  private ClusterSnapshot read(Round round) {
    String app = connections.settings().appVirtualCluster();
    String system = VirtualClusterInfo.SYSTEM;
    CompletableFuture<List<VcRow>> vcs = round.async(() -> sql.query(system,
        "list virtual clusters", SHOW_VCS, rs -> new VcRow(rs.getLong("id"), rs.getString("name"),
            rs.getString("data_state"), rs.getString("service_mode"))));
    CompletableFuture<List<NodeInfo>> nodes = round.async(() -> sql.query(system, "list nodes",
        NODES, this::nodeRow));
    CompletableFuture<ClusterHealth> health = round.async(() -> sql.query(system,
        "read range health", RANGES, rs -> new ClusterHealth(rs.getLong(1), rs.getLong(2)))
        .get(0));
    Map<String, VcReads> readings = new HashMap<>();
    readings.put(system, readings(round, system));
    CompletableFuture<Optional<Long>> jobs = jobIdFromJobs
        ? round.async(() -> IngestionJobs.read(sql, clusterName(), app)) : null;
    CompletableFuture<Optional<ReplicationInfo>> replication = round.async(() -> replication(app,
        true, jobs == null ? () -> IngestionJobs.read(sql, clusterName(), app) : () -> join(jobs)));
    CompletableFuture<Optional<UUID>> clusterId = round.async(this::clusterId);
    CompletableFuture<Optional<Optional<Licence>>> licence = round.async(this::licence);
    Map<String, CompletableFuture<Optional<Boolean>>> telemetry = new HashMap<>();
    telemetry.put(system, round.async(() -> telemetry(system)));
    // the VCs that served in the previous snapshot are read in the same round
    for (String vc : lastServing) {
      readings.put(vc, readings(round, vc));
      telemetry.put(vc, round.async(() -> telemetry(vc)));
    }

    List<VcRow> vcRows = join(vcs);
    java.util.Set<String> serving = new java.util.HashSet<>();
    for (VcRow row : vcRows) {
      if (!row.name().equals(system) && serving(row.serviceMode())) {
        serving.add(row.name());
        if (!readings.containsKey(row.name())) { // a second round, for what is new
          readings.put(row.name(), readings(round, row.name()));
          telemetry.put(row.name(), round.async(() -> telemetry(row.name())));
        }
      }
    }
    readings.keySet().retainAll(union(serving, system));
    telemetry.keySet().retainAll(union(serving, system));
    List<VirtualClusterInfo> infos = new ArrayList<>();
    Optional<ReplicationInfo> repl = join(replication);
    for (VcRow row : vcRows) {
      infos.add(vcInfo(row, vcRows, readings.get(row.name()),
          row.name().equals(app) ? repl : Optional.empty()));
    }
    Optional<ClusterLicence> licenceRead = join(licence).map(l -> new ClusterLicence(l,
        telemetry.entrySet().stream().filter(e -> join(e.getValue()).filter(on -> !on)
            .isPresent()).map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet())));
    ClusterSnapshot snapshot = new ClusterSnapshot(clusterName(), role, join(nodes), infos,
        join(health), clock.instant(), join(clusterId), licenceRead);
    lastServing = Set.copyOf(serving);
    return snapshot;
  }

  private static java.util.Set<String> union(java.util.Set<String> a, String b) {
    java.util.Set<String> u = new java.util.HashSet<>(a);
    u.add(b);
    return u;
  }

  private NodeInfo nodeRow(java.sql.ResultSet rs) throws java.sql.SQLException {
    NodeRow n = new NodeRow(rs.getInt("node_id"), rs.getString("address"),
        Optional.ofNullable(rs.getString("locality")).orElse(""), rs.getString("build_tag"),
        rs.getBoolean("is_live"));
    String membership = rs.getString("membership");
    return node(n, membership == null ? null
        : new LivenessRow(n.id(), rs.getBoolean("draining"), membership));
  }

  /**
   * A narrow read (see the port): one statement for each node (build, liveness and draining
   * joined), for the VC list, for each VC's version and for each stream's status; two for a VC's
   * finalization settings (one {@code SHOW CLUSTER SETTING} each). All run concurrently. Whatever
   * cannot be laid over {@code previous} exactly (a node or VC it does not have, a VC list that
   * changed) gives a full {@link #inspect()} instead.
   */
  @Override
  public ClusterSnapshot inspect(NarrowRead read, ClusterSnapshot previous) {
    if (!previous.name().equals(clusterName()) || previous.role() != role) {
      return inspect();
    }
    connections.serverInfo();
    Round round = new Round();
    try {
      ClusterSnapshot s = narrow(round, read, previous);
      round.settle();
      return s;
    } catch (RuntimeException e) {
      round.settle();
      throw e;
    }
  }

  private ClusterSnapshot narrow(Round round, NarrowRead read, ClusterSnapshot previous) {
    String system = VirtualClusterInfo.SYSTEM;
    Map<Integer, CompletableFuture<List<NodeInfo>>> nodes = new HashMap<>();
    for (int id : read.nodes()) {
      nodes.put(id, round.async(() -> sql.query(system, "read node " + id, NODE + id,
          this::nodeRow)));
    }
    CompletableFuture<List<VcRow>> vcs = read.virtualClusters() ? round.async(() -> sql.query(
        system,
        "list virtual clusters", SHOW_VCS, rs -> new VcRow(rs.getLong("id"), rs.getString("name"),
            rs.getString("data_state"), rs.getString("service_mode")))) : null;
    Map<String, CompletableFuture<VersionReading>> versions = new HashMap<>();
    for (String vc : read.versions()) {
      versions.put(vc, round.async(() -> versionReading(vc, previous)));
    }
    Map<String, CompletableFuture<FinalizationSettings>> settings = new HashMap<>();
    for (String vc : read.settings()) {
      settings.put(vc, round.async(() -> autoUpgrade(vc)).thenCombine(round.async(() -> show(vc,
          PinSetting.PRESERVE_DOWNGRADE_OPTION.settingName())),
          (a, p) -> new FinalizationSettings(a, Optional.ofNullable(p).orElse(""))));
    }
    Map<String, CompletableFuture<Optional<ReplicationInfo>>> streams = new HashMap<>();
    for (String vc : read.replication()) {
      // the job id is part of the topology, read by full snapshots (SHOW JOBS on 24.1-24.3)
      Optional<Long> jobId = previous.vc(vc).flatMap(VirtualClusterInfo::replication)
          .flatMap(ReplicationInfo::jobId);
      streams.put(vc, round.async(() -> replication(vc, true, () -> jobId)));
    }

    ClusterSnapshot out = previous;
    for (Map.Entry<Integer, CompletableFuture<List<NodeInfo>>> e : nodes.entrySet()) {
      List<NodeInfo> rows = join(e.getValue());
      if (rows.size() != 1 || previous.node(e.getKey()).isEmpty()) {
        return inspect();
      }
      out = out.withNode(rows.get(0));
    }
    if (vcs != null) {
      List<VcRow> rows = join(vcs);
      java.util.Set<String> names = new java.util.HashSet<>();
      rows.forEach(r -> names.add(r.name()));
      java.util.Set<String> before = new java.util.HashSet<>();
      previous.virtualClusters().forEach(v -> before.add(v.name()));
      if (!names.equals(before)) {
        return inspect(); // a VC came or went: its kind, version and settings need a full read
      }
      for (VcRow r : rows) {
        DataState ds = dataState(clusterName(), r.name(), r.dataState());
        ServiceMode mode = serviceMode(clusterName(), r.name(), r.serviceMode());
        out = out.withVc(r.name(), v -> v.withState(ds, mode));
      }
    }
    for (String vc : read.versions()) {
      if (out.vc(vc).isEmpty()) {
        return inspect();
      }
      VersionReading v = join(versions.get(vc));
      out = out.withVc(vc, x -> x.withVersion(v));
    }
    for (String vc : read.settings()) {
      FinalizationSettings st;
      try {
        st = join(settings.get(vc));
      } catch (CockroachSqlException e) {
        if (e.sqlState().filter(x -> x.equals("08000") || x.equals("08001")).isPresent()) {
          return inspect(); // the VC stopped answering: the full snapshot says how
        }
        throw e;
      }
      if (out.vc(vc).isEmpty()) {
        return inspect();
      }
      out = out.withVc(vc, x -> x.withSettings(st));
    }
    for (String vc : read.replication()) {
      Optional<VirtualClusterInfo> before = out.vc(vc);
      if (before.isEmpty()) {
        return inspect();
      }
      Optional<ReplicationInfo> r = join(streams.get(vc));
      out = out.withVc(vc, x -> x.withReplication(r));
    }
    return out.at(clock.instant());
  }

  /**
   * The version of {@code vc} for a narrow read: observed, or unknown with the refusal as
   * evidence when a VC other than the system VC does not answer (as {@link #inspect()} reports it).
   */
  private VersionReading versionReading(String vc, ClusterSnapshot previous) {
    try {
      return VersionReading.observed(readVersion(vc));
    } catch (CockroachSqlException e) {
      if (!vc.equals(VirtualClusterInfo.SYSTEM) && e.sqlState()
          .filter(st -> st.equals("08000") || st.equals("08001")).isPresent()) {
        String mode = previous.vc(vc).map(v -> v.serviceMode().sql()).orElse("?");
        return VersionReading.unknown("VC '" + vc + "' is " + mode + " but did not answer: "
            + e.getMessage());
      }
      throw e;
    }
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
      rethrowThrottled(e);
      return Optional.empty();
    }
  }

  /** {@code diagnostics.reporting.enabled} in {@code vc}; empty when it cannot be read. */
  private Optional<Boolean> telemetry(String vc) {
    try {
      return Optional.of(sql.query(vc, "read telemetry", TELEMETRY, rs -> rs.getBoolean(1))
          .get(0));
    } catch (PcrUpgradeException e) {
      rethrowThrottled(e);
      return Optional.empty();
    }
  }

  /** A refusal for want of a licence is not an unreadable value: the inspection reads again. */
  private static void rethrowThrottled(PcrUpgradeException e) {
    if (e instanceof CockroachSqlException c && c.kind() == SqlErrorKind.LICENSE_THROTTLED) {
      throw c;
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

  /** The reads of one VC's version and finalization settings, under way. */
  private record VcReads(CompletableFuture<ClusterVersion> version,
      CompletableFuture<FinalizationSettings> settings) {}

  /**
   * The version and finalization settings of {@code vc}, all three statements at once. For a VC
   * other than the system VC that refuses connections, the refusal of the version read is what
   * counts ({@link #refusal}), whatever the concurrent settings reads failed with (its pool is
   * discarded, {@link VcConnections#discard}).
   */
  private VcReads readings(Round round, String vc) {
    CompletableFuture<ClusterVersion> version = round.async(() -> readVersion(vc));
    CompletableFuture<Boolean> auto = round.async(() -> autoUpgrade(vc));
    CompletableFuture<String> preserve = round.async(() -> show(vc,
        PinSetting.PRESERVE_DOWNGRADE_OPTION.settingName()));
    return new VcReads(version, auto.thenCombine(preserve, (a, p) -> new FinalizationSettings(a,
        Optional.ofNullable(p).orElse(""))));
  }

  private boolean autoUpgrade(String vc) {
    String name = PinSetting.AUTO_UPGRADE_ENABLED.settingName();
    // a BOOL column: its text form is t/f, so it is read as a boolean, never compared as text
    return sql.query(vc, "read cluster setting " + name, "SHOW CLUSTER SETTING " + name,
        rs -> rs.getBoolean(1)).get(0);
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
    return replication(vc, missingIsEmpty, () -> IngestionJobs.read(sql, clusterName(), vc));
  }

  /**
   * As above, the job id taken from {@code jobIdWhereNotShown} when the layout has no job id
   * column (24.1-24.3: {@code SHOW JOBS}, possibly already under way in the same round).
   */
  Optional<ReplicationInfo> replication(String vc, boolean missingIsEmpty,
      Supplier<Optional<Long>> jobIdWhereNotShown) {
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
      jobIdFromJobs = found.isPresent() && noJobColumn[0];
      if (jobIdFromJobs) {
        found = Optional.of(IngestionJobs.withJobId(found.get(), jobIdWhereNotShown.get()));
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

  private VirtualClusterInfo vcInfo(VcRow row, List<VcRow> all, VcReads readings,
      Optional<ReplicationInfo> replication) {
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
      version = VersionReading.observed(join(readings.version()));
      settings = Optional.of(join(readings.settings()));
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
  private static Optional<CockroachSqlException> refusal(String vc, VcReads readings) {
    if (vc.equals(VirtualClusterInfo.SYSTEM)) {
      return Optional.empty();
    }
    try {
      readings.version().join();
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

  /**
   * The statements of one inspection, started concurrently; once the cluster refused with XXC02,
   * at most {@value #THROTTLED_CONCURRENCY} of them run at once.
   */
  private final class Round {
    private final List<CompletableFuture<?>> started = new ArrayList<>();

    <T> CompletableFuture<T> async(Supplier<T> read) {
      CompletableFuture<T> f = CompletableFuture.supplyAsync(() -> {
        if (!throttled) {
          return read.get();
        }
        fewAtOnce.acquireUninterruptibly();
        try {
          return read.get();
        } finally {
          fewAtOnce.release();
        }
      }, executor);
      synchronized (started) {
        started.add(f);
      }
      return f;
    }

    /** Waits until every statement of the round has returned, whatever its outcome. */
    void settle() {
      List<CompletableFuture<?>> all;
      synchronized (started) {
        all = List.copyOf(started);
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
          .handle((x, e) -> null).join();
    }
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
