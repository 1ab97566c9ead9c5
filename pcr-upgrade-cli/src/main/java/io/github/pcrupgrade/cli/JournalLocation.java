package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.journal.file.FileUpgradeJournal;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a deployment's file journal and lease live: options shared by apply and lease. */
final class JournalLocation {

  @Option(names = "--journal-dir", defaultValue = ".pcr-upgrade", paramLabel = "DIR",
      description = "Where the journal and lease files live (default ${DEFAULT-VALUE}).")
  Path journalDir;

  @Option(names = "--deployment-id", defaultValue = "pcr-deployment", paramLabel = "ID",
      description = "The deployment's id in the journal (default ${DEFAULT-VALUE}).")
  String deploymentId;

  FileUpgradeJournal journal(CliContext ctx) {
    return new FileUpgradeJournal(journalDir, ctx.clock());
  }
}
