package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.capture.CaptureDocument;
import io.github.pcrupgrade.core.capture.CaptureDocument.ClusterCapture;
import io.github.pcrupgrade.core.capture.CaptureDocument.Column;
import io.github.pcrupgrade.core.capture.CaptureDocument.ErrorAnswer;
import io.github.pcrupgrade.core.capture.CaptureDocument.Exchange;
import io.github.pcrupgrade.core.capture.CaptureRedaction;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.jdbc.internal.JdbcClusterInspector;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.replay.CaptureReplay;
import io.github.pcrupgrade.testkit.replay.ReplayErrorCode;
import io.github.pcrupgrade.testkit.replay.ReplayMiss;
import io.github.pcrupgrade.testkit.sql.ClusterAdministration;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

/**
 * Replay of a capture (issue 16, item 4): the wire front serving what a cluster answered, so that
 * the JDBC inspector can be tested against a recorded cluster. The round trip (capture the
 * simulation, replay the capture to the inspector) gives the snapshot the inspector reads from
 * the simulation itself, with the simulation's clock frozen; redacted, the same snapshot under
 * the redaction's pseudonyms. A statement the capture does not hold is answered with an error that
 * names the capture and the statement, and reported by the replay.
 */
class CaptureReplayOverWireTest {

  private static ClusterConnectionSettings settings(String name, String url, String password) {
    return ClusterConnectionSettings.builder(name).url(url).password(() -> password).build();
  }

  private static ClusterSnapshot inspect(String name, ClusterRole role, String url,
      String password, Clock clock) {
    try (CockroachCluster c = CockroachCluster.builder(settings(name, url, password), role)
        .clock(clock).seed(1).readAttempts(1).build()) {
      return c.inspector().inspect();
    }
  }

  private static CaptureDocument capture(SimulatedPcrServer server, SimulatedDeployment d) {
    return Capture.of(settings("primary", server.primaryUrl(),
            SimulatedPcrServer.DEFAULT_ROOT_PASSWORD),
        settings("standby", server.standbyUrl(), SimulatedPcrServer.DEFAULT_ROOT_PASSWORD))
        .clock(d.clock()).unredacted().run();
  }

  @ParameterizedTest
  @ValueSource(strings = {"24.3", "25.2", "25.4", "26.2"})
  void theInspectorReadsFromTheReplayTheSnapshotItReadsFromTheSimulation(String series) {
    // Given a simulated deployment whose clock nothing moves, inspected directly
    SimulatedDeployment d = SimulatedDeployment.builder().series(series).reader(true).build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      ClusterSnapshot primary = inspect("primary", ClusterRole.PRIMARY, server.primaryUrl(),
          SimulatedPcrServer.DEFAULT_ROOT_PASSWORD, d.clock());
      ClusterSnapshot standby = inspect("standby", ClusterRole.STANDBY, server.standbyUrl(),
          SimulatedPcrServer.DEFAULT_ROOT_PASSWORD, d.clock());
      CaptureDocument capture = capture(server, d);

      // When its capture is replayed to the inspector
      try (CaptureReplay replay = CaptureReplay.serve(capture, "round-trip-" + series)) {
        ClusterSnapshot p = inspect("primary", ClusterRole.PRIMARY, replay.primaryUrl(),
            replay.password(), d.clock());
        ClusterSnapshot s = inspect("standby", ClusterRole.STANDBY, replay.standbyUrl(),
            replay.password(), d.clock());

        // Then the snapshots are equal, and every statement sent was in the capture
        assertThat(p).isEqualTo(primary);
        assertThat(s).isEqualTo(standby);
        assertThat(replay.misses()).isEmpty();
        replay.assertNoMisses();
      }
    }
  }

  @Test
  void aRedactedCaptureReplaysToTheSameSnapshotUnderTheRedactionsPseudonyms() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.4").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      ClusterSnapshot primary = inspect("primary", ClusterRole.PRIMARY, server.primaryUrl(),
          SimulatedPcrServer.DEFAULT_ROOT_PASSWORD, d.clock());
      ClusterSnapshot standby = inspect("standby", ClusterRole.STANDBY, server.standbyUrl(),
          SimulatedPcrServer.DEFAULT_ROOT_PASSWORD, d.clock());
      CaptureDocument plain = capture(server, d);
      CaptureDocument redacted = CaptureRedaction.redact(plain);
      Map<String, String> pseudonyms = pseudonyms(plain, redacted);
      // the map is the redaction's: ids and hosts, nothing else
      assertThat(pseudonyms).containsKey(primary.clusterId().orElseThrow().toString())
          .containsKey(standby.nodes().get(0).address());

      try (CaptureReplay replay = CaptureReplay.serve(redacted, "redacted")) {
        ClusterSnapshot p = inspect("primary", ClusterRole.PRIMARY, replay.primaryUrl(),
            replay.password(), d.clock());
        ClusterSnapshot s = inspect("standby", ClusterRole.STANDBY, replay.standbyUrl(),
            replay.password(), d.clock());

        assertThat(p).isEqualTo(underPseudonyms(primary, pseudonyms));
        assertThat(s).isEqualTo(underPseudonyms(standby, pseudonyms));
        assertThat(p.clusterId()).isNotEqualTo(s.clusterId());
        replay.assertNoMisses();
      }
    }
  }

  /** Each recorded cell the redaction changed, from its value to its pseudonym. */
  private static Map<String, String> pseudonyms(CaptureDocument plain, CaptureDocument redacted) {
    Map<String, String> map = new HashMap<>();
    for (int c = 0; c < plain.clusters().size(); c++) {
      List<Exchange> a = plain.clusters().get(c).exchanges();
      List<Exchange> b = redacted.clusters().get(c).exchanges();
      for (int e = 0; e < a.size(); e++) {
        List<List<String>> ra = a.get(e).rows().orElse(List.of());
        List<List<String>> rb = b.get(e).rows().orElse(List.of());
        for (int r = 0; r < ra.size(); r++) {
          for (int v = 0; v < ra.get(r).size(); v++) {
            String x = ra.get(r).get(v);
            String y = rb.get(r).get(v);
            if (x != null && !x.equals(y)) {
              map.put(x, y);
            }
          }
        }
      }
    }
    return map;
  }

  private static ClusterSnapshot underPseudonyms(ClusterSnapshot s, Map<String, String> map) {
    List<NodeInfo> nodes = new ArrayList<>();
    for (NodeInfo n : s.nodes()) {
      nodes.add(new NodeInfo(n.id(), map.getOrDefault(n.address(), n.address()), n.locality(),
          n.binary(), n.liveness(), n.draining()));
    }
    Optional<UUID> id = s.clusterId().map(u -> UUID.fromString(
        map.getOrDefault(u.toString(), u.toString())));
    return new ClusterSnapshot(s.name(), s.role(), nodes, s.virtualClusters(), s.health(),
        s.observedAt(), id, s.licence());
  }

  @Test
  void aStatementTheCaptureDoesNotHoldIsAnErrorNamingTheCaptureAndTheStatementAndIsReported()
      throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      // Given a capture from which the cluster id read of the primary was removed
      CaptureDocument full = capture(server, d);
      CaptureDocument withoutId = without(full, "primary", JdbcClusterInspector.CLUSTER_ID);
      try (CaptureReplay replay = CaptureReplay.serve(withoutId, "no-id.json")) {
        // When the inspector reads the primary
        assertThatThrownBy(() -> inspect("primary", ClusterRole.PRIMARY, replay.primaryUrl(),
            replay.password(), d.clock()))
            // Then the client got the replay's error, naming the capture and the statement
            .isInstanceOf(CockroachSqlException.class)
            .hasMessageContaining("SQLSTATE 0A000")
            .hasMessageContaining("statement not in capture no-id.json")
            .hasMessageContaining(JdbcClusterInspector.CLUSTER_ID);
        // and the replay reports it
        assertThat(replay.misses()).containsExactly(new ReplayMiss("no-id.json", "primary",
            "system", JdbcClusterInspector.CLUSTER_ID));
        assertThatThrownBy(replay::assertNoMisses).isInstanceOf(PcrUpgradeException.class)
            .satisfies(e -> assertThat(((PcrUpgradeException) e).code())
                .isEqualTo(ReplayErrorCode.STATEMENT_NOT_IN_CAPTURE))
            .hasMessageContaining("no-id.json").hasMessageContaining(
                JdbcClusterInspector.CLUSTER_ID);
      }
    }
  }

  private static CaptureDocument without(CaptureDocument c, String role, String sql) {
    List<ClusterCapture> clusters = new ArrayList<>();
    for (ClusterCapture cc : c.clusters()) {
      clusters.add(!cc.role().equals(role) ? cc : new ClusterCapture(cc.role(), cc.name(),
          cc.parameterStatus(), cc.exchanges().stream().filter(e -> !e.sql().equals(sql))
              .toList()));
    }
    return new CaptureDocument(c.schemaVersion(), c.origin(), c.capturedAt(), c.tool(),
        c.redacted(), clusters);
  }

  private static Connection connect(CaptureReplay replay, String role, String vc,
      String... extra) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "root");
    p.setProperty("password", replay.password());
    p.setProperty("options", "-ccluster=" + vc);
    for (int i = 0; i + 1 < extra.length; i += 2) {
      p.setProperty(extra[i], extra[i + 1]);
    }
    return DriverManager.getConnection(replay.jdbcUrl(role), p);
  }

  @Test
  void aRecordedErrorIsServedWithItsSqlStateMessageAndHint() throws Exception {
    // Given a capture of a 26.2 standby that refuses allow_unsafe_internals (42501 with a hint)
    SimulatedDeployment d = SimulatedDeployment.builder().series("26.2").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.builder(d).administration("standby",
        ClusterAdministration.defaults().refusingUnsafeInternals()).start()) {
      CaptureDocument c = capture(server, d);
      ErrorAnswer recorded = c.clusters().get(1).exchanges().stream()
          .filter(e -> e.sql().equals(JdbcClusterInspector.CLUSTER_ID)).findFirst()
          .orElseThrow().error().orElseThrow();
      try (CaptureReplay replay = CaptureReplay.serve(c, "refusing.json");
          Connection conn = connect(replay, "standby", "system");
          Statement st = conn.createStatement()) {
        // When the statement is sent; Then the recorded error comes back as recorded
        assertThatThrownBy(() -> st.executeQuery(JdbcClusterInspector.CLUSTER_ID))
            .isInstanceOfSatisfying(PSQLException.class, e -> {
              assertThat(e.getSQLState()).isEqualTo("42501");
              assertThat(e.getServerErrorMessage().getMessage()).isEqualTo(recorded.message());
              assertThat(e.getServerErrorMessage().getHint()).isEqualTo(
                  recorded.hint().orElseThrow());
            });
        assertThat(replay.misses()).isEmpty();
      }
    }
  }

  @Test
  void theRecordedParameterStatusValuesColumnsAndTypesAreServed() throws Exception {
    // Given a hand-made capture of a cluster on a build the simulation never serves
    String build = "CockroachDB CCL v25.2.9 (aarch64-unknown-linux-gnu, built 2026/01/02"
        + " 03:04:05, go1.23.7)";
    Exchange rows = new Exchange("system", "SELECT node_id, address FROM crdb_internal.gossip_nodes",
        Optional.of(List.of(new Column("node_id", "int8"), new Column("address", "text"))),
        Optional.of(List.of(List.of("1", "host-1:26257"), java.util.Arrays.asList("2", null))),
        Optional.empty());
    CaptureDocument c = document(Map.of("crdb_version", build, "server_version", "13.0.0",
        "is_superuser", "on", "TimeZone", "Etc/UTC", "client_encoding", "UTF8",
        "DateStyle", "ISO, MDY"), List.of(rows));
    try (CaptureReplay replay = CaptureReplay.serve(c, "hand-made");
        Connection conn = connect(replay, "primary", "system");
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(rows.sql())) {
      // Then the client sees the recorded server, columns, types and values
      PGConnection pg = conn.unwrap(PGConnection.class);
      assertThat(pg.getParameterStatus("crdb_version")).isEqualTo(build);
      assertThat(pg.getParameterStatus("TimeZone")).isEqualTo("Etc/UTC");
      assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("address");
      assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("int8");
      assertThat(rs.getMetaData().getColumnTypeName(2)).isEqualTo("text");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(1);
      assertThat(rs.getString(2)).isEqualTo("host-1:26257");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).isNull();
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void aStatementRecordedSeveralTimesIsAnsweredInTheRecordedOrderThenWithItsLastAnswer()
      throws Exception {
    String sql = "SHOW CLUSTER SETTING version";
    CaptureDocument c = document(Map.of("crdb_version", "CockroachDB CCL v24.3.1 (x)"),
        List.of(setting(sql, "24.2"), setting(sql, "24.2-upgrading-to-24.3-step-004"),
            setting(sql, "24.3")));
    try (CaptureReplay replay = CaptureReplay.serve(c, "moving");
        Connection conn = connect(replay, "primary", "system")) {
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
          rs.next();
          seen.add(rs.getString(1));
        }
      }
      assertThat(seen).containsExactly("24.2", "24.2-upgrading-to-24.3-step-004", "24.3", "24.3");
    }
  }

  @Test
  void valuesAskedForInBinaryFormatAreTheRecordedValues() throws Exception {
    // pgjdbc asks for binary results of server-prepared statements (prepareThreshold=-1: always)
    String sql = "SELECT a, b, c, d FROM t";
    Exchange e = new Exchange("system", sql, Optional.of(List.of(new Column("a", "int8"),
        new Column("b", "uuid"), new Column("c", "timestamptz"), new Column("d", "bool"))),
        Optional.of(List.of(List.of("42", "00000000-0000-4000-8000-000000000001",
            "2026-05-29 12:00:00.123456+00:00", "t"))), Optional.empty());
    CaptureDocument c = document(Map.of("crdb_version", "CockroachDB CCL v25.4.1 (x)"),
        List.of(e));
    try (CaptureReplay replay = CaptureReplay.serve(c, "binary");
        Connection conn = connect(replay, "primary", "system", "prepareThreshold", "-1");
        java.sql.PreparedStatement st = conn.prepareStatement(sql)) {
      for (int i = 0; i < 2; i++) {
        try (ResultSet rs = st.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong(1)).isEqualTo(42);
          assertThat(rs.getObject(2)).isEqualTo(
              UUID.fromString("00000000-0000-4000-8000-000000000001"));
          assertThat(rs.getObject(3, java.time.OffsetDateTime.class).toInstant())
              .isEqualTo(java.time.Instant.parse("2026-05-29T12:00:00.123456Z"));
          assertThat(rs.getBoolean(4)).isTrue();
        }
      }
    }
  }

  private static Exchange setting(String sql, String value) {
    return new Exchange("system", sql, Optional.of(List.of(new Column("version", "text"))),
        Optional.of(List.of(List.of(value))), Optional.empty());
  }

  private static CaptureDocument document(Map<String, String> params, List<Exchange> exchanges) {
    return new CaptureDocument(CaptureDocument.SCHEMA_VERSION, CaptureDocument.Origin.SIMULATED,
        java.time.Instant.parse("2026-05-29T12:00:00Z"), "test", false,
        List.of(new ClusterCapture("primary", "primary", params, exchanges)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"24.3", "25.2", "25.4", "26.2"})
  void theExampleCapturesReplayToTheInspectorWithoutAMiss(String series) {
    Path file = Path.of("..", "docs", "captures", "simulated-" + series + "-at-rest.json");
    try (CaptureReplay replay = CaptureReplay.serve(file)) {
      ClusterSnapshot p = inspect("primary", ClusterRole.PRIMARY, replay.primaryUrl(),
          replay.password(), Clock.systemUTC());
      ClusterSnapshot s = inspect("standby", ClusterRole.STANDBY, replay.standbyUrl(),
          replay.password(), Clock.systemUTC());
      assertThat(p.systemVc().version().known().orElseThrow().toString()).isEqualTo(series);
      assertThat(s.replicatingVc()).isPresent();
      replay.assertNoMisses();
    }
  }
}
