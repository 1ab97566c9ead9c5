package io.github.pcrupgrade.benchmarks;

import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.spi.Sleeper;
import io.github.pcrupgrade.jdbc.ClusterConnectionSettings;
import io.github.pcrupgrade.jdbc.CockroachCluster;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The load an upgrade puts on the clusters (issue 19): the statements sent over a whole
 * 24.3 -> 25.4 upgrade of 2 x 9 nodes with a reader VC, through the JDBC adapters, pgjdbc,
 * HikariCP and the wire front, in the deployment's virtual time, polling with full snapshots
 * ({@code fullSnapshotEvery} 1) against targeted polling (a full snapshot at least every 30 polls),
 * both in one run ({@link #compare}). Simulated durations ({@link Scenario#ISSUE_19}): node restart
 * 3 min (drain 30 s, restart 2 min, rejoin 30 s), settle 60 s, finalization 2 min per VC,
 * replication catch-up 30 s, reader creation 1 min, poll interval 1 s. Budget: targeted polling
 * sends at least 5 times fewer statements, in no more virtual time.
 *
 * <p>The comparison is deterministic: both runs use the same deployment seed and the same retry
 * jitter seed, every simulated duration is a whole number of poll intervals, and nothing else takes
 * virtual time. Connections, their pools and their threads run in real time, which the virtual clock
 * does not see, except through a read's retry wait; each run reports its retry waits, and they are
 * 0 (a session a node restart closed is retried at once on a new connection). Statement counts and
 * virtual times do not depend on the machine's load; wall times do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(1)
public class PollingLoadBenchmark {

  /** How the executor polls while a step is awaited. */
  public enum Polling {
    /** A full snapshot on every poll ({@code fullSnapshotEvery} 1): the load before issue 19. */
    FULL,
    /** Narrow reads of what the step waits for, a full snapshot at least every N polls. */
    TARGETED
  }

  /**
   * The simulated durations of one comparison and the deployment's size. A node restart is drain,
   * process restart and rejoin: the node upgrader returns after the first two, the node is back
   * after the third.
   *
   * @param target the series upgraded to, from 24.3
   * @param nodesPerCluster nodes of the primary, and of the standby
   * @param drain how long a node drains before it stops
   * @param restart how long its process is down
   * @param rejoin from the process start until the node is live again
   * @param settle the executor's pause after each node restart
   * @param finalization how long one VC's {@code SET CLUSTER SETTING version} runs
   * @param catchUp the replication lag (the standby's replicated time behind the clock)
   * @param readerCreation the reader VC's initial scan, until it serves
   * @param readerStop how long {@code STOP SERVICE} of the reader runs
   * @param pollInterval the executor's poll interval (its maximum too)
   * @param fullSnapshotEvery targeted polling's full snapshot at least every this many polls
   */
  public record Scenario(String target, int nodesPerCluster, Duration drain, Duration restart,
      Duration rejoin, Duration settle, Duration finalization, Duration catchUp,
      Duration readerCreation, Duration readerStop, Duration pollInterval, int fullSnapshotEvery) {

    /** Issue 19's scenario: 24.3 -> 25.4, 2 x 9 nodes, the durations of its benchmark section. */
    public static final Scenario ISSUE_19 = new Scenario("25.4", 9, Duration.ofSeconds(30),
        Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofSeconds(60),
        Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofMinutes(1),
        Duration.ofSeconds(2), Duration.ofSeconds(1), 30);

    public Scenario {
      Objects.requireNonNull(target, "target");
      for (Duration d : new Duration[] {drain, restart, rejoin, settle, finalization, catchUp,
          readerCreation, readerStop, pollInterval}) {
        Objects.requireNonNull(d, "duration");
      }
      if (nodesPerCluster < 1 || fullSnapshotEvery < 2) {
        throw new IllegalArgumentException("nodesPerCluster >= 1 and fullSnapshotEvery >= 2,"
            + " got " + nodesPerCluster + " and " + fullSnapshotEvery);
      }
    }
  }

  /**
   * What one upgrade sent and how long it took.
   *
   * @param retryWaits how many times a read of the JDBC adapters waited before its next attempt
   * @param retryWaited their virtual time together (part of {@code virtualTime})
   * @param wallTime the run's real time, load-dependent
   */
  public record Load(Polling polling, long primaryStatements, long standbyStatements,
      Duration virtualTime, int steps, long retryWaits, Duration retryWaited, Duration wallTime) {

    public long statements() {
      return primaryStatements + standbyStatements;
    }

    @Override
    public String toString() {
      return String.format("%-8s %7d statements (primary %d, standby %d), virtual time %s, %d steps,"
          + " %d retry waits (%s), wall time %.1f s", polling.name().toLowerCase(), statements(),
          primaryStatements, standbyStatements, virtualTime, steps, retryWaits, retryWaited,
          wallTime.toMillis() / 1000.0);
    }
  }

  /** Both runs of one scenario. */
  public record Comparison(Scenario scenario, Load full, Load targeted) {

    /** How many times fewer statements targeted polling sent. */
    public double ratio() {
      return (double) full.statements() / targeted.statements();
    }

    /** Issue 19's budget: at least 5 times fewer statements, in no more virtual time. */
    public boolean meetsBudget() {
      return ratio() >= 5 && targeted.virtualTime().compareTo(full.virtualTime()) <= 0;
    }

    @Override
    public String toString() {
      return full + "\n" + targeted + "\n" + String.format("targeted polling sends %.2f times fewer"
          + " statements, in %s of virtual time against %s (%s): budget %s", ratio(),
          targeted.virtualTime(), full.virtualTime(),
          targeted.virtualTime().minus(full.virtualTime()), meetsBudget() ? "met" : "MISSED");
    }
  }

  private Comparison last;

  static SimulatedDeployment deployment(Scenario s) {
    SimulatedDeployment.Builder b = SimulatedDeployment.builder()
        .nodes(s.nodesPerCluster(), s.nodesPerCluster()).series("24.3")
        .reader(true).seed(1).acceptSqlFinalizations()
        .restartTimes(s.drain(), s.restart(), s.rejoin())
        .replicationLag(s.catchUp())
        .readerInitialScan(s.readerCreation())
        .serviceStopDuration("standby", VirtualClusterInfo.readerNameFor("main"), s.readerStop());
    for (String cluster : new String[] {"primary", "standby"}) {
      b.finalizationDuration(cluster, "system", s.finalization());
    }
    b.finalizationDuration("primary", "main", s.finalization());
    return b.build();
  }

  static ExecutorOptions options(Scenario s, Polling polling) {
    return ExecutorOptions.builder().pollInterval(s.pollInterval())
        .maxPollInterval(s.pollInterval()).settleTime(s.settle())
        .fullSnapshotEvery(polling == Polling.FULL ? 1 : s.fullSnapshotEvery()).build();
  }

  /** Upgrades a fresh deployment over the wire and counts the statements each cluster received. */
  public static Load upgrade(Scenario scenario, Polling polling) {
    long wallStart = System.nanoTime();
    SimulatedDeployment d = deployment(scenario);
    Instant start = d.now();
    AtomicLong waits = new AtomicLong();
    AtomicLong waitedNanos = new AtomicLong();
    Sleeper retrySleeper = wait -> {
      waits.incrementAndGet();
      waitedNanos.addAndGet(wait.toNanos());
      d.sleeper().sleep(wait);
    };
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        CockroachCluster primary = cluster(d, server, "primary", ClusterRole.PRIMARY, retrySleeper);
        CockroachCluster standby =
            cluster(d, server, "standby", ClusterRole.STANDBY, retrySleeper)) {
      RunResult r = UpgradeExecutor.builder().deploymentId(d.deploymentId())
          .executorId("bench-" + polling.name().toLowerCase())
          .primary(primary.inspector(), primary.operations())
          .standby(standby.inspector(), standby.operations())
          .nodeUpgrader(d.nodeUpgrader()).journal(d.journal())
          .clock(d.clock()).sleeper(d.sleeper())
          .options(options(scenario, polling)).build()
          .run(UpgradeRequest.to(scenario.target()).build());
      if (!r.isCompleted() || !d.monitor().isClean()) {
        throw new IllegalStateException(r + " " + d.monitor().violations());
      }
      return new Load(polling, statements(server, "primary"), statements(server, "standby"),
          Duration.between(start, d.now()), r.progress().total(), waits.get(),
          Duration.ofNanos(waitedNanos.get()), Duration.ofNanos(System.nanoTime() - wallStart));
    }
  }

  /** Full polling, then targeted polling, each on a fresh deployment of {@code scenario}. */
  public static Comparison compare(Scenario scenario) {
    return new Comparison(scenario, upgrade(scenario, Polling.FULL),
        upgrade(scenario, Polling.TARGETED));
  }

  /** Statements sent to the cluster, without the session set-up of new connections. */
  private static long statements(SimulatedPcrServer server, String cluster) {
    return server.statementLog(cluster).entries().stream()
        .filter(e -> !e.sql().isBlank() && !e.sql().startsWith("SET application_name")).count();
  }

  private static CockroachCluster cluster(SimulatedDeployment d, SimulatedPcrServer server,
      String name, ClusterRole role, Sleeper retrySleeper) {
    // the same jitter seed on both sides: a retry wait, were there one, draws the same values
    return CockroachCluster.builder(ClusterConnectionSettings.builder(name)
        .url(server.jdbcUrl(name)).password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
        .build(), role).clock(d.clock()).sleeper(retrySleeper).seed(1).build();
  }

  /** Both runs of issue 19's scenario, side by side. */
  @Benchmark
  public Comparison fullAgainstTargeted() {
    last = compare(Scenario.ISSUE_19);
    return last;
  }

  @TearDown(Level.Trial)
  public void report() {
    if (last != null) {
      System.out.printf("%n%s%n", last);
    }
  }

  /** Runs both side by side and prints them; exits with 1 when the budget is missed. */
  public static void main(String[] args) {
    Comparison c = compare(Scenario.ISSUE_19);
    System.out.println(c);
    if (!c.meetsBudget()) {
      System.exit(1);
    }
  }
}
