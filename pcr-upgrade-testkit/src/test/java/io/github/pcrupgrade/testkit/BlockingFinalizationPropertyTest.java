package io.github.pcrupgrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * QuickTheories properties of the blocking finalization (crdb-pcr-sql-facts.md 10.1 and 9.1): for
 * any direct upgrade and any configured duration, the statement returns only with the final
 * version persisted, after the configured duration (to the nanosecond the steps divide it into),
 * and the persisted versions on the way only ever rise.
 */
class BlockingFinalizationPropertyTest {

  /** Direct upgrades of the built-in catalog: from a final version to a target series. */
  private static final List<String[]> HOPS = List.of(
      new String[] {"24.1", "24.3"}, new String[] {"24.3", "25.2"}, new String[] {"25.2", "25.3"},
      new String[] {"25.2", "25.4"}, new String[] {"25.4", "26.2"}, new String[] {"26.2", "26.4"},
      new String[] {"26.3", "26.4"});

  @Test
  void aFinalizationStatementReturnsFinalAfterItsConfiguredDurationThroughRisingVersions() {
    qt().withExamples(60)
        .forAll(integers().between(0, HOPS.size() - 1), integers().between(1, 3 * 3600))
        .checkAssert((hop, seconds) -> {
          String from = HOPS.get(hop)[0];
          String to = HOPS.get(hop)[1];
          Duration total = Duration.ofSeconds(seconds);
          SimulatedDeployment d = SimulatedDeployment.builder().series(to).primaryVersion(from)
              .standbyVersion(from)
              .settings("standby", "system", new FinalizationSettings(false, ""))
              .finalizationDuration("standby", "system", total).build();
          Instant before = d.now();

          d.operations("standby").finalizeVersion("system", ReleaseSeries.parse(to));

          Duration took = Duration.between(before, d.now());
          assertThat(d.standby().showClusterSetting("system", "version")).isEqualTo(to);
          assertThat(took).isLessThanOrEqualTo(total);
          assertThat(total.minus(took)).isLessThan(Duration.ofNanos(100));
          List<ClusterVersion> persisted = d.standby().vcs.get("system").history.stream()
              .map(VcState.HistoryPoint::version).toList();
          assertThat(persisted).isSortedAccordingTo(ClusterVersion::compareTo);
          assertThat(persisted.get(persisted.size() - 1))
              .isEqualTo(ClusterVersion.finalOf(ReleaseSeries.parse(to)));
        });
  }
}
