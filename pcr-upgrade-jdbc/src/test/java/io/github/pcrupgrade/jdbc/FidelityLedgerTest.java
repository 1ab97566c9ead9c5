package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import io.github.pcrupgrade.testkit.sql.ExecutedStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fidelity ledger ({@code docs/fidelity.md}) lists every statement the JDBC adapters send to
 * CockroachDB, with its source and its test. This test makes the adapters send all of them (a
 * two-hop upgrade with a reader VC over the wire front, and every operation of the port), reads
 * the statements the server received, and fails when one is missing from the ledger, so that the
 * ledger stays true. Identifiers and literals are compared as placeholders ({@code "<vc>"},
 * {@code '<value>'}, a node id as {@code <n>}).
 */
class FidelityLedgerTest {

  static final Path LEDGER = Path.of("..", "docs", "fidelity.md");

  /** A statement with its identifiers and literals replaced by placeholders. */
  static String normalize(String sql) {
    return sql.trim().replaceAll("\"(?:[^\"]|\"\")*\"", "\"<vc>\"")
        .replaceAll("'(?:[^']|'')*'", "'<value>'").replaceAll("node_id = \\d+", "node_id = <n>")
        .replaceAll("\\s+", " ");
  }

  /** The statements of the ledger's statement table (the first code span of each row). */
  static Set<String> ledger() throws IOException {
    Set<String> out = new TreeSet<>();
    Pattern row = Pattern.compile("^\\|\\s*`([^`]+)`");
    for (String line : Files.readAllLines(LEDGER)) {
      Matcher m = row.matcher(line);
      if (m.find()) {
        out.add(normalize(m.group(1)));
      }
    }
    return out;
  }

  private static CockroachCluster cluster(SimulatedDeployment d, SimulatedPcrServer server,
      String name, ClusterRole role) {
    return CockroachCluster.builder(ClusterConnectionSettings.builder(name)
            .url(server.jdbcUrl(name)).password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
            .build(), role).clock(d.clock()).sleeper(d.sleeper()).seed(1).build();
  }

  /** Every statement the adapters sent while upgrading and while using every port operation. */
  static Set<String> sent() {
    Set<String> sent = new TreeSet<>();
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").nodes(3, 3).reader(true)
        .acceptSqlFinalizations().build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        CockroachCluster primary = cluster(d, server, "primary", ClusterRole.PRIMARY);
        CockroachCluster standby = cluster(d, server, "standby", ClusterRole.STANDBY)) {
      RunResult r = UpgradeExecutor.builder().deploymentId(d.deploymentId())
          .primary(primary.inspector(), primary.operations())
          .standby(standby.inspector(), standby.operations())
          .nodeUpgrader(d.nodeUpgrader()).journal(d.journal()).clock(d.clock())
          .sleeper(d.sleeper()).options(ExecutorOptions.builder()
              .pollInterval(Duration.ofSeconds(1)).maxPollInterval(Duration.ofSeconds(5))
              .settleTime(Duration.ZERO).build())
          .build().run(UpgradeRequest.to("25.4").build());
      assertThat(r.isCompleted()).as(r.toString()).isTrue();
      // the operations an upgrade may not need
      ClusterOperations ops = primary.operations();
      ops.readVersion("main");
      ops.replicatedTime("main");
      standby.operations().replicatedTime("main");
      ops.clusterTime();
      ops.setFinalizationSetting("main", PinSetting.PRESERVE_DOWNGRADE_OPTION, "25.4");
      ops.resetFinalizationSetting("main", PinSetting.PRESERVE_DOWNGRADE_OPTION);
      ops.setFinalizationSetting("main", PinSetting.AUTO_UPGRADE_ENABLED, "true");
      standby.operations().stopService("main-readonly");
      standby.operations().startServiceShared("main-readonly");
      for (ExecutedStatement s : server.statements()) {
        if (!s.sql().isBlank()) {
          sent.add(normalize(s.sql()));
        }
      }
    }
    return sent;
  }

  @Test
  void everyStatementTheAdaptersSendIsInTheLedger() throws IOException {
    Set<String> ledger = ledger();
    Set<String> sent = sent();

    assertThat(sent).isNotEmpty();
    assertThat(ledger).as("statements sent by the adapters but missing from " + LEDGER)
        .containsAll(sent);
  }

  @Test
  void normalizingReplacesIdentifiersAndLiteralsOnly() {
    assertThat(normalize("ALTER VIRTUAL CLUSTER \"main-readonly\"  STOP SERVICE"))
        .isEqualTo("ALTER VIRTUAL CLUSTER \"<vc>\" STOP SERVICE");
    assertThat(normalize("SET CLUSTER SETTING version = '25.2'"))
        .isEqualTo("SET CLUSTER SETTING version = '<value>'");
    assertThat(normalize("SHOW VIRTUAL CLUSTERS")).isEqualTo("SHOW VIRTUAL CLUSTERS");
    assertThat(List.of(normalize("DROP VIRTUAL CLUSTER \"a\"\"b\"")))
        .containsExactly("DROP VIRTUAL CLUSTER \"<vc>\"");
  }
}
