package io.github.pcrupgrade.testkit.sql;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.testkit.SimulatedCluster;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.internal.backend.AdministeredBackend;
import io.github.pcrupgrade.testkit.internal.backend.SimulatedClusterBackend;
import io.github.pcrupgrade.testkit.internal.wire.WireBackend;
import io.github.pcrupgrade.testkit.internal.wire.WireServer;
import io.github.pcrupgrade.testkit.sql.ExecutedStatement;
import io.github.pcrupgrade.testkit.sql.StatementLatency;
import io.github.pcrupgrade.testkit.sql.StatementLog;
import io.github.pcrupgrade.testkit.sql.WireLimits;
import io.github.pcrupgrade.testkit.sql.WireStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * A {@link SimulatedDeployment} served over the PostgreSQL wire protocol: one {@link WireServer}
 * per simulated node on its own loopback port, answering as CockroachDB does, so that pgjdbc,
 * HikariCP, the JDBC adapters or {@code psql} can talk to the simulation. A cluster's URL lists
 * every node (pgjdbc and libpq multi-host), so a new connection moves to a live node.
 *
 * <p><b>Nodes.</b> As in the product (crdb-pcr-sql-facts.md 10.2), when a node's process stops
 * (a restart onto a new binary, a death) every session on its endpoint is closed, and only those,
 * and a connection attempt there fails at once (it is reset; the port stays bound so that no other
 * process takes it); when the node rejoins, its endpoint takes connections again and a new session
 * there gets the node's new binary: its {@code version()}, {@code crdb_version} and session
 * defaults ({@code allow_unsafe_internals} by series, 9.4).
 *
 * <pre>{@code
 * SimulatedDeployment sim = SimulatedDeployment.builder().reader(true).build();
 * try (SimulatedPcrServer server = SimulatedPcrServer.builder(sim)
 *         .latency(Duration.ofMillis(20))
 *         .user(SqlUser.withoutAdmin("viewer", "viewer-password"))
 *         .start()) {
 *   String url = server.primaryUrl();   // jdbc:postgresql://127.0.0.1:<port>/defaultdb
 *   // connect as root / server.rootPassword(), routing with options=-ccluster=<vc>
 * }
 * }</pre>
 *
 * <p><b>Time and threads.</b> Each connection has its own thread; every statement runs
 * synchronized on the deployment. Virtual time moves only when someone advances it (a test, an
 * executor using the deployment's {@link SimulatedDeployment#sleeper() sleeper} and {@link
 * SimulatedDeployment#clock() clock}, or a {@link RealTimeDriver}); the statement logs are stamped
 * with the virtual clock. Injected latency is real time, spent before each statement outside the
 * deployment's lock. A blocking statement ({@code SET CLUSTER SETTING version}, {@code STOP
 * SERVICE}) advances the clock itself when nothing drives it, and otherwise holds its connection
 * (releasing the deployment's lock) until the driven clock has moved far enough; a client that
 * cancels it or goes away ends it.
 *
 * <p>Thread-safe. {@link #close()} stops both servers and closes their connections.
 */
public final class SimulatedPcrServer implements AutoCloseable {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(SimulatedPcrServer.class);

  /** The password of the default {@code root} user when the builder names none. */
  public static final String DEFAULT_ROOT_PASSWORD = "simulated-root";

  private final SimulatedDeployment deployment;
  /** Per cluster, per node id, the node's endpoint. */
  private final Map<String, Map<Integer, WireServer>> servers = new LinkedHashMap<>();
  private final Map<String, StatementLog> logs = new LinkedHashMap<>();
  private final String rootPassword;
  private volatile boolean closed;

  private SimulatedPcrServer(Builder b) {
    this.deployment = b.deployment;
    this.rootPassword = b.users.stream().filter(u -> u.name().equals("root")).findFirst()
        .map(SqlUser::password).orElse(null);
  }

  /**
   * A builder serving {@code deployment}.
   *
   * @param deployment the deployment to serve; both its clusters are served
   * @return a builder with the defaults of {@link #serve}
   * @throws NullPointerException if {@code deployment} is null
   */
  public static Builder builder(SimulatedDeployment deployment) {
    return new Builder(deployment);
  }

  /**
   * Serves {@code deployment} with the defaults: user {@code root}, no latency, ephemeral ports.
   *
   * @param deployment the deployment to serve
   * @return the started server; close it when done
   * @throws UncheckedIOException if a port cannot be bound
   */
  public static SimulatedPcrServer serve(SimulatedDeployment deployment) {
    return builder(deployment).start();
  }

  /**
   * The deployment served.
   *
   * @return the deployment given to the builder
   */
  public SimulatedDeployment deployment() {
    return deployment;
  }

  /**
   * The JDBC URL of the primary: {@code jdbc:postgresql://127.0.0.1:<port>/defaultdb}.
   *
   * @return the primary's {@link #jdbcUrl(String)}, listing every node
   */
  public String primaryUrl() {
    return jdbcUrl(deployment.primary().name());
  }

  /**
   * The JDBC URL of the standby.
   *
   * @return the standby's {@link #jdbcUrl(String)}, listing every node
   */
  public String standbyUrl() {
    return jdbcUrl(deployment.standby().name());
  }

  /**
   * The JDBC URL of the named cluster, without credentials or routing, listing every node:
   * {@code jdbc:postgresql://127.0.0.1:<p1>,127.0.0.1:<p2>,127.0.0.1:<p3>/defaultdb}.
   *
   * @param cluster the cluster's name
   * @return the URL; a session routes to a VC with {@code options=-ccluster=<vc>}
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if no cluster of that name is served
   */
  public String jdbcUrl(String cluster) {
    Objects.requireNonNull(cluster, "cluster");
    return "jdbc:postgresql://" + hosts(cluster) + "/defaultdb";
  }

  /**
   * The JDBC URL of one node of the named cluster.
   *
   * @param cluster the cluster's name
   * @param nodeId the node's id
   * @return {@code jdbc:postgresql://127.0.0.1:<port>/defaultdb} for that node alone
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if the cluster is not served or has no
   *     such node
   */
  public String nodeJdbcUrl(String cluster, int nodeId) {
    Objects.requireNonNull(cluster, "cluster");
    return "jdbc:postgresql://127.0.0.1:" + nodePort(cluster, nodeId) + "/defaultdb";
  }

  private String hosts(String cluster) {
    StringBuilder b = new StringBuilder();
    for (WireServer w : nodes(cluster).values()) {
      b.append(b.length() == 0 ? "" : ",").append("127.0.0.1:").append(w.port());
    }
    return b.toString();
  }

  /**
   * A libpq URL ({@code psql}, {@code cockroach sql --url}) of the named cluster and VC, for
   * {@code user} without a password: {@code postgresql://root@127.0.0.1:<port>/defaultdb?
   * sslmode=disable&options=-ccluster%3Dsystem}.
   *
   * @param cluster the cluster's name
   * @param user the user name, URL-encoded into the URL
   * @param vc the VC to route to
   * @return the URL, listing every node of the cluster
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if no cluster of that name is served
   */
  public String libpqUrl(String cluster, String user, String vc) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(vc, "vc");
    return "postgresql://" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "@"
        + hosts(cluster) + "/defaultdb?sslmode=disable&options="
        + URLEncoder.encode("-ccluster=" + vc, StandardCharsets.UTF_8);
  }

  /**
   * The port of the named cluster's first node.
   *
   * @param cluster the cluster's name
   * @return the port, bound on 127.0.0.1
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if no cluster of that name is served
   */
  public int port(String cluster) {
    Objects.requireNonNull(cluster, "cluster");
    return nodes(cluster).values().iterator().next().port();
  }

  /**
   * The port of node {@code nodeId} of the named cluster (kept while the node is down).
   *
   * @param cluster the cluster's name
   * @param nodeId the node's id
   * @return the port, bound on 127.0.0.1
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if the cluster is not served or has no
   *     such node
   */
  public int nodePort(String cluster, int nodeId) {
    Objects.requireNonNull(cluster, "cluster");
    WireServer w = nodes(cluster).get(nodeId);
    if (w == null) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, "cluster '" + cluster
          + "' has no node " + nodeId + "; it has nodes " + nodes(cluster).keySet());
    }
    return w.port();
  }

  /**
   * The password of user {@code root}, if the server has one.
   *
   * @return the password, {@link #DEFAULT_ROOT_PASSWORD} unless the builder named another; empty
   *     only when {@code root} was given as a role that cannot log in
   */
  public Optional<String> rootPassword() {
    return Optional.ofNullable(rootPassword);
  }

  /**
   * The statements the named cluster executed.
   *
   * @param cluster the cluster's name
   * @return the cluster's live log (all its nodes), which goes on growing
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if no cluster of that name is served
   */
  public StatementLog statementLog(String cluster) {
    Objects.requireNonNull(cluster, "cluster");
    nodes(cluster);
    return logs.get(cluster);
  }

  /**
   * The statements both clusters executed, primary's first.
   *
   * @return a copy: the primary's entries, oldest first, then the standby's
   */
  public List<ExecutedStatement> statements() {
    List<ExecutedStatement> all = new ArrayList<>();
    logs.values().forEach(l -> all.addAll(l.entries()));
    return all;
  }

  /**
   * The wire statistics of node {@code nodeId}'s endpoint on the named cluster.
   *
   * @param cluster the cluster's name
   * @param nodeId the node's id
   * @return the endpoint's counters now
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if the cluster is not served or has no
   *     such node
   */
  public WireStats nodeStats(String cluster, int nodeId) {
    Objects.requireNonNull(cluster, "cluster");
    nodePort(cluster, nodeId);
    return nodes(cluster).get(nodeId).stats();
  }

  /** Forgets both statement logs. */
  public void clearStatementLogs() {
    logs.values().forEach(StatementLog::clear);
  }

  private Map<Integer, WireServer> nodes(String cluster) {
    Map<Integer, WireServer> s = servers.get(cluster);
    if (s == null) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, "no cluster named '"
          + cluster + "' is served; the deployment has " + servers.keySet());
    }
    return s;
  }

  private Optional<String> clusterOfUri(String uri) {
    if (uri == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, Map<Integer, WireServer>> e : servers.entrySet()) {
      if (uri.contains("@" + e.getKey() + "-") || uri.contains("//" + e.getKey() + "-")) {
        return Optional.of(e.getKey());
      }
      for (WireServer w : e.getValue().values()) {
        int p = w.port();
        if (uri.contains(":" + p + "/") || uri.contains(":" + p + "?") || uri.contains(":" + p + ",")
            || uri.endsWith(":" + p)) {
          return Optional.of(e.getKey());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The simulation's stream URI ({@code postgresql://replication@<cluster>-n1:26257/...}) with the
   * source's node address replaced by the source's first served endpoint, so that the stream URI a
   * served standby shows names the address its clients use for the primary (what preflight's
   * host match compares, crdb-pcr-sql-facts 11.1).
   */
  private String servedSourceUri(String uri) {
    for (Map.Entry<String, Map<Integer, WireServer>> e : servers.entrySet()) {
      String node = "@" + e.getKey() + "-n1:26257";
      if (uri.contains(node) && !e.getValue().isEmpty()) {
        return uri.replace(node, "@127.0.0.1:" + e.getValue().values().iterator().next().port());
      }
    }
    return uri;
  }

  /**
   * Suspends the endpoint of every node that is not live and resumes that of every live node
   * (called with the deployment's lock held, after each node change).
   */
  private void followNodes() {
    for (Map.Entry<String, Map<Integer, WireServer>> e : servers.entrySet()) {
      SimulatedCluster c = deployment.cluster(e.getKey());
      for (Map.Entry<Integer, WireServer> n : e.getValue().entrySet()) {
        // Runs inside the simulation's clock tick: one endpoint's failure must not stop the others
        // from following their nodes, nor reach the clock.
        try {
          if (c.isNodeLive(n.getKey())) {
            n.getValue().resume();
          } else {
            n.getValue().suspend();
          }
        } catch (RuntimeException ex) {
          LOG.warn("{} - endpoint of node {} could not follow its node", e.getKey(), n.getKey(),
              ex);
        }
      }
    }
  }

  /** Stops listening and closes every connection of both clusters. */
  @Override
  public void close() {
    closed = true;
    servers.values().forEach(m -> m.values().forEach(WireServer::close));
  }

  /** Configures a {@link SimulatedPcrServer}. Not thread-safe. */
  public static final class Builder {
    private final SimulatedDeployment deployment;
    private final List<SqlUser> users = new ArrayList<>();
    private boolean rootGiven;
    private StatementLatency latency = StatementLatency.none();
    private int primaryPort;
    private int standbyPort;
    private final Map<String, ClusterAdministration> administration = new LinkedHashMap<>();
    private WireLimits limits = WireLimits.defaults();

    private Builder(SimulatedDeployment deployment) {
      this.deployment = Objects.requireNonNull(deployment, "deployment");
    }

    /**
     * Adds a user who may log in. Without a {@code root} among them, a {@code root} admin with
     * {@link #DEFAULT_ROOT_PASSWORD} is added.
     *
     * @param user the user, with its password, admin flag, privileges and roles
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if a user of that name was given before
     */
    public Builder user(SqlUser user) {
      Objects.requireNonNull(user, "user");
      if (users.stream().anyMatch(u -> u.name().equals(user.name()))) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "SQL user '" + user.name() + "' is given twice");
      }
      rootGiven |= user.name().equals("root");
      users.add(user);
      return this;
    }

    /**
     * The password of the admin user {@code root} (default {@link #DEFAULT_ROOT_PASSWORD}).
     *
     * @param password the password, non-empty
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if {@code root} was given before
     */
    public Builder rootPassword(String password) {
      return user(SqlUser.admin("root", password));
    }

    /**
     * The same real-time delay before every statement (default none).
     *
     * @param perStatement the wall-clock wait before each statement, zero or more
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if {@code perStatement} is negative
     */
    public Builder latency(Duration perStatement) {
      Objects.requireNonNull(perStatement, "perStatement");
      if (perStatement.isNegative()) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "latency must not be negative, got " + perStatement);
      }
      this.latency = StatementLatency.fixed(perStatement);
      return this;
    }

    /**
     * A delay chosen per statement and VC.
     *
     * @param perStatement the wall-clock wait before each statement
     * @return this builder
     */
    public Builder latency(StatementLatency perStatement) {
      this.latency = Objects.requireNonNull(perStatement, "perStatement");
      return this;
    }

    /**
     * Fixed ports for the primary's and the standby's first node (default 0: ephemeral ports); node
     * {@code i} (counting from 0) of a cluster gets its base port + {@code i}.
     *
     * @param primary the primary's base port, 0 for ephemeral ports
     * @param standby the standby's base port, 0 for ephemeral ports
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if a port is outside 0..65535
     */
    public Builder ports(int primary, int standby) {
      for (int p : new int[] {primary, standby}) {
        if (p < 0 || p > 65535) {
          throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
              "ports must be in 0..65535, got " + p);
        }
      }
      this.primaryPort = primary;
      this.standbyPort = standby;
      return this;
    }

    /**
     * What the named cluster answers about its licence, telemetry and internals gate (default
     * {@link ClusterAdministration#defaults()}: an Enterprise licence, telemetry on).
     *
     * @param cluster the cluster's name; a name the deployment does not have is ignored
     * @param answers what the cluster answers
     * @return this builder
     */
    public Builder administration(String cluster, ClusterAdministration answers) {
      Objects.requireNonNull(cluster, "cluster");
      administration.put(cluster, Objects.requireNonNull(answers, "answers"));
      return this;
    }

    /**
     * The limits each node's endpoint enforces against abusive clients (connection cap, message
     * size, startup and idle timeouts); default {@link WireLimits#defaults()}.
     *
     * @param limits the limits, the same for every node
     * @return this builder
     */
    public Builder limits(WireLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Binds both servers and starts serving.
     *
     * @return the started server, one endpoint per node; close it when done
     * @throws UncheckedIOException if a port cannot be bound (nothing is left listening)
     */
    public SimulatedPcrServer start() {
      if (!rootGiven) {
        users.add(0, SqlUser.admin("root", DEFAULT_ROOT_PASSWORD));
        rootGiven = true;
      }
      SimulatedPcrServer s = new SimulatedPcrServer(this);
      Random salts = new Random(deployment.seed());
      try {
        for (SimulatedCluster c : List.of(deployment.primary(), deployment.standby())) {
          int base = c == deployment.primary() ? primaryPort : standbyPort;
          StatementLog log = new StatementLog();
          s.logs.put(c.name(), log);
          Map<Integer, WireServer> nodes = new LinkedHashMap<>();
          s.servers.put(c.name(), nodes);
          int i = 0;
          for (int nodeId : c.nodeIds()) {
            WireBackend backend = new AdministeredBackend(new SimulatedClusterBackend(c, nodeId,
                users, s::clusterOfUri, salts), administration.getOrDefault(c.name(),
                ClusterAdministration.defaults()), s::servedSourceUri);
            WireServer w = WireServer.builder(backend)
                .port(base == 0 ? 0 : base + i)
                .latency(latency)
                .limits(limits)
                .clock(deployment.clock())
                .statementLog(log)
                .build();
            nodes.put(nodeId, w);
            w.start();
            i++;
          }
        }
      } catch (IOException e) {
        s.close();
        throw new UncheckedIOException("could not bind the simulated servers", e);
      }
      deployment.onNodeChange(() -> {
        if (!s.closed) {
          s.followNodes();
        }
      });
      synchronized (deployment) {
        s.followNodes();
      }
      return s;
    }
  }
}
