package io.github.pcrupgrade.core;

import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.exec.CancelHandle;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.core.plan.PlanResult;
import io.github.pcrupgrade.core.plan.Planner;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.rules.CheckResult;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.Objects;

/**
 * The one-call facade for embedders: inspect, check, plan, execute. A thin dispatcher over an
 * {@link UpgradeExecutor} (which holds the ports) and the pure {@link Rules} and {@link Planner}.
 *
 * <pre>{@code
 * PcrUpgrade upgrade = new PcrUpgrade(UpgradeExecutor.builder()
 *     .primary(primaryInspector, primaryOps).standby(standbyInspector, standbyOps)
 *     .nodeUpgrader(hostUpgrader).journal(journal)
 *     .listener(new Slf4jUpgradeListener())
 *     .build());
 * RunResult result = upgrade.upgrade(UpgradeRequest.to("25.2").build());
 * }</pre>
 */
public final class PcrUpgrade {

  private final UpgradeExecutor executor;
  private final Rules rules;
  private final Planner planner;

  /**
   * A facade over {@code executor}, judging with the built-in catalog.
   *
   * @param executor the executor that holds the ports (built with the built-in catalog, so that
   *     checks and plans here agree with its runs)
   */
  public PcrUpgrade(UpgradeExecutor executor) {
    this(executor, ReleaseCatalog.builtIn());
  }

  /**
   * A facade over {@code executor}, judging with {@code catalog} (use the executor's catalog).
   *
   * @param executor the executor that holds the ports
   * @param catalog the catalog the executor was built with, so that checks and plans here agree
   *     with the runs
   */
  public PcrUpgrade(UpgradeExecutor executor, ReleaseCatalog catalog) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.rules = new Rules(catalog);
    this.planner = new Planner(catalog);
  }

  /**
   * The rules on the deployment as it is now. Reads only.
   *
   * @return every violation found, errors and warnings; none when the deployment is sound and
   *     follows the documented order
   * @throws PcrUpgradeException from an inspector that cannot read its cluster
   */
  public CheckResult check() {
    return rules.check(executor.inspect());
  }

  /**
   * The rules and the preconditions of upgrading to {@code target}, now. Reads only.
   *
   * @param target the series to upgrade to
   * @return every violation found, those of the target included (unknown, a downgrade,
   *     unreachable)
   * @throws PcrUpgradeException from an inspector that cannot read its cluster
   */
  public CheckResult check(ReleaseSeries target) {
    return rules.check(executor.inspect(), target);
  }

  /**
   * The plan from the deployment as it is now (nothing is changed), without the journal's memory:
   * a what-if. To show the plan an upgrade will carry out, use {@link #preview}.
   *
   * @param request the target and options
   * @return the plan, or the planner's refusal with its violations
   * @throws PcrUpgradeException from an inspector that cannot read its cluster
   */
  public PlanResult plan(UpgradeRequest request) {
    return planner.plan(executor.inspect(), request);
  }

  /**
   * The plan {@link #upgrade} would carry out now: made with the journal's memory exactly as the
   * executor makes it (see {@link UpgradeExecutor#preview}); show this one for confirmation, then
   * pass it to {@link #upgrade(UpgradeRequest, CancelHandle, UpgradePlan)}.
   *
   * @param request the target and options
   * @return the plan, or the planner's refusal with its violations
   * @throws PcrUpgradeException from an inspector or the journal that cannot be read
   */
  public PlanResult preview(UpgradeRequest request) {
    return executor.preview(request);
  }

  /**
   * Executes only the {@code confirmed} plan: when the plan the run starts from differs, the run
   * halts (STATE_DIVERGED) before acting.
   *
   * @param request the request the preview was made with
   * @param cancel cancelled from any thread to stop the run
   * @param confirmed the plan from {@link #preview} that was confirmed
   * @return how the run ended; a halt, a pause or a cancellation is a result, never an exception
   */
  public RunResult upgrade(UpgradeRequest request, CancelHandle cancel, UpgradePlan confirmed) {
    return executor.run(request, cancel, confirmed);
  }

  /**
   * Inspects, checks, plans and executes; the result carries the plan that was run. Blocks until
   * the run completes, halts or pauses.
   *
   * @param request the target and options
   * @return how the run ended; a halt, a pause or a cancellation is a result, never an exception
   */
  public RunResult upgrade(UpgradeRequest request) {
    return executor.run(request);
  }

  /**
   * As {@link #upgrade(UpgradeRequest)}, stoppable through {@code cancel}.
   *
   * @param request the target and options
   * @param cancel cancelled from any thread to stop the run
   * @return how the run ended; a halt, a pause or a cancellation is a result, never an exception
   */
  public RunResult upgrade(UpgradeRequest request, CancelHandle cancel) {
    return executor.run(request, cancel);
  }

  /**
   * Rolls back each cluster that has not begun finalizing. Not cancellable through this facade;
   * use {@link UpgradeExecutor#rollback(CancelHandle)} to stop it.
   *
   * @return how the run ended; a halt or a pause is a result, never an exception
   */
  public RunResult rollback() {
    return executor.rollback(new CancelHandle());
  }
}
