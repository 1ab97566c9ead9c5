package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.exec.HaltReason;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ReplicationInfo;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import io.github.pcrupgrade.testkit.sql.ExecutedStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import io.github.pcrupgrade.core.plan.StepKind;

/**
 * The stream's job id on 24.1-24.3 (issue 16 with issue 14; crdb-pcr-sql-facts 11.2): the
 * replication status shows no job id there, so the JDBC inspector reads it from {@code SHOW JOBS}
 * (type {@code REPLICATION STREAM INGESTION}, the description naming the VC), and the topology
 * guard compares it as on other versions.
 */
class StreamJobIdOverWireTest {

  private static Connection system(SimulatedPcrServer server, String cluster)
      throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(cluster) + "?options=-ccluster%3Dsystem",
        "root", SimulatedPcrServer.DEFAULT_ROOT_PASSWORD);
  }

  /** The {@code REPLICATION STREAM INGESTION} jobs SHOW JOBS lists: {id, description, status}. */
  private static List<String[]> ingestionJobs(Connection c) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW JOBS")) {
      while (rs.next()) {
        if (rs.getString("job_type").equals("REPLICATION STREAM INGESTION")) {
          out.add(new String[] {Long.toString(rs.getLong("job_id")), rs.getString("description"),
              rs.getString("status")});
        }
      }
    }
    return out;
  }

  private static Optional<Long> inspectedJobId(CockroachCluster standby) {
    return standby.inspector().inspect().replicatingVc()
        .flatMap(VirtualClusterInfo::replication).flatMap(ReplicationInfo::jobId);
  }

  private static long sent(SimulatedPcrServer server, String sql) {
    return server.statements().stream().filter(s -> s.cluster().equals("standby"))
        .map(ExecutedStatement::sql).filter(sql::equals).count();
  }

  @Test
  void onTwentyFourThreeTheInspectorReadsTheJobIdFromShowJobs() throws Exception {
    // Given a 24.3 deployment: its replication status has no job id column (11.2)
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        Connection c = system(server, "standby");
        CockroachCluster standby = ExecutorOverWire.cluster(d, server, "standby",
            ClusterRole.STANDBY)) {
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SHOW VIRTUAL CLUSTER main WITH REPLICATION STATUS")) {
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          columns.add(rs.getMetaData().getColumnLabel(i));
        }
        assertThat(columns).doesNotContain("ingestion_job_id", "replication_job_id");
      }
      // and SHOW JOBS lists one running ingestion job whose description names the VC
      List<String[]> jobs = ingestionJobs(c);
      assertThat(jobs).hasSize(1);
      assertThat(jobs.get(0)[1]).startsWith("CREATE VIRTUAL CLUSTER main FROM REPLICATION OF main"
          + " ON '");
      assertThat(jobs.get(0)[2]).isEqualTo("running");
      long listed = Long.parseLong(jobs.get(0)[0]);

      // When the JDBC inspector reads the standby
      Optional<Long> id = inspectedJobId(standby);

      // Then the stream's job id is the one SHOW JOBS lists, read through SHOW JOBS
      assertThat(id).contains(listed);
      assertThat(listed).isEqualTo(d.standby().replicationStatus("main").ingestionJobId());
      assertThat(sent(server, "SHOW JOBS")).as("SHOW JOBS sent by the inspector").isEqualTo(2);
    }
  }

  @Test
  void whereTheReplicationStatusShowsTheJobIdShowJobsIsNotSent() {
    // Given a 25.2 deployment, whose replication status has ingestion_job_id (11.2)
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        CockroachCluster standby = ExecutorOverWire.cluster(d, server, "standby",
            ClusterRole.STANDBY)) {
      // When the inspector reads the standby, then the id is the column's, and no SHOW JOBS is sent
      assertThat(inspectedJobId(standby))
          .contains(d.standby().replicationStatus("main").ingestionJobId());
      assertThat(sent(server, "SHOW JOBS")).isZero();
    }
  }

  @Test
  void aStreamReplacedMidRunHaltsTheRunNamingTheJob() {
    // Given a 24.3 deployment served over the wire, and, right after the run's first node
    // restart, someone replacing the standby's stream by another (a new ingestion job)
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").nodes(2, 2)
        .acceptSqlFinalizations().build();
    long oldJob = d.standby().replicationStatus("main").ingestionJobId();
    AtomicLong newJob = new AtomicLong(-1);
    AtomicLong statementsAtReplacement = new AtomicLong(-1);
    try (ExecutorOverWire wire = ExecutorOverWire.serve(d)) {

      // When the executor, with only the JDBC adapters, runs to 25.2
      RunResult r = wire.run("25.2", e -> {
        if (e instanceof UpgradeEvent.StepDone done && done.step().kind() == StepKind.RESTART_NODE
            && newJob.get() < 0) {
          newJob.set(d.standby().replaceIngestionJob("main"));
          statementsAtReplacement.set(wire.mutatingStatements());
        }
      });

      // Then the replacement happened; the run halted TOPOLOGY_CHANGED naming both jobs, and
      // sent no mutating statement after it
      assertThat(newJob.get()).as("the stream was replaced").isPositive().isNotEqualTo(oldJob);
      assertThat(d.standby().replicationStatus("main").ingestionJobId()).isEqualTo(newJob.get());
      assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.HALTED);
      assertThat(r.haltReason()).contains(HaltReason.TOPOLOGY_CHANGED);
      assertThat(r.message()).contains("job " + newJob.get(), "job " + oldJob);
      assertThat(wire.mutatingStatements()).isEqualTo(statementsAtReplacement.get());
    }
  }
}
