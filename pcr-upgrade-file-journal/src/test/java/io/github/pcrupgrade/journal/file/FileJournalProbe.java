package io.github.pcrupgrade.journal.file;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.spi.Lease;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A second process for {@link FileUpgradeJournalTest}: uses a file journal in the directory given
 * and prints what happened, one line per outcome.
 *
 * <p>{@code FileJournalProbe <dir> <deployment> acquire <holder>}, {@code ... hold <holder>}
 * (takes the lease for an hour and keeps running until standard input closes) or
 * {@code ... history}.
 */
public final class FileJournalProbe {

  private FileJournalProbe() {}

  public static void main(String[] args) throws java.io.IOException {
    FileUpgradeJournal journal = new FileUpgradeJournal(Path.of(args[0]));
    String deployment = args[1];
    try {
      switch (args[2]) {
        case "acquire" -> {
          Lease lease = journal.acquireLease(deployment, args[3], Duration.ofMinutes(5));
          System.out.println("ACQUIRED generation " + lease.generation());
        }
        case "hold" -> {
          Lease lease = journal.acquireLease(deployment, args[3], Duration.ofHours(1));
          System.out.println("HELD generation " + lease.generation());
          System.out.flush();
          System.in.read(); // holds the lease until standard input closes or the process dies
        }
        case "history" -> {
          for (JournalRecord r : journal.history(deployment)) {
            System.out.println("RECORD " + r.sequence() + " " + r.entry().detail());
          }
        }
        default -> throw new IllegalArgumentException(args[2]);
      }
    } catch (PcrUpgradeException e) {
      System.out.println("ERROR " + e.code().name() + " " + e.getMessage());
    }
    System.out.flush();
  }
}
