package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.model.ServiceMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The statements the product runs to the end inside the statement, as the simulation plays them:
 * {@code SET CLUSTER SETTING version = 'X.Y'} returns only when every migration up to X.Y has run,
 * and {@code ALTER VIRTUAL CLUSTER <vc> STOP SERVICE} holds its VC in {@code stopping} until every
 * node stopped serving it, then writes {@code none} (crdb-pcr-sql-facts.md 10.1:
 * {@code pkg/sql/set_cluster_setting.go} calls the version-upgrade hook from {@code startExec};
 * {@code stepTenantServiceState}, {@code pkg/sql/tenant_update.go}).
 *
 * <p>Both spend their time through the deployment's one blocking hook,
 * {@link SimulatedDeployment#block(Duration)}, so the caller's thread (a wire connection, a port
 * call) is held for the statement's virtual duration. When the caller is interrupted there (its
 * client went away or cancelled), the statement ends with {@code 57014 query execution canceled}
 * and: a STOP SERVICE leaves the VC {@code stopping} (sending it again moves it on to
 * {@code none}); a finalization stops or continues as {@link InterruptedFinalization} says.
 *
 * <p>Guarded by the deployment's lock; one per deployment.
 */
final class BlockingStatements {

  /**
   * How long a finalization statement waits on a finalization that makes no progress (a node down,
   * a node on an old binary) before it fails with {@code XXUUU}. The product's bound is
   * UNCONFIRMED; an hour matches the executor's default finalization timeout, so the simulation
   * never hangs an in-memory test for ever.
   */
  static final Duration STALL_LIMIT = Duration.ofHours(1);

  private final SimulatedDeployment sim;
  private final Map<String, Duration> finalizationDurations;
  private final Map<String, Duration> stopDurations;
  private final InterruptedFinalization onInterrupt;

  BlockingStatements(SimulatedDeployment sim, Map<String, Duration> finalizationDurations,
      Map<String, Duration> stopDurations, InterruptedFinalization onInterrupt) {
    this.sim = sim;
    this.finalizationDurations = Map.copyOf(finalizationDurations);
    this.stopDurations = Map.copyOf(stopDurations);
    this.onInterrupt = onInterrupt;
  }

  static String key(String cluster, String vc) {
    return cluster + "/" + vc;
  }

  /** What an interrupted finalization does. */
  InterruptedFinalization onInterrupt() {
    return onInterrupt;
  }

  /**
   * The virtual time between two persisted steps of {@code v}'s finalization, whose full run (from
   * the final version below) has {@code steps} steps: the configured total for the cluster and VC
   * divided evenly (a finalization resumed half-way takes the rest of it), else the deployment's
   * step time.
   */
  Duration finalizationStep(SimulatedCluster c, VcState v, int steps) {
    Duration total = finalizationDurations.get(key(c.name(), v.name));
    if (total == null) {
      return sim.timing().finalizationStep();
    }
    Duration step = total.dividedBy(Math.max(1, steps));
    return step.isZero() ? Duration.ofMillis(1) : step;
  }

  /** How long STOP SERVICE of {@code vc} takes inside the statement. */
  Duration stopTime(SimulatedCluster c, String vc) {
    Duration d = stopDurations.get(key(c.name(), vc));
    return d != null ? d : sim.timing().serviceStop();
  }

  /**
   * Holds the caller until {@code f} is done (the statement then returns), or fails the statement.
   *
   * @throws SimulatedSqlException {@code 57014} when the caller is interrupted (the interrupt flag
   *     is set again); {@code XXUUU} when the finalization made no progress for
   *     {@link #STALL_LIMIT} (text UNCONFIRMED); in both cases the finalization then stops or
   *     continues as {@link #onInterrupt()} says
   */
  void awaitFinalization(SimulatedCluster c, VcState v, VcState.Finalization f) {
    int seen = f.next;
    Instant progressAt = sim.now();
    while (v.finalization == f && c.vcs.get(v.name) == v) {
      if (f.next != seen) {
        seen = f.next;
        progressAt = sim.now();
      }
      if (!sim.now().isBefore(progressAt.plus(STALL_LIMIT))) {
        String why = f.blockedBy == null ? "no progress" : f.blockedBy;
        end(c, v, f, "stalled for " + STALL_LIMIT + " (" + why + ")");
        throw new SimulatedSqlException(SimulatedSqlException.UNCATEGORIZED,
            "upgrade to " + f.target + " made no progress for " + STALL_LIMIT.toMinutes()
                + " minutes: " + why);
      }
      try {
        sim.block(finalizationStep(c, v, f.fullSteps));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        end(c, v, f, "its client went away");
        throw canceled();
      }
    }
  }

  private void end(SimulatedCluster c, VcState v, VcState.Finalization f, String why) {
    if (v.finalization != f) {
      return;
    }
    if (onInterrupt == InterruptedFinalization.STOPS) {
      v.finalization = null;
      sim.changed(c.name(), "finalization", v.name + ": statement ended (" + why
          + "); finalization stopped at " + v.version);
    } else {
      sim.note(c.name(), "finalization", v.name + ": statement ended (" + why
          + "); finalization continues from " + v.version);
    }
  }

  /**
   * The wait of STOP SERVICE on a VC already {@code stopping}: holds the caller for the stop time,
   * then writes {@code none}, unless another statement did it meanwhile or the VC went away.
   *
   * @throws SimulatedSqlException {@code 57014} when the caller is interrupted; the VC stays
   *     {@code stopping}
   */
  void awaitStop(SimulatedCluster c, VcState v) {
    Instant until = sim.now().plus(stopTime(c, v.name));
    while (sim.now().isBefore(until)) {
      if (c.vcs.get(v.name) != v || v.serviceMode != ServiceMode.STOPPING) {
        return;
      }
      try {
        sim.block(Duration.between(sim.now(), until));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        sim.note(c.name(), "service", v.name + ": STOP SERVICE interrupted; it stays stopping");
        throw canceled();
      }
    }
    if (c.vcs.get(v.name) == v && v.serviceMode == ServiceMode.STOPPING) {
      v.serviceMode = ServiceMode.NONE;
      v.sqlServerError = null;
      sim.changed(c.name(), "service", v.name + " stopped (service mode none)");
    }
  }

  static SimulatedSqlException canceled() {
    return new SimulatedSqlException(SimulatedSqlException.QUERY_CANCELED,
        "query execution canceled");
  }
}
