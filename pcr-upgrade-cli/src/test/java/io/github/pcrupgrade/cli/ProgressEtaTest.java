package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pcrupgrade.json.Json;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code demo} shows its progress with the elapsed time and an ETA, on the simulation's virtual
 * clock: plain lines when standard output is not a terminal, a line redrawn in place when it is,
 * and JSON progress events with {@code --format json}. The demo's estimates (DemoCommand) make
 * 19 min for its 34 steps: 12 restarts x (30 s + 30 s settle) = 12 min, 6 finalizations x 30 s =
 * 3 min, 2 catch-ups x 30 s = 1 min, 2 readers x 1 min = 2 min, 12 statements x 5 s = 1 min.
 */
class ProgressEtaTest {

  private static final Pattern LINE = Pattern.compile(
      "progress (\\d+)/34 steps, elapsed (\\S+), about (\\S+) left \\(ETA (\\S+)\\)");

  @Test
  void plainOutputPrintsTheElapsedTimeAndTheEtaAfterEachStepAndPeriodically() {
    CliRunner.Result r = CliRunner.run("demo");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).doesNotContain("\r").contains("Expected duration: 19m")
        .contains("(the plan expected 19m)")
        // after the first step (a 5 s pin, done at once on the virtual clock)
        .contains("done in 0s; progress 1/34 steps, elapsed 0s, about 18m55s left"
            + " (ETA 2026-01-05T12:18:55Z)")
        .contains("progress 34/34 steps, elapsed ");
    List<String> periodic = r.out().lines().filter(l -> l.startsWith("         progress "))
        .toList();
    assertThat(periodic).isNotEmpty();
    List<Duration> elapsed = new ArrayList<>();
    for (String line : r.out().lines().filter(l -> l.contains("progress ")).toList()) {
      Matcher m = LINE.matcher(line);
      assertThat(m.find()).as(line).isTrue();
      Duration e = parse(m.group(2));
      // ETA = the clock's start (CliRunner's 12:00:00, the simulation's too) + elapsed + left
      // (each printed to the second: within a second of each other)
      assertThat(Duration.between(Instant.parse("2026-01-05T12:00:00Z").plus(e)
          .plus(parse(m.group(3))), Instant.parse(m.group(4))).abs()).as(line)
          .isLessThanOrEqualTo(Duration.ofSeconds(1));
      elapsed.add(e);
    }
    assertThat(elapsed).isSorted();
    assertThat(r.out()).contains("about 0s left");
  }

  @Test
  void periodicPlainLinesAreAtLeastThirtySecondsApart() {
    CliRunner.Result r = CliRunner.run("demo");

    List<Duration> times = new ArrayList<>();
    for (String line : r.out().lines().toList()) {
      Matcher m = LINE.matcher(line);
      if (m.find()) {
        Duration e = parse(m.group(2));
        if (line.startsWith("         progress ") && !times.isEmpty()) {
          assertThat(e.minus(times.get(times.size() - 1))).as(line)
              .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        }
        times.add(e);
      }
    }
    assertThat(times).hasSizeGreaterThan(34);
  }

  @Test
  void onATerminalTheProgressLineIsRedrawnInPlace() {
    StringWriter out = new StringWriter();
    int code = Main.run(new CliContext(new BufferedReader(new StringReader("")),
        new PrintWriter(out), new PrintWriter(new StringWriter()), Map.of(),
        Clock.fixed(Instant.parse("2026-01-05T12:00:00Z"), ZoneOffset.UTC), true), "demo");
    String text = out.toString();

    assertThat(code).isZero();
    assertThat(text).contains("\rprogress 1/34 steps, elapsed 0s, about 18m55s left")
        // blanked before the next step's line is printed at the line's start
        .containsPattern("\r +\r\\[ 2/34\\]")
        // never a plain periodic progress line, never an escaped carriage return
        .doesNotContain("         progress ").doesNotContain("\\r");
    assertThat(count(text, "\rprogress ")).isGreaterThan(34 * 2);
  }

  @Test
  void jsonOutputIsProgressEventsThenTheRunReport() throws Exception {
    CliRunner.Result r = CliRunner.run("demo", "--format", "json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    List<JsonNode> events = new ArrayList<>();
    for (String line : lines.subList(0, lines.size() - 1)) {
      events.add(Json.mapper().readTree(line));
    }
    JsonNode report = Json.mapper().readTree(lines.get(lines.size() - 1));

    assertThat(report.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(report.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(events).allMatch(e -> e.get("event").asText().equals("progress"));
    assertThat(events.stream().map(e -> e.get("phase").asText()).distinct())
        .contains("STEP_STARTED", "WAITING", "STEP_DONE", "COMPLETED");
    JsonNode first = events.get(0);
    assertThat(first.get("phase").asText()).isEqualTo("STEP_STARTED");
    assertThat(first.get("remaining").asText()).isEqualTo("PT19M");
    assertThat(first.get("eta").asText()).isEqualTo("2026-01-05T12:19:00Z");
    JsonNode last = events.get(events.size() - 1);
    assertThat(last.get("phase").asText()).isEqualTo("COMPLETED");
    assertThat(last.get("stepsDone").asInt()).isEqualTo(34);
    assertThat(last.get("remaining").asText()).isEqualTo("PT0S");
    assertThat(last.get("elapsed").asText()).isEqualTo(report.get("took").asText());
    Instant lastWaiting = null;
    for (JsonNode e : events) {
      Instant at = Instant.parse(e.get("at").asText());
      assertThat(Instant.parse(e.get("eta").asText()))
          .isEqualTo(at.plus(Duration.parse(e.get("remaining").asText())));
      if (e.get("phase").asText().equals("WAITING")) {
        if (lastWaiting != null) {
          assertThat(Duration.between(lastWaiting, at)).isGreaterThanOrEqualTo(
              Duration.ofSeconds(30));
        }
        lastWaiting = at;
      }
    }
  }

  @Test
  void applyInJsonNeedsYes() {
    CliRunner.Result r = CliRunner.run(Map.of("PCR_UPGRADE_PASSWORD", "x"), "apply",
        "--primary", "postgresql://root@127.0.0.1:1/system",
        "--standby", "postgresql://root@127.0.0.1:2/system", "--to", "25.2",
        "--node-upgrader", "false", "--format", "json");

    assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(r.err()).contains("--format json prints only JSON, so it cannot ask: add --yes");
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  /** A duration as ProgressPrinter writes it: {@code 45s}, {@code 4m}, {@code 1h4m}. */
  private static Duration parse(String human) {
    Matcher m = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?").matcher(human);
    assertThat(m.matches()).as(human).isTrue();
    return Duration.ofHours(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
        .plusMinutes(m.group(2) == null ? 0 : Long.parseLong(m.group(2)))
        .plusSeconds(m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
  }
}
