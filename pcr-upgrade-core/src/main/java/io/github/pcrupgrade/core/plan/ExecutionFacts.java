package io.github.pcrupgrade.core.plan;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What only an executor can know: the instants at which it first observed a VC final at a
 * version. A snapshot cannot say when a finalization completed, yet the reader VC may be
 * re-created only after the standby's replicated time has passed that moment (invariant 6), so
 * {@link ConditionKind#REPLICATED_PAST_FINALIZATION} is decided on a snapshot together with these
 * facts.
 *
 * <p><b>Contract for the executor.</b> The first time it observes the primary's replicated VC
 * ({@code main}, or {@code system} for a non-virtualized primary) at exactly the final version of
 * a hop's series, it records the primary's cluster time of that observation
 * ({@code ClusterOperations.clusterTime()}, or the snapshot's {@code observedAt}) with
 * {@link #withFinalization}, persists it in its journal, and passes the facts both to
 * {@link Condition#holds(io.github.pcrupgrade.core.model.DeploymentSnapshot, ExecutionFacts)} and
 * to the planner when it re-plans ({@link UpgradeRequest.Builder#facts}). The observation comes
 * after the finalization completed, so it is a safe upper bound: waiting for the replicated time
 * to pass it never re-creates the reader too early. An executor that lost its facts records a new
 * (later, still safe) instant. Without a fact the condition does not hold.
 *
 * @param finalizations the recorded observations, oldest first
 */
public record ExecutionFacts(List<FinalizationObserved> finalizations) {

  /** No facts (a plan made before any execution). */
  public static final ExecutionFacts NONE = new ExecutionFacts(List.of());

  /**
   * The executor first saw VC {@code virtualCluster} of {@code cluster} final at {@code series}
   * at cluster time {@code observedAt}.
   *
   * @param cluster the cluster (for await-replication: the primary)
   * @param virtualCluster the VC's name
   * @param series the final version observed
   * @param observedAt the cluster time of the first observation
   */
  public record FinalizationObserved(
      ClusterRole cluster, String virtualCluster, ReleaseSeries series, Instant observedAt) {
    /**
     * Checks that no component is null.
     *
     * @param cluster not null
     * @param virtualCluster not null
     * @param series not null
     * @param observedAt not null
     */
    public FinalizationObserved {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(virtualCluster, "virtualCluster");
      Objects.requireNonNull(series, "series");
      Objects.requireNonNull(observedAt, "observedAt");
    }
  }

  /**
   * Copies the list.
   *
   * @param finalizations not null; may be empty
   */
  public ExecutionFacts {
    Objects.requireNonNull(finalizations, "finalizations");
    finalizations = List.copyOf(finalizations);
  }

  /**
   * The first recorded instant at which VC {@code vc} of {@code cluster} was seen final at
   * {@code series}.
   *
   * @param cluster the cluster
   * @param vc the VC's name, compared exactly
   * @param series the final version
   * @return the cluster time of the first recorded observation; empty when none was recorded
   *     (the condition that needs it then does not hold)
   */
  public Optional<Instant> finalizedAt(ClusterRole cluster, String vc, ReleaseSeries series) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(vc, "vc");
    Objects.requireNonNull(series, "series");
    for (FinalizationObserved f : finalizations) {
      if (f.cluster() == cluster && f.virtualCluster().equals(vc) && f.series().equals(series)) {
        return Optional.of(f.observedAt());
      }
    }
    return Optional.empty();
  }

  /**
   * These facts plus one observation; a second observation of the same VC at the same series is
   * ignored (the first one is the bound that counts).
   *
   * @param cluster the cluster (for await-replication: the primary)
   * @param vc the VC's name
   * @param series the final version observed
   * @param observedAt the cluster time of the observation
   * @return new facts with the observation appended; these facts when one was already recorded
   *     for that VC and series
   */
  public ExecutionFacts withFinalization(
      ClusterRole cluster, String vc, ReleaseSeries series, Instant observedAt) {
    Objects.requireNonNull(vc, "vc");
    if (finalizedAt(cluster, vc, series).isPresent()) {
      return this;
    }
    List<FinalizationObserved> copy = new ArrayList<>(finalizations);
    copy.add(new FinalizationObserved(cluster, vc, series, observedAt));
    return new ExecutionFacts(copy);
  }
}
