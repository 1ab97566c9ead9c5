/**
 * The contract every {@link io.github.pcrupgrade.core.spi.UpgradeJournal} must meet, as an abstract
 * JUnit 5 test class. For anyone writing a journal: extend {@link
 * io.github.pcrupgrade.testkit.journal.UpgradeJournalContract} in your tests.
 */
package io.github.pcrupgrade.testkit.journal;
