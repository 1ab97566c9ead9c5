package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.PcrUpgrade;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.event.UpgradeListener;
import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.StepEstimates;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.json.RunReport;
import io.github.pcrupgrade.testkit.MonitorViolation;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code demo}: the embedded default. A simulated 3 + 3-node deployment with a reader VC is
 * upgraded 24.3 -> 25.4 (two hops) in virtual time by the real planner and executor.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Upgrade a simulated PCR deployment (3 + 3 nodes, reader VC) from 24.3 to 25.4"
        + " in virtual time, showing every step, and report the invariant monitor's verdict.")
final class DemoCommand implements Callable<Integer> {

  @ParentCommand PcrUpgradeCommand root;

  @Option(names = "--seed", defaultValue = "42", description = "Simulation seed (default 42).")
  long seed;

  @Option(names = "--to", defaultValue = "25.4", description = "Target (default 25.4).")
  String target;

  @Option(names = "--format", defaultValue = "text", description = "text, or json: one progress"
      + " event per line, then the run report on one line (default text).")
  OutputFormat format;

  /** The demo's settle time, also its settle estimate. */
  private static final Duration SETTLE = Duration.ofSeconds(30);

  /**
   * What the simulated deployment takes, roughly: a restart and a finalization about 30 s each,
   * the rest the defaults. The total of the 34 steps of 24.3 -> 25.4 is 19 min.
   */
  static final StepEstimates ESTIMATES = StepEstimates.defaults()
      .withRestart(Duration.ofSeconds(30)).withSettle(SETTLE)
      .withFinalization(Duration.ofSeconds(30));

  @Override
  public Integer call() {
    if (format == OutputFormat.mermaid) {
      throw new PcrUpgradeException(CliErrorCode.BAD_OPTION_VALUE,
          "--format must be text or json for demo");
    }
    boolean json = format == OutputFormat.json;
    PrintWriter out = root.ctx.out();
    // in JSON, standard output carries only the JSON lines
    PrintWriter text = json ? new PrintWriter(Writer.nullWriter()) : out;
    long wallStart = System.nanoTime();
    SimulatedDeployment d = SimulatedDeployment.builder().nodes(3, 3).series("24.3")
        .primaryBinary("v24.3.33").standbyBinary("v24.3.33").reader(true).seed(seed).build();
    text.println("pcr-upgrade demo: a simulated PCR deployment, primary and standby of 3 nodes"
        + " each,");
    text.println("with the reader VC 'main-readonly' on the standby, upgraded to " + target
        + " in virtual time.");
    text.println();
    printVersions(text, "before", d.snapshot());
    UpgradeRequest request = UpgradeRequest.to(target).estimates(ESTIMATES).build();
    ExecutorOptions options = ExecutorOptions.builder().pollInterval(Duration.ofSeconds(2))
        .maxPollInterval(Duration.ofSeconds(10)).settleTime(SETTLE).build();
    UpgradePlan plan = new PcrUpgrade(d.ports().executor().options(options).build())
        .plan(request).orThrow();
    UpgradeListener progress = json ? new JsonProgress(out, plan, ProgressPrinter.EVERY)
        : ProgressPrinter.withEta(out, d.clock(), plan, root.statusLine, ProgressPrinter.EVERY);
    PcrUpgrade upgrade = new PcrUpgrade(d.ports().executor().options(options)
        .listener(progress).build());
    text.println();
    text.println("The plan (" + plan.steps().size() + " steps):");
    text.print(plan.toText());
    text.println();
    text.println("Running it:");
    RunResult result = upgrade.upgrade(request);
    List<MonitorViolation> violations = d.monitor().violations();
    if (json) {
      out.println(JsonProgress.oneLine(RunReport.of(result,
          violations.stream().map(MonitorViolation::toString).toList())));
    }
    text.println();
    text.println("Outcome: " + result.status() + " - " + result.message());
    text.println("Virtual time: " + ProgressPrinter.human(result.took()) + " (the plan expected "
        + plan.estimatedDuration().map(ProgressPrinter::human).orElse("-") + "); wall time: "
        + (System.nanoTime() - wallStart) / 1_000_000 + " ms");
    printVersions(text, "after", d.trueSnapshot());
    if (violations.isEmpty()) {
      text.println("Invariant monitor: no violation recorded (the standby was never older than"
          + " the data replicated into it).");
    } else {
      text.println("Invariant monitor: " + violations.size() + " violation(s):");
      violations.forEach(v -> text.println("  " + v));
    }
    text.flush();
    return result.isCompleted() && violations.isEmpty() ? ExitCode.OK.code()
        : ExitCode.HALTED.code();
  }

  private static void printVersions(PrintWriter out, String when, DeploymentSnapshot s) {
    out.println("Versions " + when + ":");
    for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
      StringBuilder b = new StringBuilder("  " + c.name() + ": binaries " + c.binaries() + "; ");
      for (VirtualClusterInfo vc : c.virtualClusters()) {
        b.append(vc.name()).append(' ').append(vc.version()).append("; ");
      }
      out.println(b.substring(0, b.length() - 2));
    }
  }
}
