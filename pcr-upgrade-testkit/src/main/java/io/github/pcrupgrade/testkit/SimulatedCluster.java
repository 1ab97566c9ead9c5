package io.github.pcrupgrade.testkit;

import static io.github.pcrupgrade.testkit.SimulatedSqlException.CONNECTION_EXCEPTION;
import static io.github.pcrupgrade.testkit.SimulatedSqlException.CONNECTION_FAILURE;
import static io.github.pcrupgrade.testkit.SimulatedSqlException.DUPLICATE_OBJECT;
import static io.github.pcrupgrade.testkit.SimulatedSqlException.FEATURE_NOT_SUPPORTED;
import static io.github.pcrupgrade.testkit.SimulatedSqlException.INVALID_PARAMETER_VALUE;
import static io.github.pcrupgrade.testkit.SimulatedSqlException.OBJECT_NOT_IN_PREREQUISITE_STATE;
import static io.github.pcrupgrade.testkit.SimulatedSqlException.SYNTAX_ERROR;
import static io.github.pcrupgrade.testkit.SimulatedSqlException.UNCATEGORIZED;
import static io.github.pcrupgrade.testkit.SimulatedSqlException.UNDEFINED_OBJECT;
import static io.github.pcrupgrade.testkit.SimulatedSqlException.UNDEFINED_PARAMETER;

import io.github.pcrupgrade.core.catalog.Feature;
import io.github.pcrupgrade.core.model.ClusterHealth;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.ReplicationInfo;
import io.github.pcrupgrade.core.model.ReplicationState;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.core.version.VersionFormatException;
import io.github.pcrupgrade.testkit.sql.PriorReplication;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One simulated CockroachDB cluster at the SQL level: the facade a PostgreSQL wire front calls and
 * on which the simulated ports are built. Each method is one statement (or one query) and behaves as
 * the product does, with its error texts and SQLSTATEs ({@link SimulatedSqlException}); where the
 * facts give no text, the choice is marked UNCONFIRMED in the method's documentation.
 *
 * <p>Statements that the product accepts only on the system VC ({@code ALTER VIRTUAL CLUSTER},
 * {@code DROP VIRTUAL CLUSTER}, {@code SHOW VIRTUAL CLUSTERS}, node and store tables) are methods
 * without a VC argument; a wire front connected to another VC must refuse them itself (the product
 * says {@code only the system tenant can alter tenant}). Methods taking a {@code vc} act as a
 * session connected to that VC and first check that it accepts connections
 * ({@link #checkConnect}).
 *
 * <p><b>Thread-safety:</b> every method synchronizes on the owning {@link SimulatedDeployment}, so a
 * wire front may call it from several connection threads. {@code SET CLUSTER SETTING version} and
 * {@code STOP SERVICE} hold their caller for their virtual duration, as the product's statements do
 * (through {@link SimulatedDeployment}'s one blocking hook; see {@link BlockingStatements}); other
 * statements return at once and their asynchronous effects (initial scans, failovers) happen as
 * the deployment's virtual time advances.
 */
public final class SimulatedCluster {

  static final String ROUTING_HINT =
      "Double check your \"-ccluster=\" connection option or your \"cluster:\" database name prefix.";
  static final String DROP_HINT = "Use ALTER VIRTUAL CLUSTER STOP SERVICE before DROP VIRTUAL CLUSTER.";
  static final String AUTO_UPGRADE = "cluster.auto_upgrade.enabled";
  static final String PRESERVE = "cluster.preserve_downgrade_option";
  static final String VERSION = "version";
  static final String RANGEFEED = "kv.rangefeed.enabled";
  static final String DEFAULT_TARGET = "server.controller.default_target_cluster";
  static final long RANGES_PER_STORE = 120;

  private final SimulatedDeployment sim;
  private final String name;
  private final ClusterRole role;
  private final java.util.UUID clusterId;
  final TreeMap<Integer, NodeState> nodes = new TreeMap<>();
  final LinkedHashMap<String, VcState> vcs = new LinkedHashMap<>();
  long nextVcId;

  SimulatedCluster(SimulatedDeployment sim, String name, ClusterRole role) {
    this.sim = sim;
    this.name = name;
    this.role = role;
    this.clusterId = ClusterIds.storageId(
        new java.util.Random(sim.seed() * 31 + role.ordinal() + 1));
  }

  /**
   * The storage cluster ID: what {@code crdb_internal.cluster_id()} returns on the system VC
   * (random per cluster, drawn from the deployment's seed).
   *
   * @return a version-4 UUID, the same for the same seed and role
   */
  public java.util.UUID clusterId() {
    return clusterId;
  }

  /**
   * {@code SELECT crdb_internal.cluster_id()} in VC {@code vc}: the storage ID on the system VC, a
   * logical ID derived from it elsewhere ({@link ClusterIds#logicalId}).
   *
   * @param vc the VC the session is connected to
   * @return the VC's logical cluster ID ({@link #clusterId()} on the system VC)
   */
  public java.util.UUID clusterId(String vc) {
    Objects.requireNonNull(vc, "vc");
    synchronized (sim) {
      VcState v = vcs.get(vc);
      return ClusterIds.logicalId(clusterId, v == null ? 1 : v.id);
    }
  }

  /**
   * The cluster's name, as in snapshots, messages and the trace.
   *
   * @return the name given to the deployment's builder
   */
  public String name() {
    return name;
  }

  /**
   * The role it was given when the deployment was built.
   *
   * @return {@code PRIMARY} or {@code STANDBY}; it does not change on failover
   */
  public ClusterRole role() {
    return role;
  }

  // ------------------------------------------------------------------ session-level queries

  /**
   * {@code SELECT now()}: the deployment's virtual time.
   *
   * @return the virtual clock's instant
   */
  public Instant now() {
    return sim.now();
  }

  /**
   * {@code SELECT version()}: the gateway node's build string, for example
   * {@code CockroachDB CCL v25.2.19 (x86_64-pc-linux-gnu, built 2025/12/01 00:00:00, go1.23.7)}
   * (crdb-pcr-sql-facts.md 9.3; build time and Go version are simulated).
   *
   * @return the build string of the lowest-numbered live node's binary
   * @throws SimulatedSqlException {@code 08006} when no node is live
   */
  public String version() {
    synchronized (sim) {
      return buildString(gateway().binary);
    }
  }

  private static String buildString(BinaryVersion b) {
    return "CockroachDB CCL " + b + " (x86_64-pc-linux-gnu, built 2025/12/01 00:00:00, "
        + goVersion(b.series()) + ")";
  }

  /**
   * The ids of the cluster's nodes, in order.
   *
   * @return every node's id, live or not, from 1
   */
  public List<Integer> nodeIds() {
    synchronized (sim) {
      return List.copyOf(nodes.keySet());
    }
  }

  /**
   * Whether node {@code nodeId} is live (serving SQL).
   *
   * @param nodeId the node's id
   * @return true from when it rejoins until its process stops (a draining node is still live);
   *     false while stopped, dead, or restarted but not yet rejoined
   * @throws io.github.pcrupgrade.core.PcrUpgradeException {@code INVALID_ARGUMENT} for a node
   *     the cluster does not have
   */
  public boolean isNodeLive(int nodeId) {
    synchronized (sim) {
      return requireNode(nodeId).live;
    }
  }

  /**
   * The binary node {@code nodeId} runs (or will run once it starts).
   *
   * @param nodeId the node's id
   * @return the binary, the new one from the moment it was swapped during a restart
   * @throws io.github.pcrupgrade.core.PcrUpgradeException {@code INVALID_ARGUMENT} for a node
   *     the cluster does not have
   */
  public BinaryVersion nodeBinary(int nodeId) {
    synchronized (sim) {
      return requireNode(nodeId).binary;
    }
  }

  /**
   * {@code SELECT version()} on a session whose gateway is node {@code nodeId}.
   *
   * @param nodeId the gateway node's id (live or not)
   * @return the build string of that node's binary
   * @throws io.github.pcrupgrade.core.PcrUpgradeException {@code INVALID_ARGUMENT} for a node
   *     the cluster does not have
   */
  public String version(int nodeId) {
    synchronized (sim) {
      return buildString(requireNode(nodeId).binary);
    }
  }

  /**
   * The gateway node's binary (the lowest-numbered live node).
   *
   * @return that node's binary
   * @throws SimulatedSqlException {@code 08006} when no node is live
   */
  public BinaryVersion gatewayBinary() {
    synchronized (sim) {
      return gateway().binary;
    }
  }

  /**
   * {@code SELECT crdb_internal.node_executable_version()} on the gateway: the binary's
   * cluster-version form ({@code 25.2}).
   *
   * @return the gateway binary's series, as text
   * @throws SimulatedSqlException {@code 08006} when no node is live
   */
  public String nodeExecutableVersion() {
    synchronized (sim) {
      return gateway().binary.series().toString();
    }
  }

  /**
   * The release series of the gateway node's binary: the series whose SQL dialect is simulated.
   *
   * @return the gateway binary's series
   * @throws SimulatedSqlException {@code 08006} when no node is live
   */
  public ReleaseSeries series() {
    synchronized (sim) {
      return gateway().binary.series();
    }
  }

  /**
   * True when the simulated series prints "failover" names (24.3+), false for "cutover".
   *
   * @return whether the gateway's binary has the failover naming
   * @throws SimulatedSqlException {@code 08006} when no node is live
   */
  public boolean failoverNaming() {
    synchronized (sim) {
      return sim.catalog().supports(Feature.FAILOVER_NAMING, gateway().binary);
    }
  }

  /**
   * Checks that a session may connect to {@code vc} ({@code options=-ccluster=<vc>}).
   *
   * @param vc the VC named in the connection
   * @throws SimulatedSqlException {@code 08000 service unavailable for target tenant (<vc>)} with
   *     the routing hint when the VC does not exist or does not serve SQL (the replicating VC, a
   *     stopped VC, a reader VC before its initial scan; crdb-pcr-sql-facts.md 9.5); {@code 08006}
   *     when no node of the cluster is live (UNCONFIRMED text)
   */
  public void checkConnect(String vc) {
    Objects.requireNonNull(vc, "vc");
    synchronized (sim) {
      gateway();
      VcState v = vcs.get(vc);
      if (v == null || !v.connectable() || sim.fidelityFaults().refusesConnections(this, v)) {
        throw new SimulatedSqlException(CONNECTION_EXCEPTION,
            "service unavailable for target tenant (" + vc + ")", ROUTING_HINT);
      }
    }
  }

  /**
   * Opens a SQL client's transaction (a wire session's statement or explicit transaction); close
   * it with {@link #closeTransaction()}.
   *
   * @throws SimulatedSqlException {@code XXC02 No license installed. The maximum number of
   *     concurrently open transactions has been reached.} when the cluster is throttled
   *     ({@link Fault.LicenceThrottled}) and 5 are open (crdb-pcr-sql-facts.md 11.3)
   */
  public void openTransaction() {
    synchronized (sim) {
      sim.fidelityFaults().openTransaction(this);
    }
  }

  /** Closes a transaction opened with {@link #openTransaction()}. */
  public void closeTransaction() {
    synchronized (sim) {
      sim.fidelityFaults().closeTransaction(this);
    }
  }

  /**
   * The value {@code SHOW CLUSTER SETTING <name>} in {@code vc} would give, without ever blocking:
   * for describing the statement's result.
   *
   * @param vc the session's VC
   * @param setting the setting's name, in any case
   * @return the value as {@link #showClusterSetting} shows it
   * @throws SimulatedSqlException as {@link #showClusterSetting}, except that it never blocks
   */
  public String describeClusterSetting(String vc, String setting) {
    Objects.requireNonNull(vc, "vc");
    Objects.requireNonNull(setting, "setting");
    synchronized (sim) {
      return showClusterSetting(vc, setting, false);
    }
  }

  // ------------------------------------------------------------------ cluster settings

  /**
   * {@code SHOW CLUSTER SETTING <name>} in {@code vc}. {@code version} shows the persisted value,
   * transitional steps included (crdb-pcr-sql-facts.md 9.1), and blocks first while a
   * {@link Fault.ShowVersionBlocks} fault holds (the product retries up to 2 minutes until the
   * node's value and the persisted one agree, 9.1).
   *
   * @param vc the session's VC
   * @param setting {@code version}, {@code cluster.auto_upgrade.enabled}, {@code
   *     cluster.preserve_downgrade_option}, or (system VC only) {@code kv.rangefeed.enabled} and
   *     {@code server.controller.default_target_cluster}; in any case
   * @return the value as the product prints it ({@code preserve_downgrade_option} empty when not
   *     set)
   * @throws SimulatedSqlException {@code XXUUU unknown setting: "<name>"} for an unknown setting;
   *     {@code 08000} or {@code 08006} as {@link #checkConnect}; {@code 57014} when the session is
   *     cancelled while the statement blocks
   */
  public String showClusterSetting(String vc, String setting) {
    Objects.requireNonNull(vc, "vc");
    Objects.requireNonNull(setting, "setting");
    synchronized (sim) {
      return showClusterSetting(vc, setting, true);
    }
  }

  private String showClusterSetting(String vc, String setting, boolean mayBlock) {
    checkConnect(vc);
    VcState v = vcs.get(vc);
    String n = normalize(setting);
    switch (n) {
      case VERSION:
        Duration block = mayBlock ? sim.fidelityFaults().showVersionBlock(this, vc)
            : Duration.ZERO;
        if (!block.isZero()) {
          try {
            sim.block(block);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BlockingStatements.canceled();
          }
          checkConnect(vc);
          v = vcs.get(vc);
        }
        return v.version.toString();
      case AUTO_UPGRADE:
        return Boolean.toString(v.autoUpgrade);
      case PRESERVE:
        return v.preserve;
      case RANGEFEED, DEFAULT_TARGET:
        if (v.kind == VcKind.SYSTEM) {
          return v.other.getOrDefault(n, n.equals(RANGEFEED) ? "false" : "");
        }
        break;
      default:
        break;
    }
    throw new SimulatedSqlException(UNCATEGORIZED, "unknown setting: \"" + setting + "\"");
  }

  /**
   * {@code SET CLUSTER SETTING <name> = <value>} in {@code vc}. For {@code version} this runs a
   * finalization inside the statement, as the product does (crdb-pcr-sql-facts.md 10.1): the
   * statement returns only when the last step is persisted, meanwhile {@code SHOW CLUSTER SETTING
   * version} shows the transitional steps; sent again while one runs to the same target, it waits
   * for that one (see {@link BlockingStatements} for interruption). The checks come first,
   * in the product's order (crdb-pcr-sql-facts.md 9.6): above the binary
   * ({@code cannot upgrade to <new>: node running <binaryLatest>}), below MinSupported
   * ({@code node at <binaryLatest> cannot run <new> (minimum version is <min>)}), downgrade
   * ({@code versions cannot be downgraded (attempting to downgrade from <cur> to <new>)}),
   * {@code preserve_downgrade_option} set ({@code cannot upgrade to <new>:
   * cluster.preserve_downgrade_option is set to <value>}), then, in an application VC, a storage
   * cluster not yet at the target ({@code preventing tenant upgrade from running as the storage
   * cluster has not yet been upgraded: ...}). All XXUUU. {@code <binaryLatest>} is that of the
   * oldest binary among the cluster's nodes (as if it were the gateway; UNCONFIRMED). In the reader
   * VC, setting {@code version} is refused (0A000, text UNCONFIRMED, from the v25.3.0-alpha.1
   * release note). Setting the current version again is a no-op.
   *
   * <p>{@code cluster.preserve_downgrade_option} must equal the current version
   * ({@code cannot set cluster.preserve_downgrade_option to <v> (cluster version is <cur>)}).
   *
   * @param vc the session's VC
   * @param setting the setting's name, in any case
   * @param value the new value, as the statement gives it (trimmed)
   * @throws SimulatedSqlException {@code 42P02 unknown cluster setting '<name>'} for an unknown
   *     setting (and for a system-only setting in an application VC)
   */
  public void setClusterSetting(String vc, String setting, String value) {
    Objects.requireNonNull(vc, "vc");
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(value, "value");
    synchronized (sim) {
      setClusterSetting(vc, setting, value, sim.sqlOrigin());
    }
  }

  void setClusterSetting(String vc, String setting, String value, FinalizationOrigin origin) {
    checkConnect(vc);
    VcState v = vcs.get(vc);
    String n = normalize(setting);
    String val = value == null ? "" : value.trim();
    switch (n) {
      case VERSION -> {
        if (v.kind == VcKind.READER) {
          throw new SimulatedSqlException(FEATURE_NOT_SUPPORTED,
              "cannot upgrade the reader virtual cluster \"" + v.name + "\" by setting the version"
                  + " cluster setting",
              "Drop the reader virtual cluster and re-create it with ALTER VIRTUAL CLUSTER ... SET"
                  + " REPLICATION READ VIRTUAL CLUSTER once the replicated time has passed the"
                  + " upgrade.");
        }
        VcState.Finalization f = requestFinalization(v, parseVersion(val), origin);
        if (f != null && (origin == FinalizationOrigin.SQL || origin == FinalizationOrigin.PORT)) {
          sim.blocking().awaitFinalization(this, v, f);
        }
      }
      case AUTO_UPGRADE -> {
        v.autoUpgrade = parseBool(val);
        v.remember(sim.now());
        sim.changed(name, "setting", vc + ": " + AUTO_UPGRADE + " = " + v.autoUpgrade);
      }
      case PRESERVE -> {
        if (val.isEmpty()) {
          resetPreserve(v);
          return;
        }
        ClusterVersion p;
        try {
          p = ClusterVersion.parse(val);
        } catch (VersionFormatException e) {
          p = null;
        }
        if (p == null || !p.equals(v.version)) {
          throw new SimulatedSqlException(UNCATEGORIZED,
              "cannot set " + PRESERVE + " to " + val + " (cluster version is " + v.version + ")");
        }
        v.preserve = val;
        v.remember(sim.now());
        sim.changed(name, "setting", vc + ": " + PRESERVE + " = '" + val + "'");
      }
      case RANGEFEED, DEFAULT_TARGET -> {
        if (v.kind != VcKind.SYSTEM) {
          throw unknownSetting(setting);
        }
        if (n.equals(RANGEFEED)) {
          val = Boolean.toString(parseBool(val));
        }
        v.other.put(n, val);
        sim.note(name, "setting", vc + ": " + n + " = '" + val + "'");
      }
      default -> throw unknownSetting(setting);
    }
  }

  /**
   * {@code RESET CLUSTER SETTING <name>} in {@code vc} (also {@code SET ... = DEFAULT}).
   *
   * @param vc the session's VC
   * @param setting the setting's name, in any case
   * @throws SimulatedSqlException {@code XXUUU cannot RESET cluster version setting} for
   *     {@code version}; {@code 42P02} for an unknown setting
   */
  public void resetClusterSetting(String vc, String setting) {
    Objects.requireNonNull(vc, "vc");
    Objects.requireNonNull(setting, "setting");
    synchronized (sim) {
      checkConnect(vc);
      VcState v = vcs.get(vc);
      String n = normalize(setting);
      switch (n) {
        case VERSION -> throw new SimulatedSqlException(UNCATEGORIZED,
            "cannot RESET cluster version setting");
        case AUTO_UPGRADE -> {
          v.autoUpgrade = true;
          v.remember(sim.now());
          sim.changed(name, "setting", vc + ": RESET " + AUTO_UPGRADE);
        }
        case PRESERVE -> resetPreserve(v);
        case RANGEFEED, DEFAULT_TARGET -> {
          if (v.kind != VcKind.SYSTEM) {
            throw unknownSetting(setting);
          }
          v.other.remove(n);
          sim.note(name, "setting", vc + ": RESET " + n);
        }
        default -> throw unknownSetting(setting);
      }
    }
  }

  private void resetPreserve(VcState v) {
    v.preserve = "";
    v.remember(sim.now());
    sim.changed(name, "setting", v.name + ": RESET " + PRESERVE);
  }

  // ------------------------------------------------------------------ virtual clusters

  /**
   * {@code SHOW VIRTUAL CLUSTERS}: every VC in id order, strings as the product prints them.
   *
   * @return one row per VC not dropped, {@code system} first
   * @throws SimulatedSqlException {@code 08006} when no node is live
   */
  public List<VirtualClusterRow> showVirtualClusters() {
    synchronized (sim) {
      gateway();
      List<VirtualClusterRow> rows = new ArrayList<>();
      for (VcState v : vcsById()) {
        rows.add(row(v));
      }
      return rows;
    }
  }

  /**
   * {@code SHOW VIRTUAL CLUSTER <vc>}.
   *
   * @param vc the VC's name
   * @return its row
   * @throws SimulatedSqlException {@code 42704 tenant "<vc>" does not exist}
   */
  public VirtualClusterRow showVirtualCluster(String vc) {
    Objects.requireNonNull(vc, "vc");
    synchronized (sim) {
      gateway();
      return row(require(vc));
    }
  }

  /**
   * {@code SHOW VIRTUAL CLUSTER <vc> WITH REPLICATION STATUS}. A VC without a consumer job gets a
   * row whose replication columns are NULL and whose status is its data state.
   *
   * @param vc the VC's name
   * @return its row, with the gateway series' column names
   * @throws SimulatedSqlException {@code 42704 tenant "<vc>" does not exist}
   */
  public ReplicationStatusRow replicationStatus(String vc) {
    Objects.requireNonNull(vc, "vc");
    synchronized (sim) {
      BinaryVersion gw = gateway().binary;
      VcState v = require(vc);
      boolean failover = sim.catalog().supports(Feature.FAILOVER_NAMING, gw);
      boolean jobColumn = sim.catalog().supports(Feature.INGESTION_JOB_ID_COLUMN, gw);
      VcState.Stream s = v.stream;
      if (s == null) {
        return new ReplicationStatusRow(v.id, v.name, null, null, null, null, null, null, null,
            dataStateString(v), failover, jobColumn);
      }
      Instant now = sim.now();
      Instant rt = s.replicatedTime;
      Instant retained = rt == null ? null
          : max(s.createdAt, rt.minus(Duration.ofHours(4))).plus(1, ChronoUnit.MICROS);
      return new ReplicationStatusRow(v.id, v.name, s.jobId, s.sourceVc,
          sourceUri(s.source), retained, rt, rt == null ? null : Duration.between(rt, now),
          s.failoverTime == null ? null : hlc(s.failoverTime), s.state.spelling(failover),
          failover, jobColumn);
    }
  }

  /**
   * {@code ALTER VIRTUAL CLUSTER <vc> STOP SERVICE}, blocking as the product does
   * (crdb-pcr-sql-facts.md 3.4 and 10.1, {@code stepTenantServiceState}): a serving VC is written
   * {@code stopping}, the statement waits for the stop time of the cluster and VC (every node
   * stopping to serve it), then writes {@code none} and returns. Interrupted (its client went
   * away), the statement ends with {@code 57014} and the VC stays {@code stopping}; sent again on
   * a {@code stopping} VC it waits again and moves it on to {@code none}. A VC already in
   * {@code none} is left alone (no-op, as the product).
   *
   * @param vc the VC to stop
   * @throws SimulatedSqlException {@code 42704} for a missing VC; XXUUU for the system VC
   *     (text UNCONFIRMED); {@code 57014} when interrupted
   */
  public void stopService(String vc) {
    Objects.requireNonNull(vc, "vc");
    synchronized (sim) {
      gateway();
      VcState v = require(vc);
      refuseSystem(v);
      if (v.serviceMode == ServiceMode.NONE) {
        sim.note(name, "sql", "STOP SERVICE " + vc + ": already none");
        return;
      }
      if (v.serviceMode == ServiceMode.STOPPING) {
        sim.note(name, "sql", "STOP SERVICE " + vc + ": already stopping; waiting for the nodes");
      } else {
        v.serviceMode = ServiceMode.STOPPING;
        sim.changed(name, "service", vc + " stopping");
      }
      sim.blocking().awaitStop(this, v);
    }
  }

  /**
   * {@code ALTER VIRTUAL CLUSTER <vc> START SERVICE SHARED}. The statement succeeds when the VC's
   * data is ready; its SQL servers then start on every node, and refuse to when a node's binary is
   * older than the VC's version ({@code preventing SQL server from starting because its binary
   * version is too low for the tenant active version: ...}, crdb-pcr-sql-facts.md 4.2) or its
   * MinSupported is above it: the VC then stays unreachable ({@link #checkConnect} fails) and the
   * reason is in the trace and {@link #sqlServerError}.
   *
   * @param vc the VC to start; a VC already {@code shared} is left alone
   * @throws SimulatedSqlException {@code 42704}; {@code 55000 service currently stopping, cannot
   *     start service until stop has completed}; {@code 55000 cannot change service mode external
   *     to shared directly} (hint) (both 55000 per crdb-pcr-sql-facts.md 10.1,
   *     {@code tenant_update.go}); {@code 55000} for a VC whose data is not ready (text
   *     UNCONFIRMED)
   */
  public void startServiceShared(String vc) {
    Objects.requireNonNull(vc, "vc");
    synchronized (sim) {
      gateway();
      VcState v = require(vc);
      refuseSystem(v);
      switch (v.serviceMode) {
        case SHARED -> {
          sim.note(name, "sql", "START SERVICE SHARED " + vc + ": already shared");
          return;
        }
        case STOPPING -> throw new SimulatedSqlException(OBJECT_NOT_IN_PREREQUISITE_STATE,
            "service currently stopping, cannot start service until stop has completed");
        case EXTERNAL -> throw new SimulatedSqlException(OBJECT_NOT_IN_PREREQUISITE_STATE,
            "cannot change service mode external to shared directly",
            "Use ALTER VIRTUAL CLUSTER STOP SERVICE first.");
        default -> { }
      }
      if (v.dataState != DataState.READY) {
        throw new SimulatedSqlException(OBJECT_NOT_IN_PREREQUISITE_STATE,
            "cannot start service for tenant \"" + vc + "\" (" + v.id + ") in data state "
                + dataStateString(v));
      }
      v.serviceMode = ServiceMode.SHARED;
      v.sqlServerError = sqlServerRefusal(v);
      sim.fidelityFaults().serviceRestarted(this, vc);
      sim.changed(name, "service", vc + " started (service mode shared)"
          + (v.sqlServerError == null ? "" : "; SQL servers refuse to start: " + v.sqlServerError));
    }
  }

  /**
   * Why the SQL servers of {@code vc} refused to start, if they did.
   *
   * @param vc the VC's name
   * @return the product's refusal text from the last start of its service, or empty when they
   *     started (or it never served)
   * @throws SimulatedSqlException {@code 42704} for a missing VC
   */
  public Optional<String> sqlServerError(String vc) {
    Objects.requireNonNull(vc, "vc");
    synchronized (sim) {
      return Optional.ofNullable(require(vc).sqlServerError);
    }
  }

  /**
   * {@code DROP VIRTUAL CLUSTER <vc>}: the VC leaves {@code SHOW VIRTUAL CLUSTERS} at once and its
   * name can be reused at once (the product moves the name to {@code DroppedName}, clears
   * {@code Name}, and lists only non-dropped tenants: {@code pkg/sql/tenant_deletion.go},
   * {@code GetAllNonDropTenantIDs}, crdb-pcr-sql-facts.md 10.3); its consumer job, if any, is
   * cancelled, and the GC of its data goes on in the background (traced after the drop time).
   *
   * @param vc the VC to drop
   * @throws SimulatedSqlException {@code 42704 tenant "<vc>" does not exist} (a dropped VC too, its
   *     name being cleared, so the product's {@code is already in data state DROP} is never seen
   *     by name); {@code 55000 cannot drop tenant "<vc>" (<id>) in service mode shared} with the
   *     hint {@code Use ALTER VIRTUAL CLUSTER STOP SERVICE before DROP VIRTUAL CLUSTER.}
   */
  public void dropVirtualCluster(String vc) {
    Objects.requireNonNull(vc, "vc");
    synchronized (sim) {
      gateway();
      VcState v = require(vc);
      refuseSystem(v);
      if (v.serviceMode != ServiceMode.NONE) {
        throw new SimulatedSqlException(OBJECT_NOT_IN_PREREQUISITE_STATE,
            "cannot drop tenant \"" + vc + "\" (" + v.id + ") in service mode "
                + v.serviceMode.sql(), DROP_HINT);
      }
      v.dataState = DataState.DROPPING;
      v.stream = null;
      v.finalization = null;
      vcs.remove(vc);
      sim.changed(name, "vc", vc + " dropped (name free at once; its data is GC'd in the"
          + " background)");
      sim.schedule(sim.timing().drop(), name + ": " + vc + " (id " + v.id + ") data GC",
          () -> sim.note(name, "vc", "data of dropped VC " + vc + " (id " + v.id + ") GC'd"));
    }
  }

  /**
   * {@code ALTER VIRTUAL CLUSTER <vc> SET REPLICATION READ VIRTUAL CLUSTER}: creates
   * {@code <vc>-readonly} in data state {@code add}, service {@code none}, at the system VC's
   * version; it becomes {@code ready}/{@code shared} after the initial scan (virtual time).
   *
   * <p>It succeeds and silently does nothing (crdb-pcr-sql-facts.md 10.3) on a gateway binary
   * that has reader VCs but not this statement's fix (24.3.0 to 24.3.11, 25.1.0 to 25.1.5: fixed by
   * PR #143752, backports #143853 and #143905), and while the stream of {@code vc} is still in
   * its initial scan (issue #147643, open): a tool must check that the reader appeared.
   *
   * @param vc the replicating VC the reader is to read
   * @throws SimulatedSqlException {@code 42704} for a missing VC; {@code 42601 at or near "read":
   *     syntax error} on a gateway binary without reader VCs (before 24.3; UNCONFIRMED text);
   *     {@code 55000} when {@code vc} is neither replicating nor in its initial scan (UNCONFIRMED
   *     text); {@code 42710} when the reader VC already exists (UNCONFIRMED text)
   */
  public void setReplicationReadVirtualCluster(String vc) {
    Objects.requireNonNull(vc, "vc");
    synchronized (sim) {
      BinaryVersion gw = gateway().binary;
      VcState v = require(vc);
      if (!sim.catalog().supports(Feature.READER_VC, gw)) {
        throw new SimulatedSqlException(SYNTAX_ERROR, "at or near \"read\": syntax error");
      }
      if (!sim.catalog().supports(Feature.SET_REPLICATION_READ_VC, gw)) {
        sim.note(name, "sql", "SET REPLICATION READ VIRTUAL CLUSTER on " + vc + " did nothing"
            + " (" + gw + " predates the fix of #143752)");
        return;
      }
      if (sim.fidelityFaults().ignoreReaderStatement(this)) {
        sim.note(name, "sql", "SET REPLICATION READ VIRTUAL CLUSTER on " + vc + " did nothing"
            + " (Fault.ReaderStatementIgnored)");
        return;
      }
      if (v.stream != null && v.stream.state == ReplicationState.INITIALIZING) {
        sim.note(name, "sql", "SET REPLICATION READ VIRTUAL CLUSTER on " + vc + " did nothing"
            + " (initial scan running, #147643)");
        return;
      }
      if (v.stream == null || v.stream.state != ReplicationState.REPLICATING) {
        throw new SimulatedSqlException(OBJECT_NOT_IN_PREREQUISITE_STATE,
            "cannot add a read virtual cluster to tenant \"" + vc + "\" (" + v.id + "): its"
                + " status is " + dataStateString(v) + ", not replicating");
      }
      String readerName = VirtualClusterInfo.readerNameFor(vc);
      if (vcs.containsKey(readerName)) {
        throw new SimulatedSqlException(DUPLICATE_OBJECT,
            "tenant \"" + readerName + "\" already exists");
      }
      VcState reader = new VcState(nextVcId++, readerName, VcKind.READER, DataState.ADD,
          ServiceMode.NONE, system().version, sim.now());
      reader.remember(sim.now());
      vcs.put(readerName, reader);
      sim.changed(name, "vc", readerName + " created (reader of " + vc + ") at "
          + reader.version + "; initial scan running");
      sim.readerCreated(this, reader, v);
      sim.schedule(sim.timing().readerInitialScan(), name + ": " + readerName + " scan done",
          () -> {
            if (vcs.get(readerName) == reader && reader.dataState == DataState.ADD) {
              reader.dataState = DataState.READY;
              reader.serviceMode = ServiceMode.SHARED;
              reader.sqlServerError = sqlServerRefusal(reader);
              sim.changed(name, "vc", readerName + " ready (service mode shared)");
            }
          });
    }
  }

  /**
   * {@code ALTER VIRTUAL CLUSTER <vc> COMPLETE REPLICATION TO LATEST}: requests a failover at the
   * replicated time (the stream's start before the initial scan) and returns it as an HLC decimal
   * ({@code 1695922878030920020.0000000000}). The status then goes {@code replication pending
   * failover}, {@code replication failing over}, and the VC ends {@code ready} with service
   * {@code none}, carrying the source's version as of the failover time.
   *
   * @param vc the replicating VC to fail over
   * @return the failover time, as an HLC decimal
   * @throws SimulatedSqlException {@code 42704}; {@code XXUUU tenant "<vc>" (<id>) does not have an
   *     active replication consumer job}; re-issued before 25.4: {@code XXUUU job <id> already
   *     started cutting over to timestamp <ts>} (25.4+: a no-op returning the same time)
   */
  public BigDecimal completeReplicationToLatest(String vc) {
    Objects.requireNonNull(vc, "vc");
    synchronized (sim) {
      BinaryVersion gw = gateway().binary;
      VcState v = require(vc);
      VcState.Stream s = v.stream;
      if (s == null) {
        throw noConsumerJob(v);
      }
      if (s.failoverTime != null) {
        if (gw.series().isAtLeast(ReleaseSeries.of(25, 4))) {
          return hlc(s.failoverTime);
        }
        throw new SimulatedSqlException(UNCATEGORIZED, "job " + s.jobId
            + " already started cutting over to timestamp " + hlc(s.failoverTime));
      }
      Instant ts = s.replicatedTime != null ? s.replicatedTime : s.createdAt;
      s.failoverTime = ts;
      s.state = ReplicationState.PENDING_FAILOVER;
      sim.changed(name, "replication", vc + " failover requested at " + hlc(ts));
      sim.schedule(Duration.ofSeconds(1), name + ": " + vc + " failing over", () -> {
        if (v.stream == s) {
          s.state = ReplicationState.FAILING_OVER;
          sim.changed(name, "replication", vc + " failing over");
        }
      });
      sim.schedule(sim.timing().failover(), name + ": " + vc + " failover done",
          () -> completeFailover(v, s));
      return hlc(ts);
    }
  }

  private void completeFailover(VcState v, VcState.Stream s) {
    if (v.stream != s || vcs.get(v.name) != v) {
      return;
    }
    VcState src = s.source.vcs.get(s.sourceVc);
    if (src != null) {
      VcState.HistoryPoint p = src.asOf(s.failoverTime);
      v.version = p.version();
      v.autoUpgrade = p.autoUpgrade();
      v.preserve = p.preserve();
    }
    v.stream = null;
    v.dataState = DataState.READY;
    v.serviceMode = ServiceMode.NONE;
    v.priorSourceCluster = s.source.name();
    v.priorSourceVc = s.sourceVc;
    v.failedOverAt = sim.now();
    v.priorSourceClusterId = s.source.clusterId();
    v.priorSourceTenantId = src == null ? 0 : src.id;
    v.priorFailoverTime = s.failoverTime;
    v.remember(sim.now());
    sim.changed(name, "replication", v.name + " failed over at " + hlc(s.failoverTime) + ", at "
        + v.version + " (data state ready, service none)");
    if (s.startServiceAfterFailover) {
      try {
        startServiceShared(v.name);
      } catch (SimulatedSqlException e) {
        sim.note(name, "fault", "external actor could not start " + v.name + ": " + e.getMessage());
      }
    }
  }

  /**
   * What {@code SHOW VIRTUAL CLUSTER <vc> WITH PRIOR REPLICATION DETAILS} shows of {@code vc}: the
   * source it replicated from until its last failover (set when the failover completes, as the
   * product's {@code activateTenant} does, crdb-pcr-sql-facts 11.1); empty for a VC never promoted.
   *
   * @param vc the VC's name
   * @return the prior source's cluster ID, VC id and failover time; empty for a VC never promoted
   * @throws SimulatedSqlException {@code 42704 tenant "<vc>" does not exist}
   */
  public Optional<PriorReplication> priorReplication(String vc) {
    Objects.requireNonNull(vc, "vc");
    synchronized (sim) {
      VcState v = require(vc);
      return v.priorSourceClusterId == null ? Optional.empty()
          : Optional.of(new PriorReplication(v.priorSourceClusterId, v.priorSourceTenantId,
              hlc(v.priorFailoverTime)));
    }
  }

  /**
   * {@code ALTER VIRTUAL CLUSTER <vc> START REPLICATION OF <sourceVc> ON '<uri of sourceCluster>'}
   * (fast failback, run on the original primary), with the product's checks in order
   * (crdb-pcr-sql-facts.md 3.5; all XXUUU): service mode must be none, data state ready, the two
   * VCs must have replicated one from the other, and the failover must be within the 24 h of
   * retained history. No version check exists in the product: failing back from a newer cluster
   * is accepted here too, and the invariant monitor records it (invariant 7).
   *
   * @param vc the VC on this cluster to replicate into (the original primary's app VC)
   * @param sourceVc the promoted VC on {@code sourceCluster} to replicate from
   * @param sourceCluster the name of the promoted cluster (the wire front resolves the URI)
   * @throws SimulatedSqlException XXUUU for each check that fails, in the order above; {@code
   *     08006} when {@code sourceCluster} is not the deployment's other cluster; {@code 42704}
   *     for a missing VC
   */
  public void startReplicationOf(String vc, String sourceVc, String sourceCluster) {
    Objects.requireNonNull(vc, "vc");
    Objects.requireNonNull(sourceVc, "sourceVc");
    Objects.requireNonNull(sourceCluster, "sourceCluster");
    synchronized (sim) {
      gateway();
      VcState v = require(vc);
      refuseSystem(v);
      if (v.serviceMode != ServiceMode.NONE) {
        throw new SimulatedSqlException(UNCATEGORIZED,
            "cannot start replication for tenant \"" + vc + "\" (" + v.id + ") in service mode "
                + v.serviceMode.sql() + "; service mode must be " + ServiceMode.NONE.sql());
      }
      if (v.dataState != DataState.READY) {
        throw new SimulatedSqlException(UNCATEGORIZED,
            "cannot start replication for tenant \"" + vc + "\" (" + v.id + ") in state "
                + rawDataState(v) + " (is replication or a restore already running?)");
      }
      SimulatedCluster src = sim.clusterOrNull(sourceCluster);
      if (src == null || src == this) {
        throw new SimulatedSqlException(CONNECTION_FAILURE,
            "failed to connect to the source cluster '" + sourceCluster + "'");
      }
      VcState sv = src.vcs.get(sourceVc);
      if (sv == null) {
        throw new SimulatedSqlException(UNDEFINED_OBJECT,
            "tenant \"" + sourceVc + "\" does not exist");
      }
      boolean sourceCameFromUs = name.equals(sv.priorSourceCluster) && vc.equals(sv.priorSourceVc);
      boolean weCameFromSource =
          src.name().equals(v.priorSourceCluster) && sourceVc.equals(v.priorSourceVc);
      if (!sourceCameFromUs && !weCameFromSource) {
        throw new SimulatedSqlException(UNCATEGORIZED,
            "cannot reconfigure existing tenant to replicate from specified source: it was neither"
                + " previously replicating from this source (prior replication source was \""
                + (v.priorSourceVc == null ? "" : v.priorSourceVc) + "\"), nor was the source"
                + " previously replicating from it (\""
                + (sv.priorSourceVc == null ? "" : sv.priorSourceVc) + "\")");
      }
      Instant divergence = sourceCameFromUs ? sv.failedOverAt : v.failedOverAt;
      Instant retainedSince = sim.now().minus(Duration.ofHours(24));
      if (divergence != null && divergence.isBefore(retainedSince)) {
        throw new SimulatedSqlException(UNCATEGORIZED,
            "cannot resume replication into tenant \"" + vc + "\" by reverting to "
                + hlc(divergence) + " (history retained since " + hlc(retainedSince) + ")");
      }
      VcState.Stream s = new VcState.Stream(src, sourceVc, sim.nextJobId(), sim.now(),
          ReplicationState.INITIALIZING);
      s.initialScanDoneAt = sim.now().plus(sim.timing().failbackCatchUp());
      v.stream = s;
      v.dataState = DataState.ADD;
      sim.changed(name, "replication", vc + " replicating from '" + src.name() + "' VC '"
          + sourceVc + "' (fast failback, job " + s.jobId + ")");
    }
  }

  /**
   * When the consumer job of {@code vc}'s stream was created (its {@code created} in {@code SHOW
   * JOBS}), or empty when {@code vc} ingests no stream.
   *
   * @param vc the VC's name
   * @return the job's creation time; empty as well for a VC that does not exist
   */
  public Optional<Instant> ingestionJobCreatedAt(String vc) {
    Objects.requireNonNull(vc, "vc");
    synchronized (sim) {
      VcState v = vcs.get(vc);
      return v == null || v.stream == null ? Optional.empty() : Optional.of(v.stream.createdAt);
    }
  }

  /**
   * Someone outside the run replaces the consumer job of {@code vc}'s stream with a new one from the
   * same source, keeping its progress: what re-creating or restarting a stream looks like to a
   * reader of job ids, which change (crdb-pcr-sql-facts 11.2, {@code MakeJobID}). A test hook for
   * the topology guard, not a statement.
   *
   * @param vc the VC whose stream gets a new job
   * @return the new job id
   * @throws SimulatedSqlException {@code XXUUU} when {@code vc} has no consumer job
   */
  public long replaceIngestionJob(String vc) {
    Objects.requireNonNull(vc, "vc");
    synchronized (sim) {
      VcState v = require(vc);
      if (v.stream == null) {
        throw noConsumerJob(v);
      }
      VcState.Stream old = v.stream;
      VcState.Stream s = new VcState.Stream(old.source, old.sourceVc, sim.nextJobId(), sim.now(),
          old.state);
      s.initialScanDoneAt = old.initialScanDoneAt;
      s.replicatedTime = old.replicatedTime;
      s.failoverTime = old.failoverTime;
      s.startServiceAfterFailover = old.startServiceAfterFailover;
      v.stream = s;
      sim.changed(name, "replication", vc + " ingests through a new job " + s.jobId
          + " (was " + old.jobId + ")");
      return s.jobId;
    }
  }

  /**
   * {@code ALTER VIRTUAL CLUSTER <vc> PAUSE REPLICATION}.
   *
   * @param vc the replicating VC; its replicated time stops advancing until resumed
   * @throws SimulatedSqlException {@code XXUUU tenant "<vc>" (<id>) does not have an active
   *     replication consumer job}
   */
  public void pauseReplication(String vc) {
    Objects.requireNonNull(vc, "vc");
    synchronized (sim) {
      gateway();
      VcState v = require(vc);
      if (v.stream == null) {
        throw noConsumerJob(v);
      }
      v.stream.state = ReplicationState.PAUSED;
      sim.changed(name, "replication", vc + " paused");
    }
  }

  /**
   * {@code ALTER VIRTUAL CLUSTER <vc> RESUME REPLICATION}.
   *
   * @param vc the paused VC; a stream that is not paused is left alone
   * @throws SimulatedSqlException {@code XXUUU tenant "<vc>" (<id>) does not have an active
   *     replication consumer job}
   */
  public void resumeReplication(String vc) {
    Objects.requireNonNull(vc, "vc");
    synchronized (sim) {
      gateway();
      VcState v = require(vc);
      if (v.stream == null) {
        throw noConsumerJob(v);
      }
      if (v.stream.state == ReplicationState.PAUSED) {
        v.stream.state = v.stream.replicatedTime == null
            ? ReplicationState.INITIALIZING : ReplicationState.REPLICATING;
        sim.changed(name, "replication", vc + " resumed");
      }
    }
  }

  // ------------------------------------------------------------------ nodes

  /**
   * {@code crdb_internal.gossip_nodes} joined with {@code gossip_liveness}, by node id.
   *
   * @return one row per node, down nodes included ({@code is_live} false)
   * @throws SimulatedSqlException {@code 08006} when no node is live
   */
  public List<NodeRow> nodes() {
    synchronized (sim) {
      gateway();
      List<NodeRow> rows = new ArrayList<>();
      for (NodeState n : nodes.values()) {
        rows.add(new NodeRow(n.id, n.address, n.address, n.locality, n.binary.toString(),
            n.binary.series().toString(), n.live, n.draining, "active", n.epoch, n.startedAt,
            sim.now()));
      }
      return rows;
    }
  }

  /**
   * {@code crdb_internal.kv_store_status}, one store per node (store id = node id).
   *
   * @return one row per node; the cluster's under-replicated and unavailable ranges are all
   *     counted on the gateway's store
   * @throws SimulatedSqlException {@code 08006} when no node is live
   */
  public List<StoreRow> stores() {
    synchronized (sim) {
      NodeState gw = gateway();
      ClusterHealth h = health();
      List<StoreRow> rows = new ArrayList<>();
      for (NodeState n : nodes.values()) {
        boolean first = n == gw;
        rows.add(new StoreRow(n.id, n.id, RANGES_PER_STORE,
            first ? h.underReplicatedRanges() : 0, first ? h.unavailableRanges() : 0));
      }
      return rows;
    }
  }

  /**
   * Kills a node's process (test control, not SQL): it is no longer live until restarted.
   *
   * @param nodeId the node's id
   * @throws io.github.pcrupgrade.core.PcrUpgradeException {@code INVALID_ARGUMENT} for a node
   *     the cluster does not have
   */
  public void killNode(int nodeId) {
    synchronized (sim) {
      NodeState n = requireNode(nodeId);
      n.live = false;
      n.draining = false;
      n.restarting = false;
      sim.changed(name, "node", "n" + nodeId + " died");
    }
  }

  /**
   * Restarts a node on its current binary (test control, not SQL): it starts after the
   * deployment's restart time and rejoins after its rejoin time, unless its cluster's versions
   * make it refuse to start (the refusal is traced and the node stays down).
   *
   * @param nodeId the node's id
   * @throws io.github.pcrupgrade.core.PcrUpgradeException {@code INVALID_ARGUMENT} for a node
   *     the cluster does not have
   */
  public void restartNode(int nodeId) {
    synchronized (sim) {
      NodeState n = requireNode(nodeId);
      n.live = false;
      n.draining = false;
      n.restarting = true;
      sim.changed(name, "node", "n" + nodeId + " restarting on " + n.binary);
      sim.schedule(sim.timing().restart(), name + ": n" + nodeId + " start", () -> {
        String refusal = startupRefusal(n.binary);
        if (refusal != null) {
          n.restarting = false;
          sim.changed(name, "node", "n" + nodeId + " refused to start: " + refusal);
          return;
        }
        n.epoch++;
        n.startedAt = sim.now();
        sim.schedule(sim.timing().rejoin(), name + ": n" + nodeId + " rejoin", () -> {
          n.live = true;
          n.restarting = false;
          sim.changed(name, "node", "n" + nodeId + " rejoined on " + n.binary);
        });
      });
    }
  }

  // ------------------------------------------------------------------ internals

  NodeState requireNode(int nodeId) {
    NodeState n = nodes.get(nodeId);
    if (n == null) {
      throw new io.github.pcrupgrade.core.PcrUpgradeException(
          io.github.pcrupgrade.core.CoreErrorCode.INVALID_ARGUMENT,
          "cluster '" + name + "' has no node " + nodeId + "; it has nodes " + nodes.keySet());
    }
    return n;
  }

  VcState system() {
    return vcs.get(VirtualClusterInfo.SYSTEM);
  }

  List<VcState> vcsById() {
    return vcs.values().stream().sorted((a, b) -> Long.compare(a.id, b.id)).toList();
  }

  NodeState gateway() {
    for (NodeState n : nodes.values()) {
      if (n.live) {
        return n;
      }
    }
    throw new SimulatedSqlException(CONNECTION_FAILURE,
        "cannot connect to cluster '" + name + "': no node is live");
  }

  /** The oldest binary series among the nodes (every node is a member in the simulation). */
  ReleaseSeries minBinarySeries() {
    ReleaseSeries min = null;
    for (NodeState n : nodes.values()) {
      if (min == null || n.binary.series().isBefore(min)) {
        min = n.binary.series();
      }
    }
    return min;
  }

  private VcState require(String vc) {
    VcState v = vc == null ? null : vcs.get(vc);
    if (v == null) {
      throw new SimulatedSqlException(UNDEFINED_OBJECT, "tenant \"" + vc + "\" does not exist");
    }
    return v;
  }

  private static void refuseSystem(VcState v) {
    if (v.kind == VcKind.SYSTEM) {
      throw new SimulatedSqlException(UNCATEGORIZED,
          "cannot modify the service or data of the system tenant");
    }
  }

  private static SimulatedSqlException noConsumerJob(VcState v) {
    return new SimulatedSqlException(UNCATEGORIZED,
        "tenant \"" + v.name + "\" (" + v.id + ") does not have an active replication consumer job");
  }

  private static SimulatedSqlException unknownSetting(String setting) {
    return new SimulatedSqlException(UNDEFINED_PARAMETER,
        "unknown cluster setting '" + setting + "'");
  }

  /**
   * Validates and starts a finalization of {@code v} to {@code target}.
   *
   * @return the finalization under way to {@code target} (a new one, or the one already running),
   *     or null when {@code v} is already there
   */
  VcState.Finalization requestFinalization(VcState v, ClusterVersion target,
      FinalizationOrigin origin) {
    if (!target.isFinal()) {
      throw new SimulatedSqlException(UNCATEGORIZED,
          "cannot upgrade to " + target + ": only a final version 'X.Y' may be set");
    }
    ReleaseSeries bin = minBinarySeries();
    ClusterVersion latest = bin.finalVersion();
    if (target.isAfter(latest)) {
      throw new SimulatedSqlException(UNCATEGORIZED,
          "cannot upgrade to " + target + ": node running " + latest);
    }
    ReleaseSeries min = sim.catalog().minSupported(bin);
    if (!target.isAtLeast(min)) {
      throw new SimulatedSqlException(UNCATEGORIZED,
          "node at " + latest + " cannot run " + target + " (minimum version is " + min + ")");
    }
    if (target.isBefore(v.version)) {
      throw new SimulatedSqlException(UNCATEGORIZED,
          "versions cannot be downgraded (attempting to downgrade from " + v.version + " to "
              + target + ")");
    }
    if (target.equals(v.version)) {
      sim.note(name, "finalization", v.name + ": already at " + target);
      return null;
    }
    if (v.finalization != null && v.finalization.target.equals(target.base())) {
      sim.note(name, "finalization", v.name + ": finalization to " + target + " in progress");
      return v.finalization;
    }
    if (!v.preserve.isEmpty()) {
      throw new SimulatedSqlException(UNCATEGORIZED,
          "cannot upgrade to " + target + ": " + PRESERVE + " is set to " + v.preserve);
    }
    if (v.kind != VcKind.SYSTEM) {
      ClusterVersion storage = system().version;
      if (target.isAfter(storage)) {
        throw new SimulatedSqlException(UNCATEGORIZED,
            "preventing tenant upgrade from running as the storage cluster has not yet been"
                + " upgraded: storage cluster version = " + storage + ", tenant cluster version = "
                + v.version);
      }
    }
    if (v.finalization != null) {
      throw new SimulatedSqlException(UNCATEGORIZED,
          "cannot upgrade to " + target + ": an upgrade to " + v.finalization.target
              + " is in progress");
    }
    List<ClusterVersion> steps = sim.finalizationSteps(v.version, target.base(),
        v.kind != VcKind.SYSTEM);
    v.finalization = new VcState.Finalization(target.base(), steps, origin);
    sim.changed(name, "finalization", v.name + ": finalizing " + v.version + " -> " + target
        + " (" + origin.name().toLowerCase(Locale.ROOT) + ")");
    VcState.Finalization f = v.finalization;
    f.fullSteps = sim.finalizationSteps(ClusterVersion.finalOf(v.version.base()), target.base(),
        v.kind != VcKind.SYSTEM).size();
    sim.finalizationStarted(this, v, origin);
    scheduleStep(v, f);
    return f;
  }

  private void scheduleStep(VcState v, VcState.Finalization f) {
    sim.schedule(sim.blocking().finalizationStep(this, v, f.fullSteps),
        name + ": " + v.name + " finalization step", () -> step(v, f));
  }

  private void step(VcState v, VcState.Finalization f) {
    if (v.finalization != f || vcs.get(v.name) != v) {
      return;
    }
    ClusterVersion next = f.steps.get(f.next);
    String blocker = finalizationBlocker(v, f, next);
    if (blocker != null) {
      if (!blocker.equals(f.blockedBy)) {
        sim.note(name, "finalization", v.name + ": waiting before " + next + ": " + blocker);
      }
      f.blockedBy = blocker;
      scheduleStep(v, f);
      return;
    }
    f.blockedBy = null;
    v.version = next;
    f.next++;
    if (f.next == f.steps.size()) {
      v.finalization = null;
      v.preserve = "";
      v.lastFinalizedAt = sim.now();
      v.remember(sim.now());
      sim.changed(name, "finalization", v.name + ": finalized at " + next);
    } else {
      v.remember(sim.now());
      sim.changed(name, "finalization", v.name + ": at " + next);
      scheduleStep(v, f);
    }
  }

  private String finalizationBlocker(VcState v, VcState.Finalization f, ClusterVersion next) {
    for (NodeState n : nodes.values()) {
      if (!n.live || n.draining) {
        return "node " + n.id + " is " + (n.live ? "draining" : "not live");
      }
      if (n.binary.series().isBefore(f.target)) {
        return "node " + n.id + " runs " + n.binary;
      }
    }
    if (v.kind != VcKind.SYSTEM && next.isAfter(system().version)) {
      return "the storage cluster is at " + system().version;
    }
    return null;
  }

  /**
   * Why a node restarting onto {@code binary} refuses to start, or null: a binary older than the
   * system VC or a serving VC (crdb-pcr-sql-facts.md 4.2), or whose MinSupported is above one
   * (crdb-upgrade-facts.md 1.3 family). VCs that serve no SQL (the replicating VC) do not stop a
   * node; the invariant monitor judges them.
   */
  String startupRefusal(BinaryVersion binary) {
    ReleaseSeries s = binary.series();
    ReleaseSeries min = sim.catalog().minSupported(s);
    for (VcState v : vcsById()) {
      if (v.kind != VcKind.SYSTEM && v.serviceMode == ServiceMode.NONE) {
        continue;
      }
      String refusal = refusal(s, min, v);
      if (refusal != null) {
        return refusal;
      }
    }
    return null;
  }

  private String sqlServerRefusal(VcState v) {
    for (NodeState n : nodes.values()) {
      ReleaseSeries s = n.binary.series();
      String refusal = refusal(s, sim.catalog().minSupported(s), v);
      if (refusal != null) {
        return refusal;
      }
    }
    return null;
  }

  private static String refusal(ReleaseSeries s, ReleaseSeries min, VcState v) {
    if (v.version.isAfter(s.finalVersion())) {
      return "preventing SQL server from starting because its binary version is too low for the"
          + " tenant active version: server binary version = " + s + ", tenant active version = "
          + v.version;
    }
    if (!v.version.isAtLeast(min)) {
      return "node at " + s + " cannot run " + v.version + " (minimum version is " + min + ")";
    }
    return null;
  }

  ClusterHealth health() {
    int n = nodes.size();
    long down = nodes.values().stream().filter(x -> !x.live).count();
    if (down == 0) {
      return ClusterHealth.HEALTHY;
    }
    long unavailable = n >= 3 && down * 2 > n || n < 3 && down > 0 ? 4 * down : 0;
    return new ClusterHealth(RANGES_PER_STORE / 4 * down, unavailable);
  }

  /** The cluster as an inspector sees it, or (with {@code truth}) as it really is. */
  ClusterSnapshot snapshot(boolean truth) {
    List<NodeInfo> ns = new ArrayList<>();
    for (NodeState n : nodes.values()) {
      ns.add(new NodeInfo(n.id, n.address, n.locality, n.binary,
          n.live ? Liveness.LIVE : Liveness.DEAD, n.draining));
    }
    boolean failover = failoverNamingOrDefault();
    List<VirtualClusterInfo> vs = new ArrayList<>();
    for (VcState v : vcsById()) {
      boolean stalled = !truth && sim.fidelityFaults().refusesConnections(this, v);
      boolean visible = truth || v.connectable() && !stalled;
      VersionReading reading = visible ? VersionReading.observed(v.version)
          : VersionReading.unknown(v.stream != null
              ? "the replicating VC accepts no SQL; infer it from the source VC and the"
                  + " replicated time"
              : stalled ? "VC '" + v.name + "' serves but refuses connections: 08000 service"
                  + " unavailable for target tenant (" + v.name + ")"
              : "VC '" + v.name + "' does not serve SQL (service mode " + v.serviceMode.sql()
                  + ", data state " + dataStateString(v) + ")");
      Optional<FinalizationSettings> settings = visible
          ? Optional.of(new FinalizationSettings(v.autoUpgrade, v.preserve)) : Optional.empty();
      Optional<ReplicationInfo> repl = Optional.empty();
      if (v.stream != null) {
        VcState.Stream s = v.stream;
        repl = Optional.of(new ReplicationInfo(s.sourceVc, s.state, s.state.spelling(failover),
            Optional.ofNullable(s.replicatedTime),
            Optional.ofNullable(s.replicatedTime).map(rt -> max(s.createdAt,
                rt.minus(Duration.ofHours(4))).plus(1, ChronoUnit.MICROS)),
            Optional.ofNullable(s.replicatedTime).map(rt -> Duration.between(rt, sim.now())),
            // shown on every series: the replication status from 25.1 (and 23.x), SHOW JOBS on
            // 24.1-24.3, which the JDBC inspector reads there (crdb-pcr-sql-facts 11.2)
            Optional.of(s.jobId)));
      }
      VcKind kind = v.kind;
      vs.add(new VirtualClusterInfo(v.id, v.name, kind, v.dataState, v.serviceMode, reading,
          settings, repl));
    }
    return new ClusterSnapshot(name, role, ns, vs, health(), sim.now(),
        Optional.of(clusterId), Optional.empty()); // the in-memory inspector reads no licence
  }

  private boolean failoverNamingOrDefault() {
    for (NodeState n : nodes.values()) {
      if (n.live) {
        return sim.catalog().supports(Feature.FAILOVER_NAMING, n.binary);
      }
    }
    return sim.catalog().supports(Feature.FAILOVER_NAMING, nodes.firstEntry().getValue().binary);
  }

  private static String rawDataState(VcState v) {
    return switch (v.dataState) {
      case ADD -> "add";
      case READY -> "ready";
      case DROPPING -> "dropping";
    };
  }

  private VirtualClusterRow row(VcState v) {
    return new VirtualClusterRow(v.id, v.name, dataStateString(v), v.serviceMode.sql());
  }

  /** The data state as {@code SHOW VIRTUAL CLUSTERS} prints it. */
  String dataStateString(VcState v) {
    if (v.stream != null && v.dataState == DataState.ADD) {
      return v.stream.state.spelling(failoverNamingOrDefault());
    }
    return rawDataState(v);
  }

  private static String sourceUri(SimulatedCluster source) {
    return "postgresql://replication@" + source.name() + "-n1:26257/defaultdb?options="
        + "-ccluster%3Dsystem&sslmode=verify-full";
  }

  /** An instant as an HLC decimal with 10 logical digits ({@code <nanos>.0000000000}). */
  static BigDecimal hlc(Instant t) {
    BigInteger nanos = BigInteger.valueOf(t.getEpochSecond()).multiply(BigInteger.valueOf(1_000_000_000L))
        .add(BigInteger.valueOf(t.getNano()));
    return new BigDecimal(nanos).setScale(10);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static String normalize(String setting) {
    if (setting == null) {
      throw new SimulatedSqlException(UNDEFINED_PARAMETER, "unknown cluster setting 'null'");
    }
    return setting.trim().toLowerCase(Locale.ROOT);
  }

  private static ClusterVersion parseVersion(String value) {
    try {
      return ClusterVersion.parse(value);
    } catch (VersionFormatException e) {
      throw new SimulatedSqlException(UNCATEGORIZED, "invalid version " + value);
    }
  }

  private static boolean parseBool(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "t", "on", "yes", "1":
        return true;
      case "false", "f", "off", "no", "0":
        return false;
      default:
        throw new SimulatedSqlException(INVALID_PARAMETER_VALUE,
            "could not parse \"" + value + "\" as type bool: invalid bool value");
    }
  }

  private static String goVersion(ReleaseSeries s) {
    if (s.year() >= 26) {
      return "go1.25.5";
    }
    return s.year() == 25 ? "go1.23.7" : "go1.22.8";
  }

  Map<String, VcState> vcMap() {
    return vcs;
  }
}
