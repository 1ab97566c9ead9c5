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

  /**
   * Seed 1, run 1484: the executor died after it had journaled the start of the primary's
   * finalization of 'main' to 25.2 but before it recorded the moment it saw it final. The
   * instance that resumed planned no wait for the replicated time (it knew no moment), went on to
   * the next hop and restarted the standby's node onto 25.3 while the replicated 'main' was still
   * at 25.1-upgrading-to-25.2-step-008: invariant 5 broken in the simulation's truth. Fixed in
   * {@code UpgradeExecutor}: a finalization this upgrade began gets its moment recorded at the
   * first observation, so the re-plan waits for replication before the next hop.
   */
  @Test
  void seed1Run1484AResumedRunWaitsForReplicationBeforeTheNextHop() {
    ChaosRunResult r = play(1, 1484);

    assertThat(r.fired()).containsKey(TroubleKind.EXECUTOR_CRASH);
    assertThat(r.scenario().targetKind()).isEqualTo(ChaosScenario.TargetKind.MULTI_HOP_SERIES);
    assertThat(r.outcome()).isEqualTo("COMPLETED");
    assertThat(r.failures()).isEmpty();
  }

  /**
   * Seed 1, run 8008: the same crash on the last hop: the resumed run reported COMPLETED while the
   * standby's replicated 'main' still showed 25.1-upgrading-to-25.2-step-008 (a failover then
   * would have promoted an unfinalized VC). Fixed with run 1484: it now waits.
   */
  @Test
  void seed1Run8008AResumedRunCompletesOnlyOnceTheStandbyCarriesTheTarget() {
    ChaosRunResult r = play(1, 8008);

    assertThat(r.fired()).containsKey(TroubleKind.EXECUTOR_CRASH);
    assertThat(r.outcome()).isEqualTo("COMPLETED");
    assertThat(r.failures()).isEmpty();
  }

  /**
   * Seed 1, run 1573: an operator failed over before the pins had been replicated; the promoted
   * 'main' served with auto-upgrade on and the product finalized it. The oracle laid that on the
   * library; it is the operator's (the run stops at the topology change before acting again),
   * so it is now counted as excused.
   */
  @Test
  void seed1Run1573AnAutoFinalizationAfterAnOperatorsFailoverIsTheOperators() {
    ChaosRunResult r = play(1, 1573);

    assertThat(r.fired()).containsKey(TroubleKind.EXTERNAL_FAILOVER);
    assertThat(r.outcome()).isEqualTo("HALTED TOPOLOGY_CHANGED");
    assertThat(r.excused()).anyMatch(e -> e.contains("UNREQUESTED_FINALIZATION"));
    assertThat(r.failures()).isEmpty();
  }

  /**
   * Seed 1, run 8069: the re-created reader's startup stalled (08000) after the run completed, so
   * its settings could not be read; the oracle counted the missing row as settings not restored.
   * Settings are now compared where both the start and the end show them.
   */
  @Test
  void seed1Run8069AStalledReaderShowsNoSettingsAndThatIsNoDifference() {
    ChaosRunResult r = play(1, 8069);

    assertThat(r.fired()).containsKey(TroubleKind.VC_STALLS);
    assertThat(r.outcome()).isEqualTo("COMPLETED");
    assertThat(r.failures()).isEmpty();
  }

  /**
   * Seed 1, run 6065: an operator failed over while the standby's system VC finalized (first hop
   * of 24.1 to 24.3 to 25.1); a contending executor then took the original primary on to 25.1
   * binaries with its VCs at 24.3, while the promoted standby's 'main' stayed at 24.1. The
   * operator asked {@code Rules.mayFastFailBack}, which looked only at invariant 7 (promoted not
   * newer) and allowed it; the failback carried 'main' at 24.1 into 25.1 binaries, which need
   * 24.3 (invariant 5). Nothing restarted onto 25.1 below MinSupported: the VC came down under
   * the binaries. Fixed in {@code Rules.mayFastFailBack}: it also refuses a failback that would
   * carry a VC below the original primary's MinSupported.
   */
  @Test
  void seed1Run6065AFastFailbackNeverCarriesAVcBelowTheOriginalPrimarysMinSupported() {
    ChaosRunResult r = play(1, 6065);

    assertThat(r.fired()).containsKey(TroubleKind.FAST_FAILBACK_ATTEMPT);
    assertThat(r.failures()).isEmpty();
  }
}
