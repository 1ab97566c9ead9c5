package io.github.pcrupgrade.benchmarks;

import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.rules.CheckResult;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The rules check the planner runs before every plan: {@code Rules.check(snapshot, target)} for a
 * deployment at rest on 24.3 with a reader VC, judged against a 25.4 target, with {@code nodes}
 * nodes in each cluster and the rules the planner builds ({@code new Rules(ReleaseCatalog
 * .builtIn())}). Our own goal, as part of the planner's 10 us (issue 19, item 4): 0.8 us per
 * check for 2 x 9 nodes, time growing linearly with nodes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RulesBenchmark {

  @Param({"9", "99"})
  public int nodes;

  private Rules rules;
  private DeploymentSnapshot snapshot;
  private ReleaseSeries target;

  @Setup
  public void setUp() {
    rules = new Rules(ReleaseCatalog.builtIn());
    snapshot = DeploymentSnapshot.builder().nodes(nodes, nodes).binary("v24.3.12").readerVc(true)
        .build().withInferredReplicatedVersions();
    target = ReleaseSeries.parse("25.4");
    if (rules.check(snapshot, target).hasErrors()) {
      throw new IllegalStateException("the benchmark deployment must pass the rules: "
          + rules.check(snapshot, target).violations());
    }
  }

  @Benchmark
  public CheckResult checkAgainstTarget() {
    return rules.check(snapshot, target);
  }
}
