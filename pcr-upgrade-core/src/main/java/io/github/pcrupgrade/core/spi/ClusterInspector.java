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

  /**
   * The name of the inspected cluster, as used in snapshots and messages.
   *
   * @return the cluster's name, fixed for the inspector's lifetime; never a connection URL or
   *     anything holding credentials
   */
  String clusterName();

  /**
   * A fresh snapshot of the cluster.
   *
   * @return everything observed now, with what cannot be observed marked unknown
   * @throws io.github.pcrupgrade.core.PcrUpgradeException on any failure but a non-system VC that
   *     refuses connections (see above); the message names the cluster and what to fix
   */
  ClusterSnapshot inspect();

  /**
   * A narrow read: {@code previous} (this cluster's latest full snapshot, from {@link #inspect()})
   * with only what {@code read} names read afresh, so that a wait polls a node's build and
   * liveness, one VC's version or settings, the VC list or the replicated time with a statement or
   * two instead of a full snapshot.
   *
   * <p><b>Who calls it, how often:</b> the executor, on most polls while it waits for a step to be
   * done (the step's done-condition decides what is read); never to decide an action. Whatever a
   * narrow read shows, the executor confirms with a full {@link #inspect()} before it records a
   * step done, and takes a full snapshot at least every {@code fullSnapshotEvery} polls, so an
   * implementation may be imprecise about what it was not asked for, never about what it was.
   *
   * <p><b>Contract:</b> reads only; same errors and same treatment of a VC that does not answer as
   * {@link #inspect()}. When it cannot read exactly what is asked (a node or VC that is not in
   * {@code previous}, a VC list that changed, a VC that accepts no SQL), it returns a full
   * snapshot instead, which is always correct. The default does exactly that, so an
   * implementation that does not implement narrow reads keeps working.
   *
   * @param read what to read afresh
   * @param previous the latest full snapshot of this cluster
   * @return {@code previous} with what {@code read} names read afresh, or a full snapshot
   */
  default ClusterSnapshot inspect(NarrowRead read, ClusterSnapshot previous) {
    return inspect();
  }
}
