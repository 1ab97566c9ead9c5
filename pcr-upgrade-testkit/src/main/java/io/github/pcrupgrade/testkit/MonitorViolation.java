package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.rules.RuleCode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A broken invariant the {@link InvariantMonitor} recorded, with the virtual time it was first seen.
 *
 * @param at the virtual time
 * @param kind which check found it
 * @param rule the core rule, for {@link Kind#RULE}
 * @param cluster the cluster concerned (empty when deployment-wide)
 * @param message what was wrong
 */
public record MonitorViolation(
    Instant at, Kind kind, Optional<RuleCode> rule, String cluster, String message) {

  /** The check that found a violation. */
  public enum Kind {
    /**
     * A data-safety rule of core ({@code Rules.check}) evaluated on the simulation's truth, the
     * replicating VC's real version included (invariants 1 to 5 and 7).
     */
    RULE,
    /** Invariant 6: a reader VC was created before the replicated time passed the source's finalization. */
    READER_CREATED_TOO_EARLY,
    /** Invariant 8: a finalization began that was not requested through {@code ClusterOperations}. */
    UNREQUESTED_FINALIZATION,
    /** Invariant 9: a mutating port call by a holder that did not hold the current, live lease. */
    ACTED_WITHOUT_LEASE,
    /**
     * A simulated event threw: the simulation itself is broken (its other events still ran), so
     * nothing the run saw afterwards can be trusted; fix the simulation.
     */
    SIMULATION_EVENT_FAILED
  }

  /**
   * Checks that no component is null.
   *
   * @param at the virtual time
   * @param kind which check found it
   * @param rule the core rule, or empty
   * @param cluster the cluster concerned, or empty
   * @param message what was wrong
   * @throws NullPointerException if any component is null
   */
  public MonitorViolation {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return at + " " + rule.map(Enum::name).orElse(kind.name()) + ": " + message;
  }
}
