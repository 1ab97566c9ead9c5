package io.github.pcrupgrade.core.event;

import java.util.Objects;
import java.util.Optional;

/**
 * The step an event is about, as plain data.
 *
 * @param id the step's stable id
 * @param kind the step kind's name
 * @param cluster the cluster it acts on
 * @param virtualCluster the VC it acts on, if any
 * @param nodeId the node it acts on, if any
 * @param description the one-line description
 * @param pointOfNoReturn true for finalization steps
 */
public record StepRef(
    String id, String kind, String cluster, Optional<String> virtualCluster,
    Optional<Integer> nodeId, String description, boolean pointOfNoReturn) {
  public StepRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(virtualCluster, "virtualCluster");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(description, "description");
  }
}
