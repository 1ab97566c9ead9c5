package io.github.pcrupgrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.rules.RuleCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BuilderTest {

  @Test
  void refusesAStandbyBehindThePrimary() {
    assertRefused(SimulatedDeployment.builder().series("24.3").standbyBinary("v24.1.29"),
        "the standby is behind the primary");
    assertRefused(SimulatedDeployment.builder().series("25.2").primaryVersion("25.2")
        .standbyVersion("24.3"), "the standby is behind the primary");
  }

  @Test
  void refusesAReaderWithoutAReplicatingVc() {
    assertRefused(SimulatedDeployment.builder().reader(true).replicating(false),
        "a reader VC needs a replicating VC");
  }

  @Test
  void refusesAReaderBefore243() {
    assertRefused(SimulatedDeployment.builder().series("24.1").reader(true),
        "a reader VC needs standby binaries of 24.3 or later");
  }

  @Test
  void refusesAnUnknownSeriesEvenWhenInconsistencyIsAllowed() {
    assertRefused(SimulatedDeployment.builder().series("27.9").allowInconsistentStart(),
        "unknown series 27.9");
    assertRefused(SimulatedDeployment.builder().series("banana"), "series");
  }

  @Test
  void refusesBadCountsAndNames() {
    assertRefused(SimulatedDeployment.builder().primaryNodes(0), "at least one node");
    assertRefused(SimulatedDeployment.builder().names("same", "same"), "distinct names");
    assertRefused(SimulatedDeployment.builder().appVc("Bad Name"), "application VC name");
  }

  @Test
  void refusesAKnobOrFaultNamingAClusterOrVcTheDeploymentDoesNotHave() {
    // A misspelt name would otherwise be silently never used, and the test would pass for the
    // wrong reason.
    assertRefused(SimulatedDeployment.builder().localities("primray", "region=a"),
        "localities names cluster 'primray'");
    assertRefused(SimulatedDeployment.builder().settings("primary", "mian",
        FinalizationSettings.PRODUCT_DEFAULTS), "settings names VC 'mian'");
    assertRefused(SimulatedDeployment.builder().finalizationDuration("stanby", "main",
        Duration.ofMinutes(2)), "finalizationDuration names cluster 'stanby'");
    assertRefused(SimulatedDeployment.builder().serviceStopDuration("standby", "reader",
        Duration.ofSeconds(5)), "serviceStopDuration names VC 'reader'");
    assertRefused(SimulatedDeployment.builder().faults(FaultPlan.builder().on(
        Trigger.onNodeRestart(1), new Fault.LicenceThrottled("elsewhere")).build()),
        "names cluster 'elsewhere'");
  }

  @Test
  void knobsNamingTheDeploymentsOwnClustersAndVcsAreAccepted() {
    SimulatedDeployment d = SimulatedDeployment.builder().names("east", "west").appVc("app")
        .reader(true).localities("east", "region=us-east1")
        .settings("west", "app-readonly", FinalizationSettings.PRODUCT_DEFAULTS)
        .finalizationDuration("east", "system", Duration.ofMinutes(2))
        .serviceStopDuration("west", "app", Duration.ofSeconds(5)).build();

    assertThat(d.trueSnapshot().primary().name()).isEqualTo("east");
  }

  @Test
  void anInconsistentStartIsSimulatedWhenAskedForAndTheMonitorSeesIt() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").primaryVersion("25.2")
        .standbyBinary("v25.2.19").standbyVersion("24.3").allowInconsistentStart().build();

    assertThat(d.monitor().violations()).extracting(v -> v.rule().orElse(null))
        .contains(RuleCode.REPLICATED_VC_NEWER_THAN_DESTINATION);
  }

  private static void assertRefused(SimulatedDeployment.Builder b, String problem) {
    PcrUpgradeException e = catchThrowableOfType(b::build, PcrUpgradeException.class);
    assertThat(e).as("refused").isNotNull();
    assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains(problem);
  }
}
