package io.github.pcrupgrade.testkit;

import static io.github.pcrupgrade.testkit.StatementInFlight.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.Provenance;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The faults of crdb-pcr-sql-facts.md 10 and 11, in memory: a reader VC that serves but refuses
 * connections, a blocking {@code SHOW CLUSTER SETTING version}, licence throttling.
 */
class FidelityFaultsTest {

  @Test
  void aStalledReaderIsSharedYetRefusesConnectionsWith08000ForAWhile() {
    SimulatedDeployment d = SimulatedDeployment.builder().reader(true).build();

    d.inject(new Fault.VcStalls("standby", "main-readonly", Duration.ofMinutes(10)));

    assertThat(d.standby().showVirtualCluster("main-readonly").serviceMode()).isEqualTo("shared");
    SimulatedSqlException e = Sql.error(
        () -> d.standby().showClusterSetting("main-readonly", "version"));
    assertThat(e.sqlState()).isEqualTo("08000");
    assertThat(e.getMessage()).isEqualTo("service unavailable for target tenant (main-readonly)");
    VirtualClusterInfo seen = d.inspector("standby").inspect().vc("main-readonly").orElseThrow();
    assertThat(seen.version().provenance()).isEqualTo(Provenance.UNKNOWN);
    assertThat(seen.settings()).isEmpty();

    d.advance(Duration.ofMinutes(10));

    assertThat(d.standby().showClusterSetting("main-readonly", "version")).isEqualTo("24.3");
  }

  @Test
  void aStallArmedBeforeTheReaderIsRecreatedStartsOnceItServes() {
    SimulatedDeployment d = SimulatedDeployment.builder().reader(true).build();
    d.standby().stopService("main-readonly");
    d.standby().dropVirtualCluster("main-readonly");
    d.inject(new Fault.VcStalls("standby", "main-readonly", Duration.ofMinutes(10)));

    d.standby().setReplicationReadVirtualCluster("main");
    d.advance(Duration.ofMinutes(2));
    assertThat(d.standby().showVirtualCluster("main-readonly").serviceMode()).isEqualTo("shared");
    Instant stallSeen = d.now();

    assertThat(Sql.error(() -> d.standby().checkConnect("main-readonly")).sqlState())
        .isEqualTo("08000");
    d.advance(Duration.ofMinutes(9));
    assertThat(Sql.error(() -> d.standby().checkConnect("main-readonly")).sqlState())
        .isEqualTo("08000");
    d.advanceTo(stallSeen.plus(Duration.ofMinutes(10)));
    d.standby().checkConnect("main-readonly");
  }

  @Test
  void theDocumentedRemedyEndsAStall() {
    SimulatedDeployment d = SimulatedDeployment.builder().reader(true).build();
    d.inject(new Fault.VcStalls("standby", "main-readonly", Duration.ofHours(2)));
    assertThat(Sql.error(() -> d.standby().checkConnect("main-readonly")).sqlState())
        .isEqualTo("08000");

    // v26.2 release notes: STOP SERVICE, then START SERVICE SHARED
    d.standby().stopService("main-readonly");
    d.standby().startServiceShared("main-readonly");

    d.standby().checkConnect("main-readonly");
  }

  @Test
  void anIgnoredReaderStatementSucceedsAndDoesNothingThenTheNextOneWorks() {
    // Given a 25.2 standby (the statement works there) whose next reader statement is ignored
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").build();
    d.inject(new Fault.ReaderStatementIgnored("standby", 1));

    // When it is sent, it succeeds and no reader appears
    d.operations("standby").createReaderVirtualCluster("main");
    assertThat(d.standby().showVirtualClusters()).extracting(VirtualClusterRow::name)
        .containsExactly("system", "main");

    // Then sent again, it creates the reader
    d.operations("standby").createReaderVirtualCluster("main");
    assertThat(d.standby().showVirtualClusters()).extracting(VirtualClusterRow::name)
        .containsExactly("system", "main", "main-readonly");
  }

  @Test
  void showVersionBlocksForTheConfiguredTimeWhileTheFaultHolds() {
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    d.inject(new Fault.ShowVersionBlocks("standby", "system", Duration.ofMinutes(2),
        Duration.ofMinutes(5)));
    Instant before = d.now();

    assertThat(d.operations("standby").readVersion("system").toString()).isEqualTo("24.3");
    assertThat(Duration.between(before, d.now())).isEqualTo(Duration.ofMinutes(2));
    // other VCs answer at once
    Instant mainAsked = d.now();
    d.primary().showClusterSetting("main", "version");
    assertThat(d.now()).isEqualTo(mainAsked);

    d.advance(Duration.ofMinutes(4));
    Instant after = d.now();
    d.standby().showClusterSetting("system", "version");
    assertThat(d.now()).isEqualTo(after);
  }

  @Test
  void showVersionCannotBeMadeToBlockLongerThanTheProductRetries() {
    assertThatThrownBy(() -> new Fault.ShowVersionBlocks("standby", "system",
        Duration.ofMinutes(3), Duration.ofMinutes(5)))
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("blockFor must be positive and at most PT2M");
  }

  @Test
  void aThrottledClusterRefusesASixthConcurrentTransactionWithXxc02() throws Exception {
    // Given an unlicensed standby past its grace period, and five finalization statements that
    // hold their transactions open while the clock (driven by this test) has not moved
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").primaryVersion("24.3")
        .standbyVersion("24.3").settings("standby", "system", new FinalizationSettings(false, ""))
        .acceptSqlFinalizations().build();
    d.inject(new Fault.LicenceThrottled("standby"));
    List<StatementInFlight> open = new ArrayList<>();
    try (AutoCloseable driven = d.drivenInRealTime()) {
      for (int i = 0; i < 5; i++) {
        open.add(StatementInFlight.start("finalize-" + i, () ->
            d.operations("standby").finalizeVersion("system", ReleaseSeries.parse("25.2"))));
      }
      assertThat(eventually(() -> d.trace().stream()
          .filter(e -> e.kind().equals("port") && e.detail().startsWith("SET CLUSTER SETTING"))
          .count() == 5)).isTrue();

      // When a sixth transaction starts
      assertThatThrownBy(() -> d.operations("standby").readVersion("system"))
          .isInstanceOfSatisfying(PcrUpgradeException.class, e -> assertThat(e.getMessage())
              .contains("No license installed. The maximum number of concurrently open"
                  + " transactions has been reached.")
              .contains("SQLSTATE XXC02"));
      // the primary is not throttled
      d.operations("primary").readVersion("system");

      d.advance(Duration.ofMinutes(5));
      for (StatementInFlight s : open) {
        assertThat(s.awaitEnd()).isTrue();
        assertThat(s.failure()).isNull();
      }
    }
    // Then, the five closed, a new transaction passes
    assertThat(d.operations("standby").readVersion("system").toString()).isEqualTo("25.2");
  }
}
