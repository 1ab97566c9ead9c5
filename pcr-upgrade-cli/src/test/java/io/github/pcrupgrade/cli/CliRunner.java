package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.json.Json;
import io.github.pcrupgrade.json.StateFile;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs the command in-process and captures what it printed. */
final class CliRunner {

  record Result(int exitCode, String out, String err) {}

  static Result run(String... args) {
    return run(Map.of(), args);
  }

  static Result run(Map<String, String> env, String... args) {
    return runWithInput("", env, args);
  }

  static Result runWithInput(String input, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new CliContext(new BufferedReader(new StringReader(input)),
        new PrintWriter(out), new PrintWriter(err), env,
        Clock.fixed(Instant.parse("2026-01-05T12:00:00Z"), ZoneOffset.UTC)), args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Writes {@code snapshot} as a state file in {@code dir} and returns its path. */
  static Path writeState(Path dir, DeploymentSnapshot snapshot) throws Exception {
    Path file = dir.resolve("state.json");
    Files.writeString(file, Json.mapper().writeValueAsString(StateFile.of(snapshot)));
    return file;
  }

  private CliRunner() {}
}
