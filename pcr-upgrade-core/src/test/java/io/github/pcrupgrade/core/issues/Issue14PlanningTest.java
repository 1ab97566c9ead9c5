package io.github.pcrupgrade.core.issues;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.ReplicationInfo;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.plan.PlanResult;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.Planner;
import io.github.pcrupgrade.core.plan.StepKind;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.plan.VcSettings;
import io.github.pcrupgrade.core.rules.CheckResult;
import io.github.pcrupgrade.core.rules.PinnedSettings;
import io.github.pcrupgrade.core.rules.RuleCode;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.version.ClusterVersion;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, the pure parts: identity (one cluster given twice, swapped URLs), targets that can
 * never reach a production release, settings pinned at rest, and rule P3 judged against the hop
 * the binaries are on. Expected results come from crdb-upgrade-facts 1.1 and crdb-pcr-sql-facts
 * 11.1, and from the issue's own reports.
 */
class Issue14PlanningTest {

  private static final String EAST = "east";
  private static final String WEST = "west";
  private static final UUID ID_A = UUID.fromString("7b0bd1f4-5f0c-4b8e-9d2a-3c1e6f4a8b90");
  private static final UUID ID_B = UUID.fromString("0f4e2c6a-1d3b-4c5e-8f70-9a1b2c3d4e5f");
  private final Planner planner = Planner.builtIn();
  private final Rules rules = Rules.builtIn();

  private static DeploymentSnapshot atRest(String binary) {
    return DeploymentSnapshot.builder().names(EAST, WEST).binary(binary).build();
  }

  private static DeploymentSnapshot identified(DeploymentSnapshot s, UUID p, UUID sb) {
    return s.with(s.primary().withClusterId(p)).with(s.standby().withClusterId(sb));
  }

  private static List<RuleCode> codes(List<Violation> vs) {
    return vs.stream().map(Violation::code).toList();
  }

  // --- identity ---------------------------------------------------------------------------

  @Test
  void oneClusterGivenTwiceIsRefusedAndNamed() {
    // Given the primary's identity reported by both sides (one URL given twice)
    DeploymentSnapshot s = identified(atRest("v24.3.12"), ID_A, ID_A);

    // When it is checked and planned
    CheckResult check = rules.check(s);
    PlanResult plan = planner.plan(s, UpgradeRequest.to("25.2").build());

    // Then check reports an error, and the plan is refused with it
    assertThat(check.hasErrors()).isTrue();
    assertThat(codes(check.errors())).contains(RuleCode.SAME_CLUSTER);
    assertThat(plan.isRefused()).isTrue();
    assertThat(codes(plan.refusal())).contains(RuleCode.SAME_CLUSTER);
    assertThat(plan.refusal().get(0).message()).contains(ID_A.toString(), EAST, WEST);
  }

  @Test
  void twoDistinctClustersAreNotOneCluster() {
    DeploymentSnapshot s = identified(atRest("v24.3.12"), ID_A, ID_B);

    assertThat(codes(rules.check(s).violations())).doesNotContain(RuleCode.SAME_CLUSTER);
    assertThat(planner.plan(s, UpgradeRequest.to("25.2").build()).isPlanned()).isTrue();
  }

  @Test
  void swappedUrlsAreNamedAsSuchByCheckAndPlan() {
    // Given the standby's URL given as the primary and the other way round: the cluster given as
    // primary ingests main, which the cluster given as standby serves
    DeploymentSnapshot right = atRest("v24.3.12");
    ClusterSnapshot realPrimary = right.primary();
    ClusterSnapshot realStandby = right.standby();
    DeploymentSnapshot swapped = new DeploymentSnapshot(
        realStandby.as(realStandby.name(), ClusterRole.PRIMARY),
        realPrimary.as(realPrimary.name(), ClusterRole.STANDBY));

    // When it is checked and planned
    CheckResult check = rules.check(swapped);
    PlanResult plan = planner.plan(swapped, UpgradeRequest.to("25.2").build());

    // Then check does not say OK, and the refusal names the likely swap
    assertThat(codes(check.violations())).contains(RuleCode.CLUSTERS_LIKELY_SWAPPED);
    assertThat(plan.isRefused()).isTrue();
    assertThat(plan.refusal().get(0).message()).contains("swapped");
  }

  @Test
  void nothingIsPlannedWhileAFailoverIsInProgress() {
    // Given the standby's stream pending failover: the roles are changing
    DeploymentSnapshot s = atRest("v24.3.12");
    String vc = s.standby().replicatingVc().orElseThrow().name();
    DeploymentSnapshot failing = s.with(s.standby().withVc(vc, v -> v.withReplication(
        v.replication().map(r -> new ReplicationInfo(r.sourceVirtualCluster(),
            io.github.pcrupgrade.core.model.ReplicationState.PENDING_FAILOVER,
            "replication pending failover", r.replicatedTime(), r.retainedTime(), r.lag())))));

    PlanResult plan = planner.plan(failing, UpgradeRequest.to("25.2").build());

    assertThat(plan.isRefused()).isTrue();
    assertThat(plan.refusal().get(0).message()).contains("failover", "in progress", WEST);
  }

  // --- targets ----------------------------------------------------------------------------

  @Test
  void anAlphaTargetIsRefusedUnlessExplicitlyAllowed() {
    DeploymentSnapshot s = atRest("v24.3.12");

    PlanResult refused = planner.plan(s, UpgradeRequest.to("v25.2.0-alpha.1").build());
    PlanResult allowed = planner.plan(s,
        UpgradeRequest.to("v25.2.0-alpha.1").allowOneWayTarget(true).build());

    assertThat(refused.isRefused()).isTrue();
    assertThat(codes(refused.refusal())).containsExactly(RuleCode.TARGET_ONE_WAY);
    assertThat(refused.refusal().get(0).message()).contains("v25.2.0-alpha.1", "production");
    assertThat(allowed.isPlanned()).isTrue();
  }

  @Test
  void aDevelopmentBuildTargetIsRefused() {
    PlanResult refused = planner.plan(atRest("v24.3.12"),
        UpgradeRequest.to("v25.2.0-alpha.00000000").build());

    assertThat(codes(refused.refusal())).containsExactly(RuleCode.TARGET_ONE_WAY);
  }

  @Test
  void betaAndReleaseCandidateTargetsArePlannedWithAWarning() {
    for (String t : List.of("v25.2.0-beta.2", "v25.2.0-rc.1")) {
      PlanResult r = planner.plan(atRest("v24.3.12"), UpgradeRequest.to(t).build());

      assertThat(r.isPlanned()).as(t).isTrue();
      assertThat(codes(r.plan().orElseThrow().warnings())).as(t)
          .contains(RuleCode.TARGET_PRE_RELEASE);
    }
    PlanResult release = planner.plan(atRest("v24.3.12"), UpgradeRequest.to("v25.2.4").build());
    assertThat(codes(release.plan().orElseThrow().warnings()))
        .doesNotContain(RuleCode.TARGET_PRE_RELEASE, RuleCode.TARGET_ONE_WAY);
  }

  // --- settings pinned at rest --------------------------------------------------------------

  private static DeploymentSnapshot pinnedAtRest() {
    return DeploymentSnapshot.builder().names(EAST, WEST).binary("v25.2.4")
        .settings(new FinalizationSettings(false, "")).build();
  }

  @Test
  void settingsPinnedAtRestAreFoundPerVcWithTheStatementThatRestoresTheDefault() {
    List<PinnedSettings.PinnedVc> found = PinnedSettings.find(pinnedAtRest());

    // every readable VC (primary system and main, standby system) is named
    assertThat(found).extracting(p -> p.cluster() + "/" + p.virtualCluster())
        .containsExactlyInAnyOrder(EAST + "/system", EAST + "/main", WEST + "/system");
    assertThat(found).allSatisfy(p -> assertThat(p.restoreStatements())
        .containsExactly("RESET CLUSTER SETTING cluster.auto_upgrade.enabled"));
    assertThat(PinnedSettings.find(atRest("v25.2.4"))).isEmpty();
  }

  @Test
  void settingsPinnedMidUpgradeAreNotAtRest() {
    // binaries already on 25.2 while the VCs are still at 24.3: an upgrade is in progress
    DeploymentSnapshot s = DeploymentSnapshot.builder().names(EAST, WEST).binary("v25.2.4")
        .versions("24.3", "24.3").settings(new FinalizationSettings(false, "")).build();

    assertThat(PinnedSettings.find(s)).isEmpty();
  }

  @Test
  void thePlannerWarnsOfPinnedSettingsWithoutOriginalsAndChangesNothing() {
    // Given settings pinned at rest and no originals known
    UpgradePlan plan = planner.plan(pinnedAtRest(), UpgradeRequest.to("25.2").build())
        .plan().orElseThrow();

    // Then the plan warns, naming each VC, and has nothing to do
    assertThat(plan.warnings()).filteredOn(v -> v.code() == RuleCode.SETTINGS_PINNED_AT_REST)
        .hasSize(3);
    assertThat(plan.isEmpty()).isTrue();
  }

  @Test
  void theDefaultsAreRestoredOnlyWhenExplicitlyAsked() {
    UpgradePlan plan = planner.plan(pinnedAtRest(),
        UpgradeRequest.to("25.2").restoreDefaultSettings(true).build()).plan().orElseThrow();

    assertThat(plan.steps()).extracting(PlanStep::kind).containsOnly(StepKind.RESTORE_SETTINGS);
    assertThat(plan.steps()).hasSize(3);
    assertThat(plan.steps()).allSatisfy(st -> assertThat(st.restoreTo())
        .contains(FinalizationSettings.PRODUCT_DEFAULTS));
  }

  @Test
  void knownOriginalsAreRestoredAndSilenceTheWarning() {
    List<VcSettings> originals = List.of(
        new VcSettings(ClusterRole.PRIMARY, "system", FinalizationSettings.PRODUCT_DEFAULTS),
        new VcSettings(ClusterRole.PRIMARY, "main", FinalizationSettings.PRODUCT_DEFAULTS),
        new VcSettings(ClusterRole.STANDBY, "system", FinalizationSettings.PRODUCT_DEFAULTS));

    UpgradePlan plan = planner.plan(pinnedAtRest(),
        UpgradeRequest.to("25.2").originalSettings(originals).build()).plan().orElseThrow();

    assertThat(codes(plan.warnings())).doesNotContain(RuleCode.SETTINGS_PINNED_AT_REST);
    assertThat(plan.steps()).extracting(PlanStep::kind).containsOnly(StepKind.RESTORE_SETTINGS);
    assertThat(plan.steps()).hasSize(3);
  }

  // --- P3 -----------------------------------------------------------------------------------

  @Test
  void p3IsSilentOnAVcMidWayThroughTheFinalizationItsBinariesAreOn() {
    // Given (the issue's report) a skip upgrade 24.3 -> 25.2: the standby on v25.2.4 with its
    // system VC at 24.3-upgrading-to-25.1-step-002, the primary still on 24.3
    DeploymentSnapshot s = DeploymentSnapshot.builder().names(EAST, WEST)
        .binaries("v24.3.12", "v25.2.4").versions("24.3", "24.3").build();
    s = s.with(s.standby().withVc("system", v -> v.withVersion(VersionReading.observed(
        ClusterVersion.parse("24.3-upgrading-to-25.1-step-002")))));

    // When the rules check it; Then no P3 warning
    assertThat(codes(rules.check(s).violations()))
        .doesNotContain(RuleCode.NEW_UPGRADE_BEFORE_FINALIZED);
  }

  @Test
  void p3StillWarnsWhenBinariesMoveBeyondTheHopBeingFinalized() {
    // Given the same VC mid-way to 25.2, and the primary already on 25.4 binaries
    DeploymentSnapshot s = DeploymentSnapshot.builder().names(EAST, WEST)
        .binaries("v25.4.1", "v25.2.4").versions("25.2", "24.3").build();
    s = s.with(s.standby().withVc("system", v -> v.withVersion(VersionReading.observed(
        ClusterVersion.parse("24.3-upgrading-to-25.1-step-002")))));

    assertThat(codes(rules.check(s).violations()))
        .contains(RuleCode.NEW_UPGRADE_BEFORE_FINALIZED);
  }
}
