package io.github.pcrupgrade.testkit.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The campaign CI runs: 1,000 generated runs with a fixed seed must all pass the oracle, and the
 * trouble must have happened: every kind fired in at least one run. A failure prints the report
 * with each failing run's reproduction command ({@code pcr-upgrade chaos --seed S --run I}).
 */
class ChaosCampaignTest {

  /** The seed CI uses; change it only together with the figures in docs/chaos.md. */
  static final long CI_SEED = 20_251_130L;

  @Test
  void aThousandGeneratedRunsPassTheOracleAndEveryKindOfTroubleFires() {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    ChaosReport report;
    try {
      report = ChaosCampaign.builder().seed(CI_SEED).runs(1_000).executor(pool).build().run();
    } finally {
      pool.shutdownNow();
    }

    assertThat(report.failures()).as(report.text()).isEmpty();
    assertThat(report.neverFired()).as(report.text()).isEmpty();
    assertThat(report.runs()).isEqualTo(1_000);
    assertThat(report.outcomes()).as(report.text())
        .containsKeys("COMPLETED", "CANCELLED", "PAUSED", "HALTED PLAN_REFUSED",
            "HALTED TOPOLOGY_CHANGED");
  }

  @Test
  void aRunPlayedAloneEndsAsItDidInTheCampaign() {
    // Given: a few runs of the CI campaign
    ChaosCampaign campaign = ChaosCampaign.builder().seed(CI_SEED).runs(1).build();
    for (int run = 0; run < 5; run++) {
      // When: each is played twice, alone
      ChaosRunResult a = campaign.runOne(run);
      ChaosRunResult b = campaign.runOne(run);

      // Then: the same ending, the same trouble, the same virtual time
      assertThat(b.outcome()).isEqualTo(a.outcome());
      assertThat(b.rerun()).isEqualTo(a.rerun());
      assertThat(b.fired()).isEqualTo(a.fired());
      assertThat(b.virtualTime()).isEqualTo(a.virtualTime());
    }
  }

  @Test
  void aCrashedExecutorsLeaseExpiresSoThatAnInstanceUnderAnotherIdResumes() {
    // Given: the runs of the CI campaign whose executor dies and is followed by an instance
    // under another id, which waits (10 minutes at most) for the dead one's lease to expire
    ChaosCampaign campaign = ChaosCampaign.builder().seed(CI_SEED).build();
    int resumed = 0;
    for (int run = 0; run < 400 && resumed < 3; run++) {
      ChaosScenario s = campaign.scenario(run);
      if (s.crashAtPortCall() == 0 || s.resumeUnderSameId() || s.cancelAtPortCall() > 0
          || s.contenderAfter().isPresent() || s.targetKind() == ChaosScenario.TargetKind.INVALID) {
        continue;
      }
      // When
      ChaosRunResult r = campaign.runOne(run);
      if (!r.fired().containsKey(TroubleKind.EXECUTOR_CRASH)) {
        continue; // the run ended before the crash's port call
      }
      resumed++;

      // Then: the dead instance renewed nothing (a heartbeat that outlived it would have kept
      // the lease until the new instance gave up with LEASE_HELD), and the run passed
      assertThat(r.outcome()).as(r.toString()).isNotEqualTo("HALTED LEASE_HELD");
      assertThat(r.failures()).isEmpty();
    }
    assertThat(resumed).as("crashed runs resumed under another id").isEqualTo(3);
  }

  @Test
  void aFailingRunNamesTheCommandThatReproducesIt() {
    assertThat(ChaosCampaign.reproduction(42, 7)).isEqualTo("pcr-upgrade chaos --seed 42 --run 7");
    assertThat(ChaosCampaign.builder().seed(42).build().scenario(7).reproduction())
        .isEqualTo("pcr-upgrade chaos --seed 42 --run 7");
  }
}
