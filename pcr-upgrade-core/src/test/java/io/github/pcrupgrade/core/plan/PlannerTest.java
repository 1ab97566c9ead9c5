package io.github.pcrupgrade.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.catalog.ReleaseType;
import io.github.pcrupgrade.core.catalog.SeriesInfo;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.rules.RuleCode;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The planner against the documented order (docs: upgrade-with-pcr; crdb-upgrade-facts.md 6.3).
 * Expected orders are written from the docs, not from the planner's output. A row reads
 * {@code KIND cluster subject}, with {@code !} for a point of no return.
 */
class PlannerTest {

  private final Planner planner = Planner.builtIn();

  /** The documented order of one hop, 3 + 3 nodes, auto-upgrade pinning, with the reader. */
  private static List<String> documentedHop(String to, boolean reader) {
    List<String> rows = new ArrayList<>(List.of(
        "PIN_FINALIZATION primary system", "PIN_FINALIZATION primary main",
        "PIN_FINALIZATION standby system",
        "RESTART_NODE standby n1", "RESTART_NODE standby n2", "RESTART_NODE standby n3",
        "FINALIZE_VC standby system " + to + " !",
        "RESTART_NODE primary n1", "RESTART_NODE primary n2", "RESTART_NODE primary n3",
        "FINALIZE_VC primary system " + to + " !", "FINALIZE_VC primary main " + to + " !",
        "AWAIT_REPLICATION standby main " + to));
    if (reader) {
      rows.addAll(List.of("STOP_READER standby main-readonly",
          "DROP_READER standby main-readonly", "CREATE_READER standby main " + to,
          "AWAIT_READER_SERVING standby main-readonly " + to));
    }
    return rows;
  }

  private static final List<String> RESTORE = List.of("RESTORE_SETTINGS primary system",
      "RESTORE_SETTINGS primary main", "RESTORE_SETTINGS standby system");

  static String row(PlanStep s) {
    String subject = s.nodeId().map(n -> "n" + n).orElse(s.virtualCluster().orElse(""));
    String version = s.kind() == StepKind.RESTART_NODE || s.kind() == StepKind.ROLLBACK_NODE
        ? "" : s.version().map(v -> " " + v).orElse("");
    return s.kind() + " " + s.cluster().name().toLowerCase(Locale.ROOT) + " " + subject + version
        + (s.pointOfNoReturn() ? " !" : "");
  }

  static List<String> rows(UpgradePlan plan) {
    return plan.steps().stream().map(PlannerTest::row).toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static DeploymentSnapshot at(String binary, boolean reader) {
    return DeploymentSnapshot.builder().binary(binary).readerVc(reader).build();
  }

  private UpgradePlan plan(DeploymentSnapshot s, UpgradeRequest r) {
    return planner.plan(s, r).orThrow();
  }

  @Nested
  class OneHop {

    @Test
    void followsTheDocumentedOrderWithAReaderVc() {
      // Given a 24.3 deployment with a reader VC
      DeploymentSnapshot s = at("v24.3.12", true);
      // When planning to 25.2
      UpgradePlan plan = plan(s, UpgradeRequest.to("25.2").build());
      // Then: pin, standby binaries, finalize standby system, primary binaries, finalize primary
      // system, finalize primary app VC, await replication, reader re-created, restore settings
      assertThat(rows(plan)).containsExactlyElementsOf(concat(documentedHop("25.2", true), RESTORE));
      assertThat(plan.hops()).singleElement().satisfies(h -> {
        assertThat(h.kind()).isEqualTo(HopKind.MAJOR);
        assertThat(h.title()).isEqualTo("24.3 -> 25.2");
      });
    }

    @Test
    void followsTheDocumentedOrderWithoutAReaderVc() {
      DeploymentSnapshot s = at("v24.3.12", false);
      UpgradePlan plan = plan(s, UpgradeRequest.to("25.2").build());
      assertThat(rows(plan)).containsExactlyElementsOf(concat(documentedHop("25.2", false), RESTORE));
    }

    @Test
    void onlyFinalizationsArePointsOfNoReturn() {
      UpgradePlan plan = plan(at("v24.3.12", true), UpgradeRequest.to("25.2").build());
      assertThat(plan.steps()).allSatisfy(st ->
          assertThat(st.pointOfNoReturn()).isEqualTo(st.kind() == StepKind.FINALIZE_VC));
    }

    @Test
    void restartsOntoTheExactBinaryWhenTheRequestNamesOne() {
      UpgradePlan plan = plan(at("v24.3.12", false), UpgradeRequest.to("v25.2.4").build());
      assertThat(plan.steps()).filteredOn(st -> st.kind() == StepKind.RESTART_NODE)
          .allSatisfy(st -> {
            assertThat(st.binary().orElseThrow().exact()).contains(BinaryVersion.parse("v25.2.4"));
            assertThat(st.description()).endsWith("onto v25.2.4");
          });
    }

    @Test
    void leavesThePatchToTheNodeUpgraderAndSaysSoWhenOnlyASeriesIsNamed() {
      UpgradePlan plan = plan(at("v24.3.12", false), UpgradeRequest.to("25.2").build());
      assertThat(plan.steps()).filteredOn(st -> st.kind() == StepKind.RESTART_NODE)
          .allSatisfy(st -> {
            assertThat(st.binary().orElseThrow().exact()).isEmpty();
            assertThat(st.description()).contains("the node upgrader chooses the patch");
          });
      assertThat(plan.notes()).anyMatch(n -> n.contains("never guesses the latest patch"));
    }

    @Test
    void pinsWithPreserveDowngradeOptionAtTheCurrentVersionAndResetsItBeforeEachFinalization() {
      UpgradePlan plan = plan(at("v24.3.12", false), UpgradeRequest.to("25.2")
          .pinningMethod(PinningMethod.PRESERVE_DOWNGRADE_OPTION).build());
      assertThat(rows(plan)).containsExactly(
          "PIN_FINALIZATION primary system", "PIN_FINALIZATION primary main",
          "PIN_FINALIZATION standby system",
          "RESTART_NODE standby n1", "RESTART_NODE standby n2", "RESTART_NODE standby n3",
          "UNPIN_FINALIZATION standby system !", "FINALIZE_VC standby system 25.2 !",
          "RESTART_NODE primary n1", "RESTART_NODE primary n2", "RESTART_NODE primary n3",
          "UNPIN_FINALIZATION primary system !", "FINALIZE_VC primary system 25.2 !",
          "UNPIN_FINALIZATION primary main !", "FINALIZE_VC primary main 25.2 !",
          "AWAIT_REPLICATION standby main 25.2");
      assertThat(plan.steps()).filteredOn(st -> st.kind() == StepKind.PIN_FINALIZATION)
          .allSatisfy(st -> assertThat(st.settingValue()).contains("24.3"));
    }

    @Test
    void treatsTheSystemVcOfANonVirtualizedPrimaryAsTheReplicatedOne() {
      DeploymentSnapshot s = DeploymentSnapshot.builder().binary("v24.3.12")
          .nonVirtualizedPrimary(true).build();
      UpgradePlan plan = plan(s, UpgradeRequest.to("25.2").build());
      assertThat(rows(plan)).containsExactly(
          "PIN_FINALIZATION primary system", "PIN_FINALIZATION standby system",
          "RESTART_NODE standby n1", "RESTART_NODE standby n2", "RESTART_NODE standby n3",
          "FINALIZE_VC standby system 25.2 !",
          "RESTART_NODE primary n1", "RESTART_NODE primary n2", "RESTART_NODE primary n3",
          "FINALIZE_VC primary system 25.2 !",
          "AWAIT_REPLICATION standby main 25.2",
          "RESTORE_SETTINGS primary system", "RESTORE_SETTINGS standby system");
      assertThat(plan.step("25.2:standby:await-replication:main").orElseThrow().precondition())
          .isEqualTo(Condition.vcFinalAt(ClusterRole.PRIMARY, "system",
              ReleaseSeries.of(25, 2)));
    }
  }

  @Nested
  class MultiHop {

    @Test
    void finalizesEachHopBeforeTheNext() {
      // Given 24.1, no reader (reader VCs exist only from 24.3 on)
      UpgradePlan plan = plan(at("v24.1.20", false), UpgradeRequest.to("25.2").build());
      // Then 24.1 -> 24.3 -> 25.2, each hop a full PCR cycle ending with the primary app VC final
      assertThat(plan.hops()).extracting(Hop::title).containsExactly("24.1 -> 24.3", "24.3 -> 25.2");
      List<String> expected = new ArrayList<>(documentedHop("24.3", false));
      List<String> second = new ArrayList<>(documentedHop("25.2", false));
      second.removeIf(r -> r.startsWith("PIN_FINALIZATION")); // auto-upgrade pins persist
      expected.addAll(second);
      expected.addAll(RESTORE);
      assertThat(rows(plan)).containsExactlyElementsOf(expected);
    }

    @Test
    void recreatesTheReaderAtTheEndOfEveryHopByDefault() {
      UpgradePlan plan = plan(at("v24.3.12", true), UpgradeRequest.to("25.4").build());
      assertThat(plan.hops()).extracting(Hop::title).containsExactly("24.3 -> 25.2", "25.2 -> 25.4");
      List<String> expected = new ArrayList<>(documentedHop("25.2", true));
      List<String> second = new ArrayList<>(documentedHop("25.4", true));
      second.removeIf(r -> r.startsWith("PIN_FINALIZATION"));
      expected.addAll(second);
      expected.addAll(RESTORE);
      assertThat(rows(plan)).containsExactlyElementsOf(expected);
    }

    @Test
    void dropsTheReaderBeforeAHopThatNoLongerSupportsItWhenAskedAndRecreatesItAtTheEnd() {
      UpgradePlan plan = plan(at("v24.3.12", true), UpgradeRequest.to("25.4")
          .readerStrategy(ReaderStrategy.DROP_FOR_DURATION).build());
      List<String> expected = new ArrayList<>(documentedHop("25.2", false));
      // 25.4 binaries need every VC at 25.2 or later: the 24.3 reader goes first
      expected.addAll(List.of("STOP_READER standby main-readonly",
          "DROP_READER standby main-readonly"));
      List<String> second = new ArrayList<>(documentedHop("25.4", false));
      second.removeIf(r -> r.startsWith("PIN_FINALIZATION"));
      expected.addAll(second);
      expected.addAll(List.of("CREATE_READER standby main 25.4",
          "AWAIT_READER_SERVING standby main-readonly 25.4"));
      expected.addAll(RESTORE);
      assertThat(rows(plan)).containsExactlyElementsOf(expected);
      assertThat(plan.hops().get(1).steps().get(0).id())
          .isEqualTo("25.4:standby:reader-stop:main-readonly");
    }
  }

  @Nested
  class PatchUpgrades {

    @Test
    void rollsNodesWithoutPinningFinalizationOrPcrOrder() {
      UpgradePlan plan = plan(at("v25.2.3", true), UpgradeRequest.to("v25.2.7").build());
      assertThat(plan.hops()).singleElement().extracting(Hop::kind).isEqualTo(HopKind.PATCH);
      assertThat(rows(plan)).containsExactly(
          "RESTART_NODE standby n1", "RESTART_NODE standby n2", "RESTART_NODE standby n3",
          "RESTART_NODE primary n1", "RESTART_NODE primary n2", "RESTART_NODE primary n3");
    }

    @Test
    void givesAnEmptyPlanForTheCurrentSeries() {
      UpgradePlan plan = plan(at("v25.2.3", true), UpgradeRequest.to("25.2").build());
      assertThat(plan.isEmpty()).isTrue();
      assertThat(plan.notes()).anyMatch(n -> n.startsWith("Already at the target"));
    }

    @Test
    void givesAnEmptyPlanWhenEveryNodeRunsTheTargetBinary() {
      UpgradePlan plan = plan(at("v25.2.3", true), UpgradeRequest.to("v25.2.3").build());
      assertThat(plan.isEmpty()).isTrue();
      assertThat(plan.hops()).isEmpty();
    }
  }

  @Nested
  class FromIntermediateStates {

    private final UpgradeRequest request = UpgradeRequest.to("25.2")
        .originalSettings(DeploymentModel.settingsOf(at("v24.3.12", true)))
        .originalReaderVcs(List.of("main-readonly")).build();

    private List<String> full() {
      return plan(at("v24.3.12", true), request).stepIds();
    }

    private DeploymentModel.State after(int steps) {
      UpgradePlan p = plan(at("v24.3.12", true), request);
      return DeploymentModel.applyAll(p.steps().subList(0, steps),
          DeploymentModel.State.of(at("v24.3.12", true)));
    }

    private List<String> replan(DeploymentSnapshot s) {
      return plan(s, request).stepIds();
    }

    @Test
    void continuesWithTheOtherStandbyNodesWhenHalfAreRestarted() {
      // Given the pins done and standby n1, n2 on 25.2 (n3 not)
      DeploymentSnapshot s = after(5).snapshot();
      assertThat(s.standby().node(2).orElseThrow().binary().series().toString()).isEqualTo("25.2");
      // Then the plan starts with n3
      assertThat(replan(s)).first().isEqualTo("25.2:standby:restart:n3");
      assertThat(replan(s)).isEqualTo(full().subList(5, full().size()));
    }

    @Test
    void continuesWithThePrimaryWhenTheStandbyIsFinalized() {
      DeploymentSnapshot s = after(7).snapshot();
      assertThat(s.standby().systemVc().version().version().toString()).isEqualTo("25.2");
      assertThat(replan(s)).first().isEqualTo("25.2:primary:restart:n1");
    }

    @Test
    void finishesAFinalizationCaughtMidwayThroughATransitionalVersion() {
      // Given every node on 25.2, the standby finalized and the primary system VC mid-way
      DeploymentSnapshot s = after(10).snapshot();
      ClusterSnapshot p = s.primary().withVc("system", v -> v.withVersion(VersionReading.observed(
          ClusterVersion.parse("24.3-upgrading-to-25.2-step-004"))));
      List<String> ids = replan(s.with(p));
      // Then the finalization is issued again (it is idempotent) and waited for
      assertThat(ids).first().isEqualTo("25.2:primary:finalize:system");
      assertThat(ids).isEqualTo(full().subList(10, full().size()));
    }

    @Test
    void recreatesAReaderAlreadyDropped() {
      // Given the upgrade stopped right after the reader was dropped (it is absent now)
      int drop = full().indexOf("25.2:standby:reader-drop:main-readonly");
      DeploymentModel.State st = after(drop + 1);
      assertThat(st.snapshot().standby().vc("main-readonly")).isEmpty();
      UpgradePlan again = plan(st.snapshot(), request.toBuilder().facts(st.facts()).build());
      assertThat(again.stepIds()).containsExactly("25.2:standby:reader-create:main-readonly",
          "25.2:standby:reader-serving:main-readonly", "restore:primary:system",
          "restore:primary:main", "restore:standby:system");
    }

    @Test
    void givesAnEmptyPlanOnceEverythingIsDone() {
      DeploymentModel.State st = after(full().size());
      assertThat(plan(st.snapshot(), request).isEmpty()).isTrue();
    }

    @Test
    void findsThePrimaryAheadOfTheStandbyAWarningAndContinuesInTheDocumentedOrder() {
      // Given primary n1 already on 25.2 while the standby is untouched (P1 broken, not unsafe)
      DeploymentSnapshot s = at("v24.3.12", false);
      NodeInfo n1 = s.primary().node(1).orElseThrow();
      s = s.with(s.primary().withNode(n1.withBinary(BinaryVersion.parse("v25.2.1"))));
      PlanResult r = planner.plan(s, UpgradeRequest.to("25.2").build());
      // Then a plan with the warning; the standby comes first, primary n1 is not restarted again
      UpgradePlan plan = r.orThrow();
      assertThat(plan.warnings()).extracting(Violation::code)
          .contains(RuleCode.STANDBY_BINARIES_BEHIND_PRIMARY);
      assertThat(rows(plan)).containsSubsequence("RESTART_NODE standby n1",
          "FINALIZE_VC standby system 25.2 !", "RESTART_NODE primary n2");
      assertThat(plan.stepIds()).doesNotContain("25.2:primary:restart:n1");
    }
  }

  @Nested
  class Failover {

    private DeploymentSnapshot failedOver() {
      // Given the standby upgraded and finalized at 25.2, then failed over (its main serves)
      DeploymentSnapshot s = DeploymentSnapshot.builder().binaries("v24.3.12", "v25.2.1")
          .versions("24.3", "25.2").build();
      ClusterSnapshot sb = s.standby().withVc("main", v -> v.withReplication(Optional.empty())
          .withState(DataState.READY, ServiceMode.SHARED)
          .withVersion(VersionReading.observed(ClusterVersion.parse("24.3")))
          .withSettings(io.github.pcrupgrade.core.model.FinalizationSettings.PRODUCT_DEFAULTS));
      return s.with(sb);
    }

    @Test
    void plansTheClustersIndependentlyAndSaysFastFailbackStaysRefused() {
      DeploymentSnapshot s = failedOver();
      assertThat(s.isFailedOver()).isTrue();
      UpgradePlan plan = plan(s, UpgradeRequest.to("25.2").build());
      assertThat(plan.hops()).extracting(Hop::cluster)
          .containsExactly(Optional.of(ClusterRole.PRIMARY), Optional.of(ClusterRole.STANDBY));
      assertThat(rows(plan)).containsExactly(
          "PIN_FINALIZATION primary system", "PIN_FINALIZATION primary main",
          "RESTART_NODE primary n1", "RESTART_NODE primary n2", "RESTART_NODE primary n3",
          "FINALIZE_VC primary system 25.2 !", "FINALIZE_VC primary main 25.2 !",
          "RESTORE_SETTINGS primary system", "RESTORE_SETTINGS primary main",
          "PIN_FINALIZATION standby main", "FINALIZE_VC standby main 25.2 !",
          "RESTORE_SETTINGS standby main");
      assertThat(plan.steps()).noneMatch(st -> st.kind() == StepKind.AWAIT_REPLICATION
          || st.kind() == StepKind.CREATE_READER);
      assertThat(plan.notes()).anyMatch(n -> n.contains("Fast failback to 'primary' stays"
          + " refused until 'primary' is on the same series"));
    }
  }

  @Nested
  class ReaderRecreation {

    /** The standby on v24.3.11 with a reader, finalized at 24.3; the primary still on 24.1. */
    private DeploymentSnapshot standbyAhead() {
      return DeploymentSnapshot.builder().binaries("v24.1.20", "v24.3.11")
          .versions("24.1", "24.3").readerVc(true).build();
    }

    @Test
    void refusesToRecreateTheReaderOnABinaryWithoutTheStatementAndNamesBothWaysOut() {
      PlanResult r = planner.plan(standbyAhead(), UpgradeRequest.to("25.2").build());
      assertThat(r.isRefused()).isTrue();
      assertThat(r.refusal()).singleElement().satisfies(v -> {
        assertThat(v.code()).isEqualTo(RuleCode.READER_RECREATE_UNSUPPORTED);
        assertThat(v.message()).contains("v24.3.11");
        assertThat(v.remediation()).contains("(1) move the standby to v24.3.12")
            .contains("(2) plan with ReaderStrategy.DROP_FOR_DURATION");
      });
    }

    @Test
    void plansWhenTheReaderIsDroppedForTheDuration() {
      UpgradePlan plan = plan(standbyAhead(), UpgradeRequest.to("25.2")
          .readerStrategy(ReaderStrategy.DROP_FOR_DURATION).build());
      assertThat(plan.steps()).filteredOn(st -> st.kind() == StepKind.CREATE_READER)
          .extracting(PlanStep::id).containsExactly("25.2:standby:reader-create:main-readonly");
    }

    @Test
    void refusesATargetBinaryThatLacksTheStatement() {
      PlanResult r = planner.plan(at("v24.3.12", true), UpgradeRequest.to("v25.1.3").build());
      assertThat(r.refusal()).extracting(Violation::code)
          .containsExactly(RuleCode.READER_RECREATE_UNSUPPORTED);
      assertThat(r.refusal().get(0).remediation()).contains("v25.1.6").contains("(2) drop reader");
      assertThat(planner.plan(at("v24.3.12", true), UpgradeRequest.to("v25.1.6").build())
          .isPlanned()).isTrue();
    }

    @Test
    void plansNoReaderStepsForADeploymentWithoutAReader() {
      UpgradePlan plan = plan(at("v24.3.12", false), UpgradeRequest.to("25.4").build());
      assertThat(plan.steps()).noneMatch(st -> st.id().contains("reader"));
    }
  }

  @Nested
  class BadInput {

    @Test
    void refusesADowngrade() {
      PlanResult r = planner.plan(at("v25.2.3", false), UpgradeRequest.to("24.3").build());
      assertThat(r.refusal()).extracting(Violation::code).contains(RuleCode.TARGET_IS_DOWNGRADE);
    }

    @Test
    void refusesAnUnknownSeries() {
      PlanResult r = planner.plan(at("v25.2.3", false), UpgradeRequest.to("27.1").build());
      assertThat(r.refusal()).extracting(Violation::code).contains(RuleCode.TARGET_UNKNOWN);
    }

    @Test
    void refusesATargetBeyondTheLastKnownSeries() {
      PlanResult r = planner.plan(at("v26.4.0", false), UpgradeRequest.to("26.5").build());
      assertThat(r.refusal()).extracting(Violation::code).contains(RuleCode.TARGET_UNKNOWN);
    }

    @Test
    void refusesAnUnreachableTarget() {
      // Given a catalog in which no chain of direct upgrades leads from 24.3 to 25.4
      ReleaseCatalog builtIn = ReleaseCatalog.builtIn();
      SeriesInfo s254 = builtIn.info(ReleaseSeries.of(25, 4));
      ReleaseCatalog gap = ReleaseCatalog.builder()
          .put(new SeriesInfo(ReleaseSeries.of(24, 3), ReleaseType.REGULAR, null, null, null,
              ReleaseSeries.of(24, 1), List.of(),
              builtIn.info(ReleaseSeries.of(24, 3)).features()))
          .put(new SeriesInfo(s254.series(), s254.type(), null, null, null,
              ReleaseSeries.of(24, 3), List.of(), s254.features()))
          .build();
      PlanResult r = new Planner(gap).plan(at("v24.3.12", false), UpgradeRequest.to("25.4").build());
      assertThat(r.refusal()).extracting(Violation::code).contains(RuleCode.TARGET_UNREACHABLE);
    }

    @Test
    void refusesAStandbyBehindAPrimaryWhoseAppVcIsFinalized() {
      DeploymentSnapshot s = DeploymentSnapshot.builder().binaries("v25.2.1", "v24.3.12")
          .versions("25.2", "24.3").build();
      PlanResult r = planner.plan(s, UpgradeRequest.to("25.2").build());
      assertThat(r.refusal()).extracting(Violation::code)
          .contains(RuleCode.REPLICATED_VC_NEWER_THAN_DESTINATION);
      assertThat(r.refusal()).allSatisfy(v -> assertThat(v.remediation()).isNotBlank());
    }

    @Test
    void refusesAReaderWithoutItsReplicatingVc() {
      DeploymentSnapshot s = at("v24.3.12", true);
      s = s.with(s.standby().withoutVc("main"));
      PlanResult r = planner.plan(s, UpgradeRequest.to("25.2").build());
      assertThat(r.refusal()).extracting(Violation::code)
          .contains(RuleCode.READER_WITHOUT_REPLICATING_VC);
    }

    @Test
    void carriesAnUnhealthyNodeAsANonRefusingErrorForTheHealthGate() {
      DeploymentSnapshot s = at("v24.3.12", false);
      NodeInfo n2 = s.standby().node(2).orElseThrow();
      s = s.with(s.standby().withNode(n2.withLiveness(Liveness.SUSPECT, false)));
      UpgradePlan plan = plan(s, UpgradeRequest.to("25.2").build());
      // NODE_NOT_LIVE is an ERROR of the PRECONDITION category: it does not refuse the plan, and
      // it is an error, so it is never among the warnings
      assertThat(plan.errors()).extracting(Violation::code).contains(RuleCode.NODE_NOT_LIVE);
      assertThat(plan.warnings()).extracting(Violation::code)
          .doesNotContain(RuleCode.NODE_NOT_LIVE);
      assertThat(plan.toText()).contains("Errors:").contains("NODE_NOT_LIVE");
    }

    @Test
    void carriesMixedBinariesDuringARollingRestartAsAnErrorNeverAWarning() {
      // Given the standby mid rolling restart: n1 on 25.2, the others still on 24.3
      DeploymentSnapshot s = at("v24.3.12", false);
      NodeInfo n1 = s.standby().node(1).orElseThrow();
      s = s.with(s.standby().withNode(n1.withBinary(BinaryVersion.parse("v25.2.1"))));
      UpgradePlan plan = plan(s, UpgradeRequest.to("25.2").build());
      assertThat(plan.errors()).extracting(Violation::code).contains(RuleCode.MIXED_BINARIES);
      assertThat(plan.errors()).allMatch(Violation::isError);
      assertThat(plan.warnings()).noneMatch(Violation::isError);
    }

    @Test
    void throwsPlanRefusedFromPlanOrThrow() {
      assertThatThrownBy(() -> planner.planOrThrow(at("v25.2.3", false),
          UpgradeRequest.to("24.3").build()))
          .isInstanceOfSatisfying(PcrUpgradeException.class,
              e -> assertThat(e.code()).isEqualTo(CoreErrorCode.PLAN_REFUSED))
          .hasMessageContaining("TARGET_IS_DOWNGRADE");
    }

    @Test
    void refusesWhileAFailbackIsRunning() {
      DeploymentSnapshot s = at("v24.3.12", false);
      VirtualClusterInfo rep = s.standby().vc("main").orElseThrow();
      ClusterSnapshot p = s.primary().withVc("main", v -> v.withReplication(rep.replication()));
      PlanResult r = planner.plan(s.with(p), UpgradeRequest.to("25.2").build());
      assertThat(r.isRefused()).isTrue();
    }
  }

  @Nested
  class Determinism {

    @Test
    void givesEqualPlansForEqualInputs() {
      DeploymentSnapshot s = DeploymentSnapshot.builder().nodes(5, 7).binary("v24.3.12")
          .readerVc(true).build();
      UpgradeRequest r = UpgradeRequest.to("25.4").seededRandomOrder(42).build();
      assertThat(planner.plan(s, r)).isEqualTo(planner.plan(s, r));
      assertThat(Planner.builtIn().plan(s, r)).isEqualTo(planner.plan(s, r));
    }

    @Test
    void ordersNodesDifferentlyForAnotherSeed() {
      DeploymentSnapshot s = DeploymentSnapshot.builder().nodes(3, 3).binary("v24.3.12").build();
      List<String> one = restarts(plan(s, UpgradeRequest.to("25.2").seededRandomOrder(1).build()));
      List<String> two = restarts(plan(s, UpgradeRequest.to("25.2").seededRandomOrder(2).build()));
      assertThat(one).containsExactlyInAnyOrderElementsOf(two).isNotEqualTo(two);
    }

    @Test
    void ordersNodesByLocalityWhenAsked() {
      DeploymentSnapshot s = DeploymentSnapshot.builder().nodes(4, 1).binary("v24.3.12").build();
      UpgradePlan plan = plan(s, UpgradeRequest.to("25.2").nodeOrder(NodeOrder.BY_LOCALITY)
          .build());
      // zones a, b, c, a: both zone-a nodes first
      assertThat(restarts(plan)).startsWith("25.2:standby:restart:n1")
          .containsSubsequence("25.2:primary:restart:n1", "25.2:primary:restart:n4",
              "25.2:primary:restart:n2", "25.2:primary:restart:n3");
    }

    private List<String> restarts(UpgradePlan plan) {
      return plan.steps().stream().filter(st -> st.kind() == StepKind.RESTART_NODE)
          .map(PlanStep::id).toList();
    }
  }

  @Nested
  class Rollback {

    @Test
    void rollsBackTheStandbyAndThePrimaryBeforeFinalizationPrimaryFirst() {
      // Given standby fully and primary n1 on 25.2, nothing finalized
      DeploymentSnapshot s = DeploymentSnapshot.builder().binaries("v24.3.12", "v25.2.1")
          .versions("24.3", "24.3").build();
      NodeInfo n1 = s.primary().node(1).orElseThrow();
      s = s.with(s.primary().withNode(n1.withBinary(BinaryVersion.parse("v25.2.1"))));
      RollbackPlan r = planner.planRollback(s);
      assertThat(r.clusters()).extracting(ClusterRollback::verdict)
          .containsExactly(RollbackVerdict.ROLL_BACK, RollbackVerdict.ROLL_BACK);
      assertThat(r.steps()).extracting(PlannerTest::row).containsExactly(
          "ROLLBACK_NODE primary n1", "ROLLBACK_NODE standby n1", "ROLLBACK_NODE standby n2",
          "ROLLBACK_NODE standby n3");
      assertThat(r.steps().get(0).binary().orElseThrow().exact())
          .contains(BinaryVersion.parse("v24.3.12"));
    }

    @Test
    void saysTheFinalizedStandbyCanNoLongerBeRolledBackAndLeavesItAlone() {
      // Given the standby finalized at 25.2 and primary n1 on 25.2
      DeploymentSnapshot s = DeploymentSnapshot.builder().binaries("v24.3.12", "v25.2.1")
          .versions("24.3", "25.2").build();
      NodeInfo n1 = s.primary().node(1).orElseThrow();
      s = s.with(s.primary().withNode(n1.withBinary(BinaryVersion.parse("v25.2.1"))));
      RollbackPlan r = planner.planRollback(s);
      assertThat(r.clusters()).extracting(ClusterRollback::verdict)
          .containsExactly(RollbackVerdict.ROLL_BACK, RollbackVerdict.FINALIZATION_BEGUN);
      assertThat(r.clusters().get(1).reason()).contains("finalized at 25.2");
      assertThat(r.steps()).allSatisfy(st -> assertThat(st.cluster()).isEqualTo(ClusterRole.PRIMARY));
      assertThat(r.notes()).anyMatch(n -> n.contains("does not roll back the standby"));
    }

    @Test
    void saysAClusterWhoseSystemVcBeganFinalizingCanNoLongerBeRolledBack() {
      DeploymentSnapshot s = DeploymentSnapshot.builder().binaries("v25.2.1", "v25.2.1")
          .versions("24.3", "25.2").build();
      ClusterSnapshot p = s.primary().withVc("system", v -> v.withVersion(VersionReading.observed(
          ClusterVersion.parse("24.3-upgrading-to-25.2-step-002"))));
      RollbackPlan r = planner.planRollback(s.with(p));
      assertThat(r.clusters().get(0).verdict()).isEqualTo(RollbackVerdict.FINALIZATION_BEGUN);
      assertThat(r.clusters().get(0).reason()).contains("finalization has begun");
      assertThat(r.isEmpty()).isTrue();
    }
  }
}
