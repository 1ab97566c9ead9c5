package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.Licence;
import io.github.pcrupgrade.core.model.LicenceType;
import io.github.pcrupgrade.core.preflight.PreflightCheck;
import io.github.pcrupgrade.core.preflight.PreflightReport;
import io.github.pcrupgrade.core.preflight.Verdict;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.ClusterAdministration;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Preflight's licence check against served licences whose throttling ({@code XXC02}) is due, near
 * or far (issue 16, item 1; crdb-pcr-sql-facts 11.3; the grace per type from {@code
 * crdb:pkg/server/license/enforcer.go}): the key the wire front serves is decoded, and the verdict
 * is judged on the simulation's clock. Three nodes per cluster: a single-node cluster is never
 * throttled.
 */
class LicenceThrottlingOverWireTest {

  private static PreflightCheck primaryLicence(LicenceType type, Duration validFor) {
    SimulatedDeployment d = SimulatedDeployment.builder().series("25.2").nodes(3, 3).build();
    Instant now = d.clock().instant();
    Licence licence = new Licence(type, now.plus(validFor));
    try (SimulatedPcrServer server = SimulatedPcrServer.builder(d).administration("primary",
        ClusterAdministration.defaults().withLicence(licence)).start()) {
      PreflightReport r = Preflight.builder(settings("primary", server.primaryUrl()),
          settings("standby", server.standbyUrl())).clock(d.clock()).build().run();
      assertThat(r.named("licence")).filteredOn(c -> c.subject().equals("primary"))
          .as(r.toString()).hasSize(1);
      return r.named("licence").stream().filter(c -> c.subject().equals("primary"))
          .findFirst().orElseThrow();
    }
  }

  private static ClusterConnectionSettings settings(String name, String url) {
    return ClusterConnectionSettings.builder(name).url(url).user("root")
        .password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Test
  void aTrialLicenceExpiredLongerThanItsSevenDayGraceIsThrottled() {
    PreflightCheck c = primaryLicence(LicenceType.TRIAL, Duration.ofDays(-8));

    assertThat(c.verdict()).isEqualTo(Verdict.WARN);
    assertThat(c.seen()).contains("TRIAL").contains("throttled since").contains("XXC02");
  }

  @Test
  void anEvaluationLicenceExpiredWithinItsThirtyDayGraceIsNearThrottling() {
    PreflightCheck c = primaryLicence(LicenceType.EVALUATION, Duration.ofDays(-10));

    assertThat(c.verdict()).isEqualTo(Verdict.WARN);
    assertThat(c.seen()).contains("EVALUATION").contains("expired; throttling")
        .contains("in 20 day(s)");
  }

  @Test
  void aFreeLicenceValidForMonthsIsNotNear() {
    PreflightCheck c = primaryLicence(LicenceType.FREE, Duration.ofDays(100));

    assertThat(c.verdict()).isEqualTo(Verdict.OK);
    assertThat(c.seen()).contains("FREE licence valid until");
  }
}
