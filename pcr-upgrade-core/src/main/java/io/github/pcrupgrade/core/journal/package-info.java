/**
 * The journal's rules and a ready journal that needs nothing but the JDK:
 * {@link io.github.pcrupgrade.core.journal.InMemoryUpgradeJournal} for tests and embedders that
 * keep no trail, and {@link io.github.pcrupgrade.core.journal.LeaseRules}, the lease decisions every
 * journal shares. Core does no I/O, so durable journals live in their own modules: the single-host
 * file journal in {@code pcr-upgrade-file-journal}
 * ({@code io.github.pcrupgrade.journal.file.FileUpgradeJournal}, the command-line tool's default),
 * and a journal shared by several hosts in a database in {@code pcr-upgrade-jdbc}
 * ({@code io.github.pcrupgrade.jdbc.journal.JdbcUpgradeJournal}).
 *
 * <p>For users of the library: construct a journal and hand it to the executor; for implementers
 * of {@link io.github.pcrupgrade.core.spi.UpgradeJournal}: decide leases with
 * {@link io.github.pcrupgrade.core.journal.LeaseRules}.
 */
package io.github.pcrupgrade.core.journal;
