package io.github.pcrupgrade.testkit.steps;

import static io.github.pcrupgrade.testkit.steps.StepDriving.awaitDone;
import static io.github.pcrupgrade.testkit.steps.StepDriving.deployment;
import static io.github.pcrupgrade.testkit.steps.StepDriving.drive;
import static io.github.pcrupgrade.testkit.steps.StepDriving.options;
import static io.github.pcrupgrade.testkit.steps.StepDriving.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.exec.StepApi;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.Planner;
import io.github.pcrupgrade.core.plan.StepKind;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Orchestrators driving whole upgrades through the step API on the simulated deployment: a loop
 * that re-plans after every step, two processes hours apart on one journal, and the traps of
 * planning by hand that {@code originalsFrom} and the journal close.
 */
class StepApiOrchestrationTest {

  private static final UpgradeRequest TWO_HOPS = UpgradeRequest.to("25.4").build();
  private static final FinalizationSettings PINNED_BY_UPGRADE = new FinalizationSettings(false, "");

  /** Every VC's settings, keyed {@code cluster/vc}. */
  private static Map<String, FinalizationSettings> settings(DeploymentSnapshot s) {
    Map<String, FinalizationSettings> all = new TreeMap<>();
    for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
      for (VirtualClusterInfo vc : c.virtualClusters()) {
        vc.settings().ifPresent(st -> all.put(c.name() + "/" + vc.name(), st));
      }
    }
    return all;
  }

  private static void assertAtTarget(SimulatedDeployment d, String series) {
    DeploymentSnapshot s = d.trueSnapshot();
    for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
      for (NodeInfo n : c.memberNodes()) {
        assertThat(n.binary().series().toString()).as(c.name() + " n" + n.id())
            .isEqualTo(series);
      }
      for (VirtualClusterInfo vc : c.virtualClusters()) {
        assertThat(vc.version().known()).as(c.name() + "/" + vc.name())
            .contains(ClusterVersion.parse(series));
      }
    }
  }

  @Test
  void aLoopThatReplansAfterEveryStepReachesTheTargetWithTheSettingsRestored() {
    // Given a two-hop upgrade with a reader VC, and a twin deployment for the executor
    SimulatedDeployment d = deployment().nodes(2, 2).reader(true).build();
    SimulatedDeployment twin = deployment().nodes(2, 2).reader(true).build();
    Map<String, FinalizationSettings> before = settings(d.trueSnapshot());
    List<String> executorPlan = twin.ports().executor().options(options()).build()
        .preview(TWO_HOPS).orThrow().stepIds();
    StepApi api = d.ports("orchestrator").steps().options(options()).build();

    // When an orchestrator loop drives it: plan, act on the first step, observe until done
    Lease lease = api.acquireLease("orchestrator");
    List<String> taken = drive(d, api, lease, TWO_HOPS);

    // Then it took the executor's plan step by step (but the awaits of the reader serving: the
    // simulated reader serves as soon as it is created, so the plan made after the create no
    // longer has them), ended at the target with every setting as it was once the standby's
    // replicating VC caught up, journaled the completion, and the monitor saw no ordering or
    // lease violation
    assertThat(taken).isEqualTo(withoutReaderServing(executorPlan));
    catchUp(d);
    assertAtTarget(d, "25.4");
    assertThat(settings(d.trueSnapshot())).isEqualTo(before);
    assertThat(d.monitor().violations()).isEmpty();
    assertThat(records(d, JournalEvent.RUN_COMPLETED)).hasSize(1);
    // the facts were built from observations, for the hops the plan awaited only
    assertThat(records(d, JournalEvent.FACT).stream().map(r -> r.entry().detail())
        .filter(f -> f.startsWith("finalized ")))
        .hasSize(2)
        .allMatch(f -> f.contains(" 25.2 ") || f.contains(" 25.4 "));
    assertThat(api.plan(api.acquireLease("orchestrator"), TWO_HOPS).orThrow().isEmpty())
        .isTrue();
  }

  @Test
  void twoProcessesHoursApartOnOneJournalFinishTheUpgradeAndRestoreTheSettings()
      throws Exception {
    // Given process A, which pinned, restarted part of the standby and died holding its lease
    SimulatedDeployment d = deployment().nodes(2, 2).reader(true).build();
    Map<String, FinalizationSettings> before = settings(d.trueSnapshot());
    StepApi a = d.ports("process-a").steps().options(options()).build();
    Lease leaseA = a.acquireLease("process-a");
    UpgradePlan planA = a.plan(leaseA, TWO_HOPS).orThrow();
    int restarts = 0;
    for (PlanStep step : planA.steps()) {
      a.act(leaseA, TWO_HOPS, planA, step.id());
      leaseA = awaitDone(d, a, leaseA, planA, step);
      if (step.kind() == StepKind.RESTART_NODE && ++restarts == 1) {
        break;
      }
    }
    assertThat(settings(d.trueSnapshot())).containsValue(PINNED_BY_UPGRADE);

    // When, three hours later on the virtual clock, process B (another API instance, another
    // holder) takes the lease and drives the upgrade from the journal
    d.scheduler().sleep(Duration.ofHours(3));
    StepApi b = d.ports("process-b").steps().options(options()).build();
    Lease leaseB = b.acquireLease("process-b");
    UpgradePlan planB = b.plan(leaseB, TWO_HOPS).orThrow();
    List<String> taken = drive(d, b, leaseB, TWO_HOPS);

    // Then B's first plan already ended by restoring what A found (the journal's originals, not
    // the pins it sees), B finished at the target with the settings restored, and A, coming
    // back with its old lease, is refused
    assertThat(planB.steps().stream().filter(s -> s.kind() == StepKind.RESTORE_SETTINGS)
        .map(s -> s.restoreTo().orElseThrow()))
        .isNotEmpty().allMatch(FinalizationSettings.PRODUCT_DEFAULTS::equals);
    assertThat(taken).isEqualTo(withoutReaderServing(planB.stepIds()));
    catchUp(d);
    assertAtTarget(d, "25.4");
    assertThat(settings(d.trueSnapshot())).isEqualTo(before);
    assertThat(d.monitor().violations()).isEmpty();
    Lease stale = leaseA;
    PcrUpgradeException e = catchThrowableOfType(
        () -> a.act(stale, TWO_HOPS, planA, planA.steps().get(0).id()),
        PcrUpgradeException.class);
    assertThat(e.code()).isEqualTo(CoreErrorCode.LEASE_LOST);
  }

  @Test
  void replanningAfterThePinsNeedsTheOriginalsAndOriginalsFromCarriesThem() {
    // Given the first snapshot, and the pin steps done through the step API
    SimulatedDeployment d = deployment().build();
    StepApi api = d.ports().steps().options(options()).build();
    DeploymentSnapshot first = api.inspect();
    Lease lease = api.acquireLease("orchestrator");
    UpgradeRequest request = UpgradeRequest.to("25.2").build();
    UpgradePlan plan = api.plan(lease, request).orThrow();
    for (PlanStep s : plan.steps()) {
      if (s.kind() != StepKind.PIN_FINALIZATION) {
        break;
      }
      api.act(lease, request, plan, s.id());
    }
    DeploymentSnapshot pinned = api.inspect();
    Planner planner = Planner.builtIn();

    // When a plan is made by hand from the pinned snapshot without the originals, and with them
    List<FinalizationSettings> without = restores(planner.planOrThrow(pinned, request));
    List<FinalizationSettings> with = restores(planner.planOrThrow(pinned,
        UpgradeRequest.to("25.2").originalsFrom(first).build()));

    // Then without them nothing turns auto-finalization back on (the trap); with them every VC
    // is restored to what the first snapshot had
    assertThat(without).noneMatch(FinalizationSettings::autoUpgradeEnabled);
    assertThat(with).hasSize(settings(first).size())
        .allMatch(FinalizationSettings.PRODUCT_DEFAULTS::equals);
  }

  @Test
  void originalsFromRefusesASnapshotMadeAfterThePins() {
    // Given a snapshot made after the pin steps, while the binaries are being upgraded
    SimulatedDeployment d = deployment().build();
    StepApi api = d.ports().steps().options(options()).build();
    Lease lease = api.acquireLease("orchestrator");
    UpgradeRequest request = UpgradeRequest.to("25.2").build();
    UpgradePlan plan = api.plan(lease, request).orThrow();
    for (PlanStep s : plan.steps()) {
      api.act(lease, request, plan, s.id());
      lease = awaitDone(d, api, lease, plan, s);
      if (s.kind() == StepKind.RESTART_NODE) {
        break;
      }
    }
    DeploymentSnapshot midUpgrade = api.inspect();

    // When it is given as the first snapshot
    PcrUpgradeException e = catchThrowableOfType(
        () -> UpgradeRequest.to("25.2").originalsFrom(midUpgrade),
        PcrUpgradeException.class);

    // Then it is refused, saying what to pass instead
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("pinned").contains("originalSettings");
  }

  @Test
  void anExecutorResumesWhatTheStepApiStarted() {
    // Given the pins and the first restart done through the step API
    SimulatedDeployment d = deployment().nodes(2, 2).build();
    Map<String, FinalizationSettings> before = settings(d.trueSnapshot());
    StepApi api = d.ports().steps().options(options()).build();
    Lease lease = api.acquireLease(d.deploymentId() + "-executor");
    UpgradeRequest request = UpgradeRequest.to("25.2").build();
    UpgradePlan plan = api.plan(lease, request).orThrow();
    List<String> done = new ArrayList<>();
    for (PlanStep s : plan.steps()) {
      api.act(lease, request, plan, s.id());
      lease = awaitDone(d, api, lease, plan, s);
      done.add(s.id());
      if (s.kind() == StepKind.RESTART_NODE) {
        break;
      }
    }
    api.releaseLease(lease);

    // When the executor runs on the same journal
    RunResult r = d.ports().executor().options(options()).build().run(request);

    // Then it completes from there and restores the settings the step API recorded
    assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.COMPLETED);
    catchUp(d);
    assertAtTarget(d, "25.2");
    assertThat(settings(d.trueSnapshot())).isEqualTo(before);
    assertThat(d.monitor().violations()).isEmpty();
  }

  private static List<String> withoutReaderServing(List<String> ids) {
    return ids.stream().filter(id -> !id.contains(":reader-serving:")).toList();
  }

  /**
   * Lets the stream carry the primary's restored settings into the standby's replicating VC
   * (the simulation replicates every 30 s).
   */
  private static void catchUp(SimulatedDeployment d) {
    try {
      d.scheduler().sleep(SimulatedDeployment.REPLICATION_INTERVAL.multipliedBy(3));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static List<FinalizationSettings> restores(UpgradePlan plan) {
    return plan.steps().stream().filter(s -> s.kind() == StepKind.RESTORE_SETTINGS)
        .map(s -> s.restoreTo().orElseThrow()).toList();
  }
}
