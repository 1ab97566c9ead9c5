package io.github.pcrupgrade.core.exec;

import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.ExecutionFacts;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.plan.StepKind;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.List;
import java.util.Optional;

/**
 * When a finalization observation is due ({@link ExecutionFacts}' contract): the primary's
 * replicated VC is seen final at a series for the first time, and a plan being carried out awaits
 * the replication of that series. Only then: an observation of the starting version (which no
 * plan awaits) would make the planner add a wait for nothing. Shared by the executor and the
 * {@link StepApi}, so that facts are built from observations by the library, never by hand.
 */
final class FinalizationObservations {

  /**
   * An observation to record.
   *
   * @param virtualCluster the primary's replicated VC
   * @param series the final version it was seen at
   */
  record Due(String virtualCluster, ReleaseSeries series) {}

  private FinalizationObservations() {}

  /** The observation {@code s} makes due, given the facts so far and the plans carried out. */
  static Optional<Due> due(DeploymentSnapshot s, ExecutionFacts facts, List<UpgradePlan> plans) {
    Optional<VirtualClusterInfo> replicated = s.replicatedPrimaryVc();
    if (replicated.isEmpty()) {
      return Optional.empty();
    }
    Optional<ClusterVersion> v = replicated.get().version().known();
    if (v.isEmpty() || !v.get().isFinal()) {
      return Optional.empty();
    }
    ReleaseSeries series = v.get().base();
    String vc = replicated.get().name();
    if (facts.finalizedAt(ClusterRole.PRIMARY, vc, series).isPresent()
        || plans.stream().noneMatch(p -> awaits(p, series))) {
      return Optional.empty();
    }
    return Optional.of(new Due(vc, series));
  }

  private static boolean awaits(UpgradePlan plan, ReleaseSeries series) {
    return plan.steps().stream().anyMatch(st -> st.kind() == StepKind.AWAIT_REPLICATION
        && st.version().map(series::equals).orElse(false));
  }
}
