package io.github.pcrupgrade.core.spi;

import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Instant;
import java.util.Optional;

/**
 * Changes one cluster through SQL on its VCs. There is one instance per cluster.
 *
 * <p><b>Who calls it, how often:</b> the executor, once per step that needs it (again when a run
 * is resumed, and again under the re-send rule for {@link #finalizeVersion} and
 * {@link #stopService}), one call at a time. Each call runs as a task of the executor's
 * {@link Scheduler} (a worker thread in production), not on the run's thread, so implementations
 * must not rely on thread-local state of the caller.
 *
 * <p><b>What may block, and for how long:</b> {@link #finalizeVersion} returns only when the
 * migrations are done (the product runs them inside the statement: minutes or more on a large
 * cluster) and {@link #stopService} only when every node stopped serving the VC (up to about 10
 * minutes); crdb-pcr-sql-facts 10.1. Neither may be cut by a client timeout shorter than the
 * step's own ({@code finalizationTimeout}, {@code readerVcTimeout}): the executor bounds the call
 * itself and renews its lease meanwhile. {@link #readVersion} may block up to about 2 minutes
 * ({@code SHOW CLUSTER SETTING version}, 9.1). Every other method is one short statement. When the
 * executor abandons a call (cancellation past {@code stopGrace}, the call past its bound), the
 * call's thread is interrupted and the action registered with {@link Scheduler#whenAbandoned} runs:
 * an implementation should then cancel its statement and close its connection, so that the server
 * sees its client go away.
 *
 * <p><b>Contract:</b> every method acts on the VC it names, connected to that VC explicitly (never
 * relying on the cluster's default VC); VC names have been validated against the product's
 * pattern and must be quoted as identifiers. Every mutating method is idempotent in effect: calling
 * it again after it succeeded (or after a crash right after it succeeded) leaves the cluster as the
 * first call did, or fails with the product's error (which the executor then judges against a fresh
 * snapshot). Methods return when the statement returned; they do not wait for effects the product
 * does not wait for inside the statement (a reader VC's initial scan and start-up, a drop's
 * garbage collection), and never assume a statement did what it says: the executor polls the
 * inspector for the outcome (a reader statement may silently do nothing, 10.3).
 *
 * <p><b>Errors:</b> a {@code PcrUpgradeException} naming the cluster, the VC and the statement's
 * intent, with the product's message; technical exceptions stay attached as the cause.
 */
public interface ClusterOperations {

  /**
   * The name of the cluster, as used in snapshots and messages.
   *
   * @return the same name as the cluster's {@link ClusterInspector#clusterName()}; never a URL or
   *     anything holding credentials
   */
  String clusterName();

  /**
   * {@code SET CLUSTER SETTING <setting> = <value>} in VC {@code vc}: a pin step, or a restore
   * step putting back a value found before the upgrade.
   *
   * @param vc the VC whose setting changes (the system VC or an application VC that serves SQL)
   * @param setting which of the two finalization settings
   * @param value for {@link PinSetting#AUTO_UPGRADE_ENABLED} {@code "true"} or {@code "false"};
   *     for {@link PinSetting#PRESERVE_DOWNGRADE_OPTION} a cluster version such as {@code "24.1"}
   *     (sent as a string literal)
   */
  void setFinalizationSetting(String vc, PinSetting setting, String value);

  /**
   * {@code RESET CLUSTER SETTING <setting>} in VC {@code vc}, back to the product's default: an
   * unpin step before a legacy-pinned VC is finalized, or a restore step.
   *
   * @param vc the VC whose setting is reset
   * @param setting which of the two finalization settings
   */
  void resetFinalizationSetting(String vc, PinSetting setting);

  /**
   * {@code SET CLUSTER SETTING version = '<target>'} in VC {@code vc}: runs the finalization to its
   * end inside the statement and returns when the VC is at the target (the product does; minutes or
   * more). The point of no return. Cut part-way, the VC may stay at a transitional version that
   * nothing resumes until the statement is sent again (what the server does when its client goes
   * away is UNCONFIRMED, crdb-pcr-sql-facts 10.1).
   *
   * @param vc the VC to finalize, connected to directly (never the standby's replicating VC, which
   *     follows its source by replication)
   * @param target the series to finalize to; the statement sends its {@code YY.R} form
   */
  void finalizeVersion(String vc, ReleaseSeries target);

  /**
   * {@code SHOW CLUSTER SETTING version} in VC {@code vc}. Not used by the executor, which reads
   * versions through the {@link ClusterInspector}; for tools and tests that drive one VC by hand.
   * May block up to about 2 minutes while a finalization runs (crdb-pcr-sql-facts 9.1).
   *
   * @param vc a VC that serves SQL
   * @return the VC's cluster version as the product reports it, final or transitional
   */
  ClusterVersion readVersion(String vc);

  /**
   * {@code ALTER VIRTUAL CLUSTER <vc> STOP SERVICE}, run on the system VC: the VC is
   * {@code stopping} until every node stopped serving it, then {@code none}; blocks meanwhile. Cut
   * part-way, the VC stays {@code stopping}; sending it again moves it on.
   *
   * @param vc the reader VC to stop (the only VC the executor stops)
   */
  void stopService(String vc);

  /**
   * {@code ALTER VIRTUAL CLUSTER <vc> START SERVICE SHARED}, run on the system VC. The executor
   * does not call it (a reader VC created by {@link #createReaderVirtualCluster} starts serving on
   * its own); for tools and tests.
   *
   * @param vc the VC to serve
   */
  void startServiceShared(String vc);

  /**
   * {@code DROP VIRTUAL CLUSTER <vc>}, run on the system VC; the VC must have stopped serving.
   * The VC leaves {@code SHOW VIRTUAL CLUSTERS} at once and its name can be reused; its data is
   * garbage-collected in the background (crdb-pcr-sql-facts 10.3).
   *
   * @param vc the reader VC to drop
   */
  void dropVirtualCluster(String vc);

  /**
   * {@code ALTER VIRTUAL CLUSTER <replicatingVc> SET REPLICATION READ VIRTUAL CLUSTER}, run on the
   * standby's system VC: creates {@code <replicatingVc>-readonly}. The statement may silently do
   * nothing (on old patches, and during the stream's initial scan; crdb-pcr-sql-facts 10.3): the
   * executor judges the outcome from the inspector, and sends it again when the reader stays
   * absent.
   *
   * @param replicatingVc the standby's replicating app VC (not the reader's name)
   */
  void createReaderVirtualCluster(String replicatingVc);

  /**
   * The replicated time of the stream into {@code replicatingVc}
   * ({@code SHOW VIRTUAL CLUSTER ... WITH REPLICATION STATUS}). Not used by the executor, which
   * reads replication status through the {@link ClusterInspector}; for tools and tests.
   *
   * @param replicatingVc the standby's replicating app VC
   * @return the replicated time; empty before the initial scan has finished
   */
  Optional<Instant> replicatedTime(String replicatingVc);

  /**
   * The cluster's current time ({@code SELECT now()} on the system VC), to compare with a
   * replicated time on the cluster's own clock rather than the caller's. Not used by the
   * executor; for tools and tests.
   *
   * @return the cluster's time now
   */
  Instant clusterTime();
}
