package io.github.pcrupgrade.testkit.replay;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.capture.CaptureDocument;
import io.github.pcrupgrade.core.capture.CaptureDocument.ClusterCapture;
import io.github.pcrupgrade.core.capture.CaptureDocument.Column;
import io.github.pcrupgrade.core.capture.CaptureDocument.Exchange;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.testkit.internal.wire.Credential;
import io.github.pcrupgrade.testkit.internal.wire.GossipLivenessRow;
import io.github.pcrupgrade.testkit.internal.wire.GossipNodeRow;
import io.github.pcrupgrade.testkit.internal.wire.NodeStatusRow;
import io.github.pcrupgrade.testkit.internal.wire.RecordedAnswer;
import io.github.pcrupgrade.testkit.internal.wire.RecordedAnswer.RecordedColumn;
import io.github.pcrupgrade.testkit.internal.wire.RecordedAnswers;
import io.github.pcrupgrade.testkit.internal.wire.ServerInfo;
import io.github.pcrupgrade.testkit.internal.wire.ServiceMode;
import io.github.pcrupgrade.testkit.internal.wire.SettingValue;
import io.github.pcrupgrade.testkit.internal.wire.SqlStates;
import io.github.pcrupgrade.testkit.internal.wire.StoreStatusRow;
import io.github.pcrupgrade.testkit.internal.wire.VcRoute;
import io.github.pcrupgrade.testkit.internal.wire.VirtualClusterRow;
import io.github.pcrupgrade.testkit.internal.wire.WireBackend;
import io.github.pcrupgrade.testkit.internal.wire.WireSqlException;
import io.github.pcrupgrade.testkit.internal.sql.ParsedStatement;
import io.github.pcrupgrade.testkit.internal.sql.SqlType;
import io.github.pcrupgrade.testkit.internal.sql.Statement;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One captured cluster behind the wire front: routes to the VCs the capture shows, reports the
 * recorded server, and answers each statement with the recorded answer of the same statement on
 * the same VC. A statement recorded several times on one VC is answered in the recorded order,
 * the last answer again once they are used up (a cluster at rest answers a repeated read the
 * same). Session statements (session variables, transaction control) are left to the front's
 * session layer; any other statement the capture does not hold is refused and remembered.
 * Thread-safe.
 */
final class ReplayedCluster implements WireBackend, RecordedAnswers {

  /** The type names the driver reports (pg_type.typname), as the front's types. */
  private static final Map<String, SqlType> TYPES = Map.of("int8", SqlType.INT8,
      "text", SqlType.STRING, "bool", SqlType.BOOL, "float8", SqlType.FLOAT8,
      "numeric", SqlType.DECIMAL, "timestamp", SqlType.TIMESTAMP,
      "timestamptz", SqlType.TIMESTAMPTZ, "interval", SqlType.INTERVAL, "jsonb", SqlType.JSONB,
      "uuid", SqlType.UUID);
  private static final Pattern TAG = Pattern.compile("\\bv\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");

  /** What one exchange is answered with. */
  private sealed interface Answer {}

  private record Rows(RecordedAnswer rows) implements Answer {}

  private record Refusal(String sqlState, String message, String hint) implements Answer {}

  private final String source;
  private final String role;
  private final String password;
  private final ServerInfo serverInfo;
  private final boolean superuser;
  private final Map<String, String> parameterStatus;
  private final Map<String, VcRoute> routes = new LinkedHashMap<>();
  private final Map<String, List<Answer>> answers = new HashMap<>();
  private final Map<String, Integer> served = new HashMap<>();
  private final Instant capturedAt;
  private final List<ReplayMiss> misses;

  ReplayedCluster(String source, CaptureDocument capture, ClusterCapture cluster, String password,
      List<ReplayMiss> misses) {
    this.source = source;
    this.role = cluster.role();
    this.password = password;
    this.capturedAt = capture.capturedAt();
    this.misses = misses;
    this.parameterStatus = Map.copyOf(cluster.parameterStatus());
    this.serverInfo = serverInfo(source, cluster);
    this.superuser = "on".equalsIgnoreCase(cluster.parameterStatus().getOrDefault("is_superuser",
        "on"));
    routes.put(VirtualClusterInfo.SYSTEM,
        new VcRoute(VirtualClusterInfo.SYSTEM, ServiceMode.SHARED, true));
    for (Exchange e : cluster.exchanges()) {
      if (e.sql().equals("-- connect")) {
        routes.put(e.virtualCluster(), new VcRoute(e.virtualCluster(), ServiceMode.NONE, false));
        continue;
      }
      routes.putIfAbsent(e.virtualCluster(),
          new VcRoute(e.virtualCluster(), ServiceMode.SHARED, false));
      answers.computeIfAbsent(key(e.virtualCluster(), e.sql()), k -> new ArrayList<>())
          .add(answer(source, cluster, e));
    }
  }

  private static ServerInfo serverInfo(String source, ClusterCapture cluster) {
    String build = cluster.parameterStatus().get("crdb_version");
    Matcher m = build == null ? null : TAG.matcher(build);
    if (m == null || !m.find()) {
      throw new PcrUpgradeException(ReplayErrorCode.CAPTURE_NOT_SERVABLE, "capture " + source
          + ": cluster '" + cluster.role() + "' has no ParameterStatus crdb_version with a"
          + " release tag (" + (build == null ? "none" : "'" + Printable.of(build) + "'")
          + "); a capture of CockroachDB records it on the first connection");
    }
    ServerInfo tagged = ServerInfo.forBuildTag(m.group());
    return new ServerInfo(tagged.series(), build, tagged.nodeExecutableVersion(),
        tagged.unsafeInternalsGate());
  }

  private static Answer answer(String source, ClusterCapture cluster, Exchange e) {
    if (e.error().isPresent()) {
      CaptureDocument.ErrorAnswer err = e.error().get();
      return new Refusal(err.sqlState(), err.message(), err.hint().orElse(null));
    }
    List<RecordedColumn> columns = new ArrayList<>();
    for (Column c : e.columns().orElse(List.of())) {
      SqlType type = TYPES.get(c.type().toLowerCase(Locale.ROOT));
      if (type == null) {
        throw new PcrUpgradeException(ReplayErrorCode.CAPTURE_NOT_SERVABLE, "capture " + source
            + ": cluster '" + cluster.role() + "' VC '" + e.virtualCluster() + "' statement '"
            + Printable.of(e.sql()) + "' has column '" + Printable.of(c.name()) + "' of type '"
            + Printable.of(c.type()) + "', which the replay cannot serve (it serves "
            + new java.util.TreeSet<>(TYPES.keySet()) + ")");
      }
      columns.add(new RecordedColumn(c.name(), type));
    }
    try {
      return new Rows(new RecordedAnswer(columns, e.rows().orElse(List.of())));
    } catch (IllegalArgumentException x) {
      throw new PcrUpgradeException(ReplayErrorCode.CAPTURE_NOT_SERVABLE, "capture " + source
          + ": cluster '" + cluster.role() + "' VC '" + e.virtualCluster() + "' statement '"
          + Printable.of(e.sql()) + "': " + x.getMessage(), x);
    }
  }

  private static String key(String vc, String sql) {
    return vc + '\u0000' + sql.trim();
  }

  // ---------------------------------------------------------------- RecordedAnswers

  @Override
  public Map<String, String> parameterStatus() {
    return parameterStatus;
  }

  @Override
  public Optional<RecordedAnswer> answer(String vc, ParsedStatement statement,
      boolean describeOnly) {
    String key = key(vc, statement.text());
    Answer a;
    synchronized (this) {
      List<Answer> recorded = answers.get(key);
      if (recorded == null) {
        if (isSession(statement.statement())) {
          return Optional.empty();
        }
        ReplayMiss miss = new ReplayMiss(source, role, vc, statement.text().trim());
        misses.add(miss);
        throw new WireSqlException(SqlStates.FEATURE_NOT_SUPPORTED,
            "statement not in capture " + source + " (cluster '" + role + "', VC '" + vc
                + "'): " + Printable.of(statement.text().trim()),
            "the replay answers only the statements the capture recorded; capture the cluster"
                + " again with the pcr-upgrade release that sends this statement");
      }
      int next = served.getOrDefault(key, 0);
      a = recorded.get(Math.min(next, recorded.size() - 1));
      if (!describeOnly || a instanceof Refusal) {
        served.put(key, next + 1);
      }
    }
    if (a instanceof Refusal r) {
      throw new WireSqlException(r.sqlState(), r.message(), r.hint());
    }
    return Optional.of(((Rows) a).rows());
  }

  /** Statements the front's session layer answers the same for any cluster. */
  private static boolean isSession(Statement s) {
    return s instanceof Statement.SetVariable || s instanceof Statement.ResetVariable
        || s instanceof Statement.ShowVariable || s instanceof Statement.TransactionControl;
  }

  // ---------------------------------------------------------------- WireBackend

  @Override
  public String clusterName() {
    return role;
  }

  @Override
  public ServerInfo serverInfo() {
    return serverInfo;
  }

  @Override
  public Optional<Credential> credential(String user) {
    return Optional.of(new Credential.Cleartext(password));
  }

  @Override
  public boolean isSuperuser(String user) {
    return superuser;
  }

  @Override
  public String defaultVirtualCluster() {
    return VirtualClusterInfo.SYSTEM;
  }

  @Override
  public Optional<VcRoute> route(String name) {
    return Optional.ofNullable(routes.get(name));
  }

  private WireSqlException notRecorded(String what) {
    return new WireSqlException(SqlStates.FEATURE_NOT_SUPPORTED, "the replay of capture "
        + source + " does not evaluate " + what + "; only recorded statements are answered");
  }

  @Override
  public SettingValue showClusterSetting(String vc, String name) {
    throw notRecorded("SHOW CLUSTER SETTING");
  }

  @Override
  public void setClusterSetting(String vc, String name, String value) {
    throw notRecorded("SET CLUSTER SETTING");
  }

  @Override
  public void resetClusterSetting(String vc, String name) {
    throw notRecorded("RESET CLUSTER SETTING");
  }

  @Override
  public List<VirtualClusterRow> virtualClusters() {
    throw notRecorded("SHOW VIRTUAL CLUSTERS");
  }

  @Override
  public void stopService(String vc) {
    throw notRecorded("ALTER VIRTUAL CLUSTER");
  }

  @Override
  public void startServiceShared(String vc) {
    throw notRecorded("ALTER VIRTUAL CLUSTER");
  }

  @Override
  public void setReplicationReadVirtualCluster(String vc) {
    throw notRecorded("ALTER VIRTUAL CLUSTER");
  }

  @Override
  public BigDecimal completeReplicationToLatest(String vc) {
    throw notRecorded("ALTER VIRTUAL CLUSTER");
  }

  @Override
  public void pauseReplication(String vc) {
    throw notRecorded("ALTER VIRTUAL CLUSTER");
  }

  @Override
  public void resumeReplication(String vc) {
    throw notRecorded("ALTER VIRTUAL CLUSTER");
  }

  @Override
  public void startReplication(String vc, String sourceVc, String uri,
      boolean withReadVirtualCluster) {
    throw notRecorded("ALTER VIRTUAL CLUSTER");
  }

  @Override
  public void dropVirtualCluster(String vc, boolean immediate) {
    throw notRecorded("DROP VIRTUAL CLUSTER");
  }

  @Override
  public List<GossipNodeRow> gossipNodes() {
    throw notRecorded("crdb_internal.gossip_nodes");
  }

  @Override
  public List<GossipLivenessRow> gossipLiveness() {
    throw notRecorded("crdb_internal.gossip_liveness");
  }

  @Override
  public List<StoreStatusRow> storeStatus() {
    throw notRecorded("crdb_internal.kv_store_status");
  }

  @Override
  public List<NodeStatusRow> nodeStatus() {
    throw notRecorded("crdb_internal.kv_node_status");
  }

  @Override
  public Instant now() {
    return capturedAt;
  }
}
