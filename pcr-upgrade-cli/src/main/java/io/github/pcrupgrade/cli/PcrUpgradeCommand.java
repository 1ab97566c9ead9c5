package io.github.pcrupgrade.cli;

import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command: lists the subcommands. */
@Command(
    name = "pcr-upgrade",
    mixinStandardHelpOptions = true,
    version = "pcr-upgrade 0.1.0-SNAPSHOT",
    description = "Plans, checks and carries out major-version upgrades of CockroachDB deployments"
        + " running Physical Cluster Replication.",
    subcommands = {ReleasesCommand.class, PathCommand.class, CheckCommand.class,
        PlanCommand.class, StatusCommand.class, ApplyCommand.class, DemoCommand.class,
        SimulateCommand.class, ServeSimCommand.class, SimRestartCommand.class,
        LeaseCommand.class, PreflightCommand.class, CaptureCommand.class, ChaosCommand.class})
public final class PcrUpgradeCommand implements Runnable {

  final CliContext ctx;

  /** The progress line redrawn in place, when standard output is a terminal. */
  final Optional<StatusLine> statusLine;

  @Spec CommandSpec spec;

  @Option(names = "--verbose", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  PcrUpgradeCommand(CliContext ctx, Optional<StatusLine> statusLine) {
    this.ctx = ctx;
    this.statusLine = statusLine;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required");
  }
}
