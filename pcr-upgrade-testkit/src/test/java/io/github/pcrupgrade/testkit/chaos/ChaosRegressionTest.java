package io.github.pcrupgrade.testkit.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.testkit.Fault;
import org.junit.jupiter.api.Test;

/**
 * One test per failure the campaign found, named by its seed and run. Each pins the scenario's
 * key trouble (so that a change of the generator that moves it is noticed) and asserts that the
 * run now passes the oracle.
 */
class ChaosRegressionTest {

  private static ChaosRunResult play(long seed, int run) {
    return ChaosCampaign.builder().seed(seed).build().runOne(run);
  }

  /**
   * Seed 1, run 10: a run cancelled at its 139th port call ended CANCELLED with "cancelled at
   * 15/18; run again to resume" and no {@code Next:} line, which every stopped run must have.
   * Fixed in {@code UpgradeExecutor}: a cancelled run's message ends with a {@code Next:} line.
   */
  @Test
  void seed1Run10ACancelledRunEndsWithANextLine() {
    ChaosRunResult r = play(1, 10);

    assertThat(r.scenario().cancelAtPortCall()).isPositive();
    assertThat(r.fired()).containsKey(TroubleKind.CANCELLED);
    assertThat(r.outcome()).isEqualTo("CANCELLED");
    assertThat(r.failures()).isEmpty();
  }

  /**
   * Seed 1, run 75: the approval gate said "not now" before a finalization; the run ended PAUSED
   * without a {@code Next:} line. Fixed in {@code UpgradeExecutor} with the cancelled case.
   */
  @Test
  void seed1Run75APausedRunEndsWithANextLine() {
    ChaosRunResult r = play(1, 75);

    assertThat(r.scenario().denyApproval()).isPositive();
    assertThat(r.fired()).containsKey(TroubleKind.APPROVAL_DENIED);
    assertThat(r.outcome()).isEqualTo("PAUSED");
    assertThat(r.failures()).isEmpty();
  }

  /**
   * Seed 1, run 44: an operator failed over while the standby's system VC finalized; the run
   * halted TOPOLOGY_CHANGED and the rerun from the new topology completed, leaving the reader VC
   * of the failed-over stream at 26.1. With a failover to LATEST such a reader remains and stops
   * updating (crdb-pcr-sql-facts 4); it reads nothing and is no longer part of the upgrade, so
   * the oracle no longer demands it at the target (it did, and flagged the run).
   */
  @Test
  void seed1Run44AReaderLeftBehindByAFailoverIsNotPartOfTheUpgrade() {
    ChaosRunResult r = play(1, 44);

    assertThat(r.scenario().faults()).anyMatch(p -> p.fault() instanceof Fault.ExternalFailover);
    assertThat(r.fired()).containsKey(TroubleKind.EXTERNAL_FAILOVER);
    assertThat(r.outcome()).isEqualTo("HALTED TOPOLOGY_CHANGED");
    assertThat(r.rerun()).isEqualTo("COMPLETED");
    assertThat(r.failures()).isEmpty();
  }

  /**
   * Seed 20251130, run 1987: a patch target the planner refuses from the state a prefix left
   * (the standby mid-way to 25.2), with random transient errors: the run's first inspection
   * failed with 08006 and it halted PORT_FAILURE before it could plan. The oracle wanted HALTED
   * PLAN_REFUSED; a refused target must instead never complete and change nothing, whichever
   * typed halt comes first.
   */
  @Test
  void seed20251130Run1987ARefusedTargetStoppedEarlierByTheTroubleChangesNothing() {
    ChaosRunResult r = play(20_251_130L, 1987);

    assertThat(r.scenario().transientErrorProbability()).isPositive();
    assertThat(r.outcome()).isEqualTo("HALTED PORT_FAILURE");
    assertThat(r.rerun()).isEmpty();
    assertThat(r.failures()).isEmpty();
  }
}
