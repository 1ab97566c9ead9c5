package io.github.pcrupgrade.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.ClusterLicence;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.Licence;
import io.github.pcrupgrade.core.model.LicenceType;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The state file's optional licence (issue 16): type, expiry and telemetry, never a key. */
class StateFileLicenceTest {

  @Test
  void aLicenceRoundTripsAsTypeAndExpiryOnly() throws Exception {
    DeploymentSnapshot s = DeploymentSnapshot.builder().build();
    Licence free = new Licence(LicenceType.FREE, Instant.parse("2027-03-01T00:00:00Z"));
    DeploymentSnapshot original = s.with(s.primary().withLicence(ClusterLicence.of(free)
        .withTelemetryOffIn(Set.of("main")))).with(s.standby().withLicence(ClusterLicence.none()));

    String json = JsonDocuments.write(DocumentType.STATE_FILE, StateFile.of(original));
    DeploymentSnapshot read = JsonDocuments.readState(json);

    assertThat(read.primary().licence()).contains(ClusterLicence.of(free)
        .withTelemetryOffIn(Set.of("main")));
    assertThat(read.standby().licence()).contains(ClusterLicence.none());
    assertThat(json).contains("\"type\" : \"FREE\"").doesNotContain(Licence.KEY_PREFIX);
    assertThat(Schemas.validate(DocumentType.STATE_FILE, json)).isEmpty();
  }

  @Test
  void anInstalledLicenceWithoutItsTypeIsRefusedNamingTheCluster() {
    DeploymentSnapshot s = DeploymentSnapshot.builder().build();
    String json = JsonDocuments.write(DocumentType.STATE_FILE, StateFile.of(s.with(
        s.standby().withLicence(ClusterLicence.none())))).replace("\"installed\" : false",
        "\"installed\" : true");

    PcrUpgradeException e = catchThrowableOfType(() -> JsonDocuments.readState(json),
        PcrUpgradeException.class);

    assertThat(e.getMessage()).contains("standby licence").contains("\"type\"");
  }
}
