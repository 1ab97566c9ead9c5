package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.capture.CaptureDocument;
import io.github.pcrupgrade.jdbc.Capture;
import io.github.pcrupgrade.jdbc.ClusterConnectionSettings;
import io.github.pcrupgrade.json.DocumentType;
import io.github.pcrupgrade.json.JsonDocuments;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The example captures in {@code docs/captures/} (issue 16): captures of the simulation at rest on
 * 24.3, 25.2, 25.4 and 26.2, named and labelled as simulated. Each is what capturing the
 * simulation gives today, so the examples cannot drift from the code; run with {@code
 * -Dpcr.captures.regenerate=true} to rewrite them after a deliberate change, and review the diff.
 */
class SimulatedCaptureExamplesTest {

  private static final Path CAPTURES = Path.of("..", "docs", "captures");

  private static String capture(String series) {
    SimulatedDeployment d = SimulatedDeployment.builder().series(series).seed(1).build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      CaptureDocument c = Capture.of(settings("primary", server.primaryUrl()),
              settings("standby", server.standbyUrl()))
          .origin(CaptureDocument.Origin.SIMULATED).clock(d.clock()).run();
      return JsonDocuments.write(DocumentType.CAPTURE, c) + "\n";
    }
  }

  private static ClusterConnectionSettings settings(String name, String url) {
    return ClusterConnectionSettings.builder(name).url(url)
        .password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"24.3", "25.2", "25.4", "26.2"})
  void theExampleCaptureIsWhatCapturingTheSimulationGives(String series) throws Exception {
    Path file = CAPTURES.resolve("simulated-" + series + "-at-rest.json");
    String now = capture(series);
    if (Boolean.getBoolean("pcr.captures.regenerate")) {
      Files.createDirectories(CAPTURES);
      Files.writeString(file, now);
    }

    assertThat(Files.readString(file)).as(file.toString()).isEqualTo(now);
    CaptureDocument read = JsonDocuments.read(DocumentType.CAPTURE, now);
    assertThat(read.origin()).isEqualTo(CaptureDocument.Origin.SIMULATED);
    assertThat(read.redacted()).isTrue();
    assertThat(read.clusters().get(0).parameterStatus().get("crdb_version"))
        .contains("v" + series + ".");
  }
}
