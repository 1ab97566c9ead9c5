package io.github.pcrupgrade.core.spi;

import java.util.Objects;

/**
 * Asked by the executor before each point of no return (a finalization), when configured. An
 * operator's "yes", a change-management ticket, a chat-ops button.
 *
 * <p><b>Contract:</b> called from the executor's thread; may block (for example waiting for a
 * human), but should return {@link Decision#NOT_NOW} rather than block for long: the run then
 * pauses and is resumed by running again. Exceptions halt the run.
 */
@FunctionalInterface
public interface ApprovalGate {

  /** A gate that approves everything. */
  ApprovalGate APPROVE_ALL = request -> Decision.APPROVED;

  /** The gate's answer. */
  enum Decision {
    /** Go ahead with the step. */
    APPROVED,
    /** Not now: the run pauses before the step; run again to ask again. */
    NOT_NOW
  }

  /**
   * What is asked.
   *
   * @param deploymentId the deployment
   * @param stepId the step's stable id
   * @param cluster the cluster it acts on
   * @param virtualCluster the VC it finalizes
   * @param description the step's one-line description
   */
  record Request(
      String deploymentId, String stepId, String cluster, String virtualCluster,
      String description) {
    /**
     * Checks that no component is null (a step without a VC is asked with an empty
     * {@code virtualCluster}).
     *
     * @param deploymentId the deployment
     * @param stepId the step's stable id
     * @param cluster the cluster it acts on
     * @param virtualCluster the VC it finalizes
     * @param description the step's one-line description
     * @throws NullPointerException naming the component that is null
     */
    public Request {
      Objects.requireNonNull(deploymentId, "deploymentId");
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(virtualCluster, "virtualCluster");
      Objects.requireNonNull(description, "description");
    }
  }

  /**
   * Decides whether the step may go ahead now. Called by the executor before each point of no
   * return it is about to act on, only when {@code ExecutorOptions.requireApproval} is set; a run
   * that paused asks again when it is run again. The step API never calls it: an orchestrator
   * approves in its own way.
   *
   * @param request the finalization about to be sent, never null
   * @return {@link Decision#APPROVED} to go ahead; {@link Decision#NOT_NOW} (or null) pauses the
   *     run before the step with nothing sent; an exception halts it with {@code PORT_FAILURE}
   */
  Decision decide(Request request);
}
