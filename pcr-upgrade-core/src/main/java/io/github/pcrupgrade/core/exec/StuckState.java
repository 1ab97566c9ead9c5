package io.github.pcrupgrade.core.exec;

import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.StepKind;
import io.github.pcrupgrade.core.version.ClusterVersion;
import java.util.Optional;

/**
 * The observed state the re-send rule watches for a step whose statement does its work inside
 * itself (crdb-pcr-sql-facts 10.1): a finalization's transitional version, a STOP SERVICE's
 * {@code stopping}. Empty when the step is of another kind or its state is not one a re-send can
 * move on (not observed, not transitional, not stopping).
 */
final class StuckState {

  private StuckState() {}

  static Optional<String> of(PlanStep step, DeploymentSnapshot s) {
    Optional<VirtualClusterInfo> vc = step.virtualCluster().flatMap(s.cluster(step.cluster())::vc);
    if (step.kind() == StepKind.FINALIZE_VC) {
      return vc.flatMap(v -> v.version().known()).filter(ClusterVersion::isTransitional)
          .map(v -> "version " + v);
    }
    if (step.kind() == StepKind.STOP_READER) {
      return vc.filter(v -> v.serviceMode() == ServiceMode.STOPPING)
          .map(v -> "service mode " + v.serviceMode());
    }
    return Optional.empty();
  }
}
