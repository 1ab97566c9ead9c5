package io.github.pcrupgrade.testkit.executor;

import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.deployment;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fast;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.to;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.core.journal.InMemoryUpgradeJournal;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.spi.ClusterInspector;
import io.github.pcrupgrade.testkit.Ports;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Without a scheduler, clock or sleeper, the executor uses the production scheduler: its port
 * calls run on daemon worker threads named for the deployment, so the run's own thread stays free
 * to renew the lease and watch for cancellation (docs/design.md).
 */
class ExecutorDefaultSchedulerTest {

  /** Records the thread each inspection ran on. */
  private record Recording(ClusterInspector delegate, List<Thread> threads)
      implements ClusterInspector {
    @Override
    public String clusterName() {
      return delegate.clusterName();
    }

    @Override
    public ClusterSnapshot inspect() {
      threads.add(Thread.currentThread());
      return delegate.inspect();
    }
  }

  @Test
  void byDefaultPortCallsRunOnDaemonWorkerThreadsNamedForTheDeployment() {
    // Given a deployment already at its target: the run only inspects
    SimulatedDeployment d = deployment().build();
    Ports p = d.ports();
    List<Thread> threads = new CopyOnWriteArrayList<>();

    // When: built without clock, sleeper or scheduler, and run from a thread that is not a daemon
    // (a new thread inherits its creator's daemon status: only setting it proves it)
    UpgradeExecutor x = UpgradeExecutor.builder().deploymentId("prod-pcr")
        .primary(new Recording(p.primaryInspector(), threads), p.primaryOperations())
        .standby(p.standbyInspector(), p.standbyOperations())
        .nodeUpgrader(p.nodeUpgrader())
        .journal(new InMemoryUpgradeJournal(Clock.systemUTC()))
        .options(fast()).build();
    AtomicReference<RunResult> result = new AtomicReference<>();
    Thread caller = new Thread(() -> result.set(x.run(to("24.3"))), "not-a-daemon");
    caller.setDaemon(false);
    caller.start();
    assertThat(join(caller)).as("the run ended within a minute").isTrue();
    RunResult r = result.get();

    // Then
    assertThat(r).isNotNull();
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    assertThat(threads).isNotEmpty().allSatisfy(t -> {
      assertThat(t).isNotSameAs(caller);
      assertThat(t.getName()).isEqualTo("pcr-upgrade-prod-pcr-call");
      assertThat(t.isDaemon()).isTrue();
    });
  }

  private static boolean join(Thread t) {
    try {
      t.join(Duration.ofMinutes(1).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the run", e);
    }
    return !t.isAlive();
  }
}
