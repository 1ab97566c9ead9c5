/**
 * Carrying a plan out: {@link io.github.pcrupgrade.core.exec.UpgradeExecutor}, a reconciler that
 * drives the ports, its {@link io.github.pcrupgrade.core.exec.ExecutorOptions}, and how a run ends
 * ({@link io.github.pcrupgrade.core.exec.RunResult}). For embedders; most use the
 * {@link io.github.pcrupgrade.core.PcrUpgrade} facade.
 */
package io.github.pcrupgrade.core.exec;
