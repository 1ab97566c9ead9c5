/**
 * A deterministic simulated PCR deployment for tests: {@link
 * io.github.pcrupgrade.testkit.SimulatedDeployment} (built fluently) with in-memory implementations
 * of every port, a virtual clock, fault injection ({@link io.github.pcrupgrade.testkit.FaultPlan}),
 * an {@link io.github.pcrupgrade.testkit.InvariantMonitor}, and a per-cluster SQL-level facade
 * ({@link io.github.pcrupgrade.testkit.SimulatedCluster}) for a PostgreSQL wire front. For test
 * authors and for the wire front; the JUnit 5 extension is in {@code ...testkit.junit}.
 */
package io.github.pcrupgrade.testkit;
