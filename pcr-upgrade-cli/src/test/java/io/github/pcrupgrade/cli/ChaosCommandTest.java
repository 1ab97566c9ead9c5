package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pcrupgrade.json.Json;
import org.junit.jupiter.api.Test;

class ChaosCommandTest {

  @Test
  void aPassingCampaignPrintsItsCountsAndExitsZero() {
    CliRunner.Result r = CliRunner.run("chaos", "--runs", "12", "--seed", "3", "--threads", "2");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("chaos campaign, seed 3: 12 runs", "0 failed the oracle",
        "outcomes:", "runs in which each trouble fired:", "EXECUTOR_CRASH",
        "poll PT10S backing off to PT1M, settle PT10S");
  }

  @Test
  void theJsonReportCountsOutcomesAndEveryTroubleKind() throws Exception {
    CliRunner.Result r = CliRunner.run("chaos", "--runs", "6", "--seed", "3", "--format",
        "json");

    JsonNode doc = Json.mapper().readTree(r.out());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(doc.get("runs").asInt()).isEqualTo(6);
    assertThat(doc.get("passed").asBoolean()).isTrue();
    int total = 0;
    for (JsonNode n : doc.get("outcomes")) {
      total += n.asInt();
    }
    assertThat(total).isEqualTo(6);
    assertThat(doc.get("fired").has("CONTENDING_EXECUTOR")).isTrue();
    assertThat(doc.get("failures")).isEmpty();
  }

  @Test
  void oneRunIsDescribedWithItsTroubleAndItsEnding() {
    CliRunner.Result r = CliRunner.run("chaos", "--seed", "1", "--run", "10");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("run 10 of seed 1:", "cancelled at port call",
        "outcome: CANCELLED", "oracle: passed");
  }

  @Test
  void aRunThatOutlastsTheWatchdogFailsWithItsReproductionCommandAndExitsOne() {
    // a 1 ms watchdog: no run (a deployment built, an executor run) ends that fast, so the run
    // counts as a hang, as a deadlocked one would
    CliRunner.Result r = CliRunner.run("chaos", "--seed", "1", "--run", "1", "--watchdog",
        "1ms");

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.VIOLATIONS.code());
    assertThat(r.out()).contains("outcome: NO RESULT",
        "FAILED: no result within the watchdog's PT0.001S",
        "reproduce: pcr-upgrade chaos --seed 1 --run 1");
  }

  @Test
  void badValuesAreRefusedWithExitThreeAndSayWhatWasWrong() {
    CliRunner.Result runs = CliRunner.run("chaos", "--runs", "0");
    CliRunner.Result run = CliRunner.run("chaos", "--run", "-2");
    CliRunner.Result threads = CliRunner.run("chaos", "--threads", "0", "--runs", "1");

    assertThat(runs.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(runs.err()).contains("--runs must be within 1 to 10000000, got 0");
    assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(run.err()).contains("--run must be 0 or more, got -2");
    assertThat(threads.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(threads.err()).contains("--threads must be within 1 to 64");
  }
}
