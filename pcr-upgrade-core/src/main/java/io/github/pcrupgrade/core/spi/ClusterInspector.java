package io.github.pcrupgrade.core.spi;

import io.github.pcrupgrade.core.model.ClusterSnapshot;

/**
 * Observes one cluster. There is one inspector per cluster of the deployment.
 *
 * <p><b>Who calls it, how often:</b> the executor, before every step and on every poll while it
 * waits (typically every few seconds), as a task of its {@link Scheduler}; the facade once per
 * check or plan.
 *
 * <p><b>What may block, and for how long:</b> an inspection reads settings with
 * {@code SHOW CLUSTER SETTING}, which the product may hold up to about 2 minutes while a
 * finalization runs (crdb-pcr-sql-facts 9.1); everything else is short. The executor bounds an
 * inspection of both clusters by twice its {@code settingTimeout} and rides out a failed one until
 * the step's own timeout.
 *
 * <p><b>One unreachable VC:</b> a VC other than the system VC that refuses connections
 * ({@code 08000}, connection refused, a connect timeout; a reader VC whose start-up stalls, 10.2)
 * is reported with an unknown version and no settings, the error as the reason; it does not fail
 * the snapshot. Any other error does.
 *
 * <p><b>Contract:</b> {@link #inspect()} reads only, never changes anything, and may be called any
 * number of times (idempotent). It returns a complete snapshot or throws: a value it cannot
 * observe (the replicating VC's cluster version, its settings) is reported as unknown
 * ({@code VersionReading.unknown}, empty settings), never filled with a default. It must be safe to
 * call from one thread at a time; implementations may parallelise internally.
 *
 * <p><b>Errors:</b> any failure is a {@code PcrUpgradeException} whose message names the cluster
 * and what to fix (wrong password, unreachable host, missing privilege); technical exceptions stay
 * attached as the cause. Credentials never appear in messages.
 */
public interface ClusterInspector {

  /** The name of the inspected cluster, as used in snapshots and messages. */
  String clusterName();

  /** A fresh snapshot of the cluster. */
  ClusterSnapshot inspect();
}
