package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pcrupgrade.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The planning options {@code --estimate-*} set the steps' estimates of every rendering. The
 * documented example state (1 + 1 nodes, a reader VC) to v25.2.4 has 16 steps: 2 restarts, 3
 * finalizations, 1 catch-up, 1 reader creation and 9 one-statement steps; with the defaults
 * 2 x 4m + 3 x 2m + 30s + 1m + 9 x 5s = 16m15s (docs/plan.md).
 */
class EstimateOptionsTest {

  private static final String STATE =
      Path.of("..", "docs", "examples", "state-24.3-reader.json").toString();

  private static CliRunner.Result plan(String... extra) {
    String[] base = {"plan", "--state", STATE, "--to", "v25.2.4"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliRunner.run(args);
  }

  @Test
  void theDefaultsGiveTheDocumentedTotal() {
    CliRunner.Result r = plan();

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Expected duration: 16m15s");
  }

  @Test
  void eachOptionChangesTheStepsOfItsKind() throws Exception {
    // restarts 2 x (10m + 0s) = 20m; finalizations 3 x 1m = 3m; catch-up 2m; reader 3m;
    // 9 statements x 1s = 9s: 28m9s
    CliRunner.Result r = plan("--estimate-restart", "10m", "--estimate-settle", "0s",
        "--estimate-finalization", "1m", "--estimate-catch-up", "2m", "--estimate-reader", "3m",
        "--estimate-statement", "1s", "--format", "json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = Json.mapper().readTree(r.out());
    assertThat(doc.get("estimatedDuration").asText()).isEqualTo("PT28M9S");
    for (JsonNode step : doc.at("/plan/hops/0/steps")) {
      String expected = switch (step.get("kind").asText()) {
        case "RESTART_NODE" -> "PT10M";
        case "FINALIZE_VC" -> "PT1M";
        case "AWAIT_REPLICATION" -> "PT2M";
        case "AWAIT_READER_SERVING" -> "PT3M";
        default -> "PT1S";
      };
      assertThat(step.get("estimate").asText()).as(step.get("id").asText()).isEqualTo(expected);
    }
  }

  @Test
  void theMermaidRenderingIsTitledWithTheTotal() {
    CliRunner.Result r = plan("--format", "mermaid");

    assertThat(r.out()).startsWith("---\ntitle: \"Upgrade plan to v25.2.4, expected duration"
        + " 16m15s\"\n---\nflowchart TD");
  }

  @Test
  void anEstimateOutOfRangeIsATypedErrorNamingTheOption() {
    CliRunner.Result negative = plan("--estimate-finalization", "-1m");
    CliRunner.Result tooLong = plan("--estimate-reader", "49h");
    CliRunner.Result garbage = plan("--estimate-restart", "soon");

    assertThat(negative.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(negative.err()).contains("--estimate-finalization must be between")
        .contains("-1m").doesNotContain("internal error");
    assertThat(tooLong.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(tooLong.err()).contains("--estimate-reader must be between").contains("48h");
    assertThat(garbage.err()).contains("--estimate-restart: 'soon' is not a duration");
    assertThat(negative.out() + tooLong.out() + garbage.out()).isEmpty();
  }
}
