package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.json.Json;
import io.github.pcrupgrade.testkit.chaos.ChaosCampaign;
import io.github.pcrupgrade.testkit.chaos.ChaosReport;
import io.github.pcrupgrade.testkit.chaos.ChaosRunResult;
import io.github.pcrupgrade.testkit.chaos.ChaosSettings;
import io.github.pcrupgrade.testkit.chaos.TroubleKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code chaos}: the seeded chaos campaign of the testkit, in memory and virtual time. Exit 0 when
 * every run passed the oracle, 1 when one failed (each failure prints the command that reproduces
 * it), 3 for a bad option value.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
    description = "Play a seeded chaos campaign on the simulation: generated deployments, targets"
        + " and trouble (faults, crashes, cancellations, outside actors, a second executor), each"
        + " run judged by the oracle. Prints outcome counts and every failing run with the"
        + " command that reproduces it.")
final class ChaosCommand implements Callable<Integer> {

  @ParentCommand PcrUpgradeCommand root;

  @Option(names = "--runs", defaultValue = "1000", paramLabel = "N",
      description = "How many runs to play (1-10000000; default 1000).")
  int runs;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
      description = "The campaign's seed (default 1).")
  long seed;

  @Option(names = "--run", paramLabel = "I",
      description = "Play only run I (from 0) of the campaign, and describe it.")
  Integer run;

  @Option(names = "--threads", paramLabel = "T",
      description = "Runs played at once (1-64; default: the number of processors).")
  Integer threads;

  @Option(names = "--watchdog", defaultValue = "60s", paramLabel = "DURATION",
      description = "Real time a run may take before it counts as a hang (1ms-1h; default 60s).")
  String watchdog;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default text).")
  OutputFormat format;

  @Override
  public Integer call() throws Exception {
    if (runs < 1 || runs > 10_000_000) {
      throw invalid("--runs must be within 1 to 10000000, got " + runs);
    }
    if (run != null && run < 0) {
      throw invalid("--run must be 0 or more, got " + run);
    }
    int parallel = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (parallel < 1 || parallel > 64) {
      throw invalid("--threads must be within 1 to 64, got " + parallel);
    }
    if (format == OutputFormat.mermaid) {
      throw invalid("--format must be text or json for chaos");
    }
    Duration limit = Durations.option("--watchdog", watchdog, Duration.ofMillis(1),
        Duration.ofHours(1));
    ChaosSettings settings = ChaosSettings.defaults().withWatchdog(limit);
    // the runs log every wait and retry of thousands of upgrades: only with --verbose
    CliLoggerFactory logs = LoggerFactory.getILoggerFactory() instanceof CliLoggerFactory f
        ? f : null;
    if (logs != null && !root.verbose) {
      logs.quiet(true);
    }
    try {
      return play(settings, parallel);
    } finally {
      if (logs != null) {
        logs.quiet(false);
      }
    }
  }

  private int play(ChaosSettings settings, int parallel) throws Exception {
    if (run != null) {
      ChaosRunResult r = ChaosCampaign.builder().seed(seed).settings(settings).build()
          .runOne(run);
      print(r);
      return r.passed() ? ExitCode.OK.code() : ExitCode.VIOLATIONS.code();
    }
    ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
      Thread t = new Thread(r, "pcr-upgrade-chaos");
      t.setDaemon(true);
      return t;
    });
    ChaosReport report;
    try {
      report = ChaosCampaign.builder().seed(seed).runs(runs).settings(settings).executor(pool)
          .build().run();
    } finally {
      pool.shutdownNow();
    }
    if (format == OutputFormat.json) {
      root.ctx.out().println(Json.mapper().writeValueAsString(json(report)));
    } else {
      root.ctx.out().print(report.text());
    }
    return report.passed() ? ExitCode.OK.code() : ExitCode.VIOLATIONS.code();
  }

  private void print(ChaosRunResult r) throws Exception {
    if (format == OutputFormat.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("schemaVersion", 1);
      doc.putAll(json(r));
      root.ctx.out().println(Json.mapper().writeValueAsString(doc));
      return;
    }
    root.ctx.out().println("run " + r.scenario().run() + " of seed " + seed + ":");
    root.ctx.out().println("  " + r.scenario().describe().replace("\n", "\n  "));
    root.ctx.out().println("outcome: " + r.outcome() + (r.detail().isEmpty() ? ""
        : " (" + r.detail() + ")"));
    root.ctx.out().println("rerun after the trouble was cleared: "
        + (r.rerun().isEmpty() ? "none" : r.rerun()));
    root.ctx.out().println("trouble fired: " + (r.fired().isEmpty() ? "none" : r.fired()));
    root.ctx.out().println("virtual time: " + r.virtualTime() + "; real time: "
        + r.wallTime().toMillis() + " ms");
    for (String e : r.excused()) {
      root.ctx.out().println("laid on an outside actor: " + e);
    }
    if (r.passed()) {
      root.ctx.out().println("oracle: passed");
    } else {
      for (String f : r.failures()) {
        root.ctx.out().println("FAILED: " + f);
      }
      root.ctx.out().println("reproduce: " + r.reproduction());
    }
  }

  private static Map<String, Object> json(ChaosReport report) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schemaVersion", 1);
    doc.put("seed", report.seed());
    doc.put("runs", report.runs());
    doc.put("passed", report.passed());
    doc.put("wallMillis", report.wallTime().toMillis());
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("pollInterval", report.settings().pollInterval().toString());
    s.put("maxPollInterval", report.settings().maxPollInterval().toString());
    s.put("settleTime", report.settings().settleTime().toString());
    s.put("leaseTtl", report.settings().leaseTtl().toString());
    s.put("watchdog", report.settings().watchdog().toString());
    doc.put("settings", s);
    doc.put("outcomes", report.outcomes());
    doc.put("reruns", report.reruns());
    Map<String, Integer> fired = new LinkedHashMap<>();
    for (TroubleKind k : TroubleKind.values()) {
      fired.put(k.name(), report.fired().getOrDefault(k, 0));
    }
    doc.put("fired", fired);
    List<Map<String, Object>> failures = new ArrayList<>();
    for (ChaosRunResult f : report.failures()) {
      failures.add(json(f));
    }
    doc.put("failures", failures);
    return doc;
  }

  private static Map<String, Object> json(ChaosRunResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run", r.scenario().run());
    m.put("seed", r.scenario().campaignSeed());
    m.put("scenario", r.scenario().describe());
    m.put("outcome", r.outcome());
    m.put("detail", r.detail());
    m.put("rerun", r.rerun());
    Map<String, Integer> fired = new LinkedHashMap<>();
    r.fired().forEach((k, v) -> fired.put(k.name(), v));
    m.put("fired", fired);
    m.put("virtualTime", r.virtualTime().toString());
    m.put("passed", r.passed());
    m.put("failures", r.failures());
    m.put("excused", r.excused());
    m.put("reproduce", r.reproduction());
    return m;
  }

  private static PcrUpgradeException invalid(String message) {
    return new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, message);
  }
}
