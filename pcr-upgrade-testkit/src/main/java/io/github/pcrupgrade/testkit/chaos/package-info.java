/**
 * The chaos campaign: seeded, generated upgrade runs on the deterministic simulation, each with
 * generated trouble (every {@link io.github.pcrupgrade.testkit.Fault} kind, transient errors,
 * dropped connections, slow statements, outside actors, approval denials, cancellations,
 * executor crashes and a contending executor), judged by one oracle. For the project's own CI and
 * for the CLI's {@code chaos} command; {@link io.github.pcrupgrade.testkit.chaos.ChaosCampaign} is
 * the entry point. A failing run prints the command that reproduces it.
 */
package io.github.pcrupgrade.testkit.chaos;
