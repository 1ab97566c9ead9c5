package io.github.pcrupgrade.testkit.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.exec.CancelHandle;
import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.HaltReason;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.spi.ApprovalGate;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.testkit.Fault;
import io.github.pcrupgrade.testkit.FaultPlan;
import io.github.pcrupgrade.testkit.MonitorViolation;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The executor against the simulated deployment: the behaviours issue 5 asks for. */
class ExecutorTest {

  static final ExecutorOptions FAST = ExecutorOptions.builder().settleTime(Duration.ofSeconds(5))
      .nodeRestartTimeout(Duration.ofMinutes(5)).replicationTimeout(Duration.ofMinutes(10))
      .healthTimeout(Duration.ofMinutes(5)).build();

  static SimulatedDeployment.Builder deployment(String binary, boolean reader) {
    return SimulatedDeployment.builder().nodes(3, 3).primaryBinary(binary).standbyBinary(binary)
        .reader(reader).seed(11);
  }

  static UpgradeExecutor executor(SimulatedDeployment d, ExecutorOptions options) {
    return d.ports().executor().executorId("test-executor").options(options).build();
  }

  static RunResult run(SimulatedDeployment d, String target) {
    return executor(d, FAST).run(UpgradeRequest.to(target).build());
  }

  /**
   * Every VC final at the target, every node on it, the product's default settings back (the
   * standby's replicating VC gets them by replication, so replication is given time to carry
   * them).
   */
  static void assertAtTarget(SimulatedDeployment d, String series) {
    d.advance(Duration.ofMinutes(2));
    ClusterVersion target = ClusterVersion.parse(series);
    DeploymentSnapshot truth = d.trueSnapshot();
    for (ClusterSnapshot c : List.of(truth.primary(), truth.standby())) {
      for (NodeInfo n : c.nodes()) {
        assertThat(n.binary().series().toString()).as(c.name() + " n" + n.id()).isEqualTo(series);
      }
      for (VirtualClusterInfo vc : c.virtualClusters()) {
        assertThat(vc.version().known()).as(c.name() + "/" + vc.name()).contains(target);
        if (vc.kind() != VcKind.READER) {
          vc.settings().ifPresent(s -> assertThat(s).as(c.name() + "/" + vc.name() + " settings")
              .isEqualTo(FinalizationSettings.PRODUCT_DEFAULTS));
        }
      }
    }
  }

  @Nested
  class HappyPaths {

    @Test
    void oneHopWithAReader() {
      SimulatedDeployment d = deployment("v24.3.20", true).build();

      RunResult r = run(d, "25.2");

      assertThat(r.isCompleted()).as(r.toString()).isTrue();
      assertThat(d.monitor().violations()).isEmpty();
      assertAtTarget(d, "25.2");
    }

    @Test
    void twoHopsWithoutAReader() {
      SimulatedDeployment d = deployment("v24.3.20", false).build();

      RunResult r = run(d, "25.4");

      assertThat(r.isCompleted()).as(r.toString()).isTrue();
      assertThat(d.monitor().violations()).isEmpty();
      assertAtTarget(d, "25.4");
    }

    @Test
    void aPatchUpgradeRestartsEveryNodeAndFinalizesNothing() {
      SimulatedDeployment d = deployment("v24.3.20", true).build();

      RunResult r = run(d, "v24.3.33");

      assertThat(r.isCompleted()).as(r.toString()).isTrue();
      assertThat(r.plan().orElseThrow().steps()).noneMatch(s -> s.pointOfNoReturn());
      assertThat(d.trueSnapshot().primary().binaries())
          .containsExactly(BinaryVersion.parse("v24.3.33"));
      assertThat(d.trueSnapshot().standby().binaries())
          .containsExactly(BinaryVersion.parse("v24.3.33"));
      assertThat(d.monitor().violations()).isEmpty();
    }

    @Test
    void aNonVirtualizedPrimary() {
      SimulatedDeployment d = deployment("v24.3.20", false).nonVirtualizedPrimary(true).build();

      RunResult r = run(d, "25.2");

      assertThat(r.isCompleted()).as(r.toString()).isTrue();
      assertThat(d.monitor().violations()).isEmpty();
      assertAtTarget(d, "25.2");
    }

    @Test
    void theProductsAutoFinalizationIsDefused() {
      // Given clusters with auto-finalization on, as the product ships
      SimulatedDeployment d = deployment("v24.3.20", true).build();
      List<String> primarySystemWhenStandbyFinalizes = new ArrayList<>();

      // When the executor runs, noting the primary's version when the standby is finalized
      RunResult r = d.ports().executor().options(FAST).listener(e -> {
        if (e instanceof UpgradeEvent.StepStarted s
            && s.step().id().equals("25.2:standby:finalize:system")) {
          primarySystemWhenStandbyFinalizes.add(
              d.trueVersion("primary", "system").orElseThrow().toString());
        }
      }).build().run(UpgradeRequest.to("25.2").build());

      // Then pinning comes first, nothing finalized on its own, and the monitor saw no
      // unrequested finalization
      assertThat(r.plan().orElseThrow().steps().subList(0, 3))
          .allMatch(s -> s.id().startsWith("pin:"));
      assertThat(primarySystemWhenStandbyFinalizes).containsExactly("24.3");
      assertThat(d.monitor().violations()).isEmpty();
      assertThat(r.isCompleted()).isTrue();
    }
  }

  @Nested
  class Resume {

    @Test
    void resumesAfterBeingStoppedAtEveryStepBoundary() {
      int steps = run(deployment("v24.3.20", true).build(), "25.2").progress().total();
      for (int k = 1; k < steps; k++) {
        // Given a run stopped after k steps
        SimulatedDeployment d = deployment("v24.3.20", true).build();
        CountingPorts counting = new CountingPorts(d);
        CancelHandle cancel = new CancelHandle();
        AtomicInteger done = new AtomicInteger();
        final int stopAfter = k;
        RunResult first = counting.executor(FAST).listener(e -> {
          if (e instanceof UpgradeEvent.StepDone && done.incrementAndGet() == stopAfter) {
            cancel.cancel();
          }
        }).build().run(UpgradeRequest.to("25.2").build(), cancel);
        assertThat(first.status()).as("stopped after " + k).isIn(RunStatus.CANCELLED,
            RunStatus.COMPLETED);

        // When a new executor runs with the same inputs
        RunResult second = counting.executor(FAST).build().run(UpgradeRequest.to("25.2").build());

        // Then it completes, safely, without repeating what mattered
        assertThat(second.isCompleted()).as("after " + k + ": " + second).isTrue();
        assertThat(d.monitor().violations()).as("after " + k).isEmpty();
        counting.assertNoNodeRestartedTwiceAndNoReaderCreatedTwice("stopped after " + k);
        assertAtTarget(d, "25.2");
      }
    }

    @Test
    void resumesAfterACrashInTheMiddleOfEveryMutatingStep() {
      for (int k = 1; k <= 18; k++) {
        // Given an executor that crashes right after its k-th mutating port call returned
        SimulatedDeployment d = deployment("v24.3.20", true).build();
        CountingPorts counting = new CountingPorts(d);
        counting.crashAfterMutation(k);
        RunResult first = counting.executor(FAST).build().run(UpgradeRequest.to("25.2").build());
        if (first.isCompleted()) {
          break;
        }
        assertThat(first.haltReason()).as("crash " + k).contains(HaltReason.PORT_FAILURE);
        counting.crashAfterMutation(0);

        // When a new executor resumes
        RunResult second = counting.executor(FAST).build().run(UpgradeRequest.to("25.2").build());

        // Then it completes with an empty record, no node restarted twice
        assertThat(second.isCompleted()).as("after crash " + k + ": " + second).isTrue();
        assertThat(d.monitor().violations()).as("after crash " + k).isEmpty();
        counting.assertNoNodeRestartedTwiceAndNoReaderCreatedTwice("crash " + k);
      }
    }
  }

  @Nested
  class Faults {

    private SimulatedDeployment with(Trigger trigger, Fault fault) {
      return deployment("v24.3.20", true)
          .faults(FaultPlan.builder().on(trigger, fault).build()).build();
    }

    @Test
    void aNodeThatFailsToRestartHaltsNamingTheNode() {
      SimulatedDeployment d = with(Trigger.at(Duration.ZERO),
          Fault.nodeFailsToRestart("standby", 2));

      RunResult r = run(d, "25.2");

      // The node upgrader reports the failure at once; the run never moves to another node
      assertThat(r.haltReason()).as(r.toString()).contains(HaltReason.PORT_FAILURE);
      assertThat(r.message()).contains("n2").contains("standby").contains("restart it");
      assertThat(d.trueSnapshot().standby().node(3).orElseThrow().binary().series().toString())
          .isEqualTo("24.3");
      assertThat(d.monitor().violations()).isEmpty();

      // After the operator restarts the node, a rerun completes
      d.standby().restartNode(2);
      d.advance(Duration.ofMinutes(1));
      RunResult again = run(d, "25.2");
      assertThat(again.isCompleted()).as(again.toString()).isTrue();
      assertThat(d.monitor().violations()).isEmpty();
    }

    @Test
    void aNodeThatRejoinsLateWithinTheTimeoutIsWaitedFor() {
      SimulatedDeployment d = with(Trigger.at(Duration.ZERO),
          Fault.nodeRejoinsLate("primary", 1, Duration.ofMinutes(3)));

      RunResult r = run(d, "25.2");

      assertThat(r.isCompleted()).as(r.toString()).isTrue();
      assertThat(d.monitor().violations()).isEmpty();
    }

    @Test
    void aNodeThatDiesHoldsTheHealthGateThenTheRunGoesOn() {
      SimulatedDeployment d = with(Trigger.onNodeRestart(2),
          Fault.nodeDies("standby", 3, Duration.ofMinutes(2)));

      RunResult r = run(d, "25.2");

      assertThat(r.isCompleted()).as(r.toString()).isTrue();
      assertThat(d.monitor().violations()).isEmpty();
    }

    @Test
    void transientSqlErrorsAreRiddenOut() {
      SimulatedDeployment d = with(Trigger.onPortCall(20),
          Fault.serializationFailures("primary", 2));

      RunResult r = run(d, "25.2");

      assertThat(r.isCompleted()).as(r.toString()).isTrue();
      assertThat(d.monitor().violations()).isEmpty();
    }

    @Test
    void aConnectionLostAfterTheStatementTookEffectIsRiddenOut() {
      SimulatedDeployment d = with(Trigger.onPortCall(40),
          Fault.connectionLost("standby", 1, true));

      RunResult r = run(d, "25.2");

      assertThat(r.isCompleted()).as(r.toString()).isTrue();
      assertThat(d.monitor().violations()).isEmpty();
    }

    @Test
    void aReplicationStallLongerThanTheTimeoutHaltsThenARerunCompletes() {
      SimulatedDeployment d = with(Trigger.onFinalizationStart("primary", "main"),
          Fault.replicationStall(Duration.ofMinutes(30)));

      RunResult r = run(d, "25.2");

      assertThat(r.haltReason()).as(r.toString()).contains(HaltReason.TIMEOUT);
      assertThat(r.message()).contains("replicated");
      assertThat(d.monitor().violations()).isEmpty();
      d.advance(Duration.ofMinutes(30));
      assertThat(run(d, "25.2").isCompleted()).isTrue();
      assertThat(d.monitor().violations()).isEmpty();
    }

    @Test
    void aLagSpikeHoldsTheHealthGateUntilItPasses() {
      SimulatedDeployment d = with(Trigger.onNodeRestart(1),
          Fault.lagSpike(Duration.ofMinutes(10), Duration.ofMinutes(3)));

      RunResult r = run(d, "25.2");

      assertThat(r.isCompleted()).as(r.toString()).isTrue();
      assertThat(d.monitor().violations()).isEmpty();
    }

    @Test
    void anOperatorWhoReenablesAutoUpgradeMidRunStopsTheRunBeforeAnythingFinalizes() {
      SimulatedDeployment d = with(Trigger.onNodeRestart(4),
          Fault.externalReenablesAutoUpgrade("primary", "system"));

      RunResult r = run(d, "25.2");

      assertThat(r.haltReason()).as(r.toString()).contains(HaltReason.STATE_DIVERGED);
      assertThat(r.message()).contains("pin:primary:system");
      assertThat(d.monitor().violations()).isEmpty();
      RunResult again = run(d, "25.2");
      assertThat(again.isCompleted()).as(again.toString()).isTrue();
      assertThat(d.monitor().violations()).isEmpty();
    }

    @Test
    void anOperatorWhoFinalizesTheStandbyEarlyIsFollowedNotFought() {
      // Given an operator who finalizes the standby's system VC by hand once its nodes run 25.2
      SimulatedDeployment d = with(Trigger.onNodeRestart(3),
          Fault.externalFinalization("standby", "system"));

      RunResult r = run(d, "25.2");

      // Then the executor finds that step done and goes on; the monitor records only the
      // operator's finalization (invariant 8 is about what the executor may do)
      assertThat(r.isCompleted()).as(r.toString()).isTrue();
      assertThat(d.monitor().violations()).allSatisfy(v ->
          assertThat(v.kind()).isEqualTo(MonitorViolation.Kind.UNREQUESTED_FINALIZATION));
    }

    @Test
    void aFailoverMidUpgradeHaltsTheRun() {
      SimulatedDeployment d = with(Trigger.onNodeRestart(2),
          Fault.externalFailover());

      RunResult r = run(d, "25.2");

      assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.HALTED);
      assertThat(r.haltReason().orElseThrow()).isIn(HaltReason.STATE_DIVERGED,
          HaltReason.PLAN_REFUSED);
      assertThat(d.monitor().violations()).isEmpty();
    }
  }

  @Nested
  class StopsAndApprovals {

    @Test
    void pausesBeforeTheFirstFinalizationUntilApproved() {
      SimulatedDeployment d = deployment("v24.3.20", true).build();
      ExecutorOptions approve = ExecutorOptions.builder().settleTime(Duration.ofSeconds(5))
          .requireApproval(true).build();

      RunResult first = d.ports().executor().options(approve)
          .approvalGate(req -> ApprovalGate.Decision.NOT_NOW).build()
          .run(UpgradeRequest.to("25.2").build());

      assertThat(first.status()).isEqualTo(RunStatus.PAUSED);
      assertThat(first.message()).contains("Finalize 'standby' VC 'system'");
      assertThat(d.trueVersion("standby", "system")).contains(ClusterVersion.parse("24.3"));

      RunResult second = d.ports().executor().options(approve)
          .approvalGate(ApprovalGate.APPROVE_ALL).build().run(UpgradeRequest.to("25.2").build());
      assertThat(second.isCompleted()).as(second.toString()).isTrue();
      assertThat(d.monitor().violations()).isEmpty();
    }

    @Test
    void stopsBeforeFinalizingAndCanRollBackFromThere() {
      SimulatedDeployment d = deployment("v24.3.20", false).build();
      ExecutorOptions stop = ExecutorOptions.builder().settleTime(Duration.ofSeconds(5))
          .stopBeforeFinalization(true).build();

      RunResult paused = executor(d, stop).run(UpgradeRequest.to("25.2").build());

      assertThat(paused.status()).isEqualTo(RunStatus.PAUSED);
      assertThat(d.trueSnapshot().standby().binarySeries().toString()).isEqualTo("[25.2]");
      assertThat(d.trueVersion("standby", "system")).contains(ClusterVersion.parse("24.3"));

      RunResult rolledBack = executor(d, FAST).rollback(new CancelHandle());
      assertThat(rolledBack.isCompleted()).as(rolledBack.toString()).isTrue();
      assertThat(d.trueSnapshot().standby().binarySeries().toString()).isEqualTo("[24.3]");
      assertThat(d.monitor().violations()).isEmpty();
    }

    @Test
    void cancellationStopsWithinOnePollInterval() {
      SimulatedDeployment d = deployment("v24.3.20", true).build();
      CancelHandle cancel = new CancelHandle();
      List<Instant> cancelledAt = new ArrayList<>();

      RunResult r = d.ports().executor().options(FAST).listener(e -> {
            if (e instanceof UpgradeEvent.StepStarted s && s.progress().done() == 4) {
              cancel.cancel();
              cancelledAt.add(d.now());
            }
          }).build().run(UpgradeRequest.to("25.2").build(), cancel);

      assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(Duration.between(cancelledAt.get(0), d.now()))
          .isLessThanOrEqualTo(FAST.pollInterval());
    }

    @Test
    void aListenerThatThrowsNeverBreaksARun() {
      SimulatedDeployment d = deployment("v24.3.20", false).build();
      List<UpgradeEvent> events = new ArrayList<>();

      RunResult r = d.ports().executor().options(FAST)
          .listener(e -> {
            throw new IllegalStateException("a broken listener");
          })
          .listener(events::add).build().run(UpgradeRequest.to("25.2").build());

      assertThat(r.isCompleted()).isTrue();
      assertThat(events.get(0)).isInstanceOf(UpgradeEvent.RunStarted.class);
      assertThat(events.get(events.size() - 1)).isInstanceOf(UpgradeEvent.Completed.class);
      List<Integer> done = events.stream().map(e -> e.progress().done()).toList();
      assertThat(done).isSorted();
    }
  }
}
