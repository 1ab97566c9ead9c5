package io.github.pcrupgrade.core.plan;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How long each kind of step is expected to take: inputs of the planner (which measures nothing),
 * given by the operator from what the deployment is known to need. A plan step's
 * {@link PlanStep#estimate() estimate} is {@link #of(StepKind)}; the plan's total is their sum.
 * Immutable and thread-safe.
 *
 * <table>
 *   <caption>Estimates (each 0 - 48 h)</caption>
 *   <tr><th>estimate</th><th>step kinds</th><th>default</th></tr>
 *   <tr><td>restart</td><td>RESTART_NODE, ROLLBACK_NODE (drain, swap the binary, rejoin), plus
 *       settle</td><td>3 min</td></tr>
 *   <tr><td>settle</td><td>added to every node restart: the executor waits this long after a node
 *       rejoined (set it to the executor's {@code settleTime})</td><td>60 s</td></tr>
 *   <tr><td>finalization</td><td>FINALIZE_VC, per VC</td><td>2 min</td></tr>
 *   <tr><td>replicationCatchUp</td><td>AWAIT_REPLICATION</td><td>30 s</td></tr>
 *   <tr><td>readerCreation</td><td>AWAIT_READER_SERVING: from the reader's re-creation until
 *       it serves</td><td>1 min</td></tr>
 *   <tr><td>statement</td><td>every other step: PIN_FINALIZATION, UNPIN_FINALIZATION,
 *       STOP_READER, DROP_READER, CREATE_READER, RESTORE_SETTINGS (one statement and the poll
 *       that sees it)</td><td>5 s</td></tr>
 * </table>
 *
 * @param restart a node's drain, binary swap and rejoin
 * @param settle the wait after each node restart
 * @param finalization one VC's finalization
 * @param replicationCatchUp the standby's replicated time passing a finalization
 * @param readerCreation a re-created reader VC becoming ready to serve
 * @param statement a step that is one statement and its visibility
 */
public record StepEstimates(Duration restart, Duration settle, Duration finalization,
    Duration replicationCatchUp, Duration readerCreation, Duration statement) {

  /** The largest estimate accepted. */
  public static final Duration MAX = Duration.ofHours(48);

  private static final StepEstimates DEFAULTS = new StepEstimates(Duration.ofMinutes(3),
      Duration.ofSeconds(60), Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofMinutes(1),
      Duration.ofSeconds(5));

  /**
   * Checks each estimate.
   *
   * @param restart 0 to {@link #MAX}
   * @param settle 0 to {@link #MAX}
   * @param finalization 0 to {@link #MAX}
   * @param replicationCatchUp 0 to {@link #MAX}
   * @param readerCreation 0 to {@link #MAX}
   * @param statement 0 to {@link #MAX}
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} naming the estimate when one is negative
   *     or longer than {@link #MAX}
   * @throws NullPointerException naming the estimate when one is null
   */
  public StepEstimates {
    check("restart", restart);
    check("settle", settle);
    check("finalization", finalization);
    check("replicationCatchUp", replicationCatchUp);
    check("readerCreation", readerCreation);
    check("statement", statement);
  }

  /**
   * The defaults of the table above.
   *
   * @return restart 3 min, settle 60 s, finalization 2 min, replication catch-up 30 s, reader
   *     creation 1 min, statement 5 s
   */
  public static StepEstimates defaults() {
    return DEFAULTS;
  }

  /**
   * The expected duration of a step of {@code kind}.
   *
   * @param kind the step kind
   * @return the estimate the table above assigns it; restart plus settle for a node step
   */
  public Duration of(StepKind kind) {
    Objects.requireNonNull(kind, "kind");
    return switch (kind) {
      case RESTART_NODE, ROLLBACK_NODE -> restart.plus(settle);
      case FINALIZE_VC -> finalization;
      case AWAIT_REPLICATION -> replicationCatchUp;
      case AWAIT_READER_SERVING -> readerCreation;
      case PIN_FINALIZATION, UNPIN_FINALIZATION, STOP_READER, DROP_READER, CREATE_READER,
          RESTORE_SETTINGS -> statement;
    };
  }

  /**
   * {@code plan} with each step's estimate set from these estimates.
   *
   * @param plan the plan, with or without estimates
   * @return a copy in which every step's estimate is {@link #of(StepKind)} of its kind, replacing
   *     any it had; hops, findings and notes unchanged
   */
  public UpgradePlan applyTo(UpgradePlan plan) {
    Objects.requireNonNull(plan, "plan");
    List<Hop> hops = new ArrayList<>(plan.hops().size());
    for (Hop h : plan.hops()) {
      List<PlanStep> steps = new ArrayList<>(h.steps().size());
      for (PlanStep s : h.steps()) {
        steps.add(s.withEstimate(of(s.kind())));
      }
      hops.add(new Hop(h.id(), h.kind(), h.from(), h.to(), h.binary(), h.cluster(), steps));
    }
    return new UpgradePlan(plan.target(), hops, plan.errors(), plan.warnings(), plan.notes());
  }

  /**
   * These estimates with {@code value} as the restart estimate.
   *
   * @param value a node's drain, binary swap and rejoin, settle excluded; 0 to {@link #MAX}
   * @return the copy
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a value out of range
   */
  public StepEstimates withRestart(Duration value) {
    return new StepEstimates(value, settle, finalization, replicationCatchUp, readerCreation,
        statement);
  }

  /**
   * These estimates with {@code value} as the settle time.
   *
   * @param value the wait after each node restart, normally the executor's {@code settleTime};
   *     0 to {@link #MAX}
   * @return the copy
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a value out of range
   */
  public StepEstimates withSettle(Duration value) {
    return new StepEstimates(restart, value, finalization, replicationCatchUp, readerCreation,
        statement);
  }

  /**
   * These estimates with {@code value} as the finalization estimate.
   *
   * @param value one VC's finalization; 0 to {@link #MAX}
   * @return the copy
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a value out of range
   */
  public StepEstimates withFinalization(Duration value) {
    return new StepEstimates(restart, settle, value, replicationCatchUp, readerCreation,
        statement);
  }

  /**
   * These estimates with {@code value} as the replication catch-up estimate.
   *
   * @param value the standby's replicated time passing a finalization; 0 to {@link #MAX}
   * @return the copy
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a value out of range
   */
  public StepEstimates withReplicationCatchUp(Duration value) {
    return new StepEstimates(restart, settle, finalization, value, readerCreation, statement);
  }

  /**
   * These estimates with {@code value} as the reader creation estimate.
   *
   * @param value a re-created reader VC becoming ready to serve; 0 to {@link #MAX}
   * @return the copy
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a value out of range
   */
  public StepEstimates withReaderCreation(Duration value) {
    return new StepEstimates(restart, settle, finalization, replicationCatchUp, value,
        statement);
  }

  /**
   * These estimates with {@code value} as the single-statement estimate.
   *
   * @param value a step that is one statement and the poll that sees it; 0 to {@link #MAX}
   * @return the copy
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a value out of range
   */
  public StepEstimates withStatement(Duration value) {
    return new StepEstimates(restart, settle, finalization, replicationCatchUp, readerCreation,
        value);
  }

  private static void check(String name, Duration value) {
    java.util.Objects.requireNonNull(value, name);
    if (value.isNegative() || value.compareTo(MAX) > 0) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, "estimate " + name
          + " must be between 0 and 48 h, got " + value);
    }
  }
}
