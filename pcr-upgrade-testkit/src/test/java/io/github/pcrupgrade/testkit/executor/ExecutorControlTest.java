package io.github.pcrupgrade.testkit.executor;

import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.POLL;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.deployment;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fast;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fastOptions;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.finalizationStarts;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.to;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.exec.CancelHandle;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.spi.ApprovalGate;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a caller controls: approvals, stopping before the point of no return, rollback, cancel. */
class ExecutorControlTest {

  @Test
  void withoutApprovalTheRunPausesBeforeTheFirstFinalizationAndARerunWithApprovalCompletes() {
    // Given
    SimulatedDeployment d = deployment().build();
    d.approvalGate().answer(ApprovalGate.Decision.NOT_NOW);

    // When
    RunResult paused = d.ports().executor().options(fastOptions().requireApproval(true).build())
        .build().run(to("25.2"));

    // Then
    assertThat(paused.status()).as(paused.toString()).isEqualTo(RunStatus.PAUSED);
    assertThat(paused.message()).contains("approval", "run again");
    assertThat(d.approvalGate().requests()).singleElement()
        .satisfies(r -> assertThat(r.stepId()).isEqualTo("25.2:standby:finalize:system"));
    assertThat(finalizationStarts(d)).isEmpty();
    d.monitor().assertClean();

    d.approvalGate().answer(ApprovalGate.Decision.APPROVED);
    RunResult again = d.ports().executor()
        .options(fastOptions().requireApproval(true).build()).build().run(to("25.2"));
    assertThat(again.isCompleted()).as(again.toString()).isTrue();
    assertThat(d.approvalGate().requests()).extracting(ApprovalGate.Request::stepId)
        .contains("25.2:standby:finalize:system", "25.2:primary:finalize:system",
            "25.2:primary:finalize:main");
    d.monitor().assertClean();
  }

  @Test
  void stopBeforeFinalizationPausesWithTheStandbyUpgradedAndRollbackRestoresItsBinaries() {
    // Given
    SimulatedDeployment d = deployment().build();
    BinaryVersion previous = BinaryVersion.parse("v24.3.20");

    // When
    RunResult paused = d.ports().executor()
        .options(fastOptions().stopBeforeFinalization(true).build()).build().run(to("25.2"));

    // Then: the standby runs 25.2 everywhere, nothing finalized, the rollback window open
    assertThat(paused.status()).as(paused.toString()).isEqualTo(RunStatus.PAUSED);
    assertThat(paused.message()).contains("stopBeforeFinalization", "rollback window");
    assertThat(d.snapshot().standby().nodes()).extracting(n -> n.binary().series().toString())
        .containsOnly("25.2");
    assertThat(finalizationStarts(d)).isEmpty();
    assertThat(d.trueVersion("standby", "system")).contains(ClusterVersion.parse("24.3"));

    RunResult rolledBack = d.ports().executor().options(fast()).build()
        .rollback(new CancelHandle());
    assertThat(rolledBack.isCompleted()).as(rolledBack.toString()).isTrue();
    // every standby node left 24.3, so the rollback plan names the series and the node upgrader
    // chooses the patch (the simulated one: the latest 24.3 it knows)
    assertThat(d.snapshot().standby().nodes()).extracting(n -> n.binary().series().toString())
        .containsOnly("24.3");
    assertThat(d.snapshot().primary().nodes()).extracting(NodeInfo::binary)
        .containsOnly(previous);
    d.monitor().assertClean();
  }

  @Test
  void cancelFromAListenerStopsWithinOnePollInterval() {
    // Given
    SimulatedDeployment d = deployment().build();
    CancelHandle cancel = new CancelHandle();
    List<Instant> cancelledAt = new ArrayList<>();
    List<UpgradeEvent> events = new ArrayList<>();

    // When: cancelled while the run waits for the first node to rejoin
    RunResult r = d.ports().executor().options(fast()).listener(events::add).listener(e -> {
      if (e instanceof UpgradeEvent.Waiting && cancelledAt.isEmpty()) {
        cancelledAt.add(d.now());
        cancel.cancel();
      }
    }).build().run(to("25.2"), cancel);

    // Then
    assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.CANCELLED);
    assertThat(r.message()).contains("run again");
    assertThat(Duration.between(cancelledAt.get(0), d.now())).isLessThanOrEqualTo(POLL);
    assertThat(events).last().isInstanceOf(UpgradeEvent.Cancelled.class);
    d.monitor().assertClean();
    RunResult again = d.ports().executor().options(fast()).build().run(to("25.2"));
    assertThat(again.isCompleted()).as(again.toString()).isTrue();
  }

  @Test
  void interruptingTheExecutorThreadCancelsWithinOnePollInterval() {
    // Given
    SimulatedDeployment d = deployment().build();
    List<Instant> interruptedAt = new ArrayList<>();

    // When
    RunResult r;
    try {
      r = d.ports().executor().options(fast()).listener(e -> {
        if (e instanceof UpgradeEvent.Waiting && interruptedAt.isEmpty()) {
          interruptedAt.add(d.now());
          Thread.currentThread().interrupt();
        }
      }).build().run(to("25.2"));
    } finally {
      Thread.interrupted();
    }

    // Then
    assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.CANCELLED);
    assertThat(Duration.between(interruptedAt.get(0), d.now())).isLessThanOrEqualTo(POLL);
    d.monitor().assertClean();
  }
}
