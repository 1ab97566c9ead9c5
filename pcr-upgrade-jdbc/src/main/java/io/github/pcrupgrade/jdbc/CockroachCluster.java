package io.github.pcrupgrade.jdbc;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.spi.ClusterInspector;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.Sleeper;
import io.github.pcrupgrade.jdbc.internal.JdbcClusterInspector;
import io.github.pcrupgrade.jdbc.internal.JdbcClusterOperations;
import io.github.pcrupgrade.jdbc.internal.Sql;
import io.github.pcrupgrade.jdbc.internal.VcConnections;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One CockroachDB cluster reached through pgjdbc and HikariCP: its {@link ClusterInspector} and
 * {@link ClusterOperations}. Connection pools (one small pool per VC) are created lazily on first
 * use and closed with {@link #close()}. Thread-safe.
 *
 * <pre>{@code
 * try (CockroachCluster primary = CockroachCluster.builder(
 *         ClusterConnectionSettings.builder("primary")
 *             .url("postgresql://upgrader@primary-lb:26257/defaultdb?sslmode=verify-full")
 *             .password(() -> System.getenv("PRIMARY_PASSWORD"))
 *             .build(), ClusterRole.PRIMARY).build()) {
 *   ClusterSnapshot snapshot = primary.inspector().inspect();
 * }
 * }</pre>
 */
public final class CockroachCluster implements AutoCloseable {

  private final VcConnections connections;
  private final ExecutorService ownedExecutor;
  private final JdbcClusterInspector inspector;
  private final JdbcClusterOperations operations;

  private CockroachCluster(Builder b) {
    this.connections = new VcConnections(b.settings);
    ExecutorService executor = b.executor;
    if (executor == null) {
      AtomicInteger n = new AtomicInteger();
      String name = "pcr-upgrade-" + b.settings.clusterName() + "-";
      // one thread per statement in flight: an inspection's first round alone has seven, and a
      // fixed pool of maxPoolSize threads queued them behind each other (a third latency round)
      executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, name + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      this.ownedExecutor = executor;
    } else {
      this.ownedExecutor = null;
    }
    SplittableRandom random = new SplittableRandom(b.seed);
    SqlRetry retry = SqlRetry.builder().maxAttempts(b.readAttempts)
        .initialBackoff(Duration.ofMillis(50)).maxBackoff(Duration.ofSeconds(2))
        .sleeper(b.sleeper).random(() -> {
          synchronized (random) {
            return random.nextDouble();
          }
        }).build();
    Sql sql = new Sql(connections, retry);
    this.inspector = new JdbcClusterInspector(connections, sql, b.role, b.clock, executor);
    this.operations = new JdbcClusterOperations(connections, sql, inspector);
  }

  /**
   * A builder for the cluster with these settings and role.
   *
   * @param settings how to reach the cluster
   * @param role the role the cluster is configured in; its snapshots carry it
   * @return a builder; {@link Builder#build()} contacts nothing
   */
  public static Builder builder(ClusterConnectionSettings settings, ClusterRole role) {
    return new Builder(settings, role);
  }

  /**
   * The cluster's inspector. An inspection sends only reads ({@code SHOW} and {@code SELECT}, the
   * statements {@code docs/fidelity.md} lists), concurrently on separate connections, in one round
   * (a second one only for a VC that began serving since the previous snapshot). A read that fails
   * with a serialization conflict or a lost connection is sent again, up to
   * {@link Builder#readAttempts} times in all, waiting 50 ms doubling to 2 s with jitter between
   * attempts. A VC other than the system VC that refuses connections is reported with an unknown
   * version and its pool is discarded, so that a stalled VC does not slow the next inspection.
   *
   * <p>Failures are a {@link CockroachSqlException} naming the cluster, the VC and the
   * statement's intent, with a {@link JdbcErrorCode}: {@code CONNECTION_FAILED},
   * {@code AUTHENTICATION_FAILED}, {@code PERMISSION_DENIED}, {@code VIRTUAL_CLUSTER_UNAVAILABLE}
   * (the system VC), {@code NOT_COCKROACHDB}, {@code LICENSE_THROTTLED}, {@code TRANSIENT} (after
   * the last attempt), {@code UNEXPECTED_RESPONSE} (an answer of a shape the adapter does not
   * know) or {@code STATEMENT_FAILED}.
   *
   * @return the inspector; as thread-safe as this cluster
   */
  public ClusterInspector inspector() {
    return inspector;
  }

  /**
   * The cluster's operations. Each change is one statement, sent once and never repeated after
   * a failure (the executor judges a failed change from a fresh snapshot):
   * {@code SET CLUSTER SETTING} and {@code RESET CLUSTER SETTING} of the finalization settings in
   * the VC concerned; {@code SET CLUSTER SETTING version = '<X.Y>'} in the VC being finalized;
   * {@code ALTER VIRTUAL CLUSTER "<vc>" STOP SERVICE}, {@code START SERVICE SHARED},
   * {@code DROP VIRTUAL CLUSTER "<vc>"} and {@code ALTER VIRTUAL CLUSTER "<vc>" SET REPLICATION
   * READ VIRTUAL CLUSTER} on the system VC. VC names are validated and quoted, and setting values
   * checked ({@code true} or {@code false}; a version, quoted), before anything is sent. The
   * finalization and {@code STOP SERVICE} do their work inside the statement, so they are bounded
   * by {@link ClusterConnectionSettings#blockingStatementTimeout()}, not the statement timeout;
   * when the executor abandons such a call, the statement is cancelled and its connection
   * closed.
   *
   * <p>Failures are a {@link CockroachSqlException}: {@code INVALID_ARGUMENT} for a bad argument
   * (nothing sent), otherwise a {@link JdbcErrorCode} as for {@link #inspector()}, with the
   * product's message and SQLSTATE.
   *
   * @return the operations; as thread-safe as this cluster
   */
  public ClusterOperations operations() {
    return operations;
  }

  /** Closes the connection pools (and the executor, when the builder created it). */
  @Override
  public void close() {
    connections.close();
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }

  /** Builds a {@link CockroachCluster}. */
  public static final class Builder {
    private final ClusterConnectionSettings settings;
    private final ClusterRole role;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private ExecutorService executor;
    private int readAttempts = 4;
    private long seed = System.nanoTime();

    private Builder(ClusterConnectionSettings settings, ClusterRole role) {
      this.settings = Objects.requireNonNull(settings, "settings");
      this.role = Objects.requireNonNull(role, "role");
    }

    /**
     * The clock stamping snapshots (default UTC system clock). The times the upgrade's order
     * depends on (the replicated time, the instant of a finalization) are the cluster's own.
     *
     * @param snapshotClock gives each snapshot's {@code observedAt}
     * @return this builder
     */
    public Builder clock(Clock snapshotClock) {
      this.clock = Objects.requireNonNull(snapshotClock, "snapshotClock");
      return this;
    }

    /**
     * How retries of reads wait (default real sleep).
     *
     * @param retrySleeper sleeps between the attempts of a read
     * @return this builder
     */
    public Builder sleeper(Sleeper retrySleeper) {
      this.sleeper = Objects.requireNonNull(retrySleeper, "retrySleeper");
      return this;
    }

    /**
     * Threads that run an inspection's statements concurrently; the caller owns and shuts it down.
     * It should run about ten tasks at once (one per statement in flight), or inspections take
     * extra round trips. Default: a daemon pool owned by the cluster that grows to the statements
     * in flight and lets idle threads go after a minute.
     *
     * @param inspectionExecutor runs the statements of an inspection; not shut down by
     *     {@link #close()}
     * @return this builder
     */
    public Builder executor(ExecutorService inspectionExecutor) {
      this.executor = Objects.requireNonNull(inspectionExecutor, "inspectionExecutor");
      return this;
    }

    /**
     * Attempts per idempotent read, 1 to 10 (default 4). Changes are always sent once.
     *
     * @param attempts how many times a read is sent at most, the first time included
     * @return this builder
     * @throws io.github.pcrupgrade.core.PcrUpgradeException {@code INVALID_SETTINGS} outside the
     *     limits
     */
    public Builder readAttempts(int attempts) {
      if (attempts < 1 || attempts > 10) {
        throw new io.github.pcrupgrade.core.PcrUpgradeException(JdbcErrorCode.INVALID_SETTINGS,
            "readAttempts must be between 1 and 10, got " + attempts);
      }
      this.readAttempts = attempts;
      return this;
    }

    /**
     * Seed of the retry jitter (default: varies per run). Fix it to make the waits of a test
     * repeatable.
     *
     * @param jitterSeed the seed of the random waits between attempts
     * @return this builder
     */
    public Builder seed(long jitterSeed) {
      this.seed = jitterSeed;
      return this;
    }

    /**
     * The cluster. Contacts nothing: pools open on first use.
     *
     * @return a cluster to {@link CockroachCluster#close() close} when done
     */
    public CockroachCluster build() {
      return new CockroachCluster(this);
    }
  }
}
