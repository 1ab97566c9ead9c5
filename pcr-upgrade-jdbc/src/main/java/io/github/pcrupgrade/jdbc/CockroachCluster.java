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

  /** A builder for the cluster with these settings and role. */
  public static Builder builder(ClusterConnectionSettings settings, ClusterRole role) {
    return new Builder(settings, role);
  }

  public ClusterInspector inspector() {
    return inspector;
  }

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

    /** The clock stamping snapshots (default UTC system clock). */
    public Builder clock(Clock snapshotClock) {
      this.clock = Objects.requireNonNull(snapshotClock, "snapshotClock");
      return this;
    }

    /** How retries of reads wait (default real sleep). */
    public Builder sleeper(Sleeper retrySleeper) {
      this.sleeper = Objects.requireNonNull(retrySleeper, "retrySleeper");
      return this;
    }

    /**
     * Threads that run an inspection's statements concurrently; the caller owns and shuts it down.
     * It should run about ten tasks at once (one per statement in flight), or inspections take
     * extra round trips. Default: a daemon pool owned by the cluster that grows to the statements
     * in flight and lets idle threads go after a minute.
     */
    public Builder executor(ExecutorService inspectionExecutor) {
      this.executor = Objects.requireNonNull(inspectionExecutor, "inspectionExecutor");
      return this;
    }

    /** Attempts per idempotent read, 1 to 10 (default 4). */
    public Builder readAttempts(int attempts) {
      if (attempts < 1 || attempts > 10) {
        throw new io.github.pcrupgrade.core.PcrUpgradeException(JdbcErrorCode.INVALID_SETTINGS,
            "readAttempts must be between 1 and 10, got " + attempts);
      }
      this.readAttempts = attempts;
      return this;
    }

    /** Seed of the retry jitter (default: varies per run). */
    public Builder seed(long jitterSeed) {
      this.seed = jitterSeed;
      return this;
    }

    public CockroachCluster build() {
      return new CockroachCluster(this);
    }
  }
}
