package io.github.pcrupgrade.core.exec;

import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.StepKind;
import io.github.pcrupgrade.core.version.ClusterVersion;
import java.util.Optional;

/**
 * The observed state the re-send rule watches for a step whose statement may have been cut or may
 * have done nothing: a finalization's transitional version and a STOP SERVICE's {@code stopping}
 * (they do their work inside the statement, crdb-pcr-sql-facts 10.1), and a reader VC still absent
 * after {@code SET REPLICATION READ VIRTUAL CLUSTER}, which silently does nothing before 24.3.12 /
 * 25.1.6 and during the stream's initial scan (10.3). Empty when the step is of another kind or its
 * state is not one a re-send can move on.
 */
final class StuckState {

  private StuckState() {}

  static Optional<String> of(PlanStep step, DeploymentSnapshot s) {
    Optional<VirtualClusterInfo> vc = step.virtualCluster().flatMap(s.cluster(step.cluster())::vc);
    if (step.kind() == StepKind.FINALIZE_VC) {
      return vc.flatMap(v -> v.version().known()).filter(ClusterVersion::isTransitional)
          .map(v -> "version " + v);
    }
    if (step.kind() == StepKind.CREATE_READER) {
      return step.virtualCluster().map(VirtualClusterInfo::readerNameFor)
          .filter(r -> s.cluster(step.cluster()).vc(r).isEmpty())
          .map(r -> "reader VC '" + r + "' absent");
    }
    if (step.kind() == StepKind.STOP_READER) {
      return vc.filter(v -> v.serviceMode() == ServiceMode.STOPPING)
          .map(v -> "service mode " + v.serviceMode());
    }
    return Optional.empty();
  }
}
