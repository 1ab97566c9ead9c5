package io.github.pcrupgrade.core.plan;

import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Each plan step carries the estimate docs/plan.md gives for its kind, from the request's
 * {@link StepEstimates}; the plan's total is their sum, and the renderings show it. The expected
 * values are computed here by hand from the estimates, never read back from the code.
 */
class StepEstimatesTest {

  private static final Planner PLANNER = Planner.builtIn();

  /** Distinct values, so that a step given another kind's estimate is noticed. */
  private static final StepEstimates DISTINCT = StepEstimates.defaults()
      .withRestart(Duration.ofMinutes(7)).withSettle(Duration.ofSeconds(45))
      .withFinalization(Duration.ofMinutes(11)).withReplicationCatchUp(Duration.ofSeconds(90))
      .withReaderCreation(Duration.ofMinutes(3)).withStatement(Duration.ofSeconds(2));

  /** 24.3 -> 25.2, 3 + 3 nodes, a reader VC: the golden one-hop plan. */
  private static UpgradePlan oneHopWithReader(StepEstimates estimates) {
    return PLANNER.planOrThrow(
        DeploymentSnapshot.builder().binary("v24.3.12").readerVc(true).build(),
        UpgradeRequest.to("25.2").estimates(estimates).build());
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    // docs/plan.md and the README: restart 3 min, settle 60 s, finalization 2 min,
    // catch-up 30 s, reader creation 1 min, statement 5 s
    assertThat(StepEstimates.defaults()).isEqualTo(new StepEstimates(Duration.ofMinutes(3),
        Duration.ofSeconds(60), Duration.ofMinutes(2), Duration.ofSeconds(30),
        Duration.ofMinutes(1), Duration.ofSeconds(5)));
    assertThat(UpgradeRequest.to("25.2").build().estimates()).isEqualTo(StepEstimates.defaults());
  }

  @Test
  void eachStepKindCarriesItsEstimate() {
    UpgradePlan plan = oneHopWithReader(DISTINCT);

    Map<StepKind, List<Duration>> byKind = plan.steps().stream().collect(Collectors.groupingBy(
        PlanStep::kind, Collectors.mapping(s -> s.estimate().orElseThrow(), Collectors.toList())));

    // restart 7 min + settle 45 s
    assertThat(byKind.get(StepKind.RESTART_NODE)).hasSize(6)
        .containsOnly(Duration.parse("PT7M45S"));
    assertThat(byKind.get(StepKind.FINALIZE_VC)).hasSize(3).containsOnly(Duration.ofMinutes(11));
    assertThat(byKind.get(StepKind.AWAIT_REPLICATION)).containsExactly(Duration.ofSeconds(90));
    assertThat(byKind.get(StepKind.AWAIT_READER_SERVING)).containsExactly(Duration.ofMinutes(3));
    for (StepKind statement : List.of(StepKind.PIN_FINALIZATION, StepKind.STOP_READER,
        StepKind.DROP_READER, StepKind.CREATE_READER, StepKind.RESTORE_SETTINGS)) {
      assertThat(byKind.get(statement)).as(statement.name()).isNotEmpty()
          .containsOnly(Duration.ofSeconds(2));
    }
  }

  @Test
  void aRollbackAndAnUnpinStepTakeTheirKindsEstimate() {
    assertThat(DISTINCT.of(StepKind.ROLLBACK_NODE)).isEqualTo(Duration.parse("PT7M45S"));
    assertThat(DISTINCT.of(StepKind.UNPIN_FINALIZATION)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void thePlanTotalIsTheSumOfItsSteps() {
    // 6 restarts x 7m45s = 46m30s; 3 finalizations x 11 min = 33 min; catch-up 1m30s;
    // reader 3 min; 3 pins + stop + drop + create + 3 restores = 9 x 2 s = 18 s
    Duration expected = Duration.parse("PT1H24M18S");

    assertThat(oneHopWithReader(DISTINCT).estimatedDuration()).contains(expected);
  }

  @Test
  void theTextRenderingShowsEachStepsEstimateAndTheTotal() {
    String text = oneHopWithReader(DISTINCT).toText();

    assertThat(text).contains("Expected duration: 1h24m18s")
        .contains("[25.2:standby:restart:n1] Restart 'standby' node n1").contains("(~7m45s)")
        .contains("SET CLUSTER SETTING version = '25.2'  (~11m)  "
            + PlanRendering.NO_RETURN_MARK);
    assertThat(text.lines().filter(l -> l.startsWith("   1.")))
        .hasSize(20).allMatch(l -> l.contains("(~"));
  }

  @Test
  void theMermaidRenderingIsTitledWithTheTotal() {
    String mermaid = oneHopWithReader(DISTINCT).toMermaid();

    assertThat(mermaid).startsWith("---\ntitle: \"Upgrade plan to any 25.2 binary, expected"
        + " duration 1h24m18s\"\n---\nflowchart TD\n");
  }

  @Test
  void aPlanWithoutEstimatesHasNoTotalAndRendersWithoutOne() {
    UpgradePlan estimated = oneHopWithReader(StepEstimates.defaults());
    UpgradePlan bare = new UpgradePlan(estimated.target(), estimated.hops().stream()
        .map(h -> new Hop(h.id(), h.kind(), h.from(), h.to(), h.binary(), h.cluster(),
            h.steps().stream().map(StepEstimatesTest::withoutEstimate).toList())).toList(),
        estimated.warnings(), estimated.notes());

    assertThat(bare.estimatedDuration()).isEmpty();
    assertThat(bare.toText()).doesNotContain("Expected duration").doesNotContain("(~");
    assertThat(bare.toMermaid()).startsWith("flowchart TD\n");
  }

  @Test
  void anEmptyPlanIsExpectedToTakeNoTime() {
    UpgradePlan done = PLANNER.planOrThrow(DeploymentSnapshot.builder().binary("v25.2.4").build(),
        UpgradeRequest.to("25.2").build());

    assertThat(done.isEmpty()).isTrue();
    assertThat(done.estimatedDuration()).contains(Duration.ZERO);
    assertThat(done.toText()).contains("Expected duration: 0s");
  }

  @Test
  void theTotalFollowsEveryEstimate() {
    Gen<Duration> seconds = integers().between(0, 4 * 3600).map(s -> Duration.ofSeconds(s));
    Gen<StepEstimates> gen = seconds.zip(seconds, seconds, seconds, seconds,
        (r, f, c, rc, st) -> new StepEstimates(r, Duration.ofSeconds(60), f, c, rc, st));
    qt(200).forAll(gen, integers().between(1, 5))
        .checkAssert((estimates, nodes) -> {
          Duration restart = estimates.restart();
          Duration finalization = estimates.finalization();
          Duration catchUp = estimates.replicationCatchUp();
          Duration reader = estimates.readerCreation();
          Duration statement = estimates.statement();
          UpgradePlan plan = PLANNER.planOrThrow(DeploymentSnapshot.builder().nodes(nodes, nodes)
              .binary("v24.3.12").readerVc(true).build(),
              UpgradeRequest.to("25.2").estimates(estimates).build());

          // the table of docs/plan.md, written out independently of StepEstimates.of
          Function<StepKind, Duration> table = kind -> switch (kind) {
            case RESTART_NODE, ROLLBACK_NODE -> restart.plusSeconds(60);
            case FINALIZE_VC -> finalization;
            case AWAIT_REPLICATION -> catchUp;
            case AWAIT_READER_SERVING -> reader;
            default -> statement;
          };
          Duration sum = Duration.ZERO;
          for (PlanStep s : plan.steps()) {
            assertThat(s.estimate()).as(s.id()).contains(table.apply(s.kind()));
            sum = sum.plus(table.apply(s.kind()));
          }
          // 2 x nodes restarts, 3 finalizations, 9 single statements, 1 catch-up, 1 reader
          assertThat(sum).isEqualTo(restart.plusSeconds(60).multipliedBy(2L * nodes)
              .plus(finalization.multipliedBy(3)).plus(statement.multipliedBy(9))
              .plus(catchUp).plus(reader));
          assertThat(plan.estimatedDuration()).contains(sum);
        });
  }

  @Test
  void anEstimateOutsideZeroTo48HoursIsRefusedNamingIt() {
    assertThatThrownBy(() -> StepEstimates.defaults().withRestart(Duration.ofSeconds(-1)))
        .isInstanceOfSatisfying(PcrUpgradeException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("estimate restart must be between 0 and 48 h, got PT-1S");
    assertThatThrownBy(() -> StepEstimates.defaults().withFinalization(Duration.ofHours(49)))
        .isInstanceOf(PcrUpgradeException.class)
        .hasMessageContaining("estimate finalization must be between 0 and 48 h");
    assertThatThrownBy(() -> StepEstimates.defaults().withReaderCreation(null))
        .isInstanceOf(NullPointerException.class).hasMessage("readerCreation");
    assertThat(StepEstimates.defaults().withStatement(Duration.ZERO).statement()).isZero();
    assertThat(StepEstimates.defaults().withSettle(StepEstimates.MAX).settle())
        .isEqualTo(Duration.ofHours(48));
  }

  @Test
  void durationsAreRenderedToTheSecond() {
    assertThat(PlanRendering.human(Duration.ZERO)).isEqualTo("0s");
    assertThat(PlanRendering.human(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(PlanRendering.human(Duration.ofMinutes(4))).isEqualTo("4m");
    assertThat(PlanRendering.human(Duration.ofHours(1))).isEqualTo("1h");
    assertThat(PlanRendering.human(Duration.parse("PT1H4M"))).isEqualTo("1h4m");
    assertThat(PlanRendering.human(Duration.parse("PT2H0M7S"))).isEqualTo("2h7s");
    assertThat(PlanRendering.human(Duration.parse("PT50H5M7.9S"))).isEqualTo("50h5m7s");
  }

  private static PlanStep withoutEstimate(PlanStep s) {
    return new PlanStep(s.id(), s.kind(), s.cluster(), s.clusterName(), s.virtualCluster(),
        s.nodeId(), s.binary(), s.version(), s.setting(), s.settingValue(), s.restoreTo(),
        s.done(), s.precondition(), s.pointOfNoReturn(), s.description());
  }
}
