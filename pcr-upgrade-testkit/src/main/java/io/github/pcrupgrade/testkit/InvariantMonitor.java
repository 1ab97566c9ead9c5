package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.rules.CheckResult;
import io.github.pcrupgrade.core.rules.RuleCategory;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.rules.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Watches a {@link SimulatedDeployment}: after every simulated event that changed something, it
 * evaluates core's {@link Rules} on the simulation's <em>truth</em> (the replicating VC at its real,
 * replicated version, which no inspector can see, so replicated data newer than the standby is
 * caught even though the product does not notice) and records each data-safety error (invariants
 * 1-5 and 7) the moment it appears. It also checks what a snapshot cannot show: invariant 6 (a
 * reader VC created before the replicated time passed the source VC's finalization), invariant 8
 * (a finalization that was not requested through {@code ClusterOperations.finalizeVersion}) and
 * invariant 9 (a mutating port call by a holder without the current lease). Departures from the
 * documented procedure (warnings P1-P3) are kept apart in {@link #procedureWarnings()}; they do not
 * count as violations.
 *
 * <p>Guarded by the deployment's lock; the read methods return copies.
 */
public final class InvariantMonitor {

  private final Object lock;
  private final Rules rules;
  private final List<MonitorViolation> violations = new ArrayList<>();
  private final List<Violation> warnings = new ArrayList<>();
  private final Set<String> seenWarnings = new HashSet<>();
  private Set<String> active = new HashSet<>();

  InvariantMonitor(Object lock, Rules rules) {
    this.lock = lock;
    this.rules = rules;
  }

  /**
   * Every violation recorded so far, in the order seen. Empty for a safe run.
   *
   * @return a copy; a rule violation appears once when it first holds, and again only if it
   *     stopped holding and came back
   */
  public List<MonitorViolation> violations() {
    synchronized (lock) {
      return List.copyOf(violations);
    }
  }

  /**
   * True when nothing was recorded.
   *
   * @return whether {@link #violations()} is empty (procedure warnings do not count)
   */
  public boolean isClean() {
    synchronized (lock) {
      return violations.isEmpty();
    }
  }

  /**
   * Procedure-rule warnings (P1-P3) seen so far, each once. Informative only.
   *
   * @return a copy, in the order first seen; empty when the documented order was followed
   */
  public List<Violation> procedureWarnings() {
    synchronized (lock) {
      return List.copyOf(warnings);
    }
  }

  /**
   * Throws an {@link AssertionError} listing every recorded violation, if any.
   */
  public void assertClean() {
    synchronized (lock) {
      if (!violations.isEmpty()) {
        throw new AssertionError("the invariant monitor recorded " + violations.size()
            + " violation(s):\n  " + violations.stream().map(MonitorViolation::toString)
                .collect(Collectors.joining("\n  ")));
      }
    }
  }

  void check(Instant at, DeploymentSnapshot truth) {
    CheckResult result = rules.check(truth);
    Set<String> now = new HashSet<>();
    for (Violation v : result.violations()) {
      String key = v.code() + "|" + v.cluster() + "|" + v.virtualCluster().orElse("") + "|"
          + v.nodeId().map(String::valueOf).orElse("");
      if (v.isError()) {
        now.add(key);
        if (!active.contains(key)) {
          violations.add(new MonitorViolation(at, MonitorViolation.Kind.RULE,
              Optional.of(v.code()), v.cluster(), v.message()));
        }
      } else if (v.code().category() == RuleCategory.PROCEDURE && seenWarnings.add(key)) {
        warnings.add(v);
      }
    }
    active = now;
  }

  void record(Instant at, MonitorViolation.Kind kind, String cluster, String message) {
    violations.add(new MonitorViolation(at, kind, Optional.empty(), cluster, message));
  }
}
