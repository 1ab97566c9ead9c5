/**
 * Carrying a plan out: {@link io.github.pcrupgrade.core.exec.UpgradeExecutor}, a reconciler that
 * drives the ports, its {@link io.github.pcrupgrade.core.exec.ExecutorOptions}, and how a run ends
 * ({@link io.github.pcrupgrade.core.exec.RunResult}); and
 * {@link io.github.pcrupgrade.core.exec.StepApi}, the same acting offered one step at a time to
 * orchestrators that drive the steps themselves, under the same guards. For embedders; most use
 * the {@link io.github.pcrupgrade.core.PcrUpgrade} facade.
 */
package io.github.pcrupgrade.core.exec;
