package io.github.pcrupgrade.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.plan.VcSettings;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Original settings are keyed by cluster identity and VC, not by role (issue 14): a failover or a
 * rerun with the roles given the other way round cannot put one cluster's values on the other.
 */
class RunMemoryIdentityTest {

  private static final UUID A = UUID.fromString("7b0bd1f4-5f0c-4b8e-9d2a-3c1e6f4a8b90");
  private static final UUID B = UUID.fromString("0f4e2c6a-1d3b-4c5e-8f70-9a1b2c3d4e5f");
  private static final UUID C = UUID.fromString("5a5a5a5a-1d3b-4c5e-8f70-9a1b2c3d4e5f");
  private static final FinalizationSettings A_VALUES = new FinalizationSettings(true, "");
  private static final FinalizationSettings B_VALUES = new FinalizationSettings(false, "24.3");

  private static List<JournalRecord> history() {
    return List.of(
        fact(1, RunMemory.settingsFact(new VcSettings(ClusterRole.PRIMARY, "system", A_VALUES),
            Optional.of(A))),
        fact(2, RunMemory.settingsFact(new VcSettings(ClusterRole.STANDBY, "system", B_VALUES),
            Optional.of(B))),
        fact(3, "settings PRIMARY main true -"));
  }

  private static JournalRecord fact(long seq, String detail) {
    return new JournalRecord(seq, Instant.EPOCH,
        new JournalEntry("d", "r", "p", "", JournalEvent.FACT, detail));
  }

  private static DeploymentSnapshot deployment(UUID primary, UUID standby) {
    DeploymentSnapshot s = DeploymentSnapshot.builder().build();
    ClusterSnapshot p = s.primary().withClusterId(primary);
    return s.with(p).with(s.standby().withClusterId(standby));
  }

  @Test
  void eachClustersValuesGoBackToTheClusterTheyWereReadFrom() {
    RunMemory m = RunMemory.of(history());

    // the roles given the other way round: A is now given as the standby
    List<VcSettings> swapped = m.settingsFor(deployment(B, A));

    assertThat(swapped).contains(new VcSettings(ClusterRole.STANDBY, "system", A_VALUES),
        new VcSettings(ClusterRole.PRIMARY, "system", B_VALUES));
    // a fact written without an identity keeps its role
    assertThat(swapped).contains(new VcSettings(ClusterRole.PRIMARY, "main", A_VALUES));
  }

  @Test
  void valuesOfAClusterNotInTheDeploymentAreNeverPutOnAnother() {
    RunMemory m = RunMemory.of(history());

    List<VcSettings> other = m.settingsFor(deployment(A, C));

    assertThat(other).extracting(VcSettings::settings).doesNotContain(B_VALUES);
    assertThat(other).contains(new VcSettings(ClusterRole.PRIMARY, "system", A_VALUES));
  }

  @Test
  void whenIdentitiesCannotBeReadNowTheRolesAreKept() {
    RunMemory m = RunMemory.of(history());

    List<VcSettings> unknown = m.settingsFor(DeploymentSnapshot.builder().build());

    assertThat(unknown).contains(new VcSettings(ClusterRole.PRIMARY, "system", A_VALUES),
        new VcSettings(ClusterRole.STANDBY, "system", B_VALUES));
  }

  @Test
  void theFactFormatIsReadBackWithItsIdentity() {
    String fact = RunMemory.settingsFact(new VcSettings(ClusterRole.STANDBY, "main", B_VALUES),
        Optional.of(B));

    assertThat(fact).isEqualTo("settings STANDBY main false 24.3 " + B);
  }
}
