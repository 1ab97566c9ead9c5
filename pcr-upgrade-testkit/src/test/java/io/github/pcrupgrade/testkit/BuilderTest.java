package io.github.pcrupgrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.rules.RuleCode;
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
