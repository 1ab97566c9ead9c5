package io.github.pcrupgrade.benchmarks;

import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testkit.DocumentedOrderUpgrade;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The upgrade of {@link SimulationBenchmark} (2 x 5 nodes with a reader VC, 24.3 -> 25.2 -> 25.4)
 * driven by the executor instead of by hand: planning, re-planning before every step, the
 * invariant checks, the journal, the lease and the waits, all in virtual time. Wall-time budget:
 * 10 ms or less per run. {@link #main} prints the orchestration overhead in virtual time (the
 * executor's run minus the hand-driven documented-order run, per step); budget: one poll interval
 * per step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExecutorBenchmark {

  private static final UpgradeRequest TO_254 = UpgradeRequest.to("25.4").build();

  /** Default options, except no settle time: the hand-driven run does not settle either. */
  static final ExecutorOptions OPTIONS = options(Duration.ofSeconds(1));

  static ExecutorOptions options(Duration poll) {
    return ExecutorOptions.builder().settleTime(Duration.ZERO).pollInterval(poll)
        .maxPollInterval(poll.compareTo(Duration.ofSeconds(15)) > 0 ? poll
            : Duration.ofSeconds(15)).build();
  }

  static SimulatedDeployment deployment() {
    return SimulatedDeployment.builder().nodes(5, 5).series("24.3").reader(true).seed(1).build();
  }

  static RunResult runExecutor(SimulatedDeployment d, ExecutorOptions options) {
    RunResult r = d.ports().executor().options(options).build().run(TO_254);
    if (!r.isCompleted() || !d.monitor().isClean()) {
      throw new IllegalStateException(r + " " + d.monitor().violations());
    }
    return r;
  }

  @Benchmark
  public RunResult executorUpgrade243To254() {
    return runExecutor(deployment(), OPTIONS);
  }

  /** Prints the orchestration overhead in virtual time, and a rough wall time per run. */
  public static void main(String[] args) {
    SimulatedDeployment byHand = deployment();
    new DocumentedOrderUpgrade(byHand.ports(), Duration.ofSeconds(1), Duration.ofHours(1))
        .run(ReleaseSeries.parse("25.2"), ReleaseSeries.parse("25.4"));
    Duration hand = Duration.between(SimulatedDeployment.DEFAULT_START, byHand.now());
    for (Duration poll : new Duration[] {Duration.ofSeconds(1), Duration.ofSeconds(5)}) {
      SimulatedDeployment d = deployment();
      RunResult r = runExecutor(d, options(poll));
      Duration exec = Duration.between(SimulatedDeployment.DEFAULT_START, d.now());
      int steps = r.progress().total();
      Duration overhead = exec.minus(hand);
      System.out.printf("pollInterval %s: executor %s, by hand (1 s polls) %s, overhead %s"
          + " over %d steps = %.2f s per step (budget %s)%n", poll, exec, hand, overhead, steps,
          overhead.toMillis() / 1000.0 / steps, poll);
    }
    int n = 300;
    for (int i = 0; i < n; i++) {
      runExecutor(deployment(), OPTIONS);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      runExecutor(deployment(), OPTIONS);
    }
    System.out.printf("wall: %.2f ms per run (%d runs after %d warm-up runs)%n",
        (System.nanoTime() - t0) / 1e6 / n, n, n);
  }
}
