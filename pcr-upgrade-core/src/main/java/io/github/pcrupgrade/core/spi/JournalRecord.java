package io.github.pcrupgrade.core.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A record as stored and read back from the journal.
 *
 * @param sequence position in the deployment's history, increasing
 * @param at the journal's time when it was stored (a database journal uses the database's clock)
 * @param entry what was appended
 */
public record JournalRecord(long sequence, Instant at, JournalEntry entry) {

  /**
   * Checks that {@code at} and {@code entry} are not null.
   *
   * @param sequence position in the deployment's history, increasing
   * @param at the journal's time when it was stored (a database journal uses the database's clock)
   * @param entry what was appended
   * @throws NullPointerException naming the component that is null
   */
  public JournalRecord {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(entry, "entry");
  }
}
