package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.preflight.PreflightCheck;
import io.github.pcrupgrade.core.preflight.PreflightReport;
import io.github.pcrupgrade.core.preflight.Verdict;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.ClusterAdministration;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The failback verdict's lineage (issue 16, item 2): after a failover, {@code SHOW VIRTUAL CLUSTER
 * <vc> WITH PRIOR REPLICATION DETAILS} on the promoted cluster gives {@code source_id}, whose UUID
 * is the original primary system VC's {@code crdb_internal.cluster_id()} (crdb-pcr-sql-facts 11.1,
 * {@code show_tenant.go@c458d835}); the product refuses a failback from another cluster
 * ({@code pickReplicationResume}). Where the option is unknown, the lineage is not verified: a
 * WARN, never a refusal.
 */
class FailbackLineageOverWireTest {

  private static ClusterConnectionSettings settings(String name, String url) {
    return ClusterConnectionSettings.builder(name).url(url).user("root")
        .password(() -> SimulatedPcrServer.DEFAULT_ROOT_PASSWORD)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** A 24.3 deployment whose standby took over 'main' by a failover and serves it. */
  static SimulatedDeployment failedOver(long seed) {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").seed(seed).build();
    d.standby().completeReplicationToLatest("main");
    assertThat(d.advanceUntil(() -> d.standby().showVirtualClusters().stream()
        .anyMatch(v -> v.name().equals("main") && v.dataState().equalsIgnoreCase("ready")),
        Duration.ofHours(1))).as("the failover completes in virtual time").isTrue();
    d.standby().startServiceShared("main");
    assertThat(d.advanceUntil(() -> d.trueSnapshot().isFailedOver(), Duration.ofHours(1)))
        .as("the promoted VC serves").isTrue();
    return d;
  }

  private static PreflightCheck lineage(PreflightReport r) {
    assertThat(r.named("failback-lineage")).as(r.toString()).hasSize(1);
    return r.named("failback-lineage").get(0);
  }

  @Test
  void afterAFailoverTheOriginalPrimaryIsTheClusterThePromotedVcCameFrom() {
    SimulatedDeployment d = failedOver(1);
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      PreflightReport r = Preflight.builder(settings("primary", server.primaryUrl()),
          settings("standby", server.standbyUrl())).clock(d.clock()).build().failback();

      PreflightCheck c = lineage(r);
      assertThat(c.verdict()).as(c.toString()).isEqualTo(Verdict.OK);
      assertThat(c.subject()).isEqualTo("standby/main");
      assertThat(c.seen()).contains("came from 'primary'");
    }
  }

  @Test
  void anotherClusterGivenAsTheOriginalPrimaryFailsWithWhatToDo() {
    SimulatedDeployment d = failedOver(1);
    // another deployment's primary: another storage cluster id (drawn from another seed)
    SimulatedDeployment other = SimulatedDeployment.builder().series("24.3").seed(2).build();
    assertThat(other.primary().clusterId()).isNotEqualTo(d.primary().clusterId());
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        SimulatedPcrServer stranger = SimulatedPcrServer.serve(other)) {
      PreflightReport r = Preflight.builder(settings("elsewhere", stranger.primaryUrl()),
          settings("standby", server.standbyUrl())).clock(d.clock()).build().failback();

      PreflightCheck c = lineage(r);
      assertThat(c.verdict()).as(c.toString()).isEqualTo(Verdict.FAIL);
      assertThat(c.seen()).contains("came from cluster " + d.primary().clusterId())
          .contains("'elsewhere' is cluster " + other.primary().clusterId())
          .contains("not the original primary");
      assertThat(c.todo()).contains("give the cluster VC 'main' was promoted from as --primary")
          .contains(d.primary().clusterId().toString());
      assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    }
  }

  @Test
  void withoutPriorReplicationDetailsTheLineageIsAWarningThatItWasNotVerified() {
    SimulatedDeployment d = failedOver(1);
    try (SimulatedPcrServer server = SimulatedPcrServer.builder(d).administration("standby",
        ClusterAdministration.defaults().withoutPriorReplicationDetails()).start()) {
      PreflightReport r = Preflight.builder(settings("primary", server.primaryUrl()),
          settings("standby", server.standbyUrl())).clock(d.clock()).build().failback();

      PreflightCheck c = lineage(r);
      assertThat(c.verdict()).as(c.toString()).isEqualTo(Verdict.WARN);
      // the server refused the option as a parser without it would
      assertThat(c.seen()).contains("SQLSTATE 42601").contains("was not verified");
      assertThat(c.todo()).contains("confirm by hand");
      assertThat(r.named("failback")).singleElement()
          .extracting(PreflightCheck::verdict).isEqualTo(Verdict.OK);
      assertThat(server.statements()).anySatisfy(s ->
          assertThat(s.sql()).contains("WITH PRIOR REPLICATION DETAILS"));
    }
  }

  @Test
  void aVcNeverPromotedHasNoPriorSourceAndIsNotVerified() {
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      PreflightReport r = Preflight.builder(settings("primary", server.primaryUrl()),
          settings("standby", server.standbyUrl())).clock(d.clock()).build().failback();

      PreflightCheck c = lineage(r);
      assertThat(c.verdict()).isEqualTo(Verdict.WARN);
      assertThat(c.seen()).contains("source_id is NULL");
    }
  }
}
