package io.github.pcrupgrade.testkit.journal;

import io.github.pcrupgrade.journal.file.FileUpgradeJournal;
import io.github.pcrupgrade.core.spi.UpgradeJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;

class FileUpgradeJournalContractTest extends UpgradeJournalContract {

  @TempDir Path directory;

  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));

  @Override
  protected UpgradeJournal journal() {
    return new FileUpgradeJournal(directory, clock);
  }

  @Override
  protected void letTimePass(Duration duration) {
    clock.advance(duration);
  }
}
