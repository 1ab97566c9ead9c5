package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pcrupgrade.json.Json;
import io.github.pcrupgrade.json.StateFile;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

  @TempDir Path dir;

  private Path write(DeploymentSnapshot s) throws Exception {
    return CliRunner.writeState(dir, s);
  }

  @Test
  void aHealthyDeploymentChecksClean() throws Exception {
    Path state = write(DeploymentSnapshot.builder().readerVc(true).build());

    CliRunner.Result r = CliRunner.run("check", "--state", state.toString(), "--to", "25.2");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("OK: no rule is broken and nothing prevents upgrading to 25.2");
  }

  @Test
  void aPrimaryAppVcNewerThanTheStandbyIsAnErrorWithExitOne() throws Exception {
    // Given the primary finalized 25.2 while the standby's system VC is still at 24.3
    Path state = write(DeploymentSnapshot.builder().binaries("v25.2.0", "v25.2.0")
        .versions("25.2", "24.3").build());

    CliRunner.Result r = CliRunner.run("check", "--state", state.toString());

    assertThat(r.exitCode()).isEqualTo(ExitCode.VIOLATIONS.code());
    assertThat(r.out()).contains("ERROR REPLICATED_VC_NEWER_THAN_DESTINATION")
        .contains("'standby' system VC is at 24.3").contains("what to do:");
  }

  @Test
  void checkAsJsonListsTypedViolations() throws Exception {
    Path state = write(DeploymentSnapshot.builder().binaries("v25.2.0", "v25.2.0")
        .versions("25.2", "24.3").build());

    CliRunner.Result r = CliRunner.run("check", "--state", state.toString(), "--format", "json");

    JsonNode doc = Json.mapper().readTree(r.out());
    assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(doc.get("hasErrors").asBoolean()).isTrue();
    assertThat(doc.get("violations").get(0).get("code").asText())
        .isEqualTo("REPLICATED_VC_NEWER_THAN_DESTINATION");
    assertThat(doc.get("violations").get(0).get("cluster").asText()).isEqualTo("standby");
  }

  @Test
  void aMalformedStateFileSaysWhereInOneLine() throws Exception {
    Path state = dir.resolve("bad.json");
    Files.writeString(state, "{\"schemaVersion\": 1, \"primary\": {\"name\": 3,,}}");

    CliRunner.Result r = CliRunner.run("check", "--state", state.toString());

    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).contains("bad.json").contains("line 1");
  }

  @Test
  void aStateFileOfANewerSchemaVersionIsRefusedSayingWhereAndWhichVersionIsRead()
      throws Exception {
    String example = Files.readString(Path.of("..", "docs", "examples", "state-24.3-reader.json"));
    Path state = dir.resolve("newer.json");
    Files.writeString(state, example.replace("\"schemaVersion\" : 2", "\"schemaVersion\" : 3"));

    CliRunner.Result r = CliRunner.run("check", "--state", state.toString());

    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).contains("newer.json", "line 2, column 21",
        "schemaVersion 3 is newer than this reader knows", "expected schemaVersion 2 or older");
  }

  @Test
  void aMissingStateFileIsNamed() {
    CliRunner.Result r = CliRunner.run("check", "--state", dir.resolve("nope.json").toString());

    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("nope.json does not exist");
  }

  @Test
  void stateAndLiveUrlsConflict() throws Exception {
    Path state = write(DeploymentSnapshot.builder().build());

    CliRunner.Result r = CliRunner.run("check", "--state", state.toString(), "--primary",
        "postgresql://root@localhost:1/defaultdb", "--standby", "postgresql://root@localhost:2/d");

    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("not both");
  }

  @Test
  void aMalformedUrlIsRefusedWithoutEchoingItsPassword() {
    CliRunner.Result r = CliRunner.run("check", "--primary", "mysql://root:s3cret@h:1/db",
        "--standby", "postgresql://root@localhost:2/db");

    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("must start with").doesNotContain("s3cret");
  }

  @Test
  void theStateFileRoundTripsThroughTheSnapshot() throws Exception {
    DeploymentSnapshot original = DeploymentSnapshot.builder().readerVc(true).nodes(3, 5).build();
    String json = Json.mapper().writeValueAsString(StateFile.of(original));

    DeploymentSnapshot read = Json.mapper().readValue(json, StateFile.class).toSnapshot();

    assertThat(read).isEqualTo(original);
    assertThat(Json.mapper().writeValueAsString(StateFile.of(read))).isEqualTo(json);
  }

  @Test
  void theDocumentedExampleStateIsValidAndClean() {
    // The example in docs/state-file.md must stay a valid, healthy 24.3 deployment with a reader.
    Path example = Path.of("..", "docs", "examples", "state-24.3-reader.json");

    CliRunner.Result r = CliRunner.run("check", "--state", example.toString(), "--to", "25.2");

    assertThat(r.exitCode()).isZero();
    DeploymentSnapshot s = DeploymentSource.readState(example);
    assertThat(s.standby().readerVcs()).extracting(v -> v.name()).containsExactly("main-readonly");
  }
}
