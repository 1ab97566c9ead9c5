package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.capture.CaptureDocument;
import io.github.pcrupgrade.jdbc.Capture;
import io.github.pcrupgrade.json.DocumentType;
import io.github.pcrupgrade.json.JsonDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code capture --primary URL --standby URL --out FILE}: the read-only statements of preflight,
 * every exchange recorded and redacted, written as a capture ({@code docs/capture.md}).
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
    subcommands = CaptureCompareCommand.class,
    description = "Record what both clusters answer to the read-only statements pcr-upgrade"
        + " relies on (statements, columns and types, rows, errors, ParameterStatus values),"
        + " with passwords, hosts, URIs, cluster ids and the licence key replaced by consistent"
        + " pseudonyms, into a capture file (docs/capture.md). Changes nothing.")
final class CaptureCommand implements Callable<Integer> {

  @ParentCommand PcrUpgradeCommand root;

  @Mixin DeploymentSource source;

  // not required = true: picocli would then ask for it before the compare subcommand too
  @Option(names = "--out", paramLabel = "FILE",
      description = "Where to write the capture (overwritten).")
  Path out;

  @Override
  public Integer call() {
    if (out == null) {
      throw new PcrUpgradeException(CliErrorCode.CONFLICTING_OPTIONS,
          "capture writes a file: give --out FILE (or use 'capture compare FILE')");
    }
    if (source.state != null || source.primaryUrl == null || source.standbyUrl == null) {
      throw new PcrUpgradeException(CliErrorCode.CONFLICTING_OPTIONS,
          "capture reads live clusters: give --primary URL and --standby URL (not --state)");
    }
    CaptureDocument capture = Capture.of(
        source.settings(root.ctx, "primary", source.primaryUrl),
        source.settings(root.ctx, "standby", source.standbyUrl)).clock(root.ctx.clock()).run();
    try {
      Files.writeString(out, JsonDocuments.write(DocumentType.CAPTURE, capture) + "\n");
    } catch (IOException e) {
      throw new PcrUpgradeException(CliErrorCode.FILE_ERROR, "cannot write capture file " + out
          + ": " + e.getMessage(), e);
    }
    int exchanges = capture.clusters().stream().mapToInt(c -> c.exchanges().size()).sum();
    root.ctx.out().println("Captured " + exchanges + " exchanges of " + capture.clusters().size()
        + " clusters into " + out + " (redacted; review it before sharing).");
    return ExitCode.OK.code();
  }
}
