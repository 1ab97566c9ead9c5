package io.github.pcrupgrade.consumer;

import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.plan.PlanResult;
import io.github.pcrupgrade.core.plan.Planner;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.jdbc.ClusterConnectionSettings;
import io.github.pcrupgrade.jdbc.CockroachCluster;
import io.github.pcrupgrade.journal.file.FileUpgradeJournal;
import io.github.pcrupgrade.json.JsonDocuments;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** What an embedder's modular application does with the library, in two calls. */
public final class ModularEmbedder {

  private ModularEmbedder() {}

  /** Plans the upgrade of a deployment written in code and returns the plan document. */
  public static String planAsJson(DeploymentSnapshot snapshot, String target) {
    Objects.requireNonNull(snapshot, "snapshot");
    PlanResult result = Planner.builtIn().plan(snapshot, UpgradeRequest.to(target).build());
    return JsonDocuments.writePlan(result);
  }

  /**
   * Upgrades a simulated deployment to {@code target} through the JDBC adapters (pgjdbc and
   * HikariCP) over the testkit's wire front, journalling in {@code journalDirectory}.
   */
  public static RunResult upgradeOverJdbc(SimulatedDeployment d, String target,
      Path journalDirectory) {
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        CockroachCluster primary = cluster(d, server, d.primary().name(), ClusterRole.PRIMARY);
        CockroachCluster standby = cluster(d, server, d.standby().name(), ClusterRole.STANDBY)) {
      return UpgradeExecutor.builder()
          .deploymentId(d.deploymentId())
          .primary(primary.inspector(), primary.operations())
          .standby(standby.inspector(), standby.operations())
          .nodeUpgrader(d.nodeUpgrader())
          .journal(new FileUpgradeJournal(journalDirectory, d.clock()))
          .clock(d.clock())
          .sleeper(d.sleeper())
          .options(ExecutorOptions.builder().pollInterval(Duration.ofSeconds(1))
              .maxPollInterval(Duration.ofSeconds(5)).settleTime(Duration.ZERO).build())
          .build()
          .run(UpgradeRequest.to(target).build());
    }
  }

  private static CockroachCluster cluster(SimulatedDeployment d, SimulatedPcrServer server,
      String name, ClusterRole role) {
    ClusterConnectionSettings s = ClusterConnectionSettings.builder(name)
        .url(server.jdbcUrl(name))
        .password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
        .build();
    return CockroachCluster.builder(s, role).clock(d.clock()).sleeper(d.sleeper()).seed(1)
        .build();
  }
}
