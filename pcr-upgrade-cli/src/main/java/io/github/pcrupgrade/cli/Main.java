package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.PcrUpgradeException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/** Entry point of the {@code pcr-upgrade} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    CliLoggingProvider.configure(java.util.Arrays.asList(args).contains("--verbose"));
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = run(new CliContext(new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8)), out, err, System.getenv(), Clock.systemUTC(),
        System.console() != null), args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the command in-process and returns its exit code. Every user error prints one line
   * naming what to fix (no stack trace unless {@code --verbose}).
   */
  public static int run(CliContext given, String... args) {
    CliContext ctx = new CliContext(given.in(),
        new PrintWriter(new TerminalSafeWriter(given.out()), true),
        new PrintWriter(new TerminalSafeWriter(given.err()), true), given.env(), given.clock(),
        given.terminal());
    // the progress line is the only writer past the guard; it escapes its own text
    PcrUpgradeCommand root = new PcrUpgradeCommand(ctx,
        given.terminal() ? Optional.of(new StatusLine(given.out())) : Optional.empty());
    Secrets secrets = Secrets.of(args, ctx.env());
    CommandLine cl = new CommandLine(root);
    cl.setOut(ctx.out());
    cl.setErr(ctx.err());
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      ctx.err().println("pcr-upgrade: error: " + secrets.scrub(oneLine(e)));
      if (root.verbose) {
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        ctx.err().print(secrets.scrub(trace.toString())); // control characters: TerminalSafeWriter
      }
      ctx.err().flush();
      return Errors.exitCodeOf(e).code();
    });
    cl.setParameterExceptionHandler((e, args2) -> {
      List<String> unmatched = e.getCommandLine().getParseResult() == null
          ? List.of() : e.getCommandLine().getParseResult().unmatched();
      ctx.err().println("pcr-upgrade: " + secrets.scrub(SafeText.escape(unmatched.isEmpty()
          ? e.getMessage() : "unknown option or argument: " + String.join(" ", unmatched))));
      ctx.err().println("Try 'pcr-upgrade " + commandPath(e.getCommandLine()) + " --help'.");
      ctx.err().flush();
      return ExitCode.USAGE.code();
    });
    int code = cl.execute(args);
    ctx.out().flush();
    ctx.err().flush();
    return code;
  }

  private static String commandPath(CommandLine cl) {
    String name = cl.getCommandSpec().qualifiedName(" ");
    return name.startsWith("pcr-upgrade") ? name.substring("pcr-upgrade".length()).trim() : name;
  }

  /**
   * The error as one line: its message with control characters escaped (messages quote state
   * files and servers). An error that is not a {@link PcrUpgradeException} is a bug: the line
   * says so and names its type.
   */
  private static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (!(e instanceof PcrUpgradeException)) {
      m = "internal error (" + e.getClass().getSimpleName() + "): " + m
          + "; rerun with --verbose and report it";
    }
    return SafeText.escape(m);
  }
}
