package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.SnapshotDeployments;
import io.github.pcrupgrade.testkit.sql.RealTimeDriver;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code serve-sim --state FILE}: a simulated copy of a deployment, served over the PostgreSQL
 * wire protocol on loopback ports, its clock moving with real time (faster with {@code --speed}).
 */
@Command(name = "serve-sim", mixinStandardHelpOptions = true,
    description = "Serve a simulated copy of a state file over the PostgreSQL wire protocol on"
        + " loopback ports, answering as CockroachDB does, so that tools in any language can be"
        + " tested against it. Prints the URLs; runs until standard input closes (or --for).")
final class ServeSimCommand implements Callable<Integer> {

  @ParentCommand PcrUpgradeCommand root;

  @Option(names = "--state", required = true, paramLabel = "FILE",
      description = "The deployment to serve (docs/state-file.md).")
  Path state;

  @Option(names = "--speed", defaultValue = "10", paramLabel = "X",
      description = "Virtual time runs X times as fast as real time (default ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--port", defaultValue = "0", paramLabel = "PORT",
      description = "The port of the primary's first node; each further node, the primary's then"
          + " the standby's, gets the next one (default: any free).")
  int port;

  @Option(names = "--root-password-env", paramLabel = "VAR",
      description = "Environment variable holding the root password (default: the simulation's"
          + " documented default, '" + SimulatedPcrServer.DEFAULT_ROOT_PASSWORD + "').")
  String passwordEnv;

  @Option(names = "--seed", defaultValue = "1", description = "Simulation seed (default 1).")
  long seed;

  @Option(names = "--for", paramLabel = "DURATION",
      description = "Stop after this long instead of waiting for standard input to close.")
  String serveFor;

  @Override
  public Integer call() throws IOException, InterruptedException {
    // Every option is checked before anything is read, bound or printed.
    Duration stopAfter = serveFor == null ? null
        : Durations.option("--for", serveFor, Duration.ofMillis(1), Duration.ofDays(365));
    if (!(speed >= 0.1 && speed <= 10_000)) {
      throw new PcrUpgradeException(CliErrorCode.BAD_OPTION_VALUE,
          "--speed must be between 0.1 and 10000, got " + speed);
    }
    if (port != 0 && (port < 1 || port > 65534)) {
      throw new PcrUpgradeException(CliErrorCode.BAD_OPTION_VALUE, "--port must be between 1"
          + " and 65534 (the standby listens on the next port), or 0 for any free ports; got "
          + port);
    }
    DeploymentSnapshot snapshot = DeploymentSource.readState(state);
    SimulatedDeployment d = SnapshotDeployments.builderFrom(snapshot).seed(seed)
        .acceptSqlFinalizations().build();
    SimulatedPcrServer.Builder b = SimulatedPcrServer.builder(d);
    if (passwordEnv != null) {
      String pw = root.ctx.env().get(passwordEnv);
      if (pw == null) {
        throw new PcrUpgradeException(CliErrorCode.CONFLICTING_OPTIONS,
            "environment variable " + passwordEnv + " is not set");
      }
      b.rootPassword(pw);
    }
    if (port != 0) {
      b.ports(port, port + snapshot.primary().nodes().size());
    }
    PrintWriter out = root.ctx.out();
    try (SimulatedPcrServer server = start(b);
        RealTimeDriver driver = RealTimeDriver.start(d, speed, Duration.ofMillis(100));
        SimNodeRestarts restarts = SimNodeRestarts.start(d, speed)) {
      String p = snapshot.primary().name();
      String s = snapshot.standby().name();
      out.println("Serving a simulated PCR deployment (virtual time x" + speed + "):");
      out.println("  " + p + " (primary)  JDBC  " + server.primaryUrl());
      out.println("  " + p + " (primary)  libpq " + server.libpqUrl(p, "root", "system"));
      out.println("  " + s + " (standby)  JDBC  " + server.standbyUrl());
      out.println("  " + s + " (standby)  libpq " + server.libpqUrl(s, "root", "system"));
      out.println("User root; password " + (passwordEnv == null
          ? "'" + SimulatedPcrServer.DEFAULT_ROOT_PASSWORD + "' (the simulation's default)"
          : "from $" + passwordEnv) + ". Route to a VC with options=-ccluster=<vc>.");
      out.println("Node restarts (for apply --node-upgrader; each restart takes the simulated"
          + " drain and restart time):");
      out.println("  node upgrader  " + restarts.nodeUpgraderTemplate());
      out.println(serveFor == null ? "Close standard input (Ctrl-D) to stop."
          : "Stopping after " + serveFor + ".");
      out.flush();
      if (stopAfter != null) {
        Thread.sleep(stopAfter.toMillis());
      } else {
        while (root.ctx.in().readLine() != null) {
          // keep serving until standard input closes
        }
      }
      out.println("Stopped. Invariant monitor: " + (d.monitor().violations().isEmpty()
          ? "no violation recorded" : d.monitor().violations()));
    }
    return d.monitor().violations().isEmpty() ? ExitCode.OK.code() : ExitCode.VIOLATIONS.code();
  }

  private SimulatedPcrServer start(SimulatedPcrServer.Builder b) {
    try {
      return b.start();
    } catch (UncheckedIOException e) {
      String where = port == 0 ? "any free loopback port" : "loopback ports " + port + " and "
          + (port + 1);
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new PcrUpgradeException(CliErrorCode.PORT_UNAVAILABLE, "cannot listen on " + where
          + ": " + cause.getMessage() + "; choose another --port, or --port 0 for any free ports",
          e);
    }
  }
}
