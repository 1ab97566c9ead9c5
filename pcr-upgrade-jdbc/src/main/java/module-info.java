/**
 * pcr-upgrade's adapters for real CockroachDB: inspection and SQL operations through the
 * PostgreSQL JDBC driver and HikariCP, and a JDBC journal with a lease. {@code
 * io.github.pcrupgrade.jdbc.internal} is not exported: its types are reached through {@code
 * io.github.pcrupgrade.jdbc.CockroachCluster}.
 */
module io.github.pcrupgrade.jdbc {
  requires transitive io.github.pcrupgrade.core;
  // JdbcUpgradeJournal takes a DataSource; SqlErrorKind decodes an SQLException.
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  requires org.postgresql.jdbc;
  requires org.slf4j;

  exports io.github.pcrupgrade.jdbc;
  exports io.github.pcrupgrade.jdbc.journal;
}
