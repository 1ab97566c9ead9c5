package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.version.BinaryVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandNodeUpgraderTest {

  private static final NodeInfo NODE = new NodeInfo(3, "db-3:26257", "region=us,zone=a b",
      BinaryVersion.parse("v24.3.20"), Liveness.LIVE, false);
  private static final BinaryTarget TARGET = BinaryTarget.exactly(BinaryVersion.parse("v25.2.4"));

  private static CommandNodeUpgrader upgrader(String template, Duration timeout) {
    return new CommandNodeUpgrader(template, timeout, new PrintWriter(new StringWriter()));
  }

  @Test
  void eachPlaceholderStaysInsideItsOwnArgument() {
    CommandNodeUpgrader u = upgrader(
        "upgrade.sh --node={node_id} '{locality}' {address} {binary} \"{action} now\"",
        Duration.ofSeconds(5));

    assertThat(u.command("upgrade", "primary", NODE, TARGET)).containsExactly("upgrade.sh",
        "--node=3", "region=us,zone=a b", "db-3:26257", "v25.2.4", "upgrade now");
  }

  @Test
  void aValueCanNeverBecomeAShellConstruct() {
    NodeInfo hostile = new NodeInfo(4, "x; rm -rf /", "", NODE.binary(), Liveness.LIVE, false);

    assertThat(upgrader("up {address}", Duration.ofSeconds(5))
        .command("upgrade", "p", hostile, TARGET)).containsExactly("up", "x; rm -rf /");
  }

  @Test
  void aSeriesOnlyTargetPassesTheSeries() {
    assertThat(upgrader("up {binary} {series}", Duration.ofSeconds(5)).command("upgrade", "p",
        NODE, BinaryTarget.anyPatchOf(TARGET.series()))).containsExactly("up", "25.2", "25.2");
  }

  @Test
  void anExitCodeOtherThanZeroIsAPortFailureNamingTheNode() {
    assertThatThrownBy(() -> upgrader("false", Duration.ofSeconds(60))
            .upgrade("primary", NODE, TARGET))
        .isInstanceOf(PcrUpgradeException.class)
        .hasMessageContaining("node 3 of 'primary' exited with code 1");
  }

  @Test
  void aCommandThatHangsIsKilledAfterTheTimeout() {
    assertThatThrownBy(() -> upgrader("sleep 30", Duration.ofMillis(200))
            .upgrade("primary", NODE, TARGET))
        .hasMessageContaining("did not finish within PT0.2S and was killed");
  }

  @Test
  void aMissingProgramIsNamed() {
    assertThatThrownBy(() -> upgrader("no-such-program-xyz", Duration.ofSeconds(60))
            .upgrade("primary", NODE, TARGET))
        .hasMessageContaining("cannot start the node upgrader 'no-such-program-xyz'");
  }

  @Test
  void anUnclosedQuoteIsRefused() {
    assertThatThrownBy(() -> upgrader("up '{node_id}", Duration.ofSeconds(5)))
        .hasMessageContaining("unclosed ' quote");
  }

  @Test
  void successIsExitCodeZero() {
    upgrader("true {node_id}", Duration.ofSeconds(60)).upgrade("primary", NODE, TARGET);
  }
}
