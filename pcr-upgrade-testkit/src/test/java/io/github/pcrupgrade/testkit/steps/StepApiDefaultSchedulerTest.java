package io.github.pcrupgrade.testkit.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.exec.StepApi;
import io.github.pcrupgrade.core.journal.InMemoryUpgradeJournal;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.spi.ClusterInspector;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.testkit.Ports;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Without a scheduler, clock or sleeper, the step API uses the production scheduler: its port
 * calls run on daemon threads named for the deployment (StepApi.Builder#scheduler), so a call
 * renews the lease while a port call runs.
 */
class StepApiDefaultSchedulerTest {

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
  void byDefaultPortCallsRunOnDaemonThreadsNamedForTheDeployment() {
    // Given a deployment on 24.3
    SimulatedDeployment d = StepDriving.deployment().build();
    Ports p = d.ports();
    List<Thread> threads = new CopyOnWriteArrayList<>();

    // When an API built without clock, sleeper or scheduler plans
    StepApi api = StepApi.builder().deploymentId("prod-pcr")
        .primary(new Recording(p.primaryInspector(), threads), p.primaryOperations())
        .standby(p.standbyInspector(), p.standbyOperations())
        .nodeUpgrader(p.nodeUpgrader())
        .journal(new InMemoryUpgradeJournal(Clock.systemUTC()))
        .options(StepDriving.options()).build();
    Lease lease = api.acquireLease("orchestrator");
    boolean planned = api.plan(lease, UpgradeRequest.to("25.2").build()).isPlanned();

    // Then the inspection ran on such a thread, not the caller's
    assertThat(planned).isTrue();
    assertThat(threads).isNotEmpty().allSatisfy(t -> {
      assertThat(t).isNotSameAs(Thread.currentThread());
      assertThat(t.getName()).isEqualTo("pcr-upgrade-prod-pcr-step");
      assertThat(t.isDaemon()).isTrue();
    });
  }
}
