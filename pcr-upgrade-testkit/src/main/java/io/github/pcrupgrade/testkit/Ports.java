package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.spi.ApprovalGate;
import io.github.pcrupgrade.core.spi.ClusterInspector;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.NodeUpgrader;
import io.github.pcrupgrade.core.spi.Sleeper;
import io.github.pcrupgrade.core.spi.UpgradeJournal;
import io.github.pcrupgrade.core.exec.StepApi;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import java.time.Clock;
import java.util.Objects;

/**
 * Every port of a {@link SimulatedDeployment}, ready to hand to an executor: one inspector and one
 * operations object per cluster, the node upgrader, the journal, the approval gate, the virtual
 * clock and the sleeper that advances it, and the deployment's {@link VirtualScheduler} (one per
 * deployment, shared by every executor built from it, so that several executors, their blocking
 * calls and their lease heartbeats run on one virtual timeline).
 *
 * @param deploymentId the deployment id the journal and the lease use
 * @param primaryInspector the primary's inspector
 * @param standbyInspector the standby's inspector
 * @param primaryOperations the primary's operations
 * @param standbyOperations the standby's operations
 * @param nodeUpgrader the node upgrader of both clusters; a restart takes virtual time
 * @param journal the in-memory journal, whose leases expire on the virtual clock
 * @param approvalGate the deployment's approval gate
 * @param clock the virtual clock
 * @param sleeper a sleeper that advances the virtual clock
 * @param scheduler the deployment's virtual-time scheduler
 */
public record Ports(
    String deploymentId,
    ClusterInspector primaryInspector,
    ClusterInspector standbyInspector,
    ClusterOperations primaryOperations,
    ClusterOperations standbyOperations,
    NodeUpgrader nodeUpgrader,
    UpgradeJournal journal,
    ApprovalGate approvalGate,
    Clock clock,
    Sleeper sleeper,
    VirtualScheduler scheduler) {

  /**
   * Checks that no port is null.
   *
   * @param deploymentId the deployment id
   * @param primaryInspector the primary's inspector
   * @param standbyInspector the standby's inspector
   * @param primaryOperations the primary's operations
   * @param standbyOperations the standby's operations
   * @param nodeUpgrader the node upgrader
   * @param journal the journal
   * @param approvalGate the approval gate
   * @param clock the clock
   * @param sleeper the sleeper
   * @param scheduler the scheduler
   * @throws NullPointerException if any component is null
   */
  public Ports {
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(primaryInspector, "primaryInspector");
    Objects.requireNonNull(standbyInspector, "standbyInspector");
    Objects.requireNonNull(primaryOperations, "primaryOperations");
    Objects.requireNonNull(standbyOperations, "standbyOperations");
    Objects.requireNonNull(nodeUpgrader, "nodeUpgrader");
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(approvalGate, "approvalGate");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(scheduler, "scheduler");
  }

  /**
   * An executor builder wired with every port, the deployment's virtual-time scheduler, and this
   * deployment's id; add options and listeners, then build. Every builder gets the same executor
   * id, {@code <deploymentId>-executor}, as one orchestrator restarting would (so a new instance
   * resumes under the lease its predecessor held); give distinct ids with {@code executorId} to
   * model several orchestrators.
   *
   * @return a new builder; each call gives another
   */
  public UpgradeExecutor.Builder executor() {
    return UpgradeExecutor.builder()
        .deploymentId(deploymentId)
        .executorId(deploymentId + "-executor")
        .primary(primaryInspector, primaryOperations)
        .standby(standbyInspector, standbyOperations)
        .nodeUpgrader(nodeUpgrader)
        .journal(journal)
        .approvalGate(approvalGate)
        .clock(clock)
        .sleeper(sleeper)
        .scheduler(scheduler);
  }

  /**
   * A step API builder wired with every port, the deployment's virtual-time scheduler and this
   * deployment's id, for tests of orchestrators that drive the steps themselves; add options, then
   * build. Instances built from one deployment share its journal, as the processes of one
   * orchestrator share theirs.
   *
   * @return a new builder; each call gives another
   */
  public StepApi.Builder steps() {
    return StepApi.builder()
        .deploymentId(deploymentId)
        .primary(primaryInspector, primaryOperations)
        .standby(standbyInspector, standbyOperations)
        .nodeUpgrader(nodeUpgrader)
        .journal(journal)
        .scheduler(scheduler);
  }

  /**
   * The inspector of the cluster with this name.
   *
   * @param cluster the cluster's name
   * @return the primary's or the standby's inspector
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} naming both clusters when neither has
   *     that name
   */
  public ClusterInspector inspector(String cluster) {
    Objects.requireNonNull(cluster, "cluster");
    if (primaryInspector.clusterName().equals(cluster)) {
      return primaryInspector;
    }
    if (standbyInspector.clusterName().equals(cluster)) {
      return standbyInspector;
    }
    throw unknown(cluster);
  }

  /**
   * The operations of the cluster with this name.
   *
   * @param cluster the cluster's name
   * @return the primary's or the standby's operations
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} naming both clusters when neither has
   *     that name
   */
  public ClusterOperations operations(String cluster) {
    Objects.requireNonNull(cluster, "cluster");
    if (primaryOperations.clusterName().equals(cluster)) {
      return primaryOperations;
    }
    if (standbyOperations.clusterName().equals(cluster)) {
      return standbyOperations;
    }
    throw unknown(cluster);
  }

  private PcrUpgradeException unknown(String cluster) {
    return new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
        "no cluster named '" + cluster + "' in deployment '" + deploymentId + "'; it has '"
            + primaryInspector.clusterName() + "' and '" + standbyInspector.clusterName() + "'");
  }
}
