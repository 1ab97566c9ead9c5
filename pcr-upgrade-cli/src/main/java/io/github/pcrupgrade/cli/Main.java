package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.PcrUpgradeException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;

/** Entry point of the {@code pcr-upgrade} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = run(new CliContext(new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8)), out, err, System.getenv(), Clock.systemUTC()), args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the command in-process and returns its exit code. Every user error prints one line
   * naming what to fix (no stack trace unless {@code --verbose}).
   */
  public static int run(CliContext ctx, String... args) {
    PcrUpgradeCommand root = new PcrUpgradeCommand(ctx);
    CommandLine cl = new CommandLine(root);
    cl.setOut(ctx.out());
    cl.setErr(ctx.err());
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      ctx.err().println("pcr-upgrade: error: " + oneLine(e));
      if (root.verbose) {
        e.printStackTrace(ctx.err());
      }
      ctx.err().flush();
      return Errors.exitCodeOf(e).code();
    });
    cl.setParameterExceptionHandler((e, args2) -> {
      List<String> unmatched = e.getCommandLine().getParseResult() == null
          ? List.of() : e.getCommandLine().getParseResult().unmatched();
      ctx.err().println("pcr-upgrade: " + (unmatched.isEmpty() ? e.getMessage()
          : "unknown option or argument: " + String.join(" ", unmatched)));
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

  private static String oneLine(Exception e) {
    String m = e instanceof PcrUpgradeException || e.getMessage() != null ? e.getMessage()
        : e.getClass().getSimpleName();
    return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
  }
}
