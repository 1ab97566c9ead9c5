package io.github.pcrupgrade.core.spi;

import io.github.pcrupgrade.core.model.ClusterSnapshot;

/**
 * Observes one cluster. There is one inspector per cluster of the deployment.
 *
 * <p><b>Who calls it, how often:</b> the executor, before every step and on every poll while it
 * waits (typically every few seconds); the facade once per check or plan.
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
