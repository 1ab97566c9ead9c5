package io.github.pcrupgrade.core.event;

import io.github.pcrupgrade.core.plan.StepKind;
import java.util.Objects;
import java.util.Optional;

/**
 * The step an event is about, as plain data. Written to JSON as the plan's steps are: {@code kind}
 * is the step kind's name.
 *
 * @param id the step's stable id
 * @param kind what the step does (the {@link io.github.pcrupgrade.core.plan.PlanStep}'s kind)
 * @param cluster the cluster it acts on
 * @param virtualCluster the VC it acts on, if any
 * @param nodeId the node it acts on, if any
 * @param description the one-line description
 * @param pointOfNoReturn true for finalization steps
 */
public record StepRef(
    String id, StepKind kind, String cluster, Optional<String> virtualCluster,
    Optional<Integer> nodeId, String description, boolean pointOfNoReturn) {
  /**
   * Checks that no component is null (absent VC and node are empty optionals).
   *
   * @param id the step's stable id
   * @param kind what the step does (the {@link io.github.pcrupgrade.core.plan.PlanStep}'s kind)
   * @param cluster the cluster it acts on
   * @param virtualCluster the VC it acts on, if any
   * @param nodeId the node it acts on, if any
   * @param description the one-line description
   * @param pointOfNoReturn true for finalization steps
   * @throws NullPointerException naming the component that is null
   */
  public StepRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(virtualCluster, "virtualCluster");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(description, "description");
  }
}
