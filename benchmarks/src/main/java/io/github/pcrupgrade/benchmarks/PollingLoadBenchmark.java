package io.github.pcrupgrade.benchmarks;

import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.jdbc.ClusterConnectionSettings;
import io.github.pcrupgrade.jdbc.CockroachCluster;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The load an upgrade puts on the clusters (issue 19): the statements sent over a whole
 * 24.3 -> 25.4 upgrade of 2 x 9 nodes with a reader VC, through the JDBC adapters, pgjdbc,
 * HikariCP and the wire front, in the deployment's virtual time, polling with full snapshots
 * ({@code fullSnapshotEvery} 1) against targeted polling (a full snapshot at least every 30 polls).
 * Simulated durations: node restart 3 min (drain 30 s, restart 2 min, rejoin 30 s), settle 60 s,
 * finalization 2 min per VC, replication catch-up 30 s, reader creation 1 min, poll interval 1 s.
 * Budget: targeted polling sends at least 5 times fewer statements, in no more virtual time. Each
 * trial prints the statements and the virtual time; {@link #main} runs both side by side.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(1)
public class PollingLoadBenchmark {

  /** {@code full}: a full snapshot on every poll; {@code targeted}: narrow reads. */
  @Param({"full", "targeted"})
  public String polling;

  private Load last;

  /** What one upgrade sent and how long it took in virtual time. */
  public record Load(String polling, long primaryStatements, long standbyStatements,
      Duration virtualTime, int steps) {

    long statements() {
      return primaryStatements + standbyStatements;
    }

    @Override
    public String toString() {
      return String.format("%-8s %7d statements (primary %d, standby %d), virtual time %s,"
          + " %d steps", polling, statements(), primaryStatements, standbyStatements,
          virtualTime, steps);
    }
  }

  static SimulatedDeployment deployment() {
    SimulatedDeployment.Builder b = SimulatedDeployment.builder().nodes(9, 9).series("24.3")
        .reader(true).seed(1).acceptSqlFinalizations()
        .restartTimes(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofSeconds(30))
        .replicationLag(Duration.ofSeconds(30))
        .readerInitialScan(Duration.ofMinutes(1));
    for (String cluster : new String[] {"primary", "standby"}) {
      b.finalizationDuration(cluster, "system", Duration.ofMinutes(2));
    }
    b.finalizationDuration("primary", "main", Duration.ofMinutes(2));
    return b.build();
  }

  static ExecutorOptions options(String polling) {
    return ExecutorOptions.builder().pollInterval(Duration.ofSeconds(1))
        .maxPollInterval(Duration.ofSeconds(1)).settleTime(Duration.ofSeconds(60))
        .fullSnapshotEvery(polling.equals("full") ? 1 : 30).build();
  }

  /** Upgrades a fresh deployment over the wire and counts the statements each cluster received. */
  public static Load upgrade(String polling) {
    SimulatedDeployment d = deployment();
    Instant start = d.now();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        CockroachCluster primary = cluster(d, server, "primary", ClusterRole.PRIMARY);
        CockroachCluster standby = cluster(d, server, "standby", ClusterRole.STANDBY)) {
      RunResult r = UpgradeExecutor.builder().deploymentId(d.deploymentId())
          .executorId("bench-" + polling)
          .primary(primary.inspector(), primary.operations())
          .standby(standby.inspector(), standby.operations())
          .nodeUpgrader(d.nodeUpgrader()).journal(d.journal())
          .clock(d.clock()).sleeper(d.sleeper())
          .options(options(polling)).build()
          .run(UpgradeRequest.to("25.4").build());
      if (!r.isCompleted() || !d.monitor().isClean()) {
        throw new IllegalStateException(r + " " + d.monitor().violations());
      }
      return new Load(polling, statements(server, "primary"), statements(server, "standby"),
          Duration.between(start, d.now()), r.progress().total());
    }
  }

  /** Statements sent to the cluster, without the session set-up of new connections. */
  private static long statements(SimulatedPcrServer server, String cluster) {
    return server.statementLog(cluster).entries().stream()
        .filter(e -> !e.sql().isBlank() && !e.sql().startsWith("SET application_name")).count();
  }

  private static CockroachCluster cluster(SimulatedDeployment d, SimulatedPcrServer server,
      String name, ClusterRole role) {
    return CockroachCluster.builder(ClusterConnectionSettings.builder(name)
        .url(server.jdbcUrl(name)).password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
        .build(), role).clock(d.clock()).sleeper(d.sleeper()).seed(1).build();
  }

  @Benchmark
  public Load wholeUpgrade() {
    last = upgrade(polling);
    return last;
  }

  @TearDown(Level.Trial)
  public void report() {
    if (last != null) {
      System.out.printf("%n%s%n", last);
    }
  }

  /** Runs both side by side and prints the ratio. */
  public static void main(String[] args) {
    Load full = upgrade("full");
    Load targeted = upgrade("targeted");
    System.out.println(full);
    System.out.println(targeted);
    System.out.printf("targeted polling sends %.1f times fewer statements; virtual time %s vs %s%n",
        (double) full.statements() / targeted.statements(), targeted.virtualTime(),
        full.virtualTime());
  }
}
