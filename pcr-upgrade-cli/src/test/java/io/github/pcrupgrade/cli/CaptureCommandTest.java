package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.capture.CaptureDocument;
import io.github.pcrupgrade.json.DocumentType;
import io.github.pcrupgrade.json.JsonDocuments;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pcr-upgrade capture} end to end (issue 16). */
class CaptureCommandTest {

  @TempDir Path dir;

  private static Map<String, String> env() {
    return Map.of("PCR_UPGRADE_PASSWORD", SimulatedPcrServer.DEFAULT_ROOT_PASSWORD);
  }

  @Test
  void writesARedactedCaptureThatReadsBack() throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").build();
    Path out = dir.resolve("capture.json");
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      CliRunner.Result r = CliRunner.run(env(), "capture", "--primary=" + server.primaryUrl(),
          "--standby=" + server.standbyUrl(), "--out", out.toString());

      assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).contains("Captured").contains("redacted");
    }
    String text = Files.readString(out);
    CaptureDocument c = JsonDocuments.read(DocumentType.CAPTURE, text);
    assertThat(c.redacted()).isTrue();
    assertThat(c.clusters()).hasSize(2);
    assertThat(text).doesNotContain(SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
        .doesNotContain(d.primary().clusterId().toString()).doesNotContain("primary-n1");
  }

  @Test
  void anUnreachableClusterExitsFourWithOneLineAndWritesNothing() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Path out = dir.resolve("capture.json");
    CliRunner.Result r = CliRunner.run(env(), "capture",
        "--primary=jdbc:postgresql://127.0.0.1:" + closed + "/defaultdb?connectTimeout=5",
        "--standby=jdbc:postgresql://127.0.0.1:" + closed + "/defaultdb", "--out", out.toString());

    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.err()).startsWith("pcr-upgrade: error: cluster 'primary'")
        .doesNotContain("\tat ");
    assertThat(out).doesNotExist();
  }
}
