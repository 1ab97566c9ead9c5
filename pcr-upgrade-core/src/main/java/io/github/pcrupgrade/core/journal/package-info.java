/**
 * Ready {@link io.github.pcrupgrade.core.spi.UpgradeJournal} implementations that need nothing but
 * the JDK: {@link io.github.pcrupgrade.core.journal.InMemoryUpgradeJournal} for tests and embedders
 * that keep no trail, and {@link io.github.pcrupgrade.core.journal.FileUpgradeJournal}, the durable
 * single-host journal the command-line tool uses by default. A journal shared by several hosts lives
 * in a database: {@code io.github.pcrupgrade.jdbc.journal.JdbcUpgradeJournal}.
 *
 * <p>For users of the library: construct one of these and hand it to the executor.
 */
package io.github.pcrupgrade.core.journal;
