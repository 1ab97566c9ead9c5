package io.github.pcrupgrade.core.rules;

/** How serious a violation is. */
public enum Severity {
  /**
   * Data safety is at stake, or an upgrade must not proceed: stop and fix it first (the planner
   * refuses, the executor halts, the CLI's {@code check} exits non-zero).
   */
  ERROR,
  /**
   * The deployment departs from the documented order but is not yet unsafe: the planner continues
   * from it in the documented order.
   */
  WARNING
}
