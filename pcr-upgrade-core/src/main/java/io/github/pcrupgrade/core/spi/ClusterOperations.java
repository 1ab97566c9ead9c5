package io.github.pcrupgrade.core.spi;

import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Instant;
import java.util.Optional;

/**
 * Changes one cluster through SQL on its VCs. There is one instance per cluster.
 *
 * <p><b>Who calls it, how often:</b> the executor, once per step that needs it (and again when a
 * run is resumed), from one thread at a time.
 *
 * <p><b>Contract:</b> every method acts on the VC it names, connected to that VC explicitly (never
 * relying on the cluster's default VC); VC names have been validated against the product's
 * pattern and must be quoted as identifiers. Every mutating method is idempotent in effect: calling
 * it again after it succeeded (or after a crash right after it succeeded) leaves the cluster as the
 * first call did, or fails with the product's error (which the executor then judges against a fresh
 * snapshot). Methods return when the statement returned; they do not wait for asynchronous
 * effects (a finalization's migrations, a reader VC's initial scan) - the executor polls the
 * inspector for those.
 *
 * <p><b>Errors:</b> a {@code PcrUpgradeException} naming the cluster, the VC and the statement's
 * intent, with the product's message; technical exceptions stay attached as the cause.
 */
public interface ClusterOperations {

  /** The name of the cluster, as used in snapshots and messages. */
  String clusterName();

  /** {@code SET CLUSTER SETTING <setting> = <value>} in VC {@code vc}. */
  void setFinalizationSetting(String vc, FinalizationSetting setting, String value);

  /** {@code RESET CLUSTER SETTING <setting>} in VC {@code vc}. */
  void resetFinalizationSetting(String vc, FinalizationSetting setting);

  /**
   * {@code SET CLUSTER SETTING version = '<target>'} in VC {@code vc}: starts (and, as the product
   * does, usually completes) finalization. The point of no return.
   */
  void finalizeVersion(String vc, ReleaseSeries target);

  /** {@code SHOW CLUSTER SETTING version} in VC {@code vc}. */
  ClusterVersion readVersion(String vc);

  /** {@code ALTER VIRTUAL CLUSTER <vc> STOP SERVICE}, run on the system VC. */
  void stopService(String vc);

  /** {@code ALTER VIRTUAL CLUSTER <vc> START SERVICE SHARED}, run on the system VC. */
  void startServiceShared(String vc);

  /** {@code DROP VIRTUAL CLUSTER <vc>}, run on the system VC; the VC must have stopped serving. */
  void dropVirtualCluster(String vc);

  /**
   * {@code ALTER VIRTUAL CLUSTER <replicatingVc> SET REPLICATION READ VIRTUAL CLUSTER}, run on the
   * standby's system VC: creates {@code <replicatingVc>-readonly}.
   */
  void createReaderVirtualCluster(String replicatingVc);

  /**
   * The replicated time of the stream into {@code replicatingVc}
   * ({@code SHOW VIRTUAL CLUSTER ... WITH REPLICATION STATUS}); empty before the initial scan.
   */
  Optional<Instant> replicatedTime(String replicatingVc);

  /** The cluster's current time ({@code SELECT now()} on the system VC). */
  Instant clusterTime();
}
