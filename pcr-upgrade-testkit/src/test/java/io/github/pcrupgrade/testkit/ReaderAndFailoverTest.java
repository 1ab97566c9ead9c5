package io.github.pcrupgrade.testkit;

import static io.github.pcrupgrade.testkit.Sql.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.rules.RuleCode;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReaderAndFailoverTest {

  @Test
  void theReaderVcRefusesSetClusterSettingVersion() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").reader(true).build();

    SimulatedSqlException e =
        error(() -> d.standby().setClusterSetting("main-readonly", "version", "24.3"));

    assertThat(e.sqlState()).isEqualTo("0A000");
    assertThat(e.getMessage()).isEqualTo("cannot upgrade the reader virtual cluster"
        + " \"main-readonly\" by setting the version cluster setting");
  }

  @Test
  void aNewReaderScansThenServesAtTheStandbySystemVersion() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").primaryVersion("24.3")
        .build();

    d.standby().setReplicationReadVirtualCluster("main");

    assertThat(d.standby().showVirtualCluster("main-readonly"))
        .isEqualTo(new VirtualClusterRow(5, "main-readonly", "add", "none"));
    d.advance(Duration.ofSeconds(60));
    assertThat(d.standby().showVirtualCluster("main-readonly"))
        .isEqualTo(new VirtualClusterRow(5, "main-readonly", "ready", "shared"));
    assertThat(d.standby().showClusterSetting("main-readonly", "version")).isEqualTo("25.2");
  }

  @Test
  void stopAndDropFailAsTheProductDoes() {
    SimulatedDeployment d = SimulatedDeployment.builder().reader(true).build();
    SimulatedCluster s = d.standby();

    SimulatedSqlException shared = error(() -> s.dropVirtualCluster("main-readonly"));
    SimulatedSqlException missing = error(() -> s.dropVirtualCluster("nope"));
    s.stopService("main-readonly");
    s.dropVirtualCluster("main-readonly");
    SimulatedSqlException twice = error(() -> s.dropVirtualCluster("main-readonly"));

    assertThat(shared.sqlState()).isEqualTo("55000");
    assertThat(shared.getMessage())
        .isEqualTo("cannot drop tenant \"main-readonly\" (4) in service mode shared");
    assertThat(shared.hint())
        .contains("Use ALTER VIRTUAL CLUSTER STOP SERVICE before DROP VIRTUAL CLUSTER.");
    assertThat(missing.sqlState()).isEqualTo("42704");
    assertThat(missing.getMessage()).isEqualTo("tenant \"nope\" does not exist");
    // a dropped VC's name is cleared at once (crdb-pcr-sql-facts 10.3): dropping again is 42704
    assertThat(twice.sqlState()).isEqualTo("42704");
    assertThat(twice.getMessage()).isEqualTo("tenant \"main-readonly\" does not exist");
  }

  @Test
  void aDroppedVcLeavesTheListingAtOnceAndItsNameIsReusableAtOnce() {
    SimulatedDeployment d = SimulatedDeployment.builder().reader(true).build();
    SimulatedCluster s = d.standby();
    s.stopService("main-readonly");
    java.time.Instant dropped = d.now();

    s.dropVirtualCluster("main-readonly");

    assertThat(s.showVirtualClusters()).extracting(VirtualClusterRow::name)
        .containsExactly("system", "main");
    s.setReplicationReadVirtualCluster("main");
    assertThat(d.now()).isEqualTo(dropped);
    assertThat(s.showVirtualCluster("main-readonly"))
        .isEqualTo(new VirtualClusterRow(5, "main-readonly", "add", "none"));
  }

  @Test
  void setReplicationReadSucceedsAndDoesNothingBeforeItsFixPatch() {
    // 24.3.0 to 24.3.11 and 25.1.0 to 25.1.5 parse the statement and do nothing (PR #143752)
    for (String binary : new String[] {"v24.3.11", "v25.1.5"}) {
      SimulatedDeployment old = SimulatedDeployment.builder().series(binary.substring(1, 5))
          .primaryBinary(binary).standbyBinary(binary).build();

      old.standby().setReplicationReadVirtualCluster("main");
      old.advance(Duration.ofMinutes(10));

      assertThat(old.standby().showVirtualClusters()).extracting(VirtualClusterRow::name)
          .as(binary).containsExactly("system", "main");
    }
    // the fixed patches create it
    for (String binary : new String[] {"v24.3.12", "v25.1.6"}) {
      SimulatedDeployment fixed = SimulatedDeployment.builder().series(binary.substring(1, 5))
          .primaryBinary(binary).standbyBinary(binary).build();
      fixed.standby().setReplicationReadVirtualCluster("main");
      assertThat(fixed.standby().showVirtualClusters()).extracting(VirtualClusterRow::name)
          .as(binary).containsExactly("system", "main", "main-readonly");
    }
  }

  @Test
  void setReplicationReadDuringTheInitialScanSucceedsAndDoesNothing() {
    // Given the original primary failing back: its VC's stream is in its initial scan for 30 s
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    d.standby().completeReplicationToLatest("main");
    d.advance(Duration.ofMinutes(1));
    d.primary().stopService("main");
    d.primary().startReplicationOf("main", "main", "standby");

    // When the reader is asked for during the initial scan (issue #147643)
    d.primary().setReplicationReadVirtualCluster("main");

    // Then nothing happened; asked again once replicating, the reader is created
    assertThat(d.primary().showVirtualClusters()).extracting(VirtualClusterRow::name)
        .containsExactly("system", "main");
    d.advance(Duration.ofMinutes(2));
    d.primary().setReplicationReadVirtualCluster("main");
    assertThat(d.primary().showVirtualClusters()).extracting(VirtualClusterRow::name)
        .containsExactly("system", "main", "main-readonly");
  }

  @Test
  void setReplicationReadNeedsAReplicatingVcAndASupportingBinary() {
    SimulatedDeployment old = SimulatedDeployment.builder().series("24.2").build();
    SimulatedSqlException syntax = error(() -> old.standby().setReplicationReadVirtualCluster("main"));
    assertThat(syntax.sqlState()).isEqualTo("42601");

    SimulatedDeployment d = SimulatedDeployment.builder().reader(true).build();
    SimulatedSqlException exists = error(() -> d.standby().setReplicationReadVirtualCluster("main"));
    assertThat(exists.sqlState()).isEqualTo("42710");
    d.standby().pauseReplication("main");
    SimulatedSqlException paused = error(() -> d.standby().setReplicationReadVirtualCluster("main"));
    assertThat(paused.sqlState()).isEqualTo("55000");
  }

  @Test
  void recreatingTheReaderBeforeTheReplicatedTimePassedTheFinalizationIsRecorded() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").primaryVersion("24.3")
        .reader(true).replicationLag(Duration.ofSeconds(90)).build();
    d.advanceUntil(() -> d.primary().showClusterSetting("main", "version").equals("25.2"),
        Duration.ofMinutes(5));
    d.standby().stopService("main-readonly");
    d.advance(Duration.ofSeconds(2));
    d.standby().dropVirtualCluster("main-readonly");
    d.advance(Duration.ofSeconds(5));

    d.operations("standby").createReaderVirtualCluster("main");

    assertThat(d.monitor().violations())
        .anyMatch(v -> v.kind() == MonitorViolation.Kind.READER_CREATED_TOO_EARLY);
  }

  @Test
  void failoverReturnsAnHlcAndPassesThroughTheProductStates() {
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    d.advance(Duration.ofSeconds(30));

    BigDecimal ts = d.standby().completeReplicationToLatest("main");

    assertThat(ts.scale()).isEqualTo(10);
    assertThat(ts.toPlainString()).endsWith(".0000000000");
    assertThat(d.standby().replicationStatus("main").status())
        .isEqualTo("replication pending failover");
    d.advance(Duration.ofSeconds(1));
    assertThat(d.standby().showVirtualCluster("main").dataState())
        .isEqualTo("replication failing over");
    d.advance(Duration.ofSeconds(10));
    assertThat(d.standby().showVirtualCluster("main"))
        .isEqualTo(new VirtualClusterRow(3, "main", "ready", "none"));
    d.standby().startServiceShared("main");
    assertThat(d.standby().showClusterSetting("main", "version")).isEqualTo("24.3");
  }

  @Test
  void fastFailbackChecksTheProductPreconditions() {
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    d.standby().completeReplicationToLatest("main");
    d.advance(Duration.ofSeconds(15));
    d.standby().startServiceShared("main");

    SimulatedSqlException serving =
        error(() -> d.primary().startReplicationOf("main", "main", "standby"));
    assertThat(serving.getMessage()).isEqualTo("cannot start replication for tenant \"main\" (3)"
        + " in service mode shared; service mode must be none");

    d.primary().stopService("main");
    d.advance(Duration.ofSeconds(2));
    d.primary().startReplicationOf("main", "main", "standby");
    SimulatedSqlException again =
        error(() -> d.primary().startReplicationOf("main", "main", "standby"));
    assertThat(again.getMessage()).isEqualTo("cannot start replication for tenant \"main\" (3)"
        + " in state add (is replication or a restore already running?)");
    d.advance(Duration.ofMinutes(1));
    assertThat(d.primary().replicationStatus("main").status()).isEqualTo("replicating");
    d.monitor().assertClean();
  }

  @Test
  void fastFailbackFromANewerClusterIsRecordedByTheMonitor() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").primaryVersion("24.3")
        .primaryBinary("v24.3.33").standbyVersion("25.2")
        .settings("primary", "system", new io.github.pcrupgrade.core.model.FinalizationSettings(false, ""))
        .build();
    d.standby().completeReplicationToLatest("main");
    d.advance(Duration.ofSeconds(15));
    d.standby().startServiceShared("main");
    d.operations("standby").finalizeVersion("main", ReleaseSeries.parse("25.2"));
    d.advance(Duration.ofMinutes(2));
    d.primary().stopService("main");
    d.advance(Duration.ofSeconds(2));

    d.primary().startReplicationOf("main", "main", "standby");
    d.advance(Duration.ofMinutes(2));

    assertThat(d.monitor().violations()).extracting(v -> v.rule().orElse(null))
        .contains(RuleCode.FAST_FAILBACK_FROM_NEWER);
  }

  @Test
  void failbackNeedsAPriorReplicationRelation() {
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    d.primary().stopService("main");
    d.advance(Duration.ofSeconds(2));

    SimulatedSqlException e = error(() -> d.primary().startReplicationOf("main", "system", "standby"));

    assertThat(e.getMessage()).isEqualTo("cannot reconfigure existing tenant to replicate from"
        + " specified source: it was neither previously replicating from this source (prior"
        + " replication source was \"\"), nor was the source previously replicating from it"
        + " (\"\")");
  }
}
