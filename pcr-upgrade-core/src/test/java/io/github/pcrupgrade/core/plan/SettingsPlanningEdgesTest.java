package io.github.pcrupgrade.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the planner pins and restores finalization settings in the cases the other planner tests do
 * not reach (DESIGN, "Settings are restored when the upgrade is done"; crdb-upgrade-facts on
 * {@code cluster.preserve_downgrade_option}: it holds a VC at its version until reset, and a reset
 * with auto-upgrade on lets the product finalize at once).
 */
class SettingsPlanningEdgesTest {

  private static final FinalizationSettings AUTO_OFF = new FinalizationSettings(false, "");

  private final Planner planner = Planner.builtIn();

  private static DeploymentSnapshot atRest() {
    return DeploymentSnapshot.builder().binary("v24.3.12").build();
  }

  @Test
  void withTheLegacyMethodEachResetWarnsThatTheProductMayFinalizeAtOnce() {
    UpgradePlan plan = planner.planOrThrow(atRest(), UpgradeRequest.to("25.2")
        .pinningMethod(PinningMethod.PRESERVE_DOWNGRADE_OPTION).build());

    assertThat(plan.steps()).filteredOn(st -> st.kind() == StepKind.UNPIN_FINALIZATION)
        .isNotEmpty()
        .allSatisfy(st -> assertThat(st.description())
            .contains("with auto-upgrade on, the product may finalize at once"));
    assertThat(plan.notes()).anyMatch(n -> n.contains("cluster.preserve_downgrade_option is set"
        + " to the current version at the start of each hop and reset right before each"
        + " finalization"));
  }

  @Test
  void withTheAutoUpgradeMethodNoResetWarnsOfAnImmediateFinalization() {
    // Given VCs preserved at 24.3 before the upgrade, pinned by auto-upgrade = false
    DeploymentSnapshot s = DeploymentSnapshot.builder().binary("v24.3.12")
        .settings(new FinalizationSettings(true, "24.3")).build();

    UpgradePlan plan = planner.planOrThrow(s, UpgradeRequest.to("25.2").build());

    // Then the reset is still needed to finalize, but auto-upgrade is off by then
    assertThat(plan.steps()).filteredOn(st -> st.kind() == StepKind.UNPIN_FINALIZATION)
        .isNotEmpty()
        .allSatisfy(st -> assertThat(st.description()).doesNotContain("finalize at once"));
    assertThat(plan.notes()).noneMatch(n -> n.contains("reset right before each finalization"));
  }

  @Test
  void originalsThatAreThemselvesPinsAreRestoredToTheProductDefaultsWhenAsked() {
    // Given originals recorded from a deployment already pinned (auto-upgrade off everywhere)
    DeploymentSnapshot s = DeploymentSnapshot.builder().binary("v24.3.12").settings(AUTO_OFF)
        .build();
    List<VcSettings> originals = List.of(
        new VcSettings(ClusterRole.PRIMARY, "system", AUTO_OFF),
        new VcSettings(ClusterRole.PRIMARY, "main", AUTO_OFF),
        new VcSettings(ClusterRole.STANDBY, "system", AUTO_OFF));

    // When the defaults are asked for
    UpgradePlan asked = planner.planOrThrow(s, UpgradeRequest.to("25.2")
        .originalSettings(originals).restoreDefaultSettings(true).build());
    UpgradePlan notAsked = planner.planOrThrow(s, UpgradeRequest.to("25.2")
        .originalSettings(originals).build());

    // Then each VC is restored to the product's defaults; without the request the pins stay
    assertThat(asked.steps()).filteredOn(st -> st.kind() == StepKind.RESTORE_SETTINGS)
        .hasSize(3)
        .allSatisfy(st -> {
          assertThat(st.restoreTo()).contains(FinalizationSettings.PRODUCT_DEFAULTS);
          assertThat(st.description()).contains("to the product's defaults");
        });
    assertThat(notAsked.steps()).noneMatch(st -> st.kind() == StepKind.RESTORE_SETTINGS);
  }

  @Test
  void originalsThatAreNoPinsAreRestoredAsTheyWereEvenWhenDefaultsAreAsked() {
    // Given originals with auto-upgrade on but a preserved version, and the defaults asked for
    DeploymentSnapshot s = DeploymentSnapshot.builder().binary("v24.3.12").settings(AUTO_OFF)
        .build();
    FinalizationSettings autoOn = FinalizationSettings.PRODUCT_DEFAULTS;
    List<VcSettings> originals = List.of(
        new VcSettings(ClusterRole.PRIMARY, "system", autoOn),
        new VcSettings(ClusterRole.PRIMARY, "main", AUTO_OFF),
        new VcSettings(ClusterRole.STANDBY, "system", autoOn));

    UpgradePlan plan = planner.planOrThrow(s, UpgradeRequest.to("25.2")
        .originalSettings(originals).restoreDefaultSettings(true).build());

    // Then the VCs whose originals are no pin are restored "as found before the upgrade began"
    assertThat(plan.step("restore:primary:system").orElseThrow().description())
        .contains("found before the upgrade began");
    assertThat(plan.step("restore:primary:main").orElseThrow().description())
        .contains("to the product's defaults");
  }

  @Test
  void anOriginalPreservedVersionIsPutBackOnlyWhenItIsTheTargetsVersion() {
    // Given originals preserving the target's version in one VC and the starting version in
    // another (facts 2.2: the value must equal the VC's current version, anything else fails)
    FinalizationSettings preservesTarget = new FinalizationSettings(true, "25.2");
    FinalizationSettings preservesStart = new FinalizationSettings(true, "24.3");
    List<VcSettings> originals = List.of(
        new VcSettings(ClusterRole.PRIMARY, "system", preservesTarget),
        new VcSettings(ClusterRole.PRIMARY, "main", preservesStart),
        new VcSettings(ClusterRole.STANDBY, "system", FinalizationSettings.PRODUCT_DEFAULTS));

    UpgradePlan plan = planner.planOrThrow(atRest(), UpgradeRequest.to("25.2")
        .originalSettings(originals).build());

    // Then at 25.2 the first can be put back as it was, the second only without its version
    assertThat(plan.step("restore:primary:system").orElseThrow().restoreTo())
        .contains(preservesTarget);
    assertThat(plan.step("restore:primary:main").orElseThrow().restoreTo())
        .contains(FinalizationSettings.PRODUCT_DEFAULTS);
  }
}
