package io.github.pcrupgrade.benchmarks;

import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testkit.DocumentedOrderUpgrade;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The upgrade of {@link SimulationBenchmark} (24.3 -> 25.2 -> 25.4, 2 x 5 nodes, reader VC) driven
 * by the executor instead of by hand: wall time per run (budget 10 ms). Its {@link #main} prints
 * the orchestration overhead in virtual time, the executor's total virtual time minus that of the
 * hand-driven documented order (which waits exactly as long as each simulated operation takes),
 * per step (budget: one poll interval per step).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExecutorBenchmark {

  /** With the default doubling backoff (capped at 2 x pollInterval) or a constant poll interval. */
  @Param({"backoff", "constant"})
  public String polling;

  static ExecutorOptions options(String polling) {
    ExecutorOptions.Builder b = ExecutorOptions.builder().settleTime(Duration.ZERO)
        .pollInterval(Duration.ofSeconds(1));
    return (polling.equals("constant") ? b.maxPollInterval(Duration.ofSeconds(1)) : b).build();
  }

  static SimulatedDeployment deployment() {
    return SimulatedDeployment.builder().nodes(5, 5).series("24.3").reader(true).seed(1).build();
  }

  static RunResult executorRun(SimulatedDeployment d, String polling) {
    RunResult r = d.ports().executor().executorId("bench").options(options(polling)).build()
        .run(UpgradeRequest.to("25.4").build());
    if (!r.isCompleted() || !d.monitor().isClean()) {
      throw new IllegalStateException(r + " " + d.monitor().violations());
    }
    return r;
  }

  @Benchmark
  public RunResult executorUpgrade243To254() {
    return executorRun(deployment(), polling);
  }

  /** Prints the orchestration overhead in virtual time. */
  public static void main(String[] args) {
    SimulatedDeployment hand = deployment();
    Instant start = hand.now();
    new DocumentedOrderUpgrade(hand.ports()).run(ReleaseSeries.parse("25.2"),
        ReleaseSeries.parse("25.4"));
    Duration handTime = Duration.between(start, hand.now());
    for (String polling : new String[] {"backoff", "constant"}) {
      SimulatedDeployment d = deployment();
      Instant s = d.now();
      RunResult r = executorRun(d, polling);
      Duration execTime = Duration.between(s, d.now());
      int steps = r.progress().total();
      Duration overhead = execTime.minus(handTime);
      System.out.printf("%-8s hand-driven %s, executor %s, %d steps: overhead %s = %s per step"
              + " (poll interval 1 s)%n", polling, handTime, execTime, steps, overhead,
          overhead.dividedBy(steps));
    }
  }
}
