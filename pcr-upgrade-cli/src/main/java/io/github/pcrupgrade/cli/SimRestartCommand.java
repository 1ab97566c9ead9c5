package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.PcrUpgradeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sim-restart}: the node upgrader of a rehearsal. Asks a running {@code serve-sim} to
 * restart one simulated node onto a binary and waits until it has; exit 0 when it did, 1 when the
 * simulation refused or failed it (the reason on standard error).
 */
@Command(name = "sim-restart", mixinStandardHelpOptions = true,
    description = "Restart one node of a running serve-sim onto a binary (the node upgrader"
        + " serve-sim prints for apply --node-upgrader).")
final class SimRestartCommand implements Callable<Integer> {

  @ParentCommand PcrUpgradeCommand root;

  @Option(names = "--control", required = true, paramLabel = "HOST:PORT",
      description = "serve-sim's restart address, as it printed it.")
  String control;

  @Parameters(index = "0", paramLabel = "ACTION", description = "upgrade or rollback")
  String action;

  @Parameters(index = "1", paramLabel = "CLUSTER", description = "the cluster's name")
  String cluster;

  @Parameters(index = "2", paramLabel = "NODE_ID", description = "the node's id")
  String nodeId;

  @Parameters(index = "3", paramLabel = "BINARY", description = "a version (v25.2.4) or series")
  String binary;

  @Override
  public Integer call() {
    int colon = control.lastIndexOf(':');
    int port;
    try {
      port = Integer.parseInt(control.substring(colon + 1));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      port = -1;
    }
    if (colon <= 0 || port < 1 || port > 65535) {
      throw new PcrUpgradeException(CliErrorCode.BAD_OPTION_VALUE, "--control must be HOST:PORT"
          + " as serve-sim printed it, got '" + SafeText.escape(control) + "'");
    }
    PrintWriter out = root.ctx.out();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(control.substring(0, colon), port), 10_000);
      PrintWriter req = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
      req.println(String.join(" ", action, cluster, nodeId, binary));
      String answer = new BufferedReader(new InputStreamReader(s.getInputStream(),
          StandardCharsets.UTF_8)).readLine();
      if ("ok".equals(answer)) {
        out.println("simulated node " + nodeId + " of '" + cluster + "': " + action + " to "
            + binary + " done");
        return ExitCode.OK.code();
      }
      root.ctx.err().println("pcr-upgrade: sim-restart: " + (answer == null
          ? "serve-sim closed the connection without an answer" : answer));
      return 1;
    } catch (IOException e) {
      throw new PcrUpgradeException(io.github.pcrupgrade.core.CoreErrorCode.PORT_FAILURE,
          "cannot reach serve-sim's restart address " + control + ": " + e.getMessage()
              + "; is serve-sim still running?", e);
    }
  }
}
