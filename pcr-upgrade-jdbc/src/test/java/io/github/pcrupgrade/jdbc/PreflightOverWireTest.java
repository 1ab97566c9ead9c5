package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.Licence;
import io.github.pcrupgrade.core.model.LicenceType;
import io.github.pcrupgrade.core.preflight.PreflightCheck;
import io.github.pcrupgrade.core.preflight.PreflightReport;
import io.github.pcrupgrade.core.preflight.Verdict;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.ClusterAdministration;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import io.github.pcrupgrade.testkit.sql.SqlUser;
import io.github.pcrupgrade.testkit.sql.ExecutedStatement;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Preflight (issue 16) against served simulations that each break one check: the report has
 * exactly that FAIL, with what was seen and what to do, and preflight sends nothing that changes
 * a cluster. The expected verdicts come from crdb-pcr-sql-facts 11.1, 11.3, 11.5 and 9.4.
 */
class PreflightOverWireTest {

  private static final ReleaseSeries TO_243 = ReleaseSeries.parse("24.3");

  private static ClusterConnectionSettings settings(String name, String url, String user,
      String password) {
    return ClusterConnectionSettings.builder(name).url(url).user(user)
        .password(() -> password).connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static PreflightReport preflight(SimulatedDeployment d, SimulatedPcrServer server,
      ReleaseSeries to) {
    return preflight(d, server, to, "root", SimulatedPcrServer.DEFAULT_ROOT_PASSWORD);
  }

  private static PreflightReport preflight(SimulatedDeployment d, SimulatedPcrServer server,
      ReleaseSeries to, String user, String password) {
    Preflight.Builder b = Preflight.builder(
        settings("primary", server.primaryUrl(), user, password),
        settings("standby", server.standbyUrl(), user, password)).clock(d.clock());
    if (to != null) {
      b.target(to);
    }
    return b.build().run();
  }

  private static SimulatedPcrServer serve(SimulatedDeployment d,
      UnaryOperator<SimulatedPcrServer.Builder> config) {
    return config.apply(SimulatedPcrServer.builder(d)).start();
  }

  private static List<String> failing(PreflightReport r) {
    return r.with(Verdict.FAIL).stream().map(c -> c.name() + " " + c.subject()).toList();
  }

  @Test
  void aHealthyDeploymentHasNoFailAndSaysWhatItSawPerCheck() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.1").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      PreflightReport r = preflight(d, server, TO_243);

      assertThat(failing(r)).isEmpty();
      assertThat(r.unreachable()).isFalse();
      assertThat(r.named("identity")).singleElement()
          .extracting(PreflightCheck::verdict).isEqualTo(Verdict.OK);
      assertThat(r.named("replication")).singleElement()
          .extracting(PreflightCheck::verdict).isEqualTo(Verdict.OK);
      // the simulation has an Enterprise licence by default
      assertThat(r.named("licence")).hasSize(2).allSatisfy(c -> {
        assertThat(c.verdict()).isEqualTo(Verdict.OK);
        assertThat(c.seen()).contains("ENTERPRISE");
      });
      // the wire front offers no TLS: the plain verdict
      assertThat(r.named("tls")).hasSize(2)
          .allSatisfy(c -> assertThat(c.verdict()).isEqualTo(Verdict.WARN));
      // root is a member of admin: OK in each VC the upgrade sends statements to
      assertThat(r.named("privileges")).extracting(PreflightCheck::subject)
          .containsExactly("primary/system", "primary/main", "standby/system");
      assertThat(r.named("privileges")).allSatisfy(c -> {
        assertThat(c.verdict()).isEqualTo(Verdict.OK);
        assertThat(c.seen()).contains("member of admin");
      });
    }
  }

  @Test
  void preflightSendsNoStatementThatChangesAnything() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.1").reader(false).build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      server.clearStatementLogs();
      preflight(d, server, TO_243);

      List<ExecutedStatement> sent = server.statements();
      assertThat(sent).isNotEmpty();
      assertThat(sent).extracting(ExecutedStatement::sql)
          .anyMatch(s -> s.contains("enterprise.license"))
          .anyMatch(s -> s.contains("diagnostics.reporting.enabled"))
          .anyMatch(s -> s.equals("SHOW JOBS"))
          // reads, and the driver's own session variables (a session's state, not the cluster's)
          .allSatisfy(s -> assertThat(s.trim().toUpperCase(Locale.ROOT))
              .matches("(SHOW|SELECT) .*|SET (?!CLUSTER )[A-Z_]+ = .*"));
    }
  }

  @Test
  void noLicenceBeforeAHopTo243FailsOnThatClusterOnly() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.1").build();
    try (SimulatedPcrServer server = serve(d, b -> b.administration("primary",
        ClusterAdministration.defaults().withLicence(null)))) {
      PreflightReport r = preflight(d, server, TO_243);

      assertThat(failing(r)).containsExactly("licence primary");
      PreflightCheck c = r.with(Verdict.FAIL).get(0);
      assertThat(c.seen()).contains("no licence is installed").contains("24.3");
      assertThat(c.todo()).contains("enterprise.license");
      assertThat(c.fact()).contains("11.3");
    }
  }

  @Test
  void noLicenceWithoutAHopTo243IsOnlyAWarning() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();
    try (SimulatedPcrServer server = serve(d, b -> b.administration("primary",
        ClusterAdministration.defaults().withLicence(null)))) {
      PreflightReport r = preflight(d, server, ReleaseSeries.parse("25.2"));

      assertThat(failing(r)).isEmpty();
      assertThat(r.named("licence")).filteredOn(c -> c.subject().equals("primary"))
          .singleElement().satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.WARN);
            assertThat(c.seen()).contains("XXC02");
          });
    }
  }

  @Test
  void telemetryOffUnderAFreeLicenceFailsEveryVcTheHopFinalizes() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.1").build();
    Licence free = new Licence(LicenceType.FREE, ClusterAdministration.DEFAULT_LICENCE_EXPIRY);
    try (SimulatedPcrServer server = serve(d, b -> b.administration("primary",
        ClusterAdministration.defaults().withLicence(free).withTelemetry(false)))) {
      PreflightReport r = preflight(d, server, TO_243);

      assertThat(failing(r)).containsExactlyInAnyOrder("licence primary/system",
          "licence primary/main");
      assertThat(r.with(Verdict.FAIL)).allSatisfy(c -> {
        assertThat(c.seen()).contains("FREE").contains("telemetry is off");
        assertThat(c.todo()).contains("diagnostics.reporting.enabled = true");
      });
    }
  }

  @Test
  void oneClusterGivenTwiceFailsTheIdentityCheck() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      String pw = SimulatedPcrServer.DEFAULT_ROOT_PASSWORD;
      PreflightReport r = Preflight.builder(settings("primary", server.primaryUrl(), "root", pw),
          settings("standby", server.primaryUrl(), "root", pw)).clock(d.clock()).build().run();

      assertThat(r.named("identity")).singleElement().satisfies(c -> {
        assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(c.seen()).contains("same cluster");
      });
    }
  }

  @Test
  void aRoleWithoutTheNeededPrivilegesFailsThePrivilegeCheck() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();
    try (SimulatedPcrServer server = serve(d,
        b -> b.user(SqlUser.withoutAdmin("viewer", "viewer-password")))) {
      PreflightReport r = preflight(d, server, null, "viewer", "viewer-password");

      // the grants are read before the inspection, whose reads are then refused (42501)
      assertThat(failing(r)).containsExactly("privileges primary/system", "inspection primary",
          "privileges standby/system", "inspection standby");
      assertThat(r.named("privileges")).filteredOn(c -> c.verdict() == Verdict.FAIL)
          .hasSize(2).allSatisfy(c -> {
            assertThat(c.seen()).contains("has no system privilege",
                "lacks MANAGEVIRTUALCLUSTER", "VIEWCLUSTERMETADATA");
            assertThat(c.todo()).startsWith(
                "GRANT SYSTEM MANAGEVIRTUALCLUSTER, VIEWCLUSTERMETADATA TO viewer");
          });
      assertThat(r.named("inspection")).allSatisfy(c -> assertThat(c.seen()).contains("42501"));
      // in the app VC only SET CLUSTER SETTING is sent: its privilege may be a role option
      assertThat(r.named("privileges")).filteredOn(c -> c.subject().equals("primary/main"))
          .singleElement().satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.WARN);
            assertThat(c.seen()).contains("only inferred", "MODIFYCLUSTERSETTING");
          });
    }
  }

  @Test
  void allowUnsafeInternalsRefusedFailsThatCheck() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("26.2").build();
    try (SimulatedPcrServer server = serve(d, b -> b.administration("standby",
        ClusterAdministration.defaults().refusingUnsafeInternals()))) {
      PreflightReport r = preflight(d, server, null);

      assertThat(failing(r)).containsExactly("unsafe-internals standby");
      assertThat(r.with(Verdict.FAIL).get(0).seen())
          .contains("Access to crdb_internal and system is restricted.");
    }
  }

  @Test
  void noReplicationFailsTheReplicationCheck() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").replicating(false)
        .build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      PreflightReport r = preflight(d, server, null);

      assertThat(r.named("replication")).singleElement().satisfies(c -> {
        assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(c.seen()).contains("no replication stream");
      });
    }
  }

  @Test
  void anUnreachableClusterIsAFailLineAndMarksTheReportUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      String pw = SimulatedPcrServer.DEFAULT_ROOT_PASSWORD;
      PreflightReport r = Preflight.builder(settings("primary", server.primaryUrl(), "root", pw),
          settings("standby", "jdbc:postgresql://127.0.0.1:" + closedPort + "/defaultdb",
              "root", pw)).clock(d.clock()).build().run();

      assertThat(r.unreachable()).isTrue();
      assertThat(failing(r)).containsExactly("connectivity standby");
      assertThat(r.with(Verdict.FAIL).get(0).seen()).doesNotContain(pw);
    }
  }

  @Test
  void aPostgresServerIsNotCockroachDbAndIsUnreachableForPreflight() {
    String url = Postgres.server().getJdbcUrl("postgres", "postgres");
    PreflightReport r = Preflight.builder(settings("primary", url, "postgres", "postgres"),
        settings("standby", url, "postgres", "postgres")).build().run();

    assertThat(r.unreachable()).isTrue();
    assertThat(failing(r)).containsExactly("connectivity primary", "connectivity standby");
    assertThat(r.with(Verdict.FAIL).get(0).seen()).contains("is not CockroachDB");
  }
}
