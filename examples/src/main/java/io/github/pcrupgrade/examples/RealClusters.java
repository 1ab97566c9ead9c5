package io.github.pcrupgrade.examples;

import io.github.pcrupgrade.core.PcrUpgrade;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.event.Slf4jUpgradeListener;
import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.journal.file.FileUpgradeJournal;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.spi.NodeUpgrader;
import io.github.pcrupgrade.jdbc.ClusterConnectionSettings;
import io.github.pcrupgrade.jdbc.CockroachCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Wiring the JDBC adapters and a command-running node upgrader against real clusters. Prints the
 * plan only (a dry run) unless {@code --apply} is given. Needs {@code PCR_PRIMARY_URL},
 * {@code PCR_STANDBY_URL} (and {@code PCR_PASSWORD} if the URLs carry none).
 */
public final class RealClusters {

  public static void main(String[] args) {
    String primaryUrl = System.getenv("PCR_PRIMARY_URL");
    String standbyUrl = System.getenv("PCR_STANDBY_URL");
    if (primaryUrl == null || standbyUrl == null) {
      System.out.println("set PCR_PRIMARY_URL and PCR_STANDBY_URL to run this example");
      return;
    }
    try (CockroachCluster primary = connect("primary", primaryUrl, ClusterRole.PRIMARY);
        CockroachCluster standby = connect("standby", standbyUrl, ClusterRole.STANDBY)) {
      UpgradeExecutor executor = UpgradeExecutor.builder()
          .deploymentId("prod-pcr")
          .primary(primary.inspector(), primary.operations())
          .standby(standby.inspector(), standby.operations())
          .nodeUpgrader(new ScriptNodeUpgrader("/usr/local/bin/upgrade-crdb-node"))
          .journal(new FileUpgradeJournal(Path.of(".pcr-upgrade"), Clock.systemUTC()))
          .options(ExecutorOptions.builder().requireApproval(true).build())
          .listener(new Slf4jUpgradeListener())
          .build();
      PcrUpgrade upgrade = new PcrUpgrade(executor);
      UpgradeRequest request = UpgradeRequest.to(args.length > 0 ? args[0] : "25.2").build();
      System.out.println(upgrade.plan(request).orThrow().toText());
      if (args.length > 1 && args[1].equals("--apply")) {
        System.out.println(upgrade.upgrade(request));
      }
    }
  }

  private static CockroachCluster connect(String name, String url, ClusterRole role) {
    String password = System.getenv("PCR_PASSWORD");
    ClusterConnectionSettings.Builder settings = ClusterConnectionSettings.builder(name).url(url);
    if (password != null) {
      settings.password(() -> password);
    }
    return CockroachCluster.builder(settings.build(), role).build();
  }

  /** Runs {@code script <cluster> <node id> <address> <binary>}; exit 0 means the node restarted. */
  record ScriptNodeUpgrader(String script) implements NodeUpgrader {
    @Override
    public void upgrade(String cluster, NodeInfo node, BinaryTarget target) {
      run(cluster, node, target.exact().map(Object::toString).orElse(target.series().toString()));
    }

    @Override
    public void rollback(String cluster, NodeInfo node, BinaryTarget target) {
      upgrade(cluster, node, target);
    }

    private void run(String cluster, NodeInfo node, String binary) {
      try {
        Process p = new ProcessBuilder(script, cluster, Integer.toString(node.id()),
            node.address(), binary).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
          throw new PcrUpgradeException(io.github.pcrupgrade.core.CoreErrorCode.PORT_FAILURE,
              "upgrading node " + node.id() + " of " + cluster + " failed");
        }
      } catch (IOException e) {
        throw new PcrUpgradeException(io.github.pcrupgrade.core.CoreErrorCode.PORT_FAILURE,
            "cannot run " + script + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PcrUpgradeException(io.github.pcrupgrade.core.CoreErrorCode.PORT_FAILURE,
            "interrupted while upgrading node " + node.id(), e);
      }
    }
  }

  private RealClusters() {}
}
