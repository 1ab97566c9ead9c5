package io.github.pcrupgrade.testkit.executor;

import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.deployment;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fast;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fastOptions;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.to;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.exec.HaltReason;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.testkit.ForwardingOperations;
import io.github.pcrupgrade.testkit.Ports;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code SET REPLICATION READ VIRTUAL CLUSTER} succeeds and silently does nothing before 24.3.12 /
 * 25.1.6 and during the stream's initial scan (crdb-pcr-sql-facts 10.3): the executor checks that
 * the reader appeared and sends the statement again (bounded by readerVcTimeout).
 */
class ExecutorReaderStatementTest {

  /** The standby's operations whose first {@code n} reader statements do nothing, and succeed. */
  private static final class SilentReaderStatements extends ForwardingOperations {
    private final int silent;
    final AtomicInteger sent = new AtomicInteger();

    SilentReaderStatements(ClusterOperations delegate, int silent) {
      super(delegate);
      this.silent = silent;
    }

    @Override
    public void createReaderVirtualCluster(String replicatingVc) {
      if (sent.incrementAndGet() > silent) {
        delegate().createReaderVirtualCluster(replicatingVc);
      }
    }
  }

  @Test
  void aReaderStatementThatSilentlyDidNothingIsDetectedAndSentAgain() {
    // Given: the first reader statement succeeds and does nothing
    SimulatedDeployment d = deployment().reader(true).build();
    Ports p = d.ports("A");
    SilentReaderStatements standby = new SilentReaderStatements(p.standbyOperations(), 1);

    // When
    RunResult r = p.executor().executorId("A").options(fast())
        .standby(p.standbyInspector(), standby).build().run(to("25.2"));

    // Then: sent again once the reader had stayed absent for resendAfter, and completed
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    assertThat(standby.sent.get()).isEqualTo(2);
    assertThat(d.journal().history(d.deploymentId())).anyMatch(e -> e.entry().event()
        == JournalEvent.STEP_STARTED && e.entry().detail().startsWith("again: Re-create reader")
        && e.entry().detail().contains("reader VC 'main-readonly' absent"));
    assertThat(d.trueVersion("standby", "main-readonly")).isPresent();
    d.monitor().assertClean();
  }

  @Test
  void aReaderStatementThatNeverTakesEffectHaltsAfterReaderVcTimeoutSayingWhy() {
    // Given: every reader statement does nothing (an unfixed patch)
    SimulatedDeployment d = deployment().reader(true).build();
    Ports p = d.ports("A");
    SilentReaderStatements standby = new SilentReaderStatements(p.standbyOperations(),
        Integer.MAX_VALUE);

    // When: readerVcTimeout 10 min, resendAfter 2 min
    RunResult r = p.executor().executorId("A")
        .options(fastOptions().readerVcTimeout(Duration.ofMinutes(10)).build())
        .standby(p.standbyInspector(), standby).build().run(to("25.2"));

    // Then: bounded re-sends, then a halt that says why
    assertThat(r.haltReason()).as(r.toString()).contains(HaltReason.TIMEOUT);
    assertThat(standby.sent.get()).isBetween(4, 6);
    assertThat(r.message()).contains("the reader never appeared", "24.3.12 / 25.1.6");
  }
}
