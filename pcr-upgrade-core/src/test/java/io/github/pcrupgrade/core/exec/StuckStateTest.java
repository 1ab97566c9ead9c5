package io.github.pcrupgrade.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.Planner;
import io.github.pcrupgrade.core.plan.StepKind;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.version.ClusterVersion;
import org.junit.jupiter.api.Test;

/**
 * The states the re-send rule watches (crdb-pcr-sql-facts 10.1 and 10.3): a finalization at a
 * transitional version, a reader VC still absent after SET REPLICATION READ VIRTUAL CLUSTER, a
 * reader in service mode {@code stopping}; nothing else.
 */
class StuckStateTest {

  private static final DeploymentSnapshot AT_REST = DeploymentSnapshot.builder().nodes(3, 3)
      .binary("v24.3.12").readerVc(true).build();
  private static final UpgradePlan PLAN = Planner.builtIn()
      .plan(AT_REST, UpgradeRequest.to("25.2").build()).plan().orElseThrow();

  private static PlanStep first(StepKind kind, ClusterRole cluster) {
    return PLAN.steps().stream().filter(s -> s.kind() == kind && s.cluster() == cluster)
        .findFirst().orElseThrow();
  }

  private static DeploymentSnapshot withVersion(ClusterRole role, String vc, String version) {
    ClusterSnapshot c = AT_REST.cluster(role);
    return AT_REST.with(c.withVc(vc, v -> v.withVersion(
        VersionReading.observed(ClusterVersion.parse(version)))));
  }

  @Test
  void aFinalizationIsStuckAtATransitionalVersionOnly() {
    PlanStep fin = first(StepKind.FINALIZE_VC, ClusterRole.STANDBY);
    String vc = fin.virtualCluster().orElseThrow();

    assertThat(StuckState.of(fin, withVersion(ClusterRole.STANDBY, vc,
        "24.3-upgrading-to-25.1-step-004")))
        .contains("version 24.3-upgrading-to-25.1-step-004");
    assertThat(StuckState.of(fin, withVersion(ClusterRole.STANDBY, vc, "24.3"))).isEmpty();
  }

  @Test
  void aReaderIsStuckWhileItIsAbsent() {
    PlanStep create = first(StepKind.CREATE_READER, ClusterRole.STANDBY);
    ClusterSnapshot sb = AT_REST.standby();
    DeploymentSnapshot absent = AT_REST.with(sb.withoutVc("main-readonly"));

    assertThat(StuckState.of(create, absent)).contains("reader VC 'main-readonly' absent");
    assertThat(StuckState.of(create, AT_REST)).isEmpty();
  }

  @Test
  void aStopIsStuckInServiceModeStoppingOnly() {
    PlanStep stop = first(StepKind.STOP_READER, ClusterRole.STANDBY);
    String reader = stop.virtualCluster().orElseThrow();
    ClusterSnapshot sb = AT_REST.standby();

    assertThat(StuckState.of(stop, AT_REST.with(sb.withVc(reader,
        v -> v.withState(DataState.READY, ServiceMode.STOPPING)))))
        .contains("service mode STOPPING");
    assertThat(StuckState.of(stop, AT_REST.with(sb.withVc(reader,
        v -> v.withState(DataState.READY, ServiceMode.NONE))))).isEmpty();
  }

  @Test
  void otherStepsAreNeverStuck() {
    PlanStep restart = first(StepKind.RESTART_NODE, ClusterRole.STANDBY);
    PlanStep fin = first(StepKind.FINALIZE_VC, ClusterRole.STANDBY);
    // a restart step on a deployment where a VC is transitional is still not a re-send matter
    DeploymentSnapshot transitional = withVersion(ClusterRole.STANDBY,
        fin.virtualCluster().orElseThrow(), "24.3-upgrading-to-25.1-step-004");

    assertThat(StuckState.of(restart, transitional)).isEmpty();
    assertThat(StuckState.of(first(StepKind.DROP_READER, ClusterRole.STANDBY),
        AT_REST.with(AT_REST.standby().withoutVc("main-readonly")))).isEmpty();
  }
}
