package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.PcrUpgrade;
import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.json.DocumentType;
import io.github.pcrupgrade.json.JsonDocuments;
import io.github.pcrupgrade.json.RunReport;
import io.github.pcrupgrade.testkit.MonitorViolation;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.SnapshotDeployments;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code simulate}: run a plan on a simulated copy of a state file, with optional faults. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Run the upgrade on a simulated copy of a state file (virtual time, optional"
        + " faults) and report the outcome and anything the invariant monitor recorded.")
final class SimulateCommand implements Callable<Integer> {

  @ParentCommand PcrUpgradeCommand root;

  @Option(names = "--state", required = true, paramLabel = "FILE",
      description = "The deployment to copy (docs/state-file.md).")
  java.nio.file.Path state;

  @Mixin PlanOptions planOptions;

  @Option(names = "--seed", defaultValue = "1", description = "Simulation seed (default 1).")
  long seed;

  @Option(names = "--fault", paramLabel = "SPEC", description = "A fault to inject: "
      + FaultSpec.HELP + ". Repeatable.")
  List<String> faults = new ArrayList<>();

  @Option(names = "--transient-errors", defaultValue = "0", paramLabel = "P",
      description = "Probability of a transient SQL error on each port call (0-1).")
  double transientErrors;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default text).")
  OutputFormat format;

  /** The simulated run's settle time, also its settle estimate. */
  private static final Duration SETTLE = Duration.ofSeconds(30);

  @Override
  public Integer call() throws Exception {
    var request = planOptions.request(SETTLE);
    DeploymentSnapshot snapshot = DeploymentSource.readState(state);
    SimulatedDeployment d = SnapshotDeployments.builderFrom(snapshot).seed(seed)
        .faults(FaultSpec.plan(faults, transientErrors)).build();
    StringWriter progress = new StringWriter();
    PrintWriter progressOut = format == OutputFormat.json ? new PrintWriter(progress)
        : root.ctx.out();
    RunResult result = new PcrUpgrade(d.ports().executor()
        .options(ExecutorOptions.builder().settleTime(SETTLE).build())
        .listener(new ProgressPrinter(progressOut, d.clock())).build()).upgrade(request);
    List<String> recorded = d.monitor().violations().stream().map(MonitorViolation::toString)
        .toList();
    if (format == OutputFormat.json) {
      root.ctx.out().println(
          JsonDocuments.write(DocumentType.RUN_REPORT, RunReport.of(result, recorded)));
    } else {
      root.ctx.out().println();
      root.ctx.out().println("Outcome: " + result);
      root.ctx.out().println(recorded.isEmpty() ? "Invariant monitor: no violation recorded."
          : "Invariant monitor recorded " + recorded.size() + " violation(s):\n  "
              + String.join("\n  ", recorded));
    }
    if (!recorded.isEmpty()) {
      return ExitCode.VIOLATIONS.code();
    }
    return ExitCode.of(result.status()).code();
  }
}
