package io.github.pcrupgrade.core.plan;

import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.rules.RuleCode;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.rules.Violation;
import java.util.List;
import java.util.Objects;

/**
 * Plans PCR upgrades: a pure function of a snapshot and a request, with no I/O and no clock
 * reads. Immutable and thread-safe; one instance can serve every thread.
 *
 * <p>{@link #plan} never throws for any snapshot: a deployment that breaks an invariant, a target
 * that is a downgrade, unknown or unreachable, a reader VC without its replicating VC, a reader
 * that would have to be re-created on a binary lacking {@code SET REPLICATION READ VIRTUAL
 * CLUSTER}: each gives a refusal with typed violations and their remediation. Procedure warnings
 * and unmet preconditions (unhealthy nodes, mixed binaries mid-upgrade) do not refuse: they are
 * carried in the plan as warnings for the executor's health gate, and the plan continues from the
 * current state in the documented order. Planning from any intermediate state of an upgrade gives
 * exactly its remaining steps, with the same ids.
 */
public final class Planner {

  private final ReleaseCatalog catalog;
  private final Rules rules;

  /**
   * A planner over {@code catalog}.
   *
   * @param catalog the release catalog every series, path and {@code MinSupported} comes from
   */
  public Planner(ReleaseCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.rules = new Rules(catalog);
  }

  /**
   * A planner over the built-in release catalog.
   *
   * @return a planner over {@link ReleaseCatalog#builtIn()}
   */
  public static Planner builtIn() {
    return new Planner(ReleaseCatalog.builtIn());
  }

  /**
   * The catalog this planner plans with.
   *
   * @return the catalog given at construction
   */
  public ReleaseCatalog catalog() {
    return catalog;
  }

  /**
   * Plans the upgrade of {@code snapshot}'s deployment to {@code request}'s target. The same
   * snapshot and request (seed included) always give an equal plan. Each step carries its
   * estimate from the request's {@link StepEstimates}.
   *
   * @param snapshot the deployment as inspected, in any state (at rest, mid-upgrade, failed over)
   * @param request the target and options
   * @return the plan (empty when already at the target), or the refusal; a failure inside the
   *     planner is a refusal with {@link RuleCode#UNPLANNABLE_STATE}, never an exception
   */
  public PlanResult plan(DeploymentSnapshot snapshot, UpgradeRequest request) {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(request, "request");
    try {
      PlanResult planned = new UpgradePlanning(catalog, rules, snapshot, request).run();
      return planned.plan().map(p -> PlanResult.planned(request.estimates().applyTo(p)))
          .orElse(planned);
    } catch (RuntimeException e) {
      return PlanResult.refused(List.of(internal(e)));
    }
  }

  /**
   * {@link #plan}, returning the plan.
   *
   * @param snapshot the deployment as inspected
   * @param request the target and options
   * @return the plan; empty when already at the target
   * @throws io.github.pcrupgrade.core.PcrUpgradeException {@code PLAN_REFUSED} with the
   *     violations and their remediation when no plan can be made
   */
  public UpgradePlan planOrThrow(DeploymentSnapshot snapshot, UpgradeRequest request) {
    return plan(snapshot, request).orThrow();
  }

  /**
   * Plans rolling back an unfinished major upgrade: re-rolling the previous binaries on each
   * cluster whose system VC has not begun finalizing (the primary first; rolling back the primary
   * never touches the standby), and saying for each cluster that can no longer be rolled back why.
   * Never throws for any snapshot.
   *
   * @param snapshot the deployment, mid-upgrade
   * @return the rollback plan; empty (no hops) when no cluster can or need be rolled back, with
   *     each cluster's verdict saying which
   */
  public RollbackPlan planRollback(DeploymentSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    try {
      return new RollbackPlanning(rules, snapshot).run();
    } catch (RuntimeException e) {
      return new RollbackPlan(List.of(), List.of(), List.of(internal(e)),
          List.of("no rollback could be planned; see the warnings"));
    }
  }

  private static Violation internal(RuntimeException e) {
    return Violation.of(RuleCode.UNPLANNABLE_STATE, "", null, null,
        "the planner could not handle this snapshot (" + e + ")",
        "check the snapshot for inconsistencies and report this as a bug with the snapshot");
  }
}
