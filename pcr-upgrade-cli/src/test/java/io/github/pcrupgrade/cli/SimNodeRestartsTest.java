package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.SnapshotDeployments;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * serve-sim's node restarts: a request restarts the simulated node onto the binary through the
 * simulation's own upgrader (taking its simulated drain and restart time); a bad request is
 * answered with what was wrong and changes nothing; sim-restart carries the answer to its exit
 * code.
 */
class SimNodeRestartsTest {

  private static final Path EXAMPLE = Path.of("..", "docs", "examples", "state-24.3-reader.json");

  @Test
  void aRequestRestartsTheNodeOntoTheBinaryInSimulatedTime() {
    SimulatedDeployment d = deployment();
    try (SimNodeRestarts restarts = SimNodeRestarts.start(d, 10_000)) {
      var before = d.now();

      String answer = restarts.answer("upgrade standby 1 v25.2.4");

      assertThat(answer).isEqualTo("ok");
      assertThat(d.trueSnapshot().standby().nodes().get(0).binary().toString())
          .isEqualTo("v25.2.4");
      // drain 10 s and restart 15 s of simulated time (the testkit's defaults)
      assertThat(java.time.Duration.between(before, d.now())).isGreaterThanOrEqualTo(
          java.time.Duration.ofSeconds(25));
    }
  }

  @Test
  void badRequestsAreAnsweredWithTheReasonAndChangeNothing() {
    SimulatedDeployment d = deployment();
    try (SimNodeRestarts restarts = SimNodeRestarts.start(d, 10_000)) {
      assertThat(restarts.answer("reboot standby 1 v25.2.4")).startsWith("error expected");
      assertThat(restarts.answer("upgrade nowhere 1 v25.2.4"))
          .isEqualTo("error no cluster named 'nowhere'; the simulated clusters are 'primary'"
              + " and 'standby'");
      assertThat(restarts.answer("upgrade standby 9 v25.2.4"))
          .isEqualTo("error cluster 'standby' has no node 9");
      assertThat(restarts.answer("upgrade standby one v25.2.4"))
          .isEqualTo("error node id 'one' is not a number");
      assertThat(restarts.answer("upgrade standby 1 banana")).startsWith("error ");
      assertThat(restarts.answer(null)).startsWith("error expected");
      assertThat(d.trueSnapshot().standby().nodes().get(0).binary().toString())
          .isEqualTo("v24.3.12");
    }
  }

  @Test
  void simRestartExitsZeroWhenTheNodeRestartedAndOneWithTheReasonWhenNot() {
    SimulatedDeployment d = deployment();
    try (SimNodeRestarts restarts = SimNodeRestarts.start(d, 10_000)) {
      CliRunner.Result ok = CliRunner.run("sim-restart", "--control", restarts.address(),
          "upgrade", "primary", "1", "25.2");
      CliRunner.Result refused = CliRunner.run("sim-restart", "--control", restarts.address(),
          "upgrade", "primary", "7", "25.2");

      assertThat(ok.exitCode()).as(ok.err()).isZero();
      assertThat(ok.out()).contains("simulated node 1 of 'primary': upgrade to 25.2 done");
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.err()).contains("cluster 'primary' has no node 7");
    }
  }

  @Test
  void simRestartWithAMalformedAddressExits3() {
    CliRunner.Result r = CliRunner.run("sim-restart", "--control", "localhost", "upgrade",
        "primary", "1", "25.2");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("--control must be HOST:PORT");
  }

  private static SimulatedDeployment deployment() {
    DeploymentSnapshot s = DeploymentSource.readState(EXAMPLE);
    return SnapshotDeployments.builderFrom(s).seed(1).acceptSqlFinalizations().build();
  }
}
