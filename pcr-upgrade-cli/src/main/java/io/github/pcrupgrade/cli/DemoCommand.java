package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.PcrUpgrade;
import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.testkit.MonitorViolation;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.io.PrintWriter;
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

  @Override
  public Integer call() {
    PrintWriter out = root.ctx.out();
    long wallStart = System.nanoTime();
    SimulatedDeployment d = SimulatedDeployment.builder().nodes(3, 3).series("24.3")
        .primaryBinary("v24.3.33").standbyBinary("v24.3.33").reader(true).seed(seed).build();
    out.println("pcr-upgrade demo: a simulated PCR deployment, primary and standby of 3 nodes"
        + " each,");
    out.println("with the reader VC 'main-readonly' on the standby, upgraded to " + target
        + " in virtual time.");
    out.println();
    printVersions(out, "before", d.snapshot());
    UpgradeRequest request = UpgradeRequest.to(target).build();
    PcrUpgrade upgrade = new PcrUpgrade(d.ports().executor()
        .options(ExecutorOptions.builder().pollInterval(Duration.ofSeconds(2))
            .maxPollInterval(Duration.ofSeconds(10)).settleTime(Duration.ofSeconds(30)).build())
        .listener(new ProgressPrinter(out, d.clock()))
        .build());
    UpgradePlan plan = upgrade.plan(request).orThrow();
    out.println();
    out.println("The plan (" + plan.steps().size() + " steps):");
    out.print(plan.toText());
    out.println();
    out.println("Running it:");
    RunResult result = upgrade.upgrade(request);
    out.println();
    out.println("Outcome: " + result.status() + " - " + result.message());
    out.println("Virtual time: " + ProgressPrinter.human(result.took()) + "; wall time: "
        + (System.nanoTime() - wallStart) / 1_000_000 + " ms");
    printVersions(out, "after", d.trueSnapshot());
    List<MonitorViolation> violations = d.monitor().violations();
    if (violations.isEmpty()) {
      out.println("Invariant monitor: no violation recorded (the standby was never older than"
          + " the data replicated into it).");
    } else {
      out.println("Invariant monitor: " + violations.size() + " violation(s):");
      violations.forEach(v -> out.println("  " + v));
    }
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
