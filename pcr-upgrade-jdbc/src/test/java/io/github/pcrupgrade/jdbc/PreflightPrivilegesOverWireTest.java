package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.preflight.PreflightCheck;
import io.github.pcrupgrade.core.preflight.PreflightReport;
import io.github.pcrupgrade.core.preflight.Verdict;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import io.github.pcrupgrade.testkit.sql.SqlUser;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Preflight's {@code privileges} check from the grants the simulation serves (issue 16;
 * crdb-pcr-sql-facts 5, 11.5): {@code SHOW SYSTEM GRANTS} and {@code SHOW GRANTS ON ROLE},
 * expanded through roles; {@code admin} implies everything; what is only inferred is a WARN.
 */
class PreflightPrivilegesOverWireTest {

  private static final String PW = "upgrader-password";

  private static PreflightReport preflight(SimulatedDeployment d, SimulatedPcrServer server,
      String user) {
    return Preflight.builder(settings("primary", server.primaryUrl(), user),
        settings("standby", server.standbyUrl(), user)).clock(d.clock()).build().run();
  }

  private static ClusterConnectionSettings settings(String name, String url, String user) {
    return ClusterConnectionSettings.builder(name).url(url).user(user).password(() -> PW)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static List<List<String>> rows(Connection c, String sql) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      List<String> header = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        header.add(rs.getMetaData().getColumnLabel(i));
      }
      out.add(header);
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= header.size(); i++) {
          row.add(rs.getString(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  @Test
  void theWireFrontAnswersGrantsAndMembershipsAsTheDocsShowThem() throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.builder(d)
        .user(SqlUser.role("upgraders", "MANAGEVIRTUALCLUSTER", "VIEWCLUSTERMETADATA"))
        .user(SqlUser.withoutAdmin("upgrader", PW).memberOf("upgraders")).start();
        Connection c = DriverManager.getConnection(server.primaryUrl()
            + "?options=-ccluster%3Dsystem", "upgrader", PW)) {
      // SHOW SYSTEM GRANTS needs no privilege and shows direct grants only (11.5)
      assertThat(rows(c, "SHOW SYSTEM GRANTS")).containsExactly(
          List.of("grantee", "privilege_type", "is_grantable"),
          List.of("upgraders", "MANAGEVIRTUALCLUSTER", "f"),
          List.of("upgraders", "VIEWCLUSTERMETADATA", "f"));
      assertThat(rows(c, "SHOW SYSTEM GRANTS FOR upgrader")).hasSize(1);
      assertThat(rows(c, "SHOW GRANTS ON ROLE FOR upgrader")).containsExactly(
          List.of("role_name", "member", "is_admin"), List.of("upgraders", "upgrader", "f"));
      // and the role's privilege lets its member read the VCs
      assertThat(rows(c, "SHOW VIRTUAL CLUSTERS")).hasSizeGreaterThan(1);
    }
  }

  @Test
  void anAdminThroughARoleIsOkEverywhere() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.builder(d)
        .user(SqlUser.role("ops").memberOf("admin"))
        .user(SqlUser.withoutAdmin("upgrader", PW).memberOf("ops")).start()) {
      PreflightReport r = preflight(d, server, "upgrader");

      assertThat(r.with(Verdict.FAIL)).isEmpty();
      assertThat(r.named("privileges")).hasSize(3).allSatisfy(c -> {
        assertThat(c.verdict()).isEqualTo(Verdict.OK);
        assertThat(c.seen()).contains("member of admin", "through roles");
      });
    }
  }

  @Test
  void theNeededGrantsWithoutAdminPassButWhatIsOnlyInferredWarns() {
    // Given a user whose role holds every privilege the upgrade's statements need, on 25.2
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.builder(d)
        .user(SqlUser.role("upgraders", "MANAGEVIRTUALCLUSTER", "VIEWCLUSTERMETADATA",
            "MODIFYCLUSTERSETTING"))
        .user(SqlUser.withoutAdmin("upgrader", PW).memberOf("upgraders")).start()) {
      PreflightReport r = preflight(d, server, "upgrader");

      // Then nothing fails, the reads pass, and each VC says what it could only infer
      assertThat(r.with(Verdict.FAIL)).isEmpty();
      assertThat(r.named("inspection")).allSatisfy(c ->
          assertThat(c.verdict()).isEqualTo(Verdict.OK));
      assertThat(r.named("privileges")).extracting(c -> c.subject() + " " + c.verdict())
          .containsExactly("primary/system WARN", "primary/main OK", "standby/system WARN");
      PreflightCheck standby = r.named("privileges").get(2);
      assertThat(standby.seen()).contains("only inferred", "admin role",
          "REPLICATIONDEST is not granted");
      assertThat(r.named("privileges").get(0).seen()).doesNotContain("REPLICATIONDEST");
    }
  }
}
