package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.json.Json;
import io.github.pcrupgrade.json.StateFile;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.PlanResult;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.Planner;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code status --to X}: where the deployment stands against a target. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show where a deployment stands against a target: versions now, and the steps"
        + " that remain. Changes nothing.")
final class StatusCommand implements Callable<Integer> {

  @ParentCommand PcrUpgradeCommand root;

  @Mixin DeploymentSource source;

  @Mixin PlanOptions planOptions;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default text).")
  OutputFormat format;

  @Override
  public Integer call() throws Exception {
    var request = planOptions.request();
    DeploymentSnapshot s = source.load(root.ctx);
    PlanResult result = Planner.builtIn().plan(s, request);
    List<PlanStep> remaining = result.plan().map(p -> p.steps()).orElse(List.of());
    // warnings such as settings pinned at rest (issue 14): status must not say all is well
    List<io.github.pcrupgrade.core.rules.Violation> errors =
        result.plan().map(p -> p.errors()).orElse(List.of());
    List<io.github.pcrupgrade.core.rules.Violation> warnings =
        result.plan().map(p -> p.warnings()).orElse(List.of());
    if (format == OutputFormat.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("schemaVersion", 1);
      doc.put("target", request.target().toString());
      doc.put("atTarget", result.isPlanned() && remaining.isEmpty());
      doc.put("refused", result.isRefused());
      doc.put("remainingSteps", remaining.stream().map(PlanStep::id).toList());
      doc.put("violations", result.refusal());
      doc.put("errors", errors);
      doc.put("warnings", warnings);
      doc.put("deployment", StateFile.of(s));
      root.ctx.out().println(Json.mapper().writeValueAsString(doc));
    } else {
      PrintWriter out = root.ctx.out();
      for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
        out.println(c.name() + " (" + c.role().name().toLowerCase(java.util.Locale.ROOT) + "):");
        Map<String, List<Integer>> byBinary = c.nodes().stream().collect(Collectors.groupingBy(
            n -> n.binary().toString(), java.util.TreeMap::new,
            Collectors.mapping(NodeInfo::id, Collectors.toList())));
        byBinary.forEach((b, ids) -> out.println("  nodes " + ids + " run " + b));
        for (VirtualClusterInfo vc : c.virtualClusters()) {
          out.println("  VC " + vc.name() + " (" + vc.kind() + ", "
              + vc.serviceMode().sql() + "): " + vc.version());
        }
      }
      errors.forEach(e -> out.println("error: " + e));
      warnings.forEach(w -> out.println("warning: " + w));
      if (result.isRefused()) {
        out.println("No plan to " + request.target() + ":");
        result.refusal().forEach(v -> out.println("  " + v));
      } else if (remaining.isEmpty()) {
        out.println("At the target " + request.target() + ": nothing remains.");
      } else {
        out.println(remaining.size() + " step(s) remain to reach " + request.target()
            + "; next: " + remaining.get(0).description());
        remaining.forEach(st -> out.println("  - " + st.id()));
      }
    }
    return result.isRefused() ? ExitCode.VIOLATIONS.code() : ExitCode.OK.code();
  }
}
