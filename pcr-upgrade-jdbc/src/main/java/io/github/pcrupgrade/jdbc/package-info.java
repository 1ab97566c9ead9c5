/**
 * Adapters of the pcr-upgrade ports to CockroachDB (and, for the journal, PostgreSQL) through the
 * PostgreSQL JDBC driver. For users wiring the library to real databases. {@link
 * io.github.pcrupgrade.jdbc.SqlRetry} is the one place that retries failed statements; {@link
 * io.github.pcrupgrade.jdbc.SqlErrorKind} decodes SQLSTATEs once. No {@code SQLException} leaves this
 * module: each is wrapped in a {@code PcrUpgradeException} with code {@code PORT_FAILURE}.
 */
package io.github.pcrupgrade.jdbc;
