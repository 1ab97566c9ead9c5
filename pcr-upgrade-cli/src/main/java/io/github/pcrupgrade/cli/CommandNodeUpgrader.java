package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.spi.NodeUpgrader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link NodeUpgrader} that runs the operator's command for each node, without a shell: the
 * template is split into arguments once (whitespace separates, single or double quotes group),
 * and each placeholder is replaced inside its argument, so a value can never become a second
 * argument or a shell construct. Placeholders: {@code {action}} ({@code upgrade} or
 * {@code rollback}), {@code {cluster}}, {@code {node_id}}, {@code {address}}, {@code {locality}},
 * {@code {binary}} (the exact version, or the series when the target names none) and
 * {@code {series}}. The command must drain, swap the binary and restart the node; exit code 0 means
 * it did. It is killed after the timeout.
 */
final class CommandNodeUpgrader implements NodeUpgrader {

  private final List<String> template;
  private final Duration timeout;
  private final PrintWriter log;
  private final AtomicReference<Process> running = new AtomicReference<>();

  CommandNodeUpgrader(String template, Duration timeout, PrintWriter log) {
    this.template = split(template);
    if (this.template.isEmpty()) {
      throw new PcrUpgradeException(CliErrorCode.CONFLICTING_OPTIONS,
          "--node-upgrader needs a command, e.g. 'upgrade-node.sh {cluster} {node_id} {binary}'");
    }
    this.timeout = timeout;
    this.log = log;
  }

  @Override
  public void upgrade(String cluster, NodeInfo node, BinaryTarget target) {
    run("upgrade", cluster, node, target);
  }

  @Override
  public void rollback(String cluster, NodeInfo node, BinaryTarget target) {
    run("rollback", cluster, node, target);
  }

  /** The command line for one node: each template argument with its placeholders replaced. */
  List<String> command(String action, String cluster, NodeInfo node, BinaryTarget target) {
    Map<String, String> values = Map.of(
        "{action}", action,
        "{cluster}", cluster,
        "{node_id}", Integer.toString(node.id()),
        "{address}", node.address(),
        "{locality}", node.locality(),
        "{binary}", target.exact().map(Object::toString).orElse(target.series().toString()),
        "{series}", target.series().toString());
    List<String> args = new ArrayList<>();
    for (String arg : template) {
      String a = arg;
      for (Map.Entry<String, String> e : values.entrySet()) {
        a = a.replace(e.getKey(), e.getValue());
      }
      args.add(a);
    }
    return args;
  }

  private void run(String action, String cluster, NodeInfo node, BinaryTarget target) {
    List<String> cmd = command(action, cluster, node, target);
    log.printf("         running: %s%n", String.join(" ", cmd));
    log.flush();
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new PcrUpgradeException(CoreErrorCode.PORT_FAILURE, "cannot start the node upgrader '"
          + cmd.get(0) + "' for node " + node.id() + " of '" + cluster + "': " + e.getMessage(), e);
    }
    running.set(p);
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new PcrUpgradeException(CoreErrorCode.PORT_FAILURE, "the node upgrader for node "
            + node.id() + " of '" + cluster + "' did not finish within " + timeout
            + " and was killed; check the node before running again");
      }
    } catch (InterruptedException e) {
      // the executor abandoned the call (a stop past its grace, or the step's timeout): end the
      // child and what it started, as a cut would
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new PcrUpgradeException(CoreErrorCode.PORT_FAILURE, "interrupted while upgrading node "
          + node.id() + " of '" + cluster + "'", e);
    } finally {
      running.set(null);
    }
    if (p.exitValue() != 0) {
      throw new PcrUpgradeException(CoreErrorCode.PORT_FAILURE, "the node upgrader for node "
          + node.id() + " of '" + cluster + "' exited with code " + p.exitValue()
          + "; fix the node, then run apply again to resume");
    }
  }

  /**
   * Ends the node upgrader running now, if any (a graceful stop whose grace has passed): SIGTERM
   * to it and its descendants, SIGKILL to what still runs 10 seconds later. The upgrade call then
   * fails with the child's exit code; the node may be left mid-restart, and the next run judges
   * it from what it observes.
   */
  void endRunning() throws InterruptedException {
    Process p = running.get();
    if (p == null) {
      return;
    }
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  /** {@link #endRunning}, for a cut that cannot be interrupted. */
  void endRunningQuietly() {
    try {
      endRunning();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Splits a template into arguments: whitespace separates, quotes group, no other escapes. */
  static List<String> split(String template) {
    List<String> args = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    boolean inArg = false;
    for (char c : template.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inArg = true;
      } else if (Character.isWhitespace(c)) {
        if (inArg) {
          args.add(cur.toString());
          cur.setLength(0);
          inArg = false;
        }
      } else {
        cur.append(c);
        inArg = true;
      }
    }
    if (quote != 0) {
      throw new PcrUpgradeException(CliErrorCode.CONFLICTING_OPTIONS,
          "--node-upgrader has an unclosed " + quote + " quote");
    }
    if (inArg) {
      args.add(cur.toString());
    }
    return args;
  }
}
