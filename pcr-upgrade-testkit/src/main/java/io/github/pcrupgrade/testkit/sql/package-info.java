/**
 * Serves a {@link io.github.pcrupgrade.testkit.SimulatedDeployment} over the PostgreSQL wire
 * protocol, so that real JDBC clients (the JDBC adapters, {@code psql}, a CLI's {@code serve-sim})
 * talk to the simulation as they would to CockroachDB. For tests and tools:
 * {@link io.github.pcrupgrade.testkit.sql.SimulatedPcrServer} is the entry point, {@link
 * io.github.pcrupgrade.testkit.sql.SqlUser} configures who may log in, and {@link
 * io.github.pcrupgrade.testkit.sql.SimulatedClusterBackend} binds one simulated cluster to the
 * wire front.
 */
package io.github.pcrupgrade.testkit.sql;
