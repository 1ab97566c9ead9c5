package io.github.pcrupgrade.testkit;

import static io.github.pcrupgrade.testkit.Sql.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {

  @Test
  void refusesAVersionAboveTheBinary() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();

    SimulatedSqlException e = error(() -> d.primary().setClusterSetting("system", "version", "25.2"));

    assertThat(e.sqlState()).isEqualTo("XXUUU");
    assertThat(e.getMessage()).isEqualTo("cannot upgrade to 25.2: node running 24.3");
  }

  @Test
  void refusesAVersionBelowMinSupported() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.4").primaryVersion("25.2")
        .standbyVersion("25.2").build();

    SimulatedSqlException e = error(() -> d.primary().setClusterSetting("system", "version", "24.3"));

    assertThat(e.sqlState()).isEqualTo("XXUUU");
    assertThat(e.getMessage()).isEqualTo("node at 25.4 cannot run 24.3 (minimum version is 25.2)");
  }

  @Test
  void refusesADowngrade() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.4").build();

    SimulatedSqlException e = error(() -> d.primary().setClusterSetting("system", "version", "25.2"));

    assertThat(e.sqlState()).isEqualTo("XXUUU");
    assertThat(e.getMessage())
        .isEqualTo("versions cannot be downgraded (attempting to downgrade from 25.4 to 25.2)");
  }

  @Test
  void refusesToFinalizeWhilePreserveDowngradeOptionIsSet() {
    SimulatedDeployment d = upgradedBinariesAt243();
    d.primary().setClusterSetting("system", "cluster.preserve_downgrade_option", "24.3");

    SimulatedSqlException e = error(() -> d.primary().setClusterSetting("system", "version", "25.2"));

    assertThat(e.sqlState()).isEqualTo("XXUUU");
    assertThat(e.getMessage())
        .isEqualTo("cannot upgrade to 25.2: cluster.preserve_downgrade_option is set to 24.3");
  }

  @Test
  void refusesAnAppVcAboveItsStorageCluster() {
    SimulatedDeployment d = upgradedBinariesAt243();

    SimulatedSqlException e = error(() -> d.primary().setClusterSetting("main", "version", "25.2"));

    assertThat(e.sqlState()).isEqualTo("XXUUU");
    assertThat(e.getMessage()).isEqualTo("preventing tenant upgrade from running as the storage"
        + " cluster has not yet been upgraded: storage cluster version = 24.3, tenant cluster"
        + " version = 24.3");
  }

  @Test
  void preserveDowngradeOptionMustEqualTheCurrentVersion() {
    SimulatedDeployment d = upgradedBinariesAt243();

    SimulatedSqlException e = error(() ->
        d.primary().setClusterSetting("system", "cluster.preserve_downgrade_option", "25.2"));

    assertThat(e.getMessage())
        .isEqualTo("cannot set cluster.preserve_downgrade_option to 25.2 (cluster version is 24.3)");
  }

  @Test
  void resetOfVersionAndUnknownSettingsFailAsTheProductDoes() {
    SimulatedDeployment d = SimulatedDeployment.builder().build();

    SimulatedSqlException reset = error(() -> d.primary().resetClusterSetting("system", "version"));
    SimulatedSqlException set = error(() -> d.primary().setClusterSetting("main", "no.such", "1"));
    SimulatedSqlException show = error(() -> d.primary().showClusterSetting("main", "no.such"));
    SimulatedSqlException systemOnly =
        error(() -> d.primary().setClusterSetting("main", "kv.rangefeed.enabled", "true"));

    assertThat(reset.getMessage()).isEqualTo("cannot RESET cluster version setting");
    assertThat(reset.sqlState()).isEqualTo("XXUUU");
    assertThat(set.sqlState()).isEqualTo("42P02");
    assertThat(set.getMessage()).isEqualTo("unknown cluster setting 'no.such'");
    assertThat(show.sqlState()).isEqualTo("XXUUU");
    assertThat(show.getMessage()).isEqualTo("unknown setting: \"no.such\"");
    assertThat(systemOnly.sqlState()).isEqualTo("42P02");
  }

  @Test
  void finalizationResetsPreserveDowngradeOptionAndKeepsAutoUpgrade() {
    SimulatedDeployment d = upgradedBinariesAt243();
    SimulatedCluster p = d.primary();
    p.setClusterSetting("system", "cluster.auto_upgrade.enabled", "false");
    p.setClusterSetting("system", "cluster.preserve_downgrade_option", "24.3");
    p.resetClusterSetting("system", "cluster.preserve_downgrade_option");
    p.setClusterSetting("system", "cluster.preserve_downgrade_option", "24.3");
    assertThat(p.showClusterSetting("system", "cluster.preserve_downgrade_option"))
        .isEqualTo("24.3");

    d.operations("primary").resetFinalizationSetting("system",
        PinSetting.PRESERVE_DOWNGRADE_OPTION);
    d.operations("primary").setFinalizationSetting("system",
        PinSetting.PRESERVE_DOWNGRADE_OPTION, "24.3");
    d.operations("primary").resetFinalizationSetting("system",
        PinSetting.PRESERVE_DOWNGRADE_OPTION);
    d.operations("primary").finalizeVersion("system", ReleaseSeries.parse("25.2"));
    d.advance(Duration.ofMinutes(2));

    assertThat(p.showClusterSetting("system", "version")).isEqualTo("25.2");
    assertThat(p.showClusterSetting("system", "cluster.preserve_downgrade_option")).isEmpty();
    assertThat(p.showClusterSetting("system", "cluster.auto_upgrade.enabled")).isEqualTo("false");
  }

  @Test
  void preserveDowngradeOptionIsResetByFinalization() {
    SimulatedDeployment d = upgradedBinariesAt243();
    d.primary().setClusterSetting("system", "cluster.auto_upgrade.enabled", "false");
    d.primary().setClusterSetting("system", "cluster.preserve_downgrade_option", "24.3");
    d.primary().resetClusterSetting("system", "cluster.preserve_downgrade_option");
    d.primary().setClusterSetting("system", "cluster.preserve_downgrade_option", "24.3");

    // An operator resets it by hand to finalize; after finalizing it is empty again.
    d.primary().resetClusterSetting("system", "cluster.preserve_downgrade_option");
    d.operations("primary").finalizeVersion("system", ReleaseSeries.parse("25.2"));
    d.advance(Duration.ofMinutes(2));

    assertThat(d.primary().showClusterSetting("system", "cluster.preserve_downgrade_option"))
        .isEmpty();
  }

  @Test
  void theReplicatingVcAcceptsNoConnections() {
    SimulatedDeployment d = SimulatedDeployment.builder().build();

    SimulatedSqlException e = error(() -> d.standby().showClusterSetting("main", "version"));

    assertThat(e.sqlState()).isEqualTo("08000");
    assertThat(e.getMessage()).isEqualTo("service unavailable for target tenant (main)");
    assertThat(e.hint()).contains(
        "Double check your \"-ccluster=\" connection option or your \"cluster:\" database name prefix.");
  }

  @Test
  void portsTranslateProductErrorsIntoPortFailuresKeepingTheCause() {
    SimulatedDeployment d = SimulatedDeployment.builder().build();

    PcrUpgradeException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        () -> d.operations("primary").finalizeVersion("system", ReleaseSeries.parse("25.2")),
        PcrUpgradeException.class);

    assertThat(e.code()).isEqualTo(CoreErrorCode.PORT_FAILURE);
    assertThat(e.getMessage()).contains("cannot upgrade to 25.2: node running 24.3")
        .contains("'primary'").contains("XXUUU");
    assertThat(e.getCause()).isInstanceOf(SimulatedSqlException.class);
  }

  /** Both clusters run 25.2 binaries with every VC still at 24.3, auto-upgrade pinned. */
  static SimulatedDeployment upgradedBinariesAt243() {
    return SimulatedDeployment.builder().series("25.2").primaryVersion("24.3")
        .standbyVersion("24.3")
        .settings("primary", "system", new io.github.pcrupgrade.core.model.FinalizationSettings(false, ""))
        .settings("primary", "main", new io.github.pcrupgrade.core.model.FinalizationSettings(false, ""))
        .settings("standby", "system", new io.github.pcrupgrade.core.model.FinalizationSettings(false, ""))
        .build();
  }
}
