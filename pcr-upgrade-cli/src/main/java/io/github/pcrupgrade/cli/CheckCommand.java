package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.rules.CheckResult;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.json.JsonDocuments;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code check}: the rules on a deployment. Exit 0 without errors, 1 with errors. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Check the PCR rules on a deployment (live or from a state file). Exits 0 when"
        + " no rule reports an error (warnings are printed), 1 when one does.")
final class CheckCommand implements Callable<Integer> {

  @ParentCommand PcrUpgradeCommand root;

  @Mixin DeploymentSource source;

  @Option(names = "--to", paramLabel = "SERIES",
      description = "Also check the preconditions of upgrading to this series.")
  String target;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default text).")
  OutputFormat format;

  @Override
  public Integer call() throws Exception {
    ReleaseSeries to = target == null ? null : ReleaseSeries.parse(target);
    DeploymentSnapshot snapshot = source.load(root.ctx);
    Rules rules = Rules.builtIn();
    CheckResult result = to == null ? rules.check(snapshot) : rules.check(snapshot, to);
    if (format == OutputFormat.json) {
      root.ctx.out().println(JsonDocuments.writeCheckResult(result));
    } else if (result.isClean()) {
      root.ctx.out().println("OK: no rule is broken"
          + (to == null ? "" : " and nothing prevents upgrading to " + to));
    } else {
      for (Violation v : result.violations()) {
        root.ctx.out().println(v.severity() + " " + v.code() + ": " + v.message());
        root.ctx.out().println("    what to do: " + v.remediation());
        root.ctx.out().println("    rule: " + v.source());
      }
      root.ctx.out().println(result.errors().size() + " error(s), " + result.warnings().size()
          + " warning(s)");
    }
    return result.hasErrors() ? ExitCode.VIOLATIONS.code() : ExitCode.OK.code();
  }
}
