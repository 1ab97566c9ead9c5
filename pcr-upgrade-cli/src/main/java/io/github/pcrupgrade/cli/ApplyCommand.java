package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.PcrUpgrade;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.exec.CancelHandle;
import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.journal.file.FileUpgradeJournal;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.plan.PlanResult;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.spi.ApprovalGate;
import io.github.pcrupgrade.jdbc.CockroachCluster;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code apply --to X}: inspect, check, plan, show the plan, confirm, execute with live progress.
 * Running it again resumes: the journal (a file per deployment by default) remembers what a
 * successor must know, and the executor re-plans from the current state.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = "Upgrade live clusters: inspect, check, plan, confirm, execute with progress."
        + " Asks before every finalization unless --yes. Run again to resume.")
final class ApplyCommand implements Callable<Integer> {

  @ParentCommand PcrUpgradeCommand root;

  @Mixin DeploymentSource source;

  @Mixin PlanOptions planOptions;

  @Option(names = "--node-upgrader", required = true, paramLabel = "COMMAND",
      description = "Command that drains, re-binaries and restarts one node, run without a shell;"
          + " placeholders {action} {cluster} {node_id} {address} {locality} {binary} {series},"
          + " each replaced inside its own argument.")
  String nodeUpgrader;

  @Option(names = "--node-upgrader-timeout", defaultValue = "30m", paramLabel = "DURATION",
      description = "Kill the node upgrader after this long (default ${DEFAULT-VALUE}).")
  String nodeUpgraderTimeout;

  @Option(names = "--yes", description = "Do not ask: proceed, and approve every finalization.")
  boolean yes;

  @Option(names = "--stop-before-finalize",
      description = "Stop before the first finalization (keeps the rollback window open).")
  boolean stopBeforeFinalize;

  @Option(names = "--journal-dir", defaultValue = ".pcr-upgrade", paramLabel = "DIR",
      description = "Where the journal and lease files live (default ${DEFAULT-VALUE}).")
  Path journalDir;

  @Option(names = "--deployment-id", defaultValue = "pcr-deployment", paramLabel = "ID",
      description = "The deployment's id in the journal (default ${DEFAULT-VALUE}).")
  String deploymentId;

  @Option(names = "--poll-interval", defaultValue = "2s", paramLabel = "DURATION",
      description = "First wait between polls (default ${DEFAULT-VALUE}).")
  String pollInterval;

  @Option(names = "--settle-time", defaultValue = "60s", paramLabel = "DURATION",
      description = "Wait after each node rejoins (default ${DEFAULT-VALUE}).")
  String settleTime;

  @Override
  public Integer call() throws IOException {
    if (!source.isLive() || source.state != null) {
      throw new PcrUpgradeException(CliErrorCode.CONFLICTING_OPTIONS,
          "apply acts on live clusters: give --primary URL and --standby URL (use simulate for a"
              + " state file)");
    }
    UpgradeRequest request = planOptions.request();
    PrintWriter out = root.ctx.out();
    CommandNodeUpgrader upgrader = new CommandNodeUpgrader(nodeUpgrader,
        FaultSpec.duration(nodeUpgraderTimeout), out);
    ExecutorOptions options = ExecutorOptions.builder()
        .pollInterval(FaultSpec.duration(pollInterval))
        .settleTime(FaultSpec.duration(settleTime))
        .requireApproval(!yes).stopBeforeFinalization(stopBeforeFinalize).build();
    try (CockroachCluster p = source.connect(root.ctx, "primary", source.primaryUrl,
            ClusterRole.PRIMARY);
        CockroachCluster s = source.connect(root.ctx, "standby", source.standbyUrl,
            ClusterRole.STANDBY)) {
      UpgradeExecutor executor = UpgradeExecutor.builder().deploymentId(deploymentId)
          .executorId("cli-" + ProcessHandle.current().pid())
          .primary(p.inspector(), p.operations()).standby(s.inspector(), s.operations())
          .nodeUpgrader(upgrader).journal(new FileUpgradeJournal(journalDir, root.ctx.clock()))
          .approvalGate(yes ? ApprovalGate.APPROVE_ALL : this::ask)
          .clock(root.ctx.clock()).options(options)
          .listener(new ProgressPrinter(out, root.ctx.clock())).build();
      PcrUpgrade upgrade = new PcrUpgrade(executor);
      // the plan shown is the plan the run starts from: made with the journal's memory
      PlanResult planned = upgrade.preview(request);
      if (planned.isRefused()) {
        out.println("The plan is refused:");
        planned.refusal().forEach(v -> out.println("  " + v));
        return ExitCode.VIOLATIONS.code();
      }
      UpgradePlan plan = planned.plan().orElseThrow();
      out.print(plan.toText());
      out.println();
      for (Violation w : plan.warnings()) {
        out.println("warning: " + w);
      }
      if (plan.isEmpty()) {
        out.println("Nothing to do: the deployment is at the target.");
        return ExitCode.OK.code();
      }
      if (!yes && !confirm("Carry out these " + plan.steps().size() + " steps? Type 'yes': ")) {
        out.println("Not confirmed; nothing was changed.");
        return ExitCode.CANCELLED.code();
      }
      RunResult result = upgrade.upgrade(request, new CancelHandle(), plan);
      out.println();
      out.println(result);
      return ExitCode.of(result.status()).code();
    }
  }

  private ApprovalGate.Decision ask(ApprovalGate.Request r) {
    return confirm("Point of no return: " + r.description() + ". Approve? Type 'yes': ")
        ? ApprovalGate.Decision.APPROVED : ApprovalGate.Decision.NOT_NOW;
  }

  private boolean confirm(String prompt) {
    root.ctx.out().print(prompt);
    root.ctx.out().flush();
    try {
      String line = root.ctx.in().readLine();
      return line != null && line.trim().equalsIgnoreCase("yes");
    } catch (IOException e) {
      return false;
    }
  }
}
