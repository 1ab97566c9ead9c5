/**
 * A durable {@link io.github.pcrupgrade.core.spi.UpgradeJournal} in a directory of the local file
 * system, safe between threads and processes of one host, with the lease every journal shares
 * ({@link io.github.pcrupgrade.core.journal.LeaseRules}). The command-line tool's default; for
 * executors on several hosts use the JDBC journal of {@code pcr-upgrade-jdbc}.
 *
 * <p>For users of the library: construct a
 * {@link io.github.pcrupgrade.journal.file.FileUpgradeJournal} and hand it to the executor.
 */
package io.github.pcrupgrade.journal.file;
