package io.github.pcrupgrade.capturecheck;

import io.github.pcrupgrade.core.capture.CaptureComparison;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Compares a capture ({@code docs/capture.md}) with the simulation of the state it shows, in one
 * call:
 *
 * <pre>{@code
 * CaptureCheckReport report = CaptureCheck.of(Path.of("capture.json"));
 * report.assertNoDifferences();   // or report.differences()
 * }</pre>
 *
 * <ol>
 *   <li>the capture is replayed ({@link CaptureReplay}) to the JDBC inspector, with the clock
 *       frozen at the capture's time; its snapshot is the state the capture shows, and every
 *       statement the inspector sent must be one the capture holds;
 *   <li>the simulated deployment is built from that snapshot ({@link SnapshotDeployments}, seed 1)
 *       and served over the wire ({@link SimulatedPcrServer});
 *   <li>the recorded statements are sent to it, per cluster and VC in the recorded order, and
 *       recorded as {@code capture} records them ({@link CaptureAnswers});
 *   <li>{@link CaptureComparison} lists every difference (columns, types, value shapes, SQLSTATEs;
 *       not values, messages or ParameterStatus).
 * </ol>
 *
 * <p>Opens loopback ports for the replay and the simulation and closes them before returning.
 * Thread-safe: each call is independent.
 */
public final class CaptureCheck {

  private CaptureCheck() {}

  /**
   * Compares the capture in {@code file} with the simulation.
   *
   * @param file a capture written by {@code capture} ({@code docs/capture.md})
   * @return every difference found; a report that {@link CaptureCheckReport#matches() matches}
   *     when there is none
   * @throws io.github.pcrupgrade.core.PcrUpgradeException naming the file: it is missing or
   *     unreadable ({@code CAPTURE_FILE_UNREADABLE}), of another {@code schemaVersion} ({@code
   *     UNSUPPORTED_SCHEMA_VERSION}), truncated or malformed ({@code MALFORMED_DOCUMENT}), not
   *     servable ({@code CAPTURE_NOT_SERVABLE}), the inspector sent a statement it does not hold
   *     ({@code STATEMENT_NOT_IN_CAPTURE}), or the simulation cannot reproduce the state it shows
   *     ({@code INVALID_ARGUMENT})
   */
  public static CaptureCheckReport of(Path file) {
    Objects.requireNonNull(file, "file");
    return of(CaptureReplay.read(file), file.toString());
  }

  /**
   * Compares {@code capture} with the simulation; {@code source} names it in messages (a file
   * name).
   *
   * @param capture the capture, already read
   * @param source what to call the capture in messages and in the report, usually its file name
   * @return every difference found; a report that {@link CaptureCheckReport#matches() matches}
   *     when there is none
   * @throws io.github.pcrupgrade.core.PcrUpgradeException as {@link #of(Path)}, except the codes
   *     of reading a file
   */
  public static CaptureCheckReport of(CaptureDocument capture, String source) {
    Objects.requireNonNull(capture, "capture");
    Objects.requireNonNull(source, "source");
    Clock at = Clock.fixed(capture.capturedAt(), ZoneOffset.UTC);
    ClusterSnapshot primary;
    ClusterSnapshot standby;
    try (CaptureReplay replay = CaptureReplay.serve(capture, source)) {
      primary = inspect(replay, capture, "primary", ClusterRole.PRIMARY, at);
      standby = inspect(replay, capture, "standby", ClusterRole.STANDBY, at);
      replay.assertNoMisses();
    }
    SimulatedDeployment d = SnapshotDeployments.builderFrom(
        new DeploymentSnapshot(primary, standby)).seed(1).build();
    CaptureDocument answered;
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      answered = CaptureAnswers.of(capture, CaptureAnswers.byRole(
              settings(primary.name(), server.primaryUrl(),
                  SimulatedPcrServer.DEFAULT_ROOT_PASSWORD),
              settings(standby.name(), server.standbyUrl(),
                  SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)),
          d.clock());
    }
    return new CaptureCheckReport(source, capture.origin(), statements(capture),
        CaptureComparison.compare(capture, answered));
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

  private static int statements(CaptureDocument c) {
    return c.clusters().stream().mapToInt(x -> x.exchanges().size()).sum();
  }
}
