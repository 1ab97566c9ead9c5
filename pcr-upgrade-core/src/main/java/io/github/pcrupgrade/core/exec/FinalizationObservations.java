package io.github.pcrupgrade.core.exec;

import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.ExecutionFacts;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.plan.StepKind;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When a finalization observation is due ({@link ExecutionFacts}' contract): the primary's
 * replicated VC is seen final at a series for the first time, and either a plan being carried out
 * awaits the replication of that series, or this upgrade began that finalization (a run that died
 * between starting it and recording the moment: the first observation afterwards is a later, still
 * safe, bound; found by the chaos campaign, seed 1, runs 1484 and 8008). Only then: an observation
 * of the starting version (which no plan awaits and no step of this upgrade began) would make the
 * planner add a wait for nothing. Shared by the executor and the
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

  /**
   * The observation {@code s} makes due, given the facts so far, the plans carried out and the
   * steps this upgrade began ({@link #begunSteps}).
   */
  static Optional<Due> due(DeploymentSnapshot s, ExecutionFacts facts, List<UpgradePlan> plans,
      Set<String> begunSteps) {
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
        || plans.stream().noneMatch(p -> awaits(p, series))
            && !begunSteps.contains(series + ":primary:finalize:" + vc)) {
      return Optional.empty();
    }
    return Optional.of(new Due(vc, series));
  }

  private static boolean awaits(UpgradePlan plan, ReleaseSeries series) {
    return plan.steps().stream().anyMatch(st -> st.kind() == StepKind.AWAIT_REPLICATION
        && st.version().map(series::equals).orElse(false));
  }

  /** The ids of the steps started since the last completed upgrade in {@code history}. */
  static Set<String> begunSteps(List<JournalRecord> history) {
    Set<String> begun = new HashSet<>();
    for (JournalRecord r : history) {
      if (r.entry().event() == JournalEvent.RUN_COMPLETED) {
        begun.clear();
      } else if (r.entry().event() == JournalEvent.STEP_STARTED) {
        begun.add(r.entry().stepId());
      }
    }
    return Set.copyOf(begun);
  }
}
