package io.github.pcrupgrade.testkit.journal;

import io.github.pcrupgrade.core.journal.InMemoryUpgradeJournal;
import io.github.pcrupgrade.core.spi.UpgradeJournal;
import java.time.Duration;
import java.time.Instant;

class InMemoryUpgradeJournalContractTest extends UpgradeJournalContract {

  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
  private final InMemoryUpgradeJournal journal = new InMemoryUpgradeJournal(clock);

  @Override
  protected UpgradeJournal journal() {
    return journal;
  }

  @Override
  protected void letTimePass(Duration duration) {
    clock.advance(duration);
  }
}
