package io.github.pcrupgrade.benchmarks;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.jdbc.ClusterConnectionSettings;
import io.github.pcrupgrade.jdbc.CockroachCluster;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A snapshot of a simulated 2 x 9-node PCR deployment with a reader VC, taken by the JDBC
 * adapters through pgjdbc, HikariCP and the wire front, with {@code latencyMs} of injected latency
 * before every statement (issue 6). Budget (issue 19): at most 1.5 x latency per deployment
 * snapshot, both clusters inspected concurrently, each in one round of statements
 * ({@link #deploymentSnapshot}); {@link #primaryInspect} and
 * {@link #standbyInspect} show one cluster alone. Pools are warm (opened in setup), as they are
 * for an executor polling. The statements per snapshot, from the wire statement logs, are printed
 * at the end of each trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class InspectionBenchmark {

  @Param({"20"})
  public int latencyMs;

  private SimulatedPcrServer server;
  private CockroachCluster primary;
  private CockroachCluster standby;
  private ExecutorService both;
  private long snapshots;

  @Setup(Level.Trial)
  public void start() {
    SimulatedDeployment d = SimulatedDeployment.builder().nodes(9, 9).series("24.3").reader(true)
        .seed(1).build();
    server = SimulatedPcrServer.builder(d).latency(Duration.ofMillis(latencyMs)).start();
    primary = cluster(d, d.primary().name(), ClusterRole.PRIMARY);
    standby = cluster(d, d.standby().name(), ClusterRole.STANDBY);
    both = Executors.newFixedThreadPool(1, r -> {
      Thread t = new Thread(r, "inspect-primary");
      t.setDaemon(true);
      return t;
    });
    deploymentSnapshot();
    server.clearStatementLogs();
    snapshots = 0;
  }

  private CockroachCluster cluster(SimulatedDeployment d, String name, ClusterRole role) {
    ClusterConnectionSettings s = ClusterConnectionSettings.builder(name)
        .url(server.jdbcUrl(name))
        .password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
        .build();
    return CockroachCluster.builder(s, role).clock(d.clock()).seed(1).build();
  }

  @Benchmark
  public DeploymentSnapshot deploymentSnapshot() {
    CompletableFuture<ClusterSnapshot> p =
        CompletableFuture.supplyAsync(() -> primary.inspector().inspect(), both);
    ClusterSnapshot s = standby.inspector().inspect();
    snapshots++;
    return new DeploymentSnapshot(p.join(), s);
  }

  @Benchmark
  public ClusterSnapshot primaryInspect() {
    return primary.inspector().inspect();
  }

  @Benchmark
  public ClusterSnapshot standbyInspect() {
    return standby.inspector().inspect();
  }

  @TearDown(Level.Trial)
  public void stop() {
    long p = server.statementLog("primary").entries().size();
    long s = server.statementLog("standby").entries().size();
    if (snapshots > 0) {
      System.out.printf("%nstatements per deployment snapshot: primary %.1f, standby %.1f"
          + " (%d snapshots)%n", (double) p / snapshots, (double) s / snapshots, snapshots);
    }
    primary.close();
    standby.close();
    both.shutdownNow();
    server.close();
  }
}
