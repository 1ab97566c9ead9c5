package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.capture.CaptureDocument;
import io.github.pcrupgrade.core.capture.CaptureDocument.ClusterCapture;
import io.github.pcrupgrade.core.capture.CaptureDocument.Column;
import io.github.pcrupgrade.core.capture.CaptureDocument.Exchange;
import io.github.pcrupgrade.core.model.Licence;
import io.github.pcrupgrade.core.model.LicenceType;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.ClusterAdministration;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import io.github.pcrupgrade.testkit.sql.ExecutedStatement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Capture over the wire (issue 16): every exchange of the read-only pass is recorded with its
 * columns and types, the ParameterStatus values are kept, nothing is changed, and the redacted
 * capture holds no password, host, cluster id or licence key.
 */
class CaptureOverWireTest {

  private static ClusterConnectionSettings settings(String name, String url) {
    return ClusterConnectionSettings.builder(name).url(url)
        .password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD).build();
  }

  private static Exchange find(ClusterCapture c, String vc, String sql) {
    return c.exchanges().stream().filter(e -> e.virtualCluster().equals(vc)
        && e.sql().equals(sql)).findFirst().orElseThrow(() -> new AssertionError(
            "no exchange of " + sql + " in " + vc));
  }

  @Test
  void recordsEachStatementWithItsColumnsAndChangesNothing() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      server.clearStatementLogs();
      CaptureDocument c = Capture.of(settings("primary", server.primaryUrl()),
          settings("standby", server.standbyUrl())).clock(d.clock()).unredacted().run();

      ClusterCapture p = c.clusters().get(0);
      assertThat(p.role()).isEqualTo("primary");
      assertThat(p.parameterStatus()).containsKey("crdb_version").containsEntry(
          "server_version", "13.0.0");
      // crdb-pcr-sql-facts 2.2: SHOW VIRTUAL CLUSTERS has id, name, data_state, service_mode
      assertThat(find(p, "system", "SHOW VIRTUAL CLUSTERS").columns().orElseThrow())
          .extracting(Column::name).contains("id", "name", "data_state", "service_mode");
      assertThat(find(p, "system", "SELECT crdb_internal.cluster_id()").rows().orElseThrow())
          .containsExactly(List.of(d.primary().clusterId().toString()));
      // the primary's app VC serves, so its settings were read there too
      assertThat(find(p, "main", "SHOW CLUSTER SETTING version").rows().orElseThrow())
          .containsExactly(List.of("24.3"));
      // facts 10.4: the replication status layout, each column with its type (an INTERVAL too)
      ClusterCapture sb = c.clusters().get(1);
      assertThat(find(sb, "system", "SHOW VIRTUAL CLUSTER \"main\" WITH REPLICATION STATUS")
          .columns().orElseThrow()).extracting(Column::name)
          .contains("source_tenant_name", "replicated_time", "replication_lag");
      assertThat(find(sb, "system", "SHOW VIRTUAL CLUSTER \"main\" WITH REPLICATION STATUS")
          .columns().orElseThrow()).filteredOn(col -> col.name().equals("replication_lag"))
          .extracting(Column::type).containsExactly("interval");
      assertThat(c.origin()).isEqualTo(CaptureDocument.Origin.REAL);
      assertThat(server.statements()).extracting(ExecutedStatement::sql)
          .allSatisfy(s -> assertThat(s.trim().toUpperCase(Locale.ROOT))
              .matches("(SHOW|SELECT) .*|SET (?!CLUSTER )[A-Z_]+ = .*"));
    }
  }

  @Test
  void aRefusedStatementIsRecordedWithItsSqlState() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("26.2").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.builder(d).administration("standby",
        ClusterAdministration.defaults().refusingUnsafeInternals()).start()) {
      CaptureDocument c = Capture.of(settings("primary", server.primaryUrl()),
          settings("standby", server.standbyUrl())).clock(d.clock()).run();

      Exchange refused = find(c.clusters().get(1), "system", "SELECT crdb_internal.cluster_id()");
      assertThat(refused.error().orElseThrow().sqlState()).isEqualTo("42501");
      assertThat(refused.error().orElseThrow().hint()).hasValueSatisfying(
          h -> assertThat(h).contains("allow_unsafe_internals"));
    }
  }

  @Test
  void theRedactedCaptureHoldsNoPasswordHostIdOrLicenceKeyAndDistinctIdsStayDistinct() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();
    Licence trial = new Licence(LicenceType.TRIAL, ClusterAdministration.DEFAULT_LICENCE_EXPIRY);
    try (SimulatedPcrServer server = SimulatedPcrServer.builder(d).administration("primary",
        ClusterAdministration.defaults().withLicence(trial)).start()) {
      CaptureDocument c = Capture.of(settings("primary", server.primaryUrl()),
          settings("standby", server.standbyUrl())).clock(d.clock()).run();
      String all = c.toString();

      assertThat(c.redacted()).isTrue();
      assertThat(all).doesNotContain(SimulatedPcrServer.DEFAULT_ROOT_PASSWORD,
          d.primary().clusterId().toString(), d.standby().clusterId().toString(),
          "primary-n1", "standby-n1");
      // the simulation serves a synthetic key already, so here only its type and expiry are
      // checked; CaptureRedactionTest shows a customer's key replaced
      String p = find(c.clusters().get(0), "system", "SELECT crdb_internal.cluster_id()")
          .rows().orElseThrow().get(0).get(0);
      String s = find(c.clusters().get(1), "system", "SELECT crdb_internal.cluster_id()")
          .rows().orElseThrow().get(0).get(0);
      assertThat(p).isNotEqualTo(s);
      String key = find(c.clusters().get(0), "system", "SHOW CLUSTER SETTING enterprise.license")
          .rows().orElseThrow().get(0).get(0);
      assertThat(Licence.decode(key)).isEqualTo(Optional.of(trial));
    }
  }
}
