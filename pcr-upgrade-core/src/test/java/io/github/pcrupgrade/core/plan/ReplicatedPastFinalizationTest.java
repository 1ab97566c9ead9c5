package io.github.pcrupgrade.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.ReplicationInfo;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Regression: the reader VC was re-created when the replicated time only reached the moment. */
class ReplicatedPastFinalizationTest {

  private static final ReleaseSeries V252 = ReleaseSeries.parse("25.2");
  private static final Instant FINALIZED = Instant.parse("2026-01-05T12:06:50Z");
  private static final Condition PAST = Condition.replicatedPastFinalization(
      ClusterRole.STANDBY, "main", "main", V252);

  private static DeploymentSnapshot replicatedUntil(Instant replicated) {
    DeploymentSnapshot s = DeploymentSnapshot.builder().binary("v25.2.4").build();
    return s.with(s.standby().withVc("main", v -> v.withReplication(Optional.of(
        ReplicationInfo.replicating("main", replicated, Duration.ofSeconds(10))))));
  }

  private static ExecutionFacts facts() {
    return ExecutionFacts.NONE.withFinalization(ClusterRole.PRIMARY, "main", V252, FINALIZED);
  }

  @Test
  void replicationThatOnlyReachesTheMomentHasNotPassedIt() {
    assertThat(PAST.holds(replicatedUntil(FINALIZED), facts())).isFalse();
  }

  @Test
  void replicationOneMicrosecondLaterHasPassedIt() {
    assertThat(PAST.holds(replicatedUntil(FINALIZED.plusNanos(1000)), facts())).isTrue();
  }

  @Test
  void withoutARecordedMomentItNeverHolds() {
    assertThat(PAST.holds(replicatedUntil(FINALIZED.plusSeconds(3600)), ExecutionFacts.NONE))
        .isFalse();
  }
}
