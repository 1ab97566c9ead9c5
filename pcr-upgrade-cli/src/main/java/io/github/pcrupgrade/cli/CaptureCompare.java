package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.capture.CaptureComparison;
import io.github.pcrupgrade.core.capture.CaptureDifference;
import io.github.pcrupgrade.core.capture.CaptureDocument;
import io.github.pcrupgrade.core.capture.CaptureDocument.ClusterCapture;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.jdbc.CaptureAnswers;
import io.github.pcrupgrade.jdbc.ClusterConnectionSettings;
import io.github.pcrupgrade.jdbc.CockroachCluster;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.SnapshotDeployments;
import io.github.pcrupgrade.testkit.replay.CaptureReplay;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The comparison of a capture with the simulation: the capture is replayed to the JDBC inspector,
 * whose snapshot (the state the capture shows) builds the simulated deployment; the recorded
 * statements are sent to that simulation over the wire; {@link CaptureComparison} reports every
 * difference between the recorded answers and the simulation's.
 */
final class CaptureCompare {

  private CaptureCompare() {}

  /**
   * Every difference between {@code recorded} and the simulation of the state it shows.
   *
   * @throws io.github.pcrupgrade.core.PcrUpgradeException when the replay cannot serve the
   *     capture, the inspector sends a statement it does not hold, or the simulation cannot
   *     reproduce the state (each naming {@code source})
   */
  static List<CaptureDifference> run(CaptureDocument recorded, String source) {
    Clock at = Clock.fixed(recorded.capturedAt(), ZoneOffset.UTC);
    ClusterSnapshot primary;
    ClusterSnapshot standby;
    try (CaptureReplay replay = CaptureReplay.serve(recorded, source)) {
      primary = inspect(replay, recorded, "primary", ClusterRole.PRIMARY, at);
      standby = inspect(replay, recorded, "standby", ClusterRole.STANDBY, at);
      replay.assertNoMisses();
    }
    SimulatedDeployment d = SnapshotDeployments.builderFrom(
        new DeploymentSnapshot(primary, standby)).seed(1).build();
    CaptureDocument answered;
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      answered = CaptureAnswers.of(recorded, CaptureAnswers.byRole(
              settings(primary.name(), server.primaryUrl(), SimulatedPcrServer.DEFAULT_ROOT_PASSWORD),
              settings(standby.name(), server.standbyUrl(),
                  SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)),
          d.clock());
    }
    return CaptureComparison.compare(recorded, answered);
  }

  private static ClusterSnapshot inspect(CaptureReplay replay, CaptureDocument recorded,
      String role, ClusterRole clusterRole, Clock at) {
    String name = recorded.clusters().stream().filter(c -> c.role().equals(role))
        .map(ClusterCapture::name).findFirst().orElse(role);
    try (CockroachCluster c = CockroachCluster.builder(settings(name, replay.jdbcUrl(role),
        replay.password()), clusterRole).clock(at).readAttempts(1).build()) {
      return c.inspector().inspect();
    }
  }

  private static ClusterConnectionSettings settings(String name, String url, String password) {
    return ClusterConnectionSettings.builder(name).url(url).password(() -> password).build();
  }
}
