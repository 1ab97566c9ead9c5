package io.github.pcrupgrade.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.version.BinaryVersion;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The builder's options that no core test used (PIT reported them uncovered), chained as a user
 * writes them, and a node's text as messages print it.
 */
class SnapshotBuilderOptionsTest {

  @Test
  void everyOptionOfTheBuilderReachesTheSnapshot() {
    Instant at = Instant.parse("2026-03-01T08:00:00Z");
    FinalizationSettings pinned = new FinalizationSettings(false, "");

    DeploymentSnapshot s = DeploymentSnapshot.builder()
        .appVc("app")
        .lag(Duration.ofSeconds(30))
        .observedAt(at)
        .settings(pinned)
        .readerVc(true)
        .build();

    assertThat(s.primary().vc("app")).isPresent();
    assertThat(s.primary().vc("app").orElseThrow().settings()).contains(pinned);
    assertThat(s.primary().systemVc().settings()).contains(pinned);
    assertThat(s.primary().observedAt()).isEqualTo(at);
    ReplicationInfo r = s.standby().vc("app").orElseThrow().replication().orElseThrow();
    // The replicated time trails the observation by the lag.
    assertThat(r.replicatedTime()).contains(at.minus(Duration.ofSeconds(30)));
    assertThat(r.lag()).contains(Duration.ofSeconds(30));
    // The reader is named after the replicating VC (crdb-pcr-sql-facts.md: <name>-readonly).
    assertThat(s.standby().vc("app-readonly")).isPresent();
  }

  @Test
  void aNodesTextNamesItsIdAddressBinaryLivenessAndDraining() {
    NodeInfo n = new NodeInfo(3, "10.0.0.3:26257", "region=east", BinaryVersion.parse("v25.2.1"),
        Liveness.LIVE, false);

    assertThat(n.toString()).contains("n3").contains("10.0.0.3:26257").contains("v25.2.1")
        .contains("LIVE").doesNotContain("draining");
    assertThat(n.withLiveness(Liveness.LIVE, true).toString()).contains("draining");
  }
}
