package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.RealTimeDriver;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 through the CLI over the wire: the primary's URL given as the standby too, and the two
 * URLs swapped. The tool reads each cluster's identity ({@code crdb_internal.cluster_id()}) and
 * roles, refuses, names the problem (one cluster given twice; a likely swap), and changes nothing
 * on any cluster; {@code check} does not say OK.
 */
class SameClusterTwiceTest {

  @TempDir Path journal;

  private SimulatedDeployment sim;
  private SimulatedPcrServer server;
  private RealTimeDriver driver;

  @BeforeEach
  void serve() {
    sim = SimulatedDeployment.builder().nodes(3, 3).series("24.3").build();
    server = SimulatedPcrServer.serve(sim);
    driver = RealTimeDriver.start(sim, 200, Duration.ofMillis(20));
  }

  @AfterEach
  void stop() {
    driver.close();
    server.close();
  }

  private static Map<String, String> env() {
    return Map.of("PCR_UPGRADE_PASSWORD", SimulatedPcrServer.DEFAULT_ROOT_PASSWORD);
  }

  /** Every VC's version and settings and every node's binary, as they really are. */
  private List<String> state() {
    DeploymentSnapshot s = sim.trueSnapshot();
    List<String> out = new ArrayList<>();
    for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
      c.nodes().forEach(n -> out.add(c.name() + " n" + n.id() + " " + n.binary()));
      for (VirtualClusterInfo vc : c.virtualClusters()) {
        out.add(c.name() + "/" + vc.name() + " " + vc.version().version() + " "
            + vc.settings().orElse(null));
      }
    }
    return out;
  }

  @Test
  void applyRefusesOneClusterGivenTwiceAndChangesNothing() {
    List<String> before = state();

    CliRunner.Result r = CliRunner.runWithInput("", env(), "apply", "--primary",
        server.primaryUrl(), "--standby", server.primaryUrl(), "--to", "25.2",
        "--node-upgrader", "false", "--settle-time", "0s", "--poll-interval", "0.05s",
        "--journal-dir", journal.toString(), "--yes");

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.VIOLATIONS.code());
    assertThat(r.out()).contains("SAME_CLUSTER", sim.primary().clusterId().toString());
    assertThat(state()).isEqualTo(before);
    assertThat(sim.monitor().violations()).isEmpty();
  }

  @Test
  void swappedUrlsAreNamedAsSuchAndNothingIsChanged() {
    List<String> before = state();

    CliRunner.Result check = CliRunner.runWithInput("", env(), "check", "--primary",
        server.standbyUrl(), "--standby", server.primaryUrl());
    CliRunner.Result apply = CliRunner.runWithInput("", env(), "apply", "--primary",
        server.standbyUrl(), "--standby", server.primaryUrl(), "--to", "25.2",
        "--node-upgrader", "false", "--settle-time", "0s", "--poll-interval", "0.05s",
        "--journal-dir", journal.toString(), "--yes");

    assertThat(check.out()).as(check.out() + check.err()).contains("CLUSTERS_LIKELY_SWAPPED",
        "swapped");
    assertThat(apply.exitCode()).as(apply.out() + apply.err())
        .isEqualTo(ExitCode.VIOLATIONS.code());
    assertThat(apply.out()).contains("most likely swapped").doesNotContain("COMPLETED");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void checkDoesNotSayOkForOneClusterGivenTwice() {
    CliRunner.Result r = CliRunner.runWithInput("", env(), "check", "--primary",
        server.primaryUrl(), "--standby", server.primaryUrl(), "--to", "25.2");

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.VIOLATIONS.code());
    assertThat(r.out()).contains("SAME_CLUSTER");
  }
}
