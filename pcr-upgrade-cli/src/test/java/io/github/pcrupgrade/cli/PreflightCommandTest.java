package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.ClusterAdministration;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pcr-upgrade preflight} end to end over the wire (issue 16): one line per check, exit 0
 * without FAIL, 1 with a FAIL, 4 when a cluster cannot be reached (never a stack trace), and the
 * failback verdict after a failover to a newer standby.
 */
class PreflightCommandTest {

  @TempDir Path dir;

  private static Map<String, String> env() {
    return Map.of("PCR_UPGRADE_PASSWORD", SimulatedPcrServer.DEFAULT_ROOT_PASSWORD);
  }

  private static CliRunner.Result preflight(SimulatedPcrServer server, String... more) {
    String[] args = new String[3 + more.length];
    args[0] = "preflight";
    args[1] = "--primary=" + server.primaryUrl();
    args[2] = "--standby=" + server.standbyUrl();
    System.arraycopy(more, 0, args, 3, more.length);
    return CliRunner.run(env(), args);
  }

  @Test
  void aHealthyDeploymentExitsZeroWithOneLinePerCheck() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.1").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      CliRunner.Result r = preflight(server, "--to", "24.3");

      assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).contains("OK licence [primary]: ENTERPRISE licence")
          .contains("OK identity [deployment]").contains("WARN tls [primary]")
          .contains("0 FAIL,");
    }
  }

  @Test
  void noLicenceBeforeAHopTo243ExitsOneWithTheFailLine() throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.1").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.builder(d).administration("standby",
        ClusterAdministration.defaults().withLicence(null)).start()) {
      CliRunner.Result text = preflight(server, "--to", "24.3");
      CliRunner.Result json = preflight(server, "--to", "24.3", "--format", "json");

      assertThat(text.exitCode()).isEqualTo(1);
      assertThat(text.out()).contains("FAIL licence [standby]: no licence is installed")
          .contains("    what to do: install a licence on cluster 'standby'")
          .contains("1 FAIL,");
      assertThat(json.exitCode()).isEqualTo(1);
      JsonNode doc = new ObjectMapper().readTree(json.out());
      assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
      assertThat(doc.get("verdict").asText()).isEqualTo("FAIL");
      assertThat(doc.get("checks")).anySatisfy(c -> {
        assertThat(c.get("name").asText()).isEqualTo("licence");
        assertThat(c.get("subject").asText()).isEqualTo("standby");
        assertThat(c.get("verdict").asText()).isEqualTo("FAIL");
      });
      assertThat(json.out()).doesNotContain(SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
          .doesNotContain("crl-0-");
    }
  }

  @Test
  void anUnreachableClusterExitsFourWithFailLinesAndNoStackTrace() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      CliRunner.Result r = CliRunner.run(env(), "preflight", "--primary=" + server.primaryUrl(),
          "--standby=jdbc:postgresql://127.0.0.1:" + closed + "/defaultdb?connectTimeout=5");

      assertThat(r.exitCode()).isEqualTo(4);
      assertThat(r.out()).contains("FAIL connectivity [standby]")
          .contains("a cluster could not be reached");
      assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void aPostgresServerIsAFailLineAndExitFour() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      CliRunner.Result r = CliRunner.run(Map.of("PCR_UPGRADE_PASSWORD", "postgres"),
          "preflight", "--primary=" + url, "--standby=" + url);

      assertThat(r.exitCode()).isEqualTo(4);
      assertThat(r.out()).contains("FAIL connectivity [primary]").contains("is not CockroachDB");
      assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  /** A failover from a 24.3 primary to a standby already on 25.2. */
  private static SimulatedDeployment failedOverToNewerStandby() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3")
        .standbyBinary("v25.2.9").standbyVersion("25.2").build();
    d.standby().completeReplicationToLatest("main");
    assertThat(d.advanceUntil(() -> d.standby().showVirtualClusters().stream()
        .anyMatch(v -> v.name().equals("main") && v.dataState().equalsIgnoreCase("ready")),
        Duration.ofHours(1))).as("the failover completes in virtual time").isTrue();
    d.standby().startServiceShared("main");
    assertThat(d.advanceUntil(() -> d.trueSnapshot().isFailedOver(), Duration.ofHours(1)))
        .as("the promoted VC serves").isTrue();
    return d;
  }

  @Test
  void theFailbackVerdictAfterAFailoverToANewerStandbyIsNoWithTheReason() throws Exception {
    SimulatedDeployment d = failedOverToNewerStandby();
    Path state = CliRunner.writeState(dir, d.trueSnapshot());

    CliRunner.Result fromState = CliRunner.run("preflight", "--failback", "--state",
        state.toString());
    CliRunner.Result live;
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      live = CliRunner.run(env(), "preflight", "--failback", "--primary=" + server.primaryUrl(),
          "--standby=" + server.standbyUrl());
    }

    for (CliRunner.Result r : new CliRunner.Result[] {fromState, live}) {
      assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
      assertThat(r.out()).contains("FAIL failback [deployment]: fast failback is not allowed")
          .contains("newer than original primary")
          .contains("what to do: upgrade and finalize 'primary' to 25.2");
    }
    // live, the promoted VC's prior replication details name the original primary (11.1)
    assertThat(live.out()).contains("OK failback-lineage [standby/main]: VC 'main' came from"
        + " 'primary'");
    assertThat(fromState.out()).doesNotContain("failback-lineage");
  }

  @Test
  void theFailbackVerdictWithoutAFailoverIsNoBecauseNoneHappened() throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();
    Path state = CliRunner.writeState(dir, d.trueSnapshot());

    CliRunner.Result r = CliRunner.run("preflight", "--failback", "--state", state.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("no failover has happened");
  }
}
