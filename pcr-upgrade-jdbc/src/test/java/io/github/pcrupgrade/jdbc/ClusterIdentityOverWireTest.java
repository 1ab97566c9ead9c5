package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.ReplicationInfo;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Cluster identity over the wire (issue 14, crdb-pcr-sql-facts 11.1 and 9.4): the simulation
 * answers {@code SELECT crdb_internal.cluster_id()} as the product does (a UUID: the storage
 * cluster ID on the system VC, a logical ID sharing its first 16 hex digits in another VC; gated
 * on 26.1+), and the JDBC inspector reads it, and the stream's job id where the layout shows it
 * (11.2).
 */
class ClusterIdentityOverWireTest {

  private static Connection connect(SimulatedPcrServer server, String cluster, String vc)
      throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(cluster) + "?options=-ccluster%3D" + vc,
        "root", SimulatedPcrServer.DEFAULT_ROOT_PASSWORD);
  }

  private static Object clusterId(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT crdb_internal.cluster_id()")) {
      assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("uuid");
      assertThat(rs.next()).isTrue();
      return rs.getObject(1);
    }
  }

  private static CockroachCluster cluster(SimulatedDeployment d, SimulatedPcrServer server,
      String name, ClusterRole role) {
    return CockroachCluster.builder(ClusterConnectionSettings.builder(name)
        .url(server.jdbcUrl(name)).password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
        .build(), role).clock(d.clock()).sleeper(d.sleeper()).seed(1).build();
  }

  @Test
  void theSystemVcAnswersTheStorageIdAndAnAppVcALogicalIdDerivedFromIt() throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        Connection system = connect(server, "primary", "system");
        Connection main = connect(server, "primary", "main")) {
      Object sys = clusterId(system);
      Object app = clusterId(main);

      assertThat(sys).isInstanceOf(UUID.class).isEqualTo(d.primary().clusterId());
      assertThat(app).isInstanceOf(UUID.class).isNotEqualTo(sys);
      // facts 11.1: the first 16 hex digits match across a system VC and its app VCs
      assertThat(app.toString().replace("-", "").substring(0, 16))
          .isEqualTo(sys.toString().replace("-", "").substring(0, 16));
      assertThat(d.primary().clusterId()).isNotEqualTo(d.standby().clusterId());
    }
  }

  @Test
  void onTwentySixOneAndLaterTheBuiltinIsGatedLikeEveryInternal() throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().series("26.2").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        Connection system = connect(server, "primary", "system")) {
      SQLException refused = catchThrowableOfType(() -> clusterId(system), SQLException.class);
      assertThat(refused.getSQLState()).isEqualTo("42501");
      assertThat(refused.getMessage()).contains("Access to crdb_internal and system is restricted.");

      try (Statement st = system.createStatement()) {
        st.execute("SET allow_unsafe_internals = on");
      }
      assertThat(clusterId(system)).isEqualTo(d.primary().clusterId());
    }
  }

  @Test
  void theInspectorReadsEachClustersIdentityEvenBehindTheGate() {
    for (String series : new String[] {"24.3", "26.2"}) {
      SimulatedDeployment d = SimulatedDeployment.builder().series(series).build();
      try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
          CockroachCluster p = cluster(d, server, "primary", ClusterRole.PRIMARY);
          CockroachCluster s = cluster(d, server, "standby", ClusterRole.STANDBY)) {
        assertThat(p.inspector().inspect().clusterId()).as(series)
            .contains(d.primary().clusterId());
        assertThat(s.inspector().inspect().clusterId()).as(series)
            .contains(d.standby().clusterId());
      }
    }
  }

  @Test
  void theInspectorReadsTheStreamsJobIdOnEverySeries() {
    // 25.1+ shows ingestion_job_id; on 24.1-24.3 it comes from SHOW JOBS (11.2;
    // StreamJobIdOverWireTest)
    assertThat(jobId("25.2")).isPresent();
    assertThat(jobId("24.3")).isPresent();
  }

  private static Optional<Long> jobId(String series) {
    SimulatedDeployment d = SimulatedDeployment.builder().series(series).build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        CockroachCluster s = cluster(d, server, "standby", ClusterRole.STANDBY)) {
      ClusterSnapshot snap = s.inspector().inspect();
      return snap.replicatingVc().flatMap(VirtualClusterInfo::replication)
          .flatMap(ReplicationInfo::jobId);
    }
  }
}
