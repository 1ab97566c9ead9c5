package io.github.pcrupgrade.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.preflight.PreflightCheck;
import io.github.pcrupgrade.core.preflight.PreflightReport;
import io.github.pcrupgrade.core.preflight.Verdict;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.jdbc.Preflight;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code preflight}: one read-only pass over both clusters that says, check by check, whether
 * pcr-upgrade can carry out the upgrade; with {@code --failback}, whether a fast failback is
 * allowed now. Exit 0 without FAIL, 1 with a FAIL, 4 when a cluster cannot be reached.
 */
@Command(name = "preflight", mixinStandardHelpOptions = true,
    description = "Check, without changing anything, whether pcr-upgrade can upgrade these"
        + " clusters: connectivity, identity, privileges, the internals gate, the reads it needs,"
        + " replication, the rules and the target's preconditions, the licence. Each check is"
        + " OK, WARN or FAIL with what was seen and what to do. With --failback: may the original"
        + " primary fast-fail-back now? Exits 0 without FAIL, 1 with a FAIL, 4 when a cluster"
        + " cannot be reached.")
final class PreflightCommand implements Callable<Integer> {

  /** The version of the JSON output; see docs/preflight.md. */
  static final int SCHEMA_VERSION = 1;

  @ParentCommand PcrUpgradeCommand root;

  @Mixin DeploymentSource source;

  @Option(names = "--to", paramLabel = "SERIES",
      description = "Also check the preconditions of upgrading to this series (as check --to),"
          + " and the licence for the path there.")
  String target;

  @Option(names = "--failback",
      description = "Answer only: may the original primary (--primary) fast-fail-back now from"
          + " the promoted standby (--standby)? Live, or from --state.")
  boolean failback;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default text).")
  OutputFormat format;

  @Override
  public Integer call() {
    if (format == OutputFormat.mermaid) {
      throw new PcrUpgradeException(CliErrorCode.CONFLICTING_OPTIONS,
          "preflight prints text or json, not mermaid");
    }
    ReleaseSeries to = target == null ? null : ReleaseSeries.parse(target);
    PreflightReport report;
    if (failback && source.state != null) {
      if (source.isLive()) {
        throw new PcrUpgradeException(CliErrorCode.CONFLICTING_OPTIONS,
            "give either --state FILE or --primary URL --standby URL, not both");
      }
      report = new PreflightReport(List.of(Preflight.failbackVerdict(
          Rules.builtIn().mayFastFailBack(source.load(root.ctx)))), false);
    } else {
      if (source.state != null) {
        throw new PcrUpgradeException(CliErrorCode.CONFLICTING_OPTIONS,
            "preflight reads live clusters (--primary URL --standby URL); --state is only for"
                + " --failback");
      }
      if (source.primaryUrl == null || source.standbyUrl == null) {
        throw new PcrUpgradeException(CliErrorCode.CONFLICTING_OPTIONS,
            "give both --primary URL and --standby URL");
      }
      Preflight.Builder b = Preflight.builder(
          source.settings(root.ctx, "primary", source.primaryUrl),
          source.settings(root.ctx, "standby", source.standbyUrl)).clock(root.ctx.clock());
      if (to != null) {
        b.target(to);
      }
      report = failback ? b.build().failback() : b.build().run();
    }
    print(report);
    if (report.unreachable()) {
      return ExitCode.UNREACHABLE.code();
    }
    return report.verdict() == Verdict.FAIL ? ExitCode.VIOLATIONS.code() : ExitCode.OK.code();
  }

  private void print(PreflightReport report) {
    PrintWriter out = root.ctx.out();
    if (format == OutputFormat.json) {
      out.println(json(report));
      return;
    }
    for (PreflightCheck c : report.checks()) {
      out.println(c.verdict() + " " + c.name() + " [" + c.subject() + "]: " + c.seen());
      if (!c.todo().isEmpty()) {
        out.println("    what to do: " + c.todo());
      }
    }
    out.println(report.with(Verdict.FAIL).size() + " FAIL, " + report.with(Verdict.WARN).size()
        + " WARN, " + report.with(Verdict.OK).size() + " OK"
        + (report.unreachable() ? "; a cluster could not be reached" : ""));
  }

  static String json(PreflightReport report) {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = m.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("verdict", report.verdict().name());
    root.put("unreachable", report.unreachable());
    ArrayNode checks = root.putArray("checks");
    for (PreflightCheck c : report.checks()) {
      ObjectNode n = checks.addObject();
      n.put("name", c.name());
      n.put("subject", c.subject());
      n.put("verdict", c.verdict().name());
      n.put("seen", c.seen());
      if (!c.todo().isEmpty()) {
        n.put("todo", c.todo());
      }
      if (!c.fact().isEmpty()) {
        n.put("fact", c.fact());
      }
    }
    try {
      return m.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a preflight report always serializes", e);
    }
  }
}
