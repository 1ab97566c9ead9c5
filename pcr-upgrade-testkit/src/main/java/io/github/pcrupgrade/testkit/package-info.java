/**
 * A deterministic simulated PCR deployment for tests: {@link
 * io.github.pcrupgrade.testkit.SimulatedDeployment} (built fluently) with in-memory implementations
 * of every port, a virtual clock, fault injection ({@link io.github.pcrupgrade.testkit.FaultPlan}),
 * an {@link io.github.pcrupgrade.testkit.InvariantMonitor}, and a per-cluster SQL-level facade
 * ({@link io.github.pcrupgrade.testkit.SimulatedCluster}) for a PostgreSQL wire front. For test
 * authors and for the wire front; the JUnit 5 extension is in {@code ...testkit.junit}.
 *
 * <h2>Where the simulation is our choice, not the product's documented behaviour
 * (UNCONFIRMED)</h2>
 * Error texts and shapes quoted in crdb-upgrade-facts.md and crdb-pcr-sql-facts.md are reproduced
 * exactly. Where the facts give none, the simulation chooses, and tests must not treat these as the
 * product's words:
 * <ul>
 *   <li>the reader VC refusing {@code SET CLUSTER SETTING version}: 0A000 {@code cannot upgrade
 *       the reader virtual cluster "<name>" by setting the version cluster setting} (adapted from
 *       the v25.3.0-alpha.1 release note);
 *   <li>{@code SET REPLICATION READ VIRTUAL CLUSTER}: 42601 on a binary without reader VCs
 *       (before 24.3), 55000 when the VC is neither replicating nor in its initial scan, 42710
 *       when the reader exists; START SERVICE on a VC
 *       whose data is not ready: 55000; altering the system VC, and a second {@code SET
 *       CLUSTER SETTING version} to another target while one runs: XXUUU; no live node: 08006;
 *   <li>the gateway of {@code node running <version>} is the cluster's oldest binary;
 *   <li>finalization passes through 4 even internal steps per series crossed (the product has
 *       more); a blocked finalization stalls and retries rather than failing the statement;
 *   <li>auto-upgrade loops run every 10 s (system VC; the product backs off 1-30 s) and 30 s (app
 *       VCs); range-health counts are a fixed number per down node; retained time is
 *       max(job start, replicated time - 4 h) + 1 us; the HLC logical part is 0;
 *   <li>a fast failback from a newer cluster is accepted (no product check is documented); the
 *       monitor records invariant 7 instead.
 * </ul>
 */
package io.github.pcrupgrade.testkit;
