package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.plan.PlanResult;
import io.github.pcrupgrade.core.plan.Planner;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.json.JsonDocuments;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code plan --to X}: the plan, as text, JSON or Mermaid. Changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Print the upgrade plan from the deployment's current state (live or from a"
        + " state file). Changes nothing. Exits 1 when the plan is refused.")
final class PlanCommand implements Callable<Integer> {

  @ParentCommand PcrUpgradeCommand root;

  @Mixin DeploymentSource source;

  @Mixin PlanOptions planOptions;

  @Option(names = "--format", defaultValue = "text",
      description = "text, json or mermaid (default text).")
  OutputFormat format;

  @Override
  public Integer call() throws Exception {
    var request = planOptions.request();
    DeploymentSnapshot snapshot = source.load(root.ctx);
    PlanResult result = Planner.builtIn().plan(snapshot, request);
    if (format == OutputFormat.json) {
      root.ctx.out().println(JsonDocuments.writePlan(result));
    } else if (result.isRefused()) {
      root.ctx.out().println("The plan is refused:");
      for (Violation v : result.refusal()) {
        root.ctx.out().println("  " + v.severity() + " " + v.code() + ": " + v.message());
        root.ctx.out().println("    what to do: " + v.remediation());
      }
    } else {
      UpgradePlan plan = result.plan().orElseThrow();
      root.ctx.out().print(format == OutputFormat.mermaid ? plan.toMermaid() : plan.toText());
      root.ctx.out().println();
    }
    return result.isRefused() ? ExitCode.VIOLATIONS.code() : ExitCode.OK.code();
  }
}
