/**
 * The planner: a pure function from a {@link io.github.pcrupgrade.core.model.DeploymentSnapshot}
 * and an {@link io.github.pcrupgrade.core.plan.UpgradeRequest} to an immutable
 * {@link io.github.pcrupgrade.core.plan.UpgradePlan} (or a refusal listing the violations that
 * prevent it), and the rollback planner. For users embedding the library and for executors: every
 * step carries its done-condition and precondition as data ({@link
 * io.github.pcrupgrade.core.plan.Condition}), so resuming an upgrade is re-planning from a fresh
 * snapshot. No I/O, no clock reads; every type here is immutable and thread-safe, and made of
 * records, enums, lists, optionals and strings, so a JSON mapper needs no annotations.
 */
package io.github.pcrupgrade.core.plan;
