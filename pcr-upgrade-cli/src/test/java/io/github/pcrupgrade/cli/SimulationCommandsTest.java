package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pcrupgrade.json.Json;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationCommandsTest {

  @TempDir Path dir;

  private Path write(DeploymentSnapshot s) throws Exception {
    return CliRunner.writeState(dir, s);
  }

  @Test
  void theDemoCompletesWithAnEmptyViolationRecord() {
    CliRunner.Result r = CliRunner.run("demo");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("[34/34]").contains("Outcome: COMPLETED")
        .contains("primary: binaries [v25.4.11]; system 25.4; main 25.4")
        .contains("main-readonly 25.4")
        .contains("Invariant monitor: no violation recorded");
  }

  @Test
  void simulateRunsThePlanOnACopyOfTheStateFile() throws Exception {
    Path state = write(DeploymentSnapshot.builder().binary("v24.3.20").readerVc(true).build());

    CliRunner.Result r = CliRunner.run("simulate", "--state", state.toString(), "--to", "25.2",
        "--format", "json");

    JsonNode report = Json.mapper().readTree(r.out());
    assertThat(r.exitCode()).as(r.out()).isZero();
    assertThat(report.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(report.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(report.get("stepsDone").asInt()).isEqualTo(report.get("stepsTotal").asInt());
    assertThat(report.get("monitorViolations")).isEmpty();
  }

  @Test
  void aNodeThatFailsToRestartHaltsTheSimulatedRunSafely() throws Exception {
    Path state = write(DeploymentSnapshot.builder().binary("v24.3.20").build());

    CliRunner.Result r = CliRunner.run("simulate", "--state", state.toString(), "--to", "25.2",
        "--fault", "node-fails-to-restart:standby:2");

    assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCode.HALTED.code());
    assertThat(r.out()).contains("HALTED").contains("node 2")
        .contains("Invariant monitor: no violation recorded");
  }

  @Test
  void aMalformedFaultIsOneLineNamingTheForm() throws Exception {
    Path state = write(DeploymentSnapshot.builder().build());

    CliRunner.Result r = CliRunner.run("simulate", "--state", state.toString(), "--to", "25.2",
        "--fault", "meteor-strike:primary");

    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("unknown fault kind 'meteor-strike'").contains("KIND:ARGS");
  }

  @Test
  void statusListsWhatRemains() throws Exception {
    Path state = write(DeploymentSnapshot.builder().readerVc(true).build());

    CliRunner.Result r = CliRunner.run("status", "--state", state.toString(), "--to", "25.2");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("nodes [1, 2, 3] run v24.3.12")
        .contains("VC main-readonly (READER, shared): 24.3")
        .contains("20 step(s) remain to reach any 25.2 binary");
  }

  @Test
  void statusAtTheTargetSaysNothingRemains() throws Exception {
    Path state = write(DeploymentSnapshot.builder().build());

    CliRunner.Result r = CliRunner.run("status", "--state", state.toString(), "--to", "24.3");

    assertThat(r.out()).contains("nothing remains");
  }

  @Test
  void applyActsOnlyOnLiveClusters() throws Exception {
    Path state = write(DeploymentSnapshot.builder().build());

    CliRunner.Result r = CliRunner.run("apply", "--state", state.toString(), "--to", "25.2",
        "--node-upgrader", "true");

    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("apply acts on live clusters");
  }
}
