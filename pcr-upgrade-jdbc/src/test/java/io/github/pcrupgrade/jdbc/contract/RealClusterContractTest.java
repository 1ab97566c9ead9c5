package io.github.pcrupgrade.jdbc.contract;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.jdbc.ClusterConnectionSettings;
import io.github.pcrupgrade.jdbc.CockroachCluster;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The port contract against two real CockroachDB clusters running PCR (issue 6.3 c): runs only
 * when {@code PCR_IT_PRIMARY_URL} and {@code PCR_IT_STANDBY_URL} are set (libpq or JDBC URLs,
 * credentials in the URL or in {@code PCR_IT_PASSWORD}; the app VC in {@code PCR_IT_APP_VC},
 * default {@code main}). Only read-only checks run: every mutating check is skipped.
 */
@EnabledIfEnvironmentVariable(named = "PCR_IT_PRIMARY_URL", matches = ".+",
    disabledReason = "set PCR_IT_PRIMARY_URL and PCR_IT_STANDBY_URL to run the contract against"
        + " real clusters")
@EnabledIfEnvironmentVariable(named = "PCR_IT_STANDBY_URL", matches = ".+",
    disabledReason = "set PCR_IT_PRIMARY_URL and PCR_IT_STANDBY_URL to run the contract against"
        + " real clusters")
class RealClusterContractTest extends ClusterPortsContract {

  @Override
  protected Target connect(SimulatedDeployment ignored) {
    CockroachCluster primary = cluster("primary", "PCR_IT_PRIMARY_URL", ClusterRole.PRIMARY);
    CockroachCluster standby = cluster("standby", "PCR_IT_STANDBY_URL", ClusterRole.STANDBY);
    return new Target(primary.inspector(), primary.operations(), standby.inspector(),
        standby.operations(), () -> {
          primary.close();
          standby.close();
        });
  }

  private static CockroachCluster cluster(String name, String urlVariable, ClusterRole role) {
    ClusterConnectionSettings.Builder b = ClusterConnectionSettings.builder(name)
        .url(System.getenv(urlVariable))
        .connectTimeout(Duration.ofSeconds(15));
    String password = System.getenv("PCR_IT_PASSWORD");
    if (password != null) {
      b.password(() -> password);
    }
    String app = System.getenv("PCR_IT_APP_VC");
    if (app != null) {
      b.appVirtualCluster(app);
    }
    return CockroachCluster.builder(b.build(), role).build();
  }

  @Override
  protected boolean simulated() {
    return false;
  }

  @Override
  protected Optional<Long> activity() {
    return Optional.empty();
  }
}
