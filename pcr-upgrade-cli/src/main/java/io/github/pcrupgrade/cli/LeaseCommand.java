package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.journal.file.FileUpgradeJournal;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lease show} and {@code lease break}: the deployment lease of a file journal, for the
 * case its record cannot settle (a holder on another host or in another container that is known
 * to be gone). {@code apply} takes over a lease on its own when the record proves the holder dead.
 */
@Command(name = "lease", mixinStandardHelpOptions = true,
    description = "Show or break the deployment lease in a file journal.",
    subcommands = {LeaseCommand.Show.class, LeaseCommand.Break.class})
final class LeaseCommand implements Runnable {

  @ParentCommand PcrUpgradeCommand root;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "give a subcommand: show or break");
  }

  static void print(PrintWriter out, String deploymentId, FileUpgradeJournal.FileLease l) {
    out.println("Lease of " + deploymentId + ": held by '" + l.holderId() + "' (generation "
        + l.generation() + "), " + l.process());
    out.println("  taken " + l.acquiredAt() + ", " + (l.live() ? "runs until " : "ended ")
        + l.expiresAt());
    if (l.live()) {
      out.println(l.holderProvablyGone()
          ? "  its process is gone (same host boot and pid namespace): the next apply takes it"
              + " over at once"
          : "  its process cannot be proven gone from here: the next apply waits until it ends");
    }
  }

  /** {@code lease show}. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show who holds the deployment lease and until when.")
  static final class Show implements Callable<Integer> {
    @ParentCommand LeaseCommand lease;

    @picocli.CommandLine.Mixin JournalLocation where;

    @Override
    public Integer call() {
      PrintWriter out = lease.root.ctx.out();
      Optional<FileUpgradeJournal.FileLease> l =
          where.journal(lease.root.ctx).lease(where.deploymentId);
      if (l.isEmpty()) {
        out.println("No lease was ever taken for " + where.deploymentId + " in "
            + where.journalDir + ".");
      } else {
        print(out, where.deploymentId, l.get());
      }
      return ExitCode.OK.code();
    }
  }

  /** {@code lease break}. */
  @Command(name = "break", mixinStandardHelpOptions = true,
      description = "End the deployment lease of an executor that is gone but cannot be proven"
          + " gone (another host, another container). Asks for the deployment id unless --yes."
          + " Breaking the lease of a live executor lets two act at once: check first.")
  static final class Break implements Callable<Integer> {
    @ParentCommand LeaseCommand lease;

    @picocli.CommandLine.Mixin JournalLocation where;

    @Option(names = "--yes", description = "Do not ask.")
    boolean yes;

    @Override
    public Integer call() throws IOException {
      CliContext ctx = lease.root.ctx;
      PrintWriter out = ctx.out();
      FileUpgradeJournal journal = where.journal(ctx);
      Optional<FileUpgradeJournal.FileLease> l = journal.lease(where.deploymentId);
      if (l.isEmpty() || !l.get().live()) {
        out.println("No live lease for " + where.deploymentId + ": nothing to break.");
        return ExitCode.OK.code();
      }
      print(out, where.deploymentId, l.get());
      if (!yes) {
        out.print("Break it? Make sure that executor is stopped: two executors acting at once"
            + " can break the upgrade. Type the deployment id to confirm: ");
        out.flush();
        String answer = ctx.in().readLine();
        if (answer == null || !answer.trim().equals(where.deploymentId)) {
          out.println("Not confirmed; the lease was not changed.");
          return ExitCode.CANCELLED.code();
        }
      }
      String by = "pcr-upgrade lease break (pid " + ProcessHandle.current().pid()
          + Optional.ofNullable(ctx.env().get("USER")).map(u -> ", user " + u).orElse("") + ")";
      if (journal.breakLease(where.deploymentId, l.get().generation(), by).isEmpty()) {
        out.println("The lease changed meanwhile (it ended or changed hands); it was not"
            + " broken. Run lease show.");
        return ExitCode.HALTED.code();
      }
      out.println("Broken, and journaled. The next apply takes the lease with generation "
          + (l.get().generation() + 1) + ".");
      return ExitCode.OK.code();
    }
  }
}
