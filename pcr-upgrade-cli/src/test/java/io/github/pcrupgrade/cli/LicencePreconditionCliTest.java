package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterLicence;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.ClusterAdministration;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import io.github.pcrupgrade.testkit.sql.ExecutedStatement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The licence precondition of a hop to 24.3 in the rules (issue 16, crdb-pcr-sql-facts 11.3):
 * {@code check --to} and {@code apply} refuse before the first pin when a cluster has no licence,
 * and a licence that is not known (a state file without it) never refuses.
 */
class LicencePreconditionCliTest {

  @TempDir Path dir;

  private static DeploymentSnapshot at241() {
    return SimulatedDeployment.builder().series("24.1").nodes(3, 3).build().trueSnapshot();
  }

  @Test
  void checkToRefusesAHopTo243WithoutALicenceFromAStateFile() throws Exception {
    DeploymentSnapshot s = at241();
    Path noLicence = CliRunner.writeState(dir, s.with(s.primary()
        .withLicence(ClusterLicence.none())));

    CliRunner.Result r = CliRunner.run("check", "--state", noLicence.toString(), "--to", "24.3");

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("ERROR LICENCE_MISSING: cluster 'primary' has no licence");
    assertThat(Files.readString(noLicence)).contains("\"installed\" : false");
  }

  @Test
  void aStateFileWithoutTheLicenceNeverRefuses() throws Exception {
    Path unknown = CliRunner.writeState(dir, at241());

    CliRunner.Result r = CliRunner.run("check", "--state", unknown.toString(), "--to", "24.3");

    assertThat(r.out()).doesNotContain("LICENCE_");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
  }

  @Test
  void applyRefusesBeforeTheFirstPinWhenTheStandbyHasNoLicence(@TempDir Path journal) {
    SimulatedDeployment sim = SimulatedDeployment.builder().series("24.1").nodes(3, 3).build();
    try (SimulatedPcrServer server = SimulatedPcrServer.builder(sim).administration("standby",
        ClusterAdministration.defaults().withLicence(null)).start()) {
      server.clearStatementLogs();

      CliRunner.Result r = CliRunner.runWithInput("", Map.of("PCR_UPGRADE_PASSWORD",
              SimulatedPcrServer.DEFAULT_ROOT_PASSWORD), "apply", "--primary",
          server.primaryUrl(), "--standby", server.standbyUrl(), "--to", "24.3",
          "--node-upgrader", "false", "--settle-time", "0s", "--poll-interval", "0.05s",
          "--journal-dir", journal.toString(), "--yes");

      assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.VIOLATIONS.code());
      assertThat(r.out()).contains("LICENCE_MISSING").contains("'standby'");
      // nothing was pinned: no statement that sets a cluster setting reached either cluster
      assertThat(server.statements()).extracting(ExecutedStatement::sql)
          .noneMatch(q -> q.toUpperCase(Locale.ROOT).startsWith("SET CLUSTER SETTING"));
    }
  }
}
