package io.github.pcrupgrade.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class SimulatedPcrExtensionTest {

  @Test
  @SimulatedPcr(primaryNodes = 3, standbyNodes = 5, series = "24.3", reader = true, seed = 42)
  void injectsAFreshDeploymentBuiltFromTheAnnotation(SimulatedDeployment deployment) {
    assertThat(deployment.seed()).isEqualTo(42);
    assertThat(deployment.primary().nodes()).hasSize(3);
    assertThat(deployment.standby().nodes()).hasSize(5);
    assertThat(deployment.standby().showVirtualClusters()).hasSize(3);
  }

  @Test
  void failsATestWhoseDeploymentRecordedAViolation() {
    Events events = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(ViolatingCase.class)).execute().testEvents();

    events.assertStatistics(s -> s.started(1).failed(1).succeeded(0));
    assertThat(events.failed().stream().findFirst().orElseThrow().getPayload(
        org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable()
        .orElseThrow().getMessage()).contains("the invariant monitor recorded");
  }

  @Test
  void passesACleanTest() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(CleanCase.class)).execute()
        .testEvents().assertStatistics(s -> s.started(1).succeeded(1));
  }

  /** Run only through EngineTestKit (nested classes are not picked up by surefire). */
  static class ViolatingCase {
    @Test
    @SimulatedPcr(series = "24.3")
    void restartsThePrimaryFirstWithoutPinning(SimulatedDeployment d) {
      for (NodeInfo n : d.inspector("primary").inspect().nodes()) {
        d.nodeUpgrader().upgrade("primary", n,
            BinaryTarget.anyPatchOf(ReleaseSeries.parse("25.2")));
      }
      d.advance(Duration.ofMinutes(5));
    }
  }

  /** Run only through EngineTestKit. */
  @SimulatedPcr
  static class CleanCase {
    @Test
    void doesNothingDangerous(SimulatedDeployment d) {
      d.advance(Duration.ofHours(1));
    }
  }
}
