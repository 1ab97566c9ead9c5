package io.github.pcrupgrade.testkit.executor;

import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.deployment;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fast;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.to;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.PcrUpgrade;
import io.github.pcrupgrade.core.exec.CancelHandle;
import io.github.pcrupgrade.core.exec.HaltReason;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run given a confirmed plan that is not the plan it starts from halts STATE_DIVERGED before
 * acting (docs/design.md, "The confirmed plan is the executed plan"), and its message says how the
 * two differ by step id: the steps nobody confirmed, the confirmed steps no longer planned, a long
 * list cut short with a count rather than printed whole.
 */
class ConfirmedPlanDifferenceTest {

  private static UpgradePlan preview(RecordingPorts ports, String target) {
    return new PcrUpgrade(ports.executor().options(fast()).build()).preview(to(target)).plan()
        .orElseThrow();
  }

  private static RunResult runConfirmed(RecordingPorts ports, String target,
      UpgradePlan confirmed) {
    return new PcrUpgrade(ports.executor().options(fast()).build())
        .upgrade(to(target), new CancelHandle(), confirmed);
  }

  @Test
  void stepsNobodyConfirmedAreNamedAndALongListIsCutShortWithACount() {
    // Given a plan confirmed for one hop, and a run asked for two
    SimulatedDeployment d = deployment().nodes(2, 2).build();
    RecordingPorts ports = new RecordingPorts(d.ports());
    UpgradePlan confirmed = preview(ports, "25.2");
    UpgradePlan wanted = preview(ports, "25.4");
    List<String> extra = wanted.stepIds().stream()
        .filter(id -> confirmed.step(id).isEmpty()).toList();
    assertThat(extra).as("the second hop's steps").hasSizeGreaterThan(5);

    // When
    RunResult r = runConfirmed(ports, "25.4", confirmed);

    // Then
    assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.HALTED);
    assertThat(r.haltReason()).contains(HaltReason.STATE_DIVERGED);
    assertThat(r.message()).contains("not confirmed: " + extra.get(0) + " (")
        .contains(" and " + (extra.size() - 5) + " more")
        .doesNotContain(extra.get(extra.size() - 1) + " (")
        .doesNotContain("no longer planned");
    assertThat(ports.calls()).as("nothing was done").isEmpty();
  }

  @Test
  void confirmedStepsNoLongerPlannedAreNamed() {
    // Given a plan confirmed for two hops, and a run asked for one
    SimulatedDeployment d = deployment().nodes(2, 2).build();
    RecordingPorts ports = new RecordingPorts(d.ports());
    UpgradePlan confirmed = preview(ports, "25.4");
    UpgradePlan wanted = preview(ports, "25.2");
    List<String> gone = confirmed.stepIds().stream()
        .filter(id -> wanted.step(id).isEmpty()).toList();

    // When
    RunResult r = runConfirmed(ports, "25.2", confirmed);

    // Then the message names what the confirmation covered and the run would not do
    assertThat(r.haltReason()).as(r.toString()).contains(HaltReason.STATE_DIVERGED);
    assertThat(r.message()).contains("no longer planned: " + gone.get(0) + ", " + gone.get(1))
        .doesNotContain("not confirmed:");
    assertThat(ports.calls()).as("nothing was done").isEmpty();
  }
}
