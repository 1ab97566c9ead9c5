package io.github.pcrupgrade.testkit.executor;

import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.deployment;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fast;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.settings;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.pcrupgrade.core.PcrUpgrade;
import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.exec.HaltReason;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.plan.PlanResult;
import io.github.pcrupgrade.core.plan.StepKind;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.rules.RuleCode;
import io.github.pcrupgrade.core.spi.ClusterInspector;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 14 end to end on the simulated deployment: the executor never acts on the wrong thing.
 * One cluster given twice changes nothing; a failover at any step boundary of a two-hop plan halts
 * the run before its next action (TOPOLOGY_CHANGED) and nothing more is done; the plan shown for
 * confirmation (the preview) is the plan executed on a resume after a crash at any step boundary;
 * a rerun after a crash that followed the last finalization restores the original settings; P3
 * stays silent on the executor's own skip upgrade.
 */
class Issue14ExecutorTest {

  private static final String TWO_HOPS = "25.4";

  private static SimulatedDeployment twoHops() {
    return deployment().nodes(2, 2).reader(true).build();
  }

  /** The primary's inspector, presenting the primary as the standby (one URL given twice). */
  private static ClusterInspector primaryAsStandby(ClusterInspector primary) {
    return new ClusterInspector() {
      @Override
      public String clusterName() {
        return "standby-url";
      }

      @Override
      public ClusterSnapshot inspect() {
        ClusterSnapshot c = primary.inspect();
        return c.as("standby-url", ClusterRole.STANDBY);
      }
    };
  }

  @Test
  void oneClusterGivenTwiceChangesNothingOnAnyCluster() {
    // Given the primary's ports given as the standby too
    SimulatedDeployment d = deployment().nodes(2, 2).build();
    Map<String, FinalizationSettings> before = settings(d.trueSnapshot());
    RecordingPorts ports = new RecordingPorts(d.ports());
    String primary = d.primary().name();

    // When an upgrade runs
    RunResult r = ports.executor().options(fast())
        .standby(primaryAsStandby(d.inspector(primary)), d.operations(primary)).build()
        .run(to("25.2"));

    // Then it halts before acting, naming one cluster given twice, and nothing changed
    assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.HALTED);
    assertThat(r.violations()).extracting(v -> v.code()).contains(RuleCode.SAME_CLUSTER);
    assertThat(r.message()).contains(d.primary().clusterId().toString());
    assertThat(ports.calls()).isEmpty();
    assertThat(settings(d.trueSnapshot())).isEqualTo(before);
    assertThat(d.journal().history(d.deploymentId())).noneMatch(
        rec -> rec.entry().event() == JournalEvent.STEP_STARTED);
  }

  @TestFactory
  Stream<DynamicTest> aFailoverAtAnyStepBoundaryHaltsTheRunBeforeItsNextAction() {
    SimulatedDeployment reference = twoHops();
    RunResult clean = reference.ports().executor().options(fast()).build().run(to(TWO_HOPS));
    assertThat(clean.isCompleted()).as(clean.toString()).isTrue();
    int steps = clean.progress().total();
    return IntStream.range(1, steps).mapToObj(n -> dynamicTest("after step " + n,
        () -> failoverAfterStep(n)));
  }

  private static void failoverAfterStep(int n) {
    // Given a two-hop upgrade, and a failover of the standby's main right after step n
    SimulatedDeployment d = twoHops();
    RecordingPorts ports = new RecordingPorts(d.ports());
    AtomicInteger callsAtFailover = new AtomicInteger(-1);
    List<String> after = new ArrayList<>();
    List<RuntimeException> refused = new ArrayList<>();

    // When the run goes on
    RunResult r = ports.executor().options(fast()).listener(e -> {
      if (callsAtFailover.get() >= 0 && (e instanceof UpgradeEvent.StepStarted
          || e instanceof UpgradeEvent.StepAlreadyDone || e instanceof UpgradeEvent.StepDone)) {
        after.add(e.getClass().getSimpleName());
      }
      if ((e instanceof UpgradeEvent.StepDone || e instanceof UpgradeEvent.StepAlreadyDone)
          && e.progress().done() == n && callsAtFailover.get() < 0) {
        try {
          d.standby().completeReplicationToLatest("main");
          callsAtFailover.set(ports.calls().size());
        } catch (RuntimeException ex) {
          refused.add(ex);
        }
      }
    }).build().run(to(TWO_HOPS));

    // Then the failover fired, the run halted with TOPOLOGY_CHANGED naming the stream, and it
    // neither acted nor judged any step done after it
    assertThat(refused).as("the simulated product refused the failover").isEmpty();
    assertThat(callsAtFailover.get()).as("the failover fired").isGreaterThanOrEqualTo(0);
    assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.HALTED);
    assertThat(r.haltReason()).contains(HaltReason.TOPOLOGY_CHANGED);
    assertThat(r.message()).contains("failing over");
    assertThat(ports.calls()).hasSize(callsAtFailover.get());
    assertThat(after).isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> thePlanShownIsThePlanExecutedOnAResumeAfterACrashAtAnyStepBoundary() {
    SimulatedDeployment reference = twoHops();
    RunResult clean = reference.ports().executor().options(fast()).build().run(to(TWO_HOPS));
    int steps = clean.progress().total();
    return IntStream.range(1, steps).mapToObj(n -> dynamicTest("after step " + n,
        () -> crashAfterStepThenPreview(n)));
  }

  private static void crashAfterStepThenPreview(int n) {
    // Given a run that crashed right after step n
    SimulatedDeployment d = twoHops();
    Map<String, FinalizationSettings> before = settings(d.snapshot());
    RecordingPorts ports = new RecordingPorts(d.ports());
    Throwable crash = catchThrowable(() -> ports.executor().options(fast()).listener(e -> {
      if ((e instanceof UpgradeEvent.StepDone || e instanceof UpgradeEvent.StepAlreadyDone)
          && e.progress().done() == n) {
        throw new RecordingPorts.Crash("after step " + n);
      }
    }).build().run(to(TWO_HOPS)));
    assertThat(crash).isInstanceOf(RecordingPorts.Crash.class);
    d.advance(fast().leaseTtl().plusSeconds(1)); // the crashed holder's lease expires

    // When the plan is shown for confirmation, then the confirmed plan is run
    PcrUpgrade upgrade = new PcrUpgrade(ports.noCrash().executor().options(fast()).build());
    PlanResult shown = upgrade.preview(to(TWO_HOPS));
    UpgradePlan plan = shown.plan().orElseThrow();
    List<String> acted = new ArrayList<>();
    RunResult second = new PcrUpgrade(ports.executor().options(fast()).listener(e -> {
      if (e instanceof UpgradeEvent.StepStarted s) {
        acted.add(s.step().id());
      }
    }).build()).upgrade(to(TWO_HOPS), new io.github.pcrupgrade.core.exec.CancelHandle(), plan);

    // Then the run started from exactly the plan shown, acted only on its steps, and completed
    assertThat(second.isCompleted()).as(second.toString()).isTrue();
    assertThat(second.plan().orElseThrow().stepIds()).isEqualTo(plan.stepIds());
    assertThat(plan.stepIds()).containsAll(acted);
    assertThat(settings(d.snapshot())).isEqualTo(before);
  }

  @Test
  void aRunHaltsBeforeActingWhenItsPlanIsNotTheConfirmedOne() {
    // Given a plan shown and confirmed, and then an outside change (someone pins the primary's
    // system VC by hand, so that its pin step is no longer needed)
    SimulatedDeployment d = deployment().nodes(2, 2).build();
    RecordingPorts ports = new RecordingPorts(d.ports());
    PcrUpgrade upgrade = new PcrUpgrade(ports.executor().options(fast()).build());
    UpgradePlan confirmed = upgrade.preview(to("25.2")).plan().orElseThrow();
    d.operations(d.primary().name()).setFinalizationSetting("system",
        io.github.pcrupgrade.core.spi.PinSetting.AUTO_UPGRADE_ENABLED, "false");

    // When the confirmed plan is run
    RunResult r = upgrade.upgrade(to("25.2"), new io.github.pcrupgrade.core.exec.CancelHandle(),
        confirmed);

    // Then it halts before acting, naming the step nobody confirmed away
    assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.HALTED);
    assertThat(r.haltReason()).contains(HaltReason.STATE_DIVERGED);
    assertThat(r.message()).contains("not the plan that was confirmed", "pin:primary:system");
    assertThat(ports.calls()).isEmpty();
  }

  @Test
  void aRerunAfterACrashThatFollowedTheLastFinalizationRestoresTheOriginals() {
    // Given an upgrade that crashed right after its last finalization call, leaving
    // auto-finalization pinned everywhere
    SimulatedDeployment reference = deployment().nodes(2, 2).build();
    RecordingPorts ref = new RecordingPorts(reference.ports());
    assertThat(ref.executor().options(fast()).build().run(to("25.2")).isCompleted()).isTrue();
    List<String> calls = ref.calls();
    int lastFinalization = 0;
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).startsWith("finalize ")) {
        lastFinalization = i + 1;
      }
    }
    SimulatedDeployment d = deployment().nodes(2, 2).build();
    Map<String, FinalizationSettings> before = settings(d.snapshot());
    RecordingPorts ports = new RecordingPorts(d.ports()).crashAfterCall(lastFinalization);
    assertThat(catchThrowable(() -> ports.executor().options(fast()).build().run(to("25.2"))))
        .isInstanceOf(RecordingPorts.Crash.class);
    d.advance(java.time.Duration.ofMinutes(10)); // the finalization completes; the lease expires
    assertThat(settings(d.snapshot())).isNotEqualTo(before);

    // When the plan is previewed and the upgrade run again
    PcrUpgrade upgrade = new PcrUpgrade(ports.noCrash().executor().options(fast()).build());
    UpgradePlan shown = upgrade.preview(to("25.2")).plan().orElseThrow();
    RunResult rerun = upgrade.upgrade(to("25.2"));

    // Then the preview is not "nothing to do": it restores the journal's originals, and the
    // rerun puts them back
    assertThat(shown.isEmpty()).isFalse();
    assertThat(shown.steps()).extracting(s -> s.kind()).contains(StepKind.RESTORE_SETTINGS);
    assertThat(rerun.isCompleted()).as(rerun.toString()).isTrue();
    assertThat(settings(d.snapshot())).isEqualTo(before);
  }

  @Test
  void p3StaysSilentOnTheExecutorsOwnSkipUpgrade() {
    // Given a skip upgrade 24.3 -> 25.2, whose finalizations pass through 24.3-upgrading-to-25.1
    SimulatedDeployment d = deployment().nodes(2, 2).build();

    // When the executor carries it out
    RunResult r = d.ports().executor().options(fast()).build().run(to("25.2"));

    // Then the monitor saw no departure from the documented procedure
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    assertThat(d.monitor().procedureWarnings()).isEmpty();
    d.monitor().assertClean();
  }
}
