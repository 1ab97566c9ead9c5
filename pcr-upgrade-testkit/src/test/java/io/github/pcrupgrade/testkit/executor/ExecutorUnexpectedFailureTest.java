package io.github.pcrupgrade.testkit.executor;

import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.deployment;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fast;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.finalizationStarts;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.to;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.exec.HaltReason;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.NodeUpgrader;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testkit.ForwardingOperations;
import io.github.pcrupgrade.testkit.Ports;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A port that fails with an exception outside its contract (a {@link RuntimeException} that is no
 * {@code PcrUpgradeException}: a bug in a host's node upgrader, a driver's surprise) is unexpected:
 * the executor halts with {@code PORT_FAILURE} and that exception as the cause, journals the halt,
 * releases its lease and never guesses what the call did (DESIGN, "Execute": anything unexpected
 * halts with a diagnosis). A rerun with a working port completes.
 */
class ExecutorUnexpectedFailureTest {

  @Test
  void aNodeUpgraderThatThrowsAnUnexpectedExceptionHaltsTheRunWithItAsTheCause() {
    // Given: the host's upgrader has a bug that shows on the standby's second node
    SimulatedDeployment d = deployment().build();
    Ports ports = d.ports();
    IllegalStateException bug = new IllegalStateException("host upgrader bug: no such unit");
    NodeUpgrader buggy = new NodeUpgrader() {
      @Override
      public void upgrade(String cluster, NodeInfo node, BinaryTarget target) {
        if (cluster.equals("standby") && node.id() == 2) {
          throw bug;
        }
        ports.nodeUpgrader().upgrade(cluster, node, target);
      }

      @Override
      public void rollback(String cluster, NodeInfo node, BinaryTarget target) {
        ports.nodeUpgrader().rollback(cluster, node, target);
      }
    };

    // When
    RunResult r = ports.executor().nodeUpgrader(buggy).options(fast()).build().run(to("25.2"));

    // Then
    assertHaltedBy(r, bug, "25.2:standby:restart:n2");
    assertJournaledAndReleased(d, r);
    d.monitor().assertClean();
    assertThat(d.snapshot().standby().node(2).orElseThrow().binary().toString()).startsWith("v24.3");
    RunResult again = d.ports().executor().options(fast()).build().run(to("25.2"));
    assertThat(again.isCompleted()).as(again.toString()).isTrue();
    d.monitor().assertClean();
  }

  @Test
  void anOperationThatThrowsAnUnexpectedExceptionHaltsBeforeAnythingElseIsDone() {
    // Given: the primary's operations fail the app VC's finalization with a surprise
    SimulatedDeployment d = deployment().build();
    Ports ports = d.ports();
    UnsupportedOperationException surprise =
        new UnsupportedOperationException("driver: feature not supported");
    ClusterOperations failing = new FinalizeFails(ports.primaryOperations(), "main", surprise);

    // When
    RunResult r = ports.executor().primary(ports.primaryInspector(), failing).options(fast())
        .build().run(to("25.2"));

    // Then: the halt names the step; the primary's app VC was never finalized, and nothing after
    // the step was begun
    assertHaltedBy(r, surprise, "25.2:primary:finalize:main");
    assertJournaledAndReleased(d, r);
    d.monitor().assertClean();
    assertThat(finalizationStarts(d)).filteredOn(t -> t.cluster().equals("primary")
        && t.detail().startsWith("main:")).isEmpty();
    assertThat(d.trueVersion("primary", "main")).contains(ClusterVersion.parse("24.3"));
    RunResult again = d.ports().executor().options(fast()).build().run(to("25.2"));
    assertThat(again.isCompleted()).as(again.toString()).isTrue();
    d.monitor().assertClean();
  }

  private static void assertHaltedBy(RunResult r, RuntimeException cause, String stepId) {
    assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.HALTED);
    assertThat(r.haltReason()).as(r.toString()).contains(HaltReason.PORT_FAILURE);
    assertThat(r.cause()).as(r.toString()).containsSame(cause);
    assertThat(r.message()).contains(stepId, cause.getMessage(), "\nNext: ");
  }

  private static void assertJournaledAndReleased(SimulatedDeployment d, RunResult r) {
    List<JournalEntry> run = d.journal().history(d.deploymentId()).stream()
        .map(x -> x.entry()).filter(e -> e.runId().equals(r.runId())).toList();
    assertThat(run.get(run.size() - 1).event()).isEqualTo(JournalEvent.RUN_HALTED);
    // a released lease is recorded as expiring at its release
    assertThat(d.journal().currentLease(d.deploymentId())).get().as("the lease was released")
        .satisfies(l -> assertThat(l.expiresAt()).isBeforeOrEqualTo(d.now()));
  }

  /** A cluster's operations whose finalization of one VC throws an unexpected exception. */
  private static final class FinalizeFails extends ForwardingOperations {
    private final String vc;
    private final RuntimeException failure;

    FinalizeFails(ClusterOperations delegate, String vc, RuntimeException failure) {
      super(delegate);
      this.vc = vc;
      this.failure = failure;
    }

    @Override
    public void finalizeVersion(String vc, ReleaseSeries target) {
      if (vc.equals(this.vc)) {
        throw failure;
      }
      super.finalizeVersion(vc, target);
    }
  }
}
