/**
 * The journal and lease in a PostgreSQL or CockroachDB database, for executors running as several
 * replicas or on several hosts. For users: build a {@link
 * io.github.pcrupgrade.jdbc.journal.JdbcUpgradeJournal} on your {@code DataSource}.
 */
package io.github.pcrupgrade.jdbc.journal;
