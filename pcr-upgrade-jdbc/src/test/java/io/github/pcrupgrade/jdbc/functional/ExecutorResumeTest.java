package io.github.pcrupgrade.jdbc.functional;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.exec.CancelHandle;
import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.jdbc.Postgres;
import io.github.pcrupgrade.jdbc.journal.JdbcUpgradeJournal;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import io.github.pcrupgrade.core.plan.StepKind;

/**
 * A run interrupted half-way and resumed by another replica (a new pool, a new journal instance on
 * the same database): the history reads back complete and in order, and what the first run had to
 * remember (the settings it found, when the primary's app VC finalized) reaches the second.
 */
class ExecutorResumeTest {

  @Test
  void aResumedRunReadsTheWholeHistoryInOrderAndRestoresTheSettingsFoundBeforeTheCrash() {
    // Given a deployment with product-default settings (auto-upgrade on in every VC)
    String deployment = "prod-" + UUID.randomUUID();
    SimulatedDeployment sim = SimulatedDeployment.builder().deploymentId(deployment).nodes(3, 3)
        .series("24.3").primaryBinary("v24.3.20").standbyBinary("v24.3.20").reader(true).seed(11)
        .build();
    UpgradeRequest request = UpgradeRequest.to("25.2").build();
    ExecutorOptions options = ExecutorOptions.builder().settleTime(Duration.ofSeconds(5))
        .maxPollInterval(Duration.ofSeconds(4)).build();
    assertThat(autoUpgrade(sim.trueSnapshot())).isNotEmpty().allSatisfy((vc, on) ->
        assertThat(on).as(vc).isTrue());

    // When the first replica's run stops right after finalizing the primary's app VC (the
    // cancel handle standing in for a crash; its pool is then closed)
    HikariDataSource firstPool = Postgres.newPool(2);
    CancelHandle crash = new CancelHandle();
    RunResult first = sim.ports().executor().executorId("exec-a").options(options)
        .journal(JdbcUpgradeJournal.builder(firstPool).build())
        .listener(e -> {
          if (e instanceof UpgradeEvent.StepDone d && d.step().kind() == StepKind.FINALIZE_VC
              && d.step().cluster().equals("primary")
              && d.step().virtualCluster().orElse("").equals("main")) {
            crash.cancel();
          }
        }).build().run(request, crash);
    firstPool.close();
    DeploymentSnapshot atCrash = sim.trueSnapshot();

    // and a second replica, with a new pool and journal instance, runs the same request
    try (HikariDataSource secondPool = Postgres.newPool(2);
        HikariDataSource readerPool = Postgres.newPool(2)) {
      RunResult second = sim.ports().executor().executorId("exec-b").options(options)
          .journal(JdbcUpgradeJournal.builder(secondPool).build()).build().run(request);
      List<JournalRecord> history =
          JdbcUpgradeJournal.builder(readerPool).build().history(deployment);

      // Then the first was cancelled with auto-upgrade pinned off, and the second completed
      assertThat(first.status()).as(first.toString()).isEqualTo(RunStatus.CANCELLED);
      // (the reader VC, dropped and re-created at the end of the hop, is not pinned)
      assertThat(autoUpgrade(atCrash)).containsEntry("primary/system", false)
          .containsEntry("primary/main", false).containsEntry("standby/system", false);
      assertThat(second.isCompleted()).as(second.toString()).isTrue();

      // And the history is complete and in order: sequences 1..n, two runs, one after the other
      assertThat(history).extracting(JournalRecord::sequence)
          .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, history.size())
              .boxed().toList());
      List<JournalEvent> runEvents = history.stream().map(r -> r.entry().event())
          .filter(e -> e != JournalEvent.FACT && !e.name().startsWith("STEP_")).toList();
      assertThat(runEvents).containsExactly(JournalEvent.RUN_STARTED, JournalEvent.RUN_CANCELLED,
          JournalEvent.RUN_STARTED, JournalEvent.RUN_COMPLETED);
      assertThat(history).filteredOn(r -> r.entry().runId().startsWith("exec-a"))
          .allMatch(r -> r.sequence() <= sequenceOf(history, JournalEvent.RUN_CANCELLED));

      // and every step of the first run's plan is recorded as done exactly once across both runs
      List<String> planned = first.plan().orElseThrow().stepIds();
      List<String> done = history.stream()
          .filter(r -> r.entry().event() == JournalEvent.STEP_DONE
              || r.entry().event() == JournalEvent.STEP_ALREADY_DONE)
          .map(r -> r.entry().stepId()).toList();
      assertThat(done).containsExactlyElementsOf(planned);
      assertThat(done.subList(0, first.progress().done()))
          .isEqualTo(stepsDoneBy(history, "exec-a"));

      // and the facts the first run kept are there: the settings it found before pinning and
      // when the primary's app VC finalized; the second run added no settings of its own
      List<String> factsOfA = facts(history, "exec-a");
      // (each keyed by the cluster id it was read from, issue 14)
      assertThat(factsOfA).anyMatch(f -> f.startsWith("settings PRIMARY system true - "))
          .anyMatch(f -> f.startsWith("settings PRIMARY main true - "))
          .anyMatch(f -> f.startsWith("settings STANDBY system true - "));
      assertThat(factsOfA).anyMatch(f -> f.startsWith("finalized PRIMARY main 25.2 "));
      assertThat(facts(history, "exec-b")).noneMatch(f -> f.startsWith("settings "));

      // and the second run restored what the first found, not what the first left (the
      // standby's replicating VC follows the primary's once replication has caught up)
      sim.advance(Duration.ofMinutes(2));
      DeploymentSnapshot end = sim.trueSnapshot();
      assertThat(autoUpgrade(end)).isNotEmpty().allSatisfy((vc, on) ->
          assertThat(on).as(vc).isTrue());
      assertThat(sim.trueVersion("primary", "main")).contains(ClusterVersion.parse("25.2"));
      assertThat(sim.trueVersion("standby", "main-readonly")).contains(ClusterVersion.parse("25.2"));
      sim.monitor().assertClean();
    }
  }

  /** {@code cluster/vc -> cluster.auto_upgrade.enabled} for every VC whose settings are readable. */
  private static Map<String, Boolean> autoUpgrade(DeploymentSnapshot s) {
    Map<String, Boolean> m = new java.util.TreeMap<>();
    for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
      for (VirtualClusterInfo vc : c.virtualClusters()) {
        vc.settings().map(FinalizationSettings::autoUpgradeEnabled)
            .ifPresent(on -> m.put(c.name() + "/" + vc.name(), on));
      }
    }
    return m;
  }

  private static long sequenceOf(List<JournalRecord> history, JournalEvent event) {
    return history.stream().filter(r -> r.entry().event() == event).findFirst().orElseThrow()
        .sequence();
  }

  private static List<String> stepsDoneBy(List<JournalRecord> history, String executor) {
    return history.stream().filter(r -> r.entry().runId().startsWith(executor)
        && r.entry().event() == JournalEvent.STEP_DONE).map(r -> r.entry().stepId()).toList();
  }

  private static List<String> facts(List<JournalRecord> history, String executor) {
    return history.stream().filter(r -> r.entry().runId().startsWith(executor)
        && r.entry().event() == JournalEvent.FACT).map(r -> r.entry().detail()).toList();
  }
}
