package io.github.pcrupgrade.testkit.executor;

import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.deployment;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fast;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fastOptions;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.to;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.exec.HaltReason;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.spi.ApprovalGate;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testkit.ForwardingOperations;
import io.github.pcrupgrade.testkit.Ports;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lease as the executor's class documentation and docs/design.md promise it: a run waits up to
 * leaseWait for another holder and then halts LEASE_HELD saying how long it waited; it renews the
 * lease before every inspection round and right before acting, and halts LEASE_LOST (never
 * completing, never acting) once another executor has taken the deployment over; the heartbeat of
 * a call that loses the lease journals the call's outcome as unknown.
 */
class ExecutorLeaseContractTest {

  @Test
  void aRunWaitsForAnotherHoldersLeaseToExpireWithinLeaseWait() {
    // Given: A's lease expires 10 s after the start; B may wait 30 s
    SimulatedDeployment d = deployment().build();
    Instant start = d.now();
    d.journal().acquireLease(d.deploymentId(), "A", Duration.ofSeconds(10));

    // When
    RunResult b = d.ports("B").executor().executorId("B")
        .options(fastOptions().leaseWait(Duration.ofSeconds(30)).build()).build()
        .run(to("25.2"));

    // Then: B took the lease once A's expired, and only then wrote anything
    assertThat(b.isCompleted()).as(b.toString()).isTrue();
    List<JournalRecord> h = d.journal().history(d.deploymentId());
    assertThat(h.get(0).entry().event()).isEqualTo(JournalEvent.RUN_STARTED);
    assertThat(h.get(0).at()).isAfterOrEqualTo(start.plusSeconds(10));
    d.monitor().assertClean();
  }

  @Test
  void aRunHaltsOnceLeaseWaitHasPassedSayingHowLongItWaited() {
    // Given: A's lease lasts 10 s; B may wait 7 s (polls at 1, 3 and 7 s)
    SimulatedDeployment d = deployment().build();
    d.journal().acquireLease(d.deploymentId(), "A", Duration.ofSeconds(10));

    // When
    RunResult b = d.ports("B").executor().executorId("B")
        .options(fastOptions().leaseWait(Duration.ofSeconds(7)).build()).build()
        .run(to("25.2"));

    // Then: halted at 7 s, before A's lease ran out, and the message says so
    assertThat(b.haltReason()).as(b.toString()).contains(HaltReason.LEASE_HELD);
    assertThat(b.message()).contains("'A'", "; waited PT7S (leaseWait PT7S)");
    assertThat(b.took()).isEqualTo(Duration.ofSeconds(7));
    d.monitor().assertClean();
  }

  @Test
  void aRunThatDidNotWaitDoesNotSayItWaited() {
    // Given
    SimulatedDeployment d = deployment().build();
    d.journal().acquireLease(d.deploymentId(), "A", Duration.ofMinutes(5));

    // When: leaseWait zero
    RunResult b = d.ports("B").executor().executorId("B")
        .options(fastOptions().leaseWait(Duration.ZERO).build()).build().run(to("25.2"));

    // Then
    assertThat(b.haltReason()).as(b.toString()).contains(HaltReason.LEASE_HELD);
    assertThat(b.message()).doesNotContain("waited");
  }

  @Test
  void aRunWhoseLeaseWasTakenOverAfterItsLastStepHaltsInsteadOfCompleting() {
    // Given: when A's last step is done, its lease is taken over by B
    SimulatedDeployment d = deployment().build();
    String last = "restore:standby:system";

    // When
    RunResult a = d.ports("A").executor().executorId("A").options(fast()).listener(e -> {
      if (e instanceof UpgradeEvent.StepDone s && s.step().id().equals(last)) {
        takeOver(d, "B");
      }
    }).build().run(to("25.2"));

    // Then: A reports LEASE_LOST and never records the completion as its own
    assertThat(a.status()).as(a.toString()).isEqualTo(RunStatus.HALTED);
    assertThat(a.haltReason()).contains(HaltReason.LEASE_LOST);
    assertThat(d.journal().history(d.deploymentId()))
        .noneMatch(r -> r.entry().event() == JournalEvent.RUN_COMPLETED);
    d.monitor().assertClean();
  }

  @Test
  void aLeaseTakenOverWhileTheApprovalGateDecidesStopsTheRunBeforeItFinalizes() {
    // Given: the gate takes long enough for B to take the deployment over, then approves
    SimulatedDeployment d = deployment().build();
    ApprovalGate slow = req -> {
      takeOver(d, "B");
      return ApprovalGate.Decision.APPROVED;
    };

    // When
    RunResult a = d.ports("A").executor().executorId("A")
        .options(fastOptions().requireApproval(true).build()).approvalGate(slow).build()
        .run(to("25.2"));

    // Then: A stopped before the point of no return; nothing was finalized
    assertThat(a.haltReason()).as(a.toString()).contains(HaltReason.LEASE_LOST);
    assertThat(a.message()).contains("stopped before acting");
    assertThat(ExecutorFixtures.finalizationStarts(d)).isEmpty();
    d.monitor().assertClean();
  }

  @Test
  void aCallThatLosesTheLeaseWhileItRunsIsJournaledAsOfUnknownOutcome() {
    // Given: the standby's system VC takes 5 minutes to finalize inside its statement, the lease
    // lasts 40 s (longer than a node upgrader call), and B takes the deployment over as the
    // statement is sent
    SimulatedDeployment d = deployment()
        .finalizationDuration("standby", "system", Duration.ofMinutes(5)).build();
    Ports p = d.ports("A");
    ClusterOperations takenOver = new ForwardingOperations(p.standbyOperations()) {
      @Override
      public void finalizeVersion(String vc, ReleaseSeries target) {
        takeOver(d, "B");
        super.finalizeVersion(vc, target);
      }
    };

    // When
    RunResult a = p.executor().executorId("A")
        .options(fastOptions().leaseTtl(Duration.ofSeconds(40)).build())
        .standby(p.standbyInspector(), takenOver).build().run(to("25.2"));

    // Then: the heartbeat found the lease lost, the call was abandoned and journaled as unknown
    assertThat(a.haltReason()).as(a.toString()).contains(HaltReason.LEASE_LOST);
    assertThat(a.message()).contains("abandoned");
    assertThat(d.journal().history(d.deploymentId())).anyMatch(r ->
        r.entry().event() == JournalEvent.STEP_OUTCOME_UNKNOWN
            && r.entry().stepId().equals("25.2:standby:finalize:system")
            && r.entry().detail().contains("the lease was lost while it ran"));
  }

  /** Another executor takes the deployment over: A's lease ends and {@code holder} takes one. */
  private static void takeOver(SimulatedDeployment d, String holder) {
    Lease current = d.journal().currentLease(d.deploymentId()).orElseThrow();
    d.journal().releaseLease(current);
    d.journal().acquireLease(d.deploymentId(), holder, Duration.ofMinutes(5));
  }
}
