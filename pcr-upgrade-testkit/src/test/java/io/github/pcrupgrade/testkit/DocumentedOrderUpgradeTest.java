package io.github.pcrupgrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DocumentedOrderUpgradeTest {

  @Test
  void upgrades243To252WithAReaderVcWithoutBreakingAnyInvariant() {
    // Given a 24.3 deployment with a reader VC, product-default settings
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").reader(true).seed(7)
        .build();

    // When it is upgraded through the ports in the documented order
    new DocumentedOrderUpgrade(d.ports()).run(ReleaseSeries.parse("25.2"));

    // Then every VC is at 25.2, the reader was re-created at 25.2, settings are restored ...
    DeploymentSnapshot truth = d.trueSnapshot();
    assertThat(truth.primary().virtualClusters()).allSatisfy(
        v -> assertThat(v.version().version().toString()).isEqualTo("25.2"));
    assertThat(truth.standby().virtualClusters()).allSatisfy(
        v -> assertThat(v.version().version().toString()).isEqualTo("25.2"));
    assertThat(truth.standby().vc("main-readonly")).isPresent();
    assertThat(truth.primary().vc("main").orElseThrow().settings())
        .hasValue(FinalizationSettings.PRODUCT_DEFAULTS);
    // ... and the monitor recorded nothing
    d.monitor().assertClean();
  }

  @Test
  void skipUpgrade252To254ShowsTheTransient253AndStaysSafe() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").reader(true).build();

    new DocumentedOrderUpgrade(d.ports()).run(ReleaseSeries.parse("25.4"));

    assertThat(d.trace()).anyMatch(e -> e.cluster().equals("standby")
        && e.detail().equals("system: at 25.3"));
    assertThat(d.trace()).anyMatch(e -> e.cluster().equals("primary")
        && e.detail().equals("main: at 25.3"));
    assertThat(d.trueVersion("standby", "main").orElseThrow().toString()).isEqualTo("25.4");
    d.monitor().assertClean();
  }

  @Test
  void twoHopsFrom243To254() {
    SimulatedDeployment d = SimulatedDeployment.builder().nodes(5, 5).series("24.3").reader(true)
        .build();

    new DocumentedOrderUpgrade(d.ports()).run(ReleaseSeries.parse("25.2"),
        ReleaseSeries.parse("25.4"));

    assertThat(d.trueVersion("standby", "main-readonly").orElseThrow().toString())
        .isEqualTo("25.4");
    d.monitor().assertClean();
  }

  @Test
  void aPollIntervalThatLetsNoTimePassIsRefusedRatherThanWaitingForever() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();

    for (Duration poll : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1)}) {
      assertThatThrownBy(() -> new DocumentedOrderUpgrade(d.ports(), poll, Duration.ofHours(1)))
          .isInstanceOfSatisfying(PcrUpgradeException.class,
              e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT));
    }
    assertThatThrownBy(() -> new DocumentedOrderUpgrade(d.ports(), Duration.ofSeconds(5),
        Duration.ofSeconds(-1))).isInstanceOf(PcrUpgradeException.class);
  }
}
