package io.github.pcrupgrade.testkit.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutorSmokeTest {

  @Test
  void upgradesTwoHopsWithAReaderInTheDocumentedOrder() {
    SimulatedDeployment d = SimulatedDeployment.builder().nodes(3, 3).series("24.3")
        .primaryBinary("v24.3.20").standbyBinary("v24.3.20").reader(true).seed(7).build();
    List<UpgradeEvent> events = new ArrayList<>();

    RunResult r = d.ports().executor().listener(events::add)
        .options(ExecutorOptions.builder().settleTime(java.time.Duration.ofSeconds(5)).build())
        .build().run(UpgradeRequest.to("25.4").build());

    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    assertThat(d.monitor().violations()).isEmpty();
    assertThat(d.trueVersion("primary", "main")).contains(ClusterVersion.parse("25.4"));
    assertThat(d.trueVersion("standby", "main")).contains(ClusterVersion.parse("25.4"));
    assertThat(d.trueVersion("standby", "main-readonly")).contains(ClusterVersion.parse("25.4"));
    assertThat(events).filteredOn(e -> e instanceof UpgradeEvent.Completed).hasSize(1);
  }

  @Test
  void ridesOutAClusterThatCannotAnswerWhileItsOnlyNodeRestarts() {
    // Given one node per cluster: while it restarts, nothing answers the inspector
    SimulatedDeployment d = SimulatedDeployment.builder().nodes(1, 1).series("24.3")
        .primaryBinary("v24.3.20").standbyBinary("v24.3.20").seed(3).build();

    // When the executor upgrades it
    RunResult r = d.ports().executor().build().run(UpgradeRequest.to("25.2").build());

    // Then the waits treat the unanswered inspections as "not yet", and the run completes
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    assertThat(d.monitor().violations()).isEmpty();
  }
}
