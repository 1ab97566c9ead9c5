package io.github.pcrupgrade.benchmarks;

import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testkit.DocumentedOrderUpgrade;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
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
 * A full documented-order upgrade 24.3 -> 25.2 -> 25.4 (two hops) of a simulated 2 x 5-node PCR
 * deployment with a reader VC, driven through the ports in virtual time: building the deployment,
 * pinning, 20 node restarts, 6 finalizations, the replicated-time waits, re-creating the reader
 * twice, restoring settings, with the invariant monitor checking after every event. Target: 5 ms
 * or less per run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SimulationBenchmark {

  private static final ReleaseSeries V252 = ReleaseSeries.parse("25.2");
  private static final ReleaseSeries V254 = ReleaseSeries.parse("25.4");

  @Benchmark
  public boolean documentedOrderUpgrade243To254() {
    SimulatedDeployment d = SimulatedDeployment.builder().nodes(5, 5).series("24.3")
        .reader(true).seed(1).build();
    new DocumentedOrderUpgrade(d.ports()).run(V252, V254);
    if (!d.monitor().isClean()) {
      throw new IllegalStateException(d.monitor().violations().toString());
    }
    return d.monitor().isClean();
  }
}
