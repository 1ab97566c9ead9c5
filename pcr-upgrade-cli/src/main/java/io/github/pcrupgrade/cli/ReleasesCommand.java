package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.json.Json;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.catalog.SeriesInfo;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code releases}: the release catalog. */
@Command(name = "releases", mixinStandardHelpOptions = true,
    description = "List the release series the catalog knows: type, dates, direct targets.")
final class ReleasesCommand implements Callable<Integer> {

  @ParentCommand PcrUpgradeCommand root;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default text).")
  OutputFormat format;

  @Override
  public Integer call() throws Exception {
    ReleaseCatalog catalog = ReleaseCatalog.builtIn();
    if (format == OutputFormat.json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (SeriesInfo s : catalog.all()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("series", s.series().toString());
        row.put("type", s.type());
        row.put("gaDate", s.gaDate());
        row.put("maintenanceEnd", s.maintenanceEnd());
        row.put("assistanceEnd", s.assistanceEnd());
        row.put("minSupported", s.minSupported().toString());
        row.put("directTargets",
            catalog.directTargets(s.series()).stream().map(Object::toString).toList());
        rows.add(row);
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("schemaVersion", 1);
      doc.put("releases", rows);
      root.ctx.out().println(Json.mapper().writeValueAsString(doc));
      return ExitCode.OK.code();
    }
    root.ctx.out().printf("%-7s %-11s %-11s %-11s %-11s %-8s %s%n", "SERIES", "TYPE", "GA",
        "MAINT-END", "ASSIST-END", "MIN-SUP", "DIRECT TARGETS");
    for (SeriesInfo s : catalog.all()) {
      root.ctx.out().printf("%-7s %-11s %-11s %-11s %-11s %-8s %s%n", s.series(), s.type(),
          date(s.gaDate(), "planned"), date(s.maintenanceEnd(), "-"),
          date(s.assistanceEnd(), "-"), s.minSupported(),
          catalog.directTargets(s.series()).isEmpty() ? "(none known)"
              : String.join(", ", catalog.directTargets(s.series()).stream()
                  .map(Object::toString).toList()));
    }
    return ExitCode.OK.code();
  }

  private static String date(LocalDate d, String absent) {
    return d == null ? absent : d.toString();
  }
}
