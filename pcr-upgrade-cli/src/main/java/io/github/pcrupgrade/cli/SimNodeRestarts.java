package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The node restarts of {@code serve-sim}: a loopback port that takes one request per connection,
 * {@code <action> <cluster> <node_id> <binary>} (what {@code pcr-upgrade sim-restart} sends, with
 * the node upgrader's placeholders filled in), restarts that simulated node onto the binary
 * through the simulation's own node upgrader (drain, stop, swap, start, in virtual time), holds
 * the answer for the real-time equivalent of the simulated restart at the serving speed, and
 * answers {@code ok} or {@code error <why>}. One daemon thread per connection; close stops it.
 */
final class SimNodeRestarts implements AutoCloseable {

  /** The longest real time a restart is held for, whatever the speed. */
  private static final Duration MAX_HOLD = Duration.ofMinutes(2);

  private final SimulatedDeployment deployment;
  private final double speed;
  private final ServerSocket server;
  private final Thread acceptor;

  private SimNodeRestarts(SimulatedDeployment deployment, double speed) throws IOException {
    this.deployment = deployment;
    this.speed = speed;
    this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "pcr-upgrade-sim-restarts");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts taking restart requests for {@code deployment}, served at {@code speed}. */
  static SimNodeRestarts start(SimulatedDeployment deployment, double speed) {
    try {
      return new SimNodeRestarts(deployment, speed);
    } catch (IOException e) {
      throw new PcrUpgradeException(CliErrorCode.PORT_UNAVAILABLE,
          "cannot listen for node restarts on a loopback port: " + e.getMessage(), e);
    }
  }

  /** The control address, {@code 127.0.0.1:PORT}. */
  String address() {
    return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
  }

  /**
   * The node-upgrader template {@code apply --node-upgrader} takes: this very program (the JVM
   * and class path it runs with) calling {@code sim-restart} against this service.
   */
  String nodeUpgraderTemplate() {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-cp");
    // absolute, so that apply may run the command from any directory
    cmd.add(java.util.Arrays.stream(System.getProperty("java.class.path")
            .split(java.io.File.pathSeparator))
        .map(e -> java.nio.file.Path.of(e).toAbsolutePath().toString())
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator)));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of("sim-restart", "--control", address(), "{action}", "{cluster}",
        "{node_id}", "{binary}"));
    StringBuilder b = new StringBuilder();
    for (String arg : cmd) {
      b.append(b.length() == 0 ? "" : " ").append(quoted(arg));
    }
    return b.toString();
  }

  private static String quoted(String arg) {
    if (!arg.isEmpty() && arg.chars().noneMatch(c -> Character.isWhitespace(c) || c == '\''
        || c == '"')) {
      return arg;
    }
    return arg.indexOf('\'') < 0 ? "'" + arg + "'" : "\"" + arg + "\"";
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> serve(s), "pcr-upgrade-sim-restart");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
            StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(socket.getOutputStream(), true,
            StandardCharsets.UTF_8)) {
      String line = in.readLine();
      out.println(answer(line));
    } catch (IOException e) {
      // the client went away; the restart (if any) completed all the same
    }
  }

  /** Carries out one request line; {@code ok} or {@code error <why>}. */
  String answer(String line) {
    String[] p = line == null ? new String[0] : line.trim().split(" ");
    if (p.length != 4 || !(p[0].equals("upgrade") || p[0].equals("rollback"))) {
      return "error expected '<upgrade|rollback> <cluster> <node_id> <binary>'";
    }
    try {
      NodeInfo node = node(p[1], Integer.parseInt(p[2]));
      BinaryTarget target = p[3].startsWith("v") ? BinaryTarget.exactly(BinaryVersion.parse(p[3]))
          : BinaryTarget.anyPatchOf(ReleaseSeries.parse(p[3]));
      Instant before = deployment.now();
      if (p[0].equals("upgrade")) {
        deployment.nodeUpgrader().upgrade(p[1], node, target);
      } else {
        deployment.nodeUpgrader().rollback(p[1], node, target);
      }
      hold(Duration.between(before, deployment.now()));
      return "ok";
    } catch (NumberFormatException e) {
      return "error node id '" + p[2] + "' is not a number";
    } catch (PcrUpgradeException e) {
      return "error " + e.getMessage().replace('\n', ' ');
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "error interrupted";
    }
  }

  private NodeInfo node(String cluster, int id) {
    DeploymentSnapshot s = deployment.trueSnapshot();
    ClusterSnapshot c = s.primary().name().equals(cluster) ? s.primary()
        : s.standby().name().equals(cluster) ? s.standby() : null;
    if (c == null) {
      throw new PcrUpgradeException(CliErrorCode.BAD_OPTION_VALUE, "no cluster named '" + cluster
          + "'; the simulated clusters are '" + s.primary().name() + "' and '"
          + s.standby().name() + "'");
    }
    return c.nodes().stream().filter(n -> n.id() == id).findFirst().orElseThrow(() ->
        new PcrUpgradeException(CliErrorCode.BAD_OPTION_VALUE, "cluster '" + cluster
            + "' has no node " + id));
  }

  /** Holds the answer for the real-time equivalent of {@code virtual} at the serving speed. */
  private void hold(Duration virtual) throws InterruptedException {
    long millis = (long) (virtual.toMillis() / speed);
    Thread.sleep(Math.min(millis, MAX_HOLD.toMillis()));
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
