package io.github.pcrupgrade.testkit.executor;

import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.POLL;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.deployment;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fast;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fastOptions;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.to;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.exec.HaltReason;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.testkit.Fault;
import io.github.pcrupgrade.testkit.ForwardingOperations;
import io.github.pcrupgrade.testkit.Ports;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the executor's waits and retries end: a transient failure is retried after a poll interval,
 * 3 times; a wait for a precondition halts once healthTimeout has passed, not a
 * poll later; a step done earlier in the run that the planner wants again halts STATE_DIVERGED
 * saying so.
 */
class ExecutorWaitContractTest {

  @Test
  void aStepThatAlwaysFailsTransientlyIsRetriedAfterAPollIntervalAndThenHalts() {
    // Given: every SET CLUSTER SETTING on the primary fails with a TRANSIENT error
    SimulatedDeployment d = deployment().build();
    Ports p = d.ports();
    List<Instant> attempts = new ArrayList<>();
    PcrUpgradeException failure =
        new PcrUpgradeException(CoreErrorCode.TRANSIENT, "restart transaction (40001)");
    ClusterOperations failing = new ForwardingOperations(p.primaryOperations()) {
      @Override
      public void setFinalizationSetting(String vc, PinSetting setting, String value) {
        attempts.add(d.now());
        if (attempts.size() > 50) {
          throw new AssertionError("retried without bound: " + attempts.size() + " attempts");
        }
        throw failure;
      }
    };

    // When
    RunResult r = p.executor().options(fast()).primary(p.primaryInspector(), failing).build()
        .run(to("25.2"));

    // Then: the first attempt and 3 retries (docs/design.md, "Transient failures"), each a poll
    // interval or more after the one before, then a halt with the failure as its cause
    assertThat(r.haltReason()).as(r.toString()).contains(HaltReason.PORT_FAILURE);
    assertThat(r.cause()).containsSame(failure);
    assertThat(attempts).hasSize(4);
    for (int i = 1; i < attempts.size(); i++) {
      assertThat(Duration.between(attempts.get(i - 1), attempts.get(i)))
          .as("between attempts %d and %d", i, i + 1).isGreaterThanOrEqualTo(POLL);
    }
    assertThat(d.snapshot().primary().systemVc().settings().orElseThrow())
        .isEqualTo(deployment().build().snapshot().primary().systemVc().settings().orElseThrow());
  }

  @Test
  void aPreconditionThatNeverHoldsHaltsOnceHealthTimeoutHasPassed() {
    // Given: a standby node dies for good once the first standby node is restarted; the health
    // gate of the next restart may wait 7 s (polls at 0, 1, 3 and 7 s)
    SimulatedDeployment d = deployment().build();
    FaultEvidence.Injection dies = FaultEvidence.on(UpgradeEvent.StepDone.class,
        "25.2:standby:restart:n1", e -> d.inject(Fault.nodeDies("standby", 3, Duration.ZERO)));

    // When
    RunResult r = d.ports().executor()
        .options(fastOptions().healthTimeout(Duration.ofSeconds(7)).build()).listener(dies)
        .build().run(to("25.2"));

    // Then: halted after 7 s of waiting, not a poll later
    dies.firedAt();
    assertThat(r.haltReason()).as(r.toString()).contains(HaltReason.PRECONDITION_NOT_MET);
    assertThat(r.message()).contains("before step 25.2:standby:restart:n2",
        "after waiting PT7S: ");
  }

  @Test
  void aStepDoneEarlierInTheRunThatIsNeededAgainHaltsSayingSo() {
    // Given: once the primary's two pins are set, an outside actor re-enables auto-upgrade in the
    // primary's system VC, undoing the run's first step
    SimulatedDeployment d = deployment().build();
    FaultEvidence.Injection undo = FaultEvidence.on(UpgradeEvent.StepDone.class,
        "pin:primary:main",
        e -> d.inject(Fault.externalReenablesAutoUpgrade("primary", "system")));

    // When
    RunResult r = d.ports().executor().options(fast()).listener(undo).build().run(to("25.2"));

    // Then
    undo.firedAt();
    assertThat(r.haltReason()).as(r.toString()).contains(HaltReason.STATE_DIVERGED);
    assertThat(r.message()).contains("step pin:primary:system (",
        "was done earlier in this run but is needed again");
  }
}
