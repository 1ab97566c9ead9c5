package io.github.pcrupgrade.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.jdbc.ClusterConnectionSettings;
import io.github.pcrupgrade.jdbc.CockroachCluster;
import io.github.pcrupgrade.jdbc.CockroachSqlException;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.util.Optional;

/**
 * The port contract against the JDBC adapters, through pgjdbc and HikariCP, the wire front and
 * the same simulation as {@link InMemoryPortsContractTest} (issue 6.3 b): both must agree.
 */
class JdbcOverWireContractTest extends ClusterPortsContract {

  private SimulatedPcrServer server;

  @Override
  protected Target connect(SimulatedDeployment d) {
    server = SimulatedPcrServer.serve(d);
    CockroachCluster primary = cluster(d, server, d.primary().name(), ClusterRole.PRIMARY);
    CockroachCluster standby = cluster(d, server, d.standby().name(), ClusterRole.STANDBY);
    return new Target(primary.inspector(), primary.operations(), standby.inspector(),
        standby.operations(), () -> {
          primary.close();
          standby.close();
          server.close();
        });
  }

  /** A JDBC cluster on the simulation's virtual clock and sleeper. */
  static CockroachCluster cluster(SimulatedDeployment d, SimulatedPcrServer server, String name,
      ClusterRole role) {
    ClusterConnectionSettings settings = ClusterConnectionSettings.builder(name)
        .url(server.jdbcUrl(name))
        .user("root")
        .password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
        .build();
    return CockroachCluster.builder(settings, role).clock(d.clock()).sleeper(d.sleeper())
        .seed(1).build();
  }

  @Override
  protected boolean simulated() {
    return true;
  }

  @Override
  protected Optional<Long> activity() {
    return Optional.of((long) server.statements().size());
  }

  @Override
  protected void assertProductError(Runnable call, String cluster, String sqlState, String text) {
    super.assertProductError(call, cluster, sqlState, text);
    assertThatThrownBy(call::run).isInstanceOfSatisfying(CockroachSqlException.class,
        e -> org.assertj.core.api.Assertions.assertThat(e.sqlState()).contains(sqlState));
  }
}
