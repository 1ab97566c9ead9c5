/**
 * Serves a {@link io.github.pcrupgrade.testkit.SimulatedDeployment} over the PostgreSQL wire
 * protocol, so that real JDBC clients (the JDBC adapters, {@code psql}, a CLI's {@code serve-sim})
 * talk to the simulation as they would to CockroachDB. For tests and tools:
 * {@link io.github.pcrupgrade.testkit.sql.SimulatedPcrServer} is the entry point, {@link
 * io.github.pcrupgrade.testkit.sql.SqlUser} configures who may log in, {@link
 * io.github.pcrupgrade.testkit.sql.ClusterAdministration} what a cluster answers beyond the
 * simulation, {@link io.github.pcrupgrade.testkit.sql.WireLimits} the server's limits; {@link
 * io.github.pcrupgrade.testkit.sql.StatementLog} and {@link
 * io.github.pcrupgrade.testkit.sql.WireStats} are what a test reads back. The protocol itself, the
 * SQL parser and the binding of a simulated cluster to the protocol are internal to the testkit's
 * module and not exported.
 */
package io.github.pcrupgrade.testkit.sql;
