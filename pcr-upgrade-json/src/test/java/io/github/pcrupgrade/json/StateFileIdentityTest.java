package io.github.pcrupgrade.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The state file's optional cluster id per cluster (schemaVersion 2; issue 14). */
class StateFileIdentityTest {

  private static final UUID ID = UUID.fromString("7b0bd1f4-5f0c-4b8e-9d2a-3c1e6f4a8b90");

  @Test
  void aClusterIdRoundTripsAndTheFileSaysSchemaVersionTwo() throws Exception {
    DeploymentSnapshot s = DeploymentSnapshot.builder().build();
    DeploymentSnapshot original = s.with(s.primary().withClusterId(ID));

    String json = Json.mapper().writeValueAsString(StateFile.of(original));
    DeploymentSnapshot read = Json.mapper().readValue(json, StateFile.class).toSnapshot();

    assertThat(json).contains("\"schemaVersion\" : 2", ID.toString());
    assertThat(read.primary().clusterId()).contains(ID);
    assertThat(read.standby().clusterId()).isEmpty();
  }

  @Test
  void aSchemaVersionOneFileIsStillReadWithoutIdentities() throws Exception {
    String v2 = Json.mapper().writeValueAsString(StateFile.of(DeploymentSnapshot.builder()
        .build()));
    String v1 = v2.replace("\"schemaVersion\" : 2", "\"schemaVersion\" : 1")
        .replaceAll(",\\s*\"clusterId\" : null", "");

    DeploymentSnapshot read = Json.mapper().readValue(v1, StateFile.class).toSnapshot();

    assertThat(read.primary().clusterId()).isEqualTo(Optional.empty());
  }
}
