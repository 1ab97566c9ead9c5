package io.github.pcrupgrade.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.junit.SimulatedPcr;
import org.junit.jupiter.api.Test;

/**
 * How a user's test suite validates upgrade ordering with the testkit: the extension injects a
 * fresh simulated deployment and fails the test if its invariant monitor records a violation.
 */
class UpgradeOrderingTest {

  @Test
  @SimulatedPcr(primaryNodes = 3, standbyNodes = 3, series = "24.3", reader = true)
  void ourRunbookUpgradesInTheDocumentedOrder(SimulatedDeployment deployment) {
    RunResult result = deployment.ports().executor().build()
        .run(UpgradeRequest.to("25.2").build());

    assertThat(result.isCompleted()).as(result.toString()).isTrue();
    // The extension also fails this test if the monitor recorded anything.
  }

  @Test
  @SimulatedPcr(primaryNodes = 3, standbyNodes = 3, series = "24.3", failOnViolation = false)
  void upgradingThePrimaryFirstIsCaught(SimulatedDeployment deployment) {
    // A runbook that ignores the order: primary binaries first, auto-finalization left on.
    var ports = deployment.ports();
    for (int node = 1; node <= 3; node++) {
      ports.nodeUpgrader().upgrade("primary",
          ports.primaryInspector().inspect().node(node).orElseThrow(),
          io.github.pcrupgrade.core.model.BinaryTarget.anyPatchOf(
              io.github.pcrupgrade.core.version.ReleaseSeries.parse("25.2")));
      deployment.advance(java.time.Duration.ofMinutes(2));
    }
    deployment.advance(java.time.Duration.ofMinutes(5));

    assertThat(deployment.monitor().violations())
        .anySatisfy(v -> assertThat(v.toString()).contains("REPLICATED_VC_NEWER_THAN_DESTINATION"));
  }

  @Test
  @SimulatedPcr(series = "24.3")
  void pinningFinalizationIsPartOfThePlan(SimulatedDeployment deployment) {
    var plan = io.github.pcrupgrade.core.plan.Planner.builtIn()
        .plan(deployment.snapshot(), UpgradeRequest.to("25.2").build()).orThrow();

    assertThat(plan.steps().get(0).setting()).contains(PinSetting.AUTO_UPGRADE_ENABLED);
  }
}
