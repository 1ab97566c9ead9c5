package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.json.Json;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.catalog.UpgradePath;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code path --from A --to B}: the chain of direct upgrades. */
@Command(name = "path", mixinStandardHelpOptions = true,
    description = "Print the shortest chain of direct major upgrades between two series.")
final class PathCommand implements Callable<Integer> {

  @ParentCommand PcrUpgradeCommand root;

  @Option(names = "--from", required = true, description = "Current series, e.g. 24.1.")
  String from;

  @Option(names = "--to", required = true, description = "Target series, e.g. 25.2.")
  String to;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default text).")
  OutputFormat format;

  @Override
  public Integer call() throws Exception {
    UpgradePath path = ReleaseCatalog.builtIn()
        .path(ReleaseSeries.parse(from), ReleaseSeries.parse(to));
    if (format == OutputFormat.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("schemaVersion", 1);
      doc.put("from", path.from().toString());
      doc.put("to", path.to().toString());
      doc.put("hops", path.hops().stream()
          .map(h -> Map.of("from", h.from().toString(), "to", h.to().toString())).toList());
      root.ctx.out().println(Json.mapper().writeValueAsString(doc));
    } else if (path.hops().isEmpty()) {
      root.ctx.out().println(path.from() + ": already there (no major upgrade needed)");
    } else {
      root.ctx.out().println(path + "  (" + path.hops().size() + " hop"
          + (path.hops().size() == 1 ? "" : "s") + ")");
    }
    return ExitCode.OK.code();
  }
}
