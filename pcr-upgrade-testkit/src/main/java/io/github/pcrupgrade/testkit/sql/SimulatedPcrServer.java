package io.github.pcrupgrade.testkit.sql;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.testkit.SimulatedCluster;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.wire.ExecutedStatement;
import io.github.pcrupgrade.testkit.wire.StatementLatency;
import io.github.pcrupgrade.testkit.wire.StatementLog;
import io.github.pcrupgrade.testkit.wire.WireBackend;
import io.github.pcrupgrade.testkit.wire.WireServer;
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
 * per cluster on a loopback port, answering as CockroachDB does, so that pgjdbc, HikariCP, the
 * JDBC adapters or {@code psql} can talk to the simulation.
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
 * synchronized on the deployment. Virtual time moves only when someone advances it (a test, or an
 * executor using the deployment's {@link SimulatedDeployment#sleeper() sleeper} and {@link
 * SimulatedDeployment#clock() clock}); the statement logs are stamped with the virtual clock.
 * Injected latency is real time, spent before each statement outside the deployment's lock.
 *
 * <p>Thread-safe. {@link #close()} stops both servers and closes their connections.
 */
public final class SimulatedPcrServer implements AutoCloseable {

  /** The password of the default {@code root} user when the builder names none. */
  public static final String DEFAULT_ROOT_PASSWORD = "simulated-root";

  private final SimulatedDeployment deployment;
  private final Map<String, WireServer> servers = new LinkedHashMap<>();
  private final String rootPassword;

  private SimulatedPcrServer(Builder b) {
    this.deployment = b.deployment;
    this.rootPassword = b.users.stream().filter(u -> u.name().equals("root")).findFirst()
        .map(SqlUser::password).orElse(null);
  }

  /** A builder serving {@code deployment}. */
  public static Builder builder(SimulatedDeployment deployment) {
    return new Builder(deployment);
  }

  /** Serves {@code deployment} with the defaults: user {@code root}, no latency, ephemeral ports. */
  public static SimulatedPcrServer serve(SimulatedDeployment deployment) {
    return builder(deployment).start();
  }

  /** The deployment served. */
  public SimulatedDeployment deployment() {
    return deployment;
  }

  /** The JDBC URL of the primary: {@code jdbc:postgresql://127.0.0.1:<port>/defaultdb}. */
  public String primaryUrl() {
    return jdbcUrl(deployment.primary().name());
  }

  /** The JDBC URL of the standby. */
  public String standbyUrl() {
    return jdbcUrl(deployment.standby().name());
  }

  /** The JDBC URL of the named cluster, without credentials or routing. */
  public String jdbcUrl(String cluster) {
    return "jdbc:postgresql://127.0.0.1:" + port(cluster) + "/defaultdb";
  }

  /**
   * A libpq URL ({@code psql}, {@code cockroach sql --url}) of the named cluster and VC, for
   * {@code user} without a password: {@code postgresql://root@127.0.0.1:<port>/defaultdb?
   * sslmode=disable&options=-ccluster%3Dsystem}.
   */
  public String libpqUrl(String cluster, String user, String vc) {
    return "postgresql://" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "@127.0.0.1:"
        + port(cluster) + "/defaultdb?sslmode=disable&options="
        + URLEncoder.encode("-ccluster=" + vc, StandardCharsets.UTF_8);
  }

  /** The port the named cluster listens on. */
  public int port(String cluster) {
    return server(cluster).port();
  }

  /** The password of user {@code root}, if the server has one. */
  public Optional<String> rootPassword() {
    return Optional.ofNullable(rootPassword);
  }

  /** The statements the named cluster executed. */
  public StatementLog statementLog(String cluster) {
    return server(cluster).statementLog();
  }

  /** The statements both clusters executed, primary's first. */
  public List<ExecutedStatement> statements() {
    List<ExecutedStatement> all = new ArrayList<>();
    servers.values().forEach(s -> all.addAll(s.statementLog().entries()));
    return all;
  }

  /** Forgets both statement logs. */
  public void clearStatementLogs() {
    servers.values().forEach(s -> s.statementLog().clear());
  }

  private WireServer server(String cluster) {
    WireServer s = servers.get(cluster);
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
    for (Map.Entry<String, WireServer> e : servers.entrySet()) {
      if (uri.contains(":" + e.getValue().port() + "/") || uri.contains(":" + e.getValue().port()
          + "?") || uri.endsWith(":" + e.getValue().port()) || uri.contains("@" + e.getKey() + "-")
          || uri.contains("//" + e.getKey() + "-")) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  /** Stops listening and closes every connection of both clusters. */
  @Override
  public void close() {
    servers.values().forEach(WireServer::close);
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

    private Builder(SimulatedDeployment deployment) {
      this.deployment = Objects.requireNonNull(deployment, "deployment");
    }

    /**
     * Adds a user who may log in. Without a {@code root} among them, a {@code root} admin with
     * {@link #DEFAULT_ROOT_PASSWORD} is added.
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

    /** The password of the admin user {@code root} (default {@link #DEFAULT_ROOT_PASSWORD}). */
    public Builder rootPassword(String password) {
      return user(SqlUser.admin("root", password));
    }

    /** The same real-time delay before every statement (default none). */
    public Builder latency(Duration perStatement) {
      Objects.requireNonNull(perStatement, "perStatement");
      if (perStatement.isNegative()) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "latency must not be negative, got " + perStatement);
      }
      this.latency = StatementLatency.fixed(perStatement);
      return this;
    }

    /** A delay chosen per statement and VC. */
    public Builder latency(StatementLatency perStatement) {
      this.latency = Objects.requireNonNull(perStatement, "perStatement");
      return this;
    }

    /** Fixed ports for the primary and the standby (default 0: ephemeral ports). */
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
     */
    public Builder administration(String cluster, ClusterAdministration answers) {
      Objects.requireNonNull(cluster, "cluster");
      administration.put(cluster, Objects.requireNonNull(answers, "answers"));
      return this;
    }

    /**
     * Binds both servers and starts serving.
     *
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
          WireBackend backend = new AdministeredBackend(new SimulatedClusterBackend(c, users,
              s::clusterOfUri, salts), administration.getOrDefault(c.name(),
              ClusterAdministration.defaults()));
          WireServer w = WireServer.builder(backend)
              .port(c == deployment.primary() ? primaryPort : standbyPort)
              .latency(latency)
              .clock(deployment.clock())
              .build();
          s.servers.put(c.name(), w);
          w.start();
        }
      } catch (IOException e) {
        s.close();
        throw new UncheckedIOException("could not bind the simulated servers", e);
      }
      return s;
    }
  }
}
