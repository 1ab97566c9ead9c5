package io.github.pcrupgrade.testkit.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.json.JsonErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad capture files given to the replay (issue 16): another format version, a truncated file, a
 * missing file and a column type the replay cannot serve are typed errors that name the file, and
 * nothing is served.
 */
class CaptureReplayBadInputTest {

  private static final Path EXAMPLE =
      Path.of("..", "docs", "captures", "simulated-25.2-at-rest.json");

  @TempDir Path dir;

  private static PcrUpgradeException refusal(Path file) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> CaptureReplay.serve(file));
    assertThat(t).isInstanceOf(PcrUpgradeException.class);
    return (PcrUpgradeException) t;
  }

  @Test
  void aCaptureOfANewerFormatVersionIsRefusedNamingTheFile() throws Exception {
    Path file = dir.resolve("newer.json");
    String text = Files.readString(EXAMPLE);
    assertThat(text).contains("\"schemaVersion\" : 1");
    Files.writeString(file, text.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"));

    PcrUpgradeException e = refusal(file);

    assertThat(e.code()).isEqualTo(JsonErrorCode.UNSUPPORTED_SCHEMA_VERSION);
    assertThat(e.getMessage()).contains(file.toString()).contains("schemaVersion 2");
  }

  @Test
  void aTruncatedCaptureIsRefusedNamingTheFileAndWhereItEnds() throws Exception {
    Path file = dir.resolve("truncated.json");
    String text = Files.readString(EXAMPLE);
    Files.writeString(file, text.substring(0, text.length() / 2));

    PcrUpgradeException e = refusal(file);

    assertThat(e.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT);
    assertThat(e.getMessage()).contains(file.toString()).contains("line");
  }

  @Test
  void aMissingFileIsRefusedNamingIt() {
    Path file = dir.resolve("absent.json");

    PcrUpgradeException e = refusal(file);

    assertThat(e.code()).isEqualTo(ReplayErrorCode.CAPTURE_FILE_UNREADABLE);
    assertThat(e.getMessage()).contains(file.toString());
  }

  @Test
  void aColumnTypeTheReplayCannotServeIsRefusedNamingTheFileStatementColumnAndType()
      throws Exception {
    Path file = dir.resolve("odd-type.json");
    String text = Files.readString(EXAMPLE);
    String column = "\"name\" : \"membership\",\n        \"type\" : \"text\"";
    assertThat(text).contains(column);
    Files.writeString(file, text.replace(column,
        "\"name\" : \"membership\",\n        \"type\" : \"regtype\""));

    PcrUpgradeException e = refusal(file);

    assertThat(e.code()).isEqualTo(ReplayErrorCode.CAPTURE_NOT_SERVABLE);
    assertThat(e.getMessage()).contains(file.toString()).contains("membership")
        .contains("regtype").contains("gossip_liveness");
  }

  @Test
  void theExampleCaptureIsServed() {
    try (CaptureReplay replay = CaptureReplay.serve(EXAMPLE)) {
      assertThat(replay.clusters()).containsExactly("primary", "standby");
      assertThatThrownBy(() -> replay.jdbcUrl("tertiary")).isInstanceOf(
          PcrUpgradeException.class).hasMessageContaining("tertiary");
    }
  }
}
