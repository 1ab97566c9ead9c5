package io.github.pcrupgrade.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code serve-sim} run in-process for a test: its URLs, its node upgrader, its end. */
final class SimServer implements AutoCloseable {

  static final Path EXAMPLE = Path.of("..", "docs", "examples", "state-24.3-reader.json");

  private final StringWriter out = new StringWriter();
  private final PipedWriter stdin = new PipedWriter();
  private final CompletableFuture<Integer> exit;

  SimServer(String... extraArgs) throws IOException {
    this(EXAMPLE, extraArgs);
  }

  /** serve-sim of the state file {@code state}. */
  SimServer(Path state, String... extraArgs) throws IOException {
    PipedReader reader = new PipedReader(stdin);
    CliContext ctx = new CliContext(new BufferedReader(reader), new PrintWriter(out, true),
        new PrintWriter(new StringWriter(), true), Map.of(), Clock.systemUTC());
    String[] args = new String[4 + extraArgs.length];
    args[0] = "serve-sim";
    args[1] = "--state";
    args[2] = state.toString();
    args[3] = "--seed=7";
    System.arraycopy(extraArgs, 0, args, 4, extraArgs.length);
    exit = CompletableFuture.supplyAsync(() -> Main.run(ctx, args));
  }

  /** Waits for the banner and returns the value after {@code label} on its line. */
  String await(String label) throws Exception {
    Pattern p = Pattern.compile(Pattern.quote(label) + "\\s+(\\S.*)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = p.matcher(out.toString());
      if (m.find() && out.toString().contains("to stop.")) {
        return m.group(1).trim();
      }
      if (exit.isDone()) {
        break;
      }
      Thread.onSpinWait();
      Thread.sleep(10); // polling a condition with a deadline, not waiting a fixed time
    }
    throw new AssertionError("serve-sim printed no '" + label + "': " + out);
  }

  String output() {
    return out.toString();
  }

  /** Closes serve-sim's standard input and returns its exit code. */
  int stop() throws Exception {
    stdin.close();
    return exit.get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    if (!exit.isDone()) {
      stop();
    }
  }
}
