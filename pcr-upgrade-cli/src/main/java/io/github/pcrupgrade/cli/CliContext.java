package io.github.pcrupgrade.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may touch: its output streams, the environment and the clock. Injected so that
 * every subcommand runs in-process in tests.
 *
 * @param in standard input (confirmations and approvals in {@code apply})
 * @param out standard output (results: text, JSON, Mermaid)
 * @param err standard error (progress and errors)
 * @param env environment variables (passwords are read from here, never from flags)
 * @param clock the real-time clock (the simulated commands use virtual time)
 * @param terminal true when standard output is a terminal: {@code apply} and {@code demo} then
 *     redraw their progress line in place instead of printing plain lines
 */
public record CliContext(BufferedReader in, PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock,
    boolean terminal) {

  /** A context whose output is not a terminal. */
  public CliContext(BufferedReader in, PrintWriter out, PrintWriter err, Map<String, String> env,
      Clock clock) {
    this(in, out, err, env, clock, false);
  }

  public CliContext {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    env = Map.copyOf(env);
    Objects.requireNonNull(clock, "clock");
  }
}
