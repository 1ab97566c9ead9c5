package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.PcrUpgrade;
import io.github.pcrupgrade.core.PcrUpgradeException;
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
import io.github.pcrupgrade.core.spi.Scheduler;
import io.github.pcrupgrade.jdbc.CockroachCluster;
import io.github.pcrupgrade.json.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
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

  @Mixin JournalLocation where;

  @Option(names = "--poll-interval", defaultValue = "2s", paramLabel = "DURATION",
      description = "First wait between polls (default ${DEFAULT-VALUE}).")
  String pollInterval;

  @Option(names = "--settle-time", defaultValue = "60s", paramLabel = "DURATION",
      description = "Wait after each node rejoins (default ${DEFAULT-VALUE}).")
  String settleTime;

  @Option(names = "--lease-ttl", defaultValue = "5m", paramLabel = "DURATION",
      description = "How long the deployment's lease lasts between renewals; a run that died"
          + " holds it this long unless its record proves it gone (default ${DEFAULT-VALUE},"
          + " 5s to 1h).")
  String leaseTtl;

  @Option(names = "--lease-wait", defaultValue = "0s", paramLabel = "DURATION",
      description = "How long to wait for a lease another run holds before halting (default"
          + " ${DEFAULT-VALUE}: halt at once; up to 1h).")
  String leaseWait;

  @Option(names = "--stop-grace", defaultValue = "30s", paramLabel = "DURATION",
      description = "On SIGTERM or SIGINT, how long the call in flight may take to return before"
          + " it is abandoned: its statement cancelled, the node upgrader ended (default"
          + " ${DEFAULT-VALUE}).")
  String stopGrace;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
      description = "text, or json (needs --yes): one progress event per line, then the run"
          + " report on one line (default ${DEFAULT-VALUE}).")
  OutputFormat format;

  private static Thread callThread(Runnable call) {
    Thread t = new Thread(call, "pcr-upgrade-cli-call");
    t.setDaemon(true);
    return t;
  }

  @Override
  public Integer call() throws IOException {
    if (!source.isLive() || source.state != null) {
      throw new PcrUpgradeException(CliErrorCode.CONFLICTING_OPTIONS,
          "apply acts on live clusters: give --primary URL and --standby URL (use simulate for a"
              + " state file)");
    }
    if (format == OutputFormat.mermaid || (format == OutputFormat.json && !yes)) {
      throw new PcrUpgradeException(CliErrorCode.CONFLICTING_OPTIONS, format
          == OutputFormat.mermaid ? "--format must be text or json for apply"
          : "--format json prints only JSON, so it cannot ask: add --yes");
    }
    boolean json = format == OutputFormat.json;
    Duration settle = Durations.option("--settle-time", settleTime, Duration.ZERO,
        Duration.ofHours(1));
    UpgradeRequest request = planOptions.request(settle);
    // in JSON, standard output carries only the JSON lines; the rest goes to standard error
    PrintWriter out = json ? root.ctx.err() : root.ctx.out();
    // Every option is checked before anything connects.
    CommandNodeUpgrader upgrader = new CommandNodeUpgrader(nodeUpgrader,
        Durations.option("--node-upgrader-timeout", nodeUpgraderTimeout, Duration.ofSeconds(1),
            Duration.ofHours(24)), out);
    Duration grace = Durations.option("--stop-grace", stopGrace, Duration.ZERO,
        Duration.ofHours(1));
    ExecutorOptions options = ExecutorOptions.builder()
        .stopGrace(grace)
        .pollInterval(Durations.option("--poll-interval", pollInterval, Duration.ofMillis(10),
            Duration.ofMinutes(5)))
        .settleTime(settle)
        .leaseTtl(Durations.option("--lease-ttl", leaseTtl, Duration.ofSeconds(5),
            Duration.ofHours(1)))
        .leaseWait(Durations.option("--lease-wait", leaseWait, Duration.ZERO,
            Duration.ofHours(1)))
        .requireApproval(!yes).stopBeforeFinalization(stopBeforeFinalize).build();
    try (CockroachCluster p = source.connect(root.ctx, "primary", source.primaryUrl,
            ClusterRole.PRIMARY);
        CockroachCluster s = source.connect(root.ctx, "standby", source.standbyUrl,
            ClusterRole.STANDBY)) {
      FileUpgradeJournal journal = where.journal(root.ctx);
      LateListener progress = new LateListener();
      UpgradeExecutor executor = UpgradeExecutor.builder().deploymentId(where.deploymentId)
          .executorId("cli-" + ProcessHandle.current().pid())
          .primary(p.inspector(), p.operations()).standby(s.inspector(), s.operations())
          .nodeUpgrader(upgrader).journal(journal)
          .approvalGate(yes ? ApprovalGate.APPROVE_ALL : this::ask)
          // calls run on worker threads, so the lease is renewed and a stop is seen during a
          // long finalization, STOP SERVICE or node restart (docs/design.md)
          .scheduler(Scheduler.system(root.ctx.clock(), ApplyCommand::callThread))
          .options(options)
          .listener(progress).build();
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
      for (Violation e : plan.errors()) {
        out.println("error: " + e);
      }
      for (Violation w : plan.warnings()) {
        out.println("warning: " + w);
      }
      if (plan.isEmpty()) {
        out.println("Nothing to do: the deployment is at the target.");
        return ExitCode.OK.code();
      }
      progress.set(json ? new JsonProgress(root.ctx.out(), plan, ProgressPrinter.EVERY)
          : ProgressPrinter.withEta(out, root.ctx.clock(), plan, root.statusLine,
              ProgressPrinter.EVERY));
      if (!yes && !confirm("Carry out these " + plan.steps().size() + " steps? Type 'yes': ")) {
        out.println("Not confirmed; nothing was changed.");
        return ExitCode.CANCELLED.code();
      }
      // the executor stops its own call after --stop-grace; the cut is a fallback for a run
      // blocked where it cannot see the stop (the approval prompt)
      StoppableRun run = new StoppableRun(root.ctx.err(), grace, StopFallback.after(options),
          List.of(upgrader::endRunningQuietly, p::close, s::close));
      // only the plan confirmed above: a run that would start from another halts before acting
      RunResult result = run.execute(cancel -> upgrade.upgrade(request, cancel, plan));
      out.println();
      out.println(result);
      if (json) {
        root.ctx.out().println(JsonProgress.oneLine(RunReport.of(result, List.of())));
      }
      return run.report(result, journal, where.deploymentId, out).code();
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
