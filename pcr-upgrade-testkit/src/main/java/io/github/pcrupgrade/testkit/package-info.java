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
 *       monitor records invariant 7 instead;
 *   <li>a client that goes away in the middle of {@code SET CLUSTER SETTING version}: the
 *       finalization stops at its last persisted step or continues, as the builder's
 *       {@link io.github.pcrupgrade.testkit.InterruptedFinalization} says (default: stops);
 *       the interrupted statement ends with 57014 {@code query execution canceled}; a second
 *       {@code SET CLUSTER SETTING version} to the same target while one runs waits for it;
 *   <li>a finalization statement that made no progress for an hour fails with XXUUU
 *       {@code upgrade to <X.Y> made no progress for 60 minutes: <why>}; STOP SERVICE takes 2 s
 *       by default (the product waits up to 10 minutes for every node);
 *   <li>a stalled VC ({@code Fault.VcStalls}) armed before it serves starts stalling at the first
 *       attempt to reach it once it serves; a {@code SHOW CLUSTER SETTING version} blocks only
 *       under {@code Fault.ShowVersionBlocks} (the product's timeout error of 24.1 builds before
 *       #129756 is not simulated);
 *   <li>licence throttling counts the transactions of SQL clients only (wire sessions, port
 *       calls), not internal or PCR traffic;
 *   <li>over the wire front, a node's endpoint listens only while the node is live (from its
 *       rejoin), and a session reports its node's binary, but statements are judged on the
 *       cluster's gateway (its lowest-numbered live node);
 *   <li>{@code SET REPLICATION READ VIRTUAL CLUSTER} is a silent no-op during the stream's initial
 *       scan (the product's issue #147643) and refused with 55000 in the other non-replicating
 *       states (paused, failing over).
 * </ul>
 */
package io.github.pcrupgrade.testkit;
