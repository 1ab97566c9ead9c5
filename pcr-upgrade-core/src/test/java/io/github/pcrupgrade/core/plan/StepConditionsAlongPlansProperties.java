package io.github.pcrupgrade.core.plan;

import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.rules.RuleCategory;
import io.github.pcrupgrade.core.rules.RuleCode;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Over every pair of catalog series with an upgrade path (each generated example walks all of
 * them), a plan carried out on the pure {@link DeploymentModel} meets each step's precondition
 * just before the step and its done-condition just after it, and the deployment never departs
 * from the documented order: no invariant and no procedure rule (P1 to P3) is reported at any
 * point. The generated part is the deployment's shape and the request's options.
 */
class StepConditionsAlongPlansProperties {

  private static final ReleaseCatalog CATALOG = ReleaseCatalog.builtIn();
  private static final Planner PLANNER = new Planner(CATALOG);
  private static final Rules RULES = new Rules(CATALOG);

  /** Every (from, to) of the catalog, from before to, with an upgrade path between them. */
  static List<List<ReleaseSeries>> seriesPairs() {
    List<ReleaseSeries> all = CATALOG.series();
    List<List<ReleaseSeries>> pairs = new ArrayList<>();
    for (ReleaseSeries from : all) {
      for (ReleaseSeries to : all) {
        if (to.isAfter(from) && reachable(from, to)) {
          pairs.add(List.of(from, to));
        }
      }
    }
    return pairs;
  }

  private static boolean reachable(ReleaseSeries from, ReleaseSeries to) {
    try {
      CATALOG.path(from, to);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The part of a scenario that is generated; the series pair is filled in by the walk. */
  private record Options(int primaryNodes, int standbyNodes, int fromPatch, boolean reader,
      boolean nonVirtualized, NodeOrder order, long seed, PinningMethod pinning,
      ReaderStrategy strategy) {

    PlannerProperties.Scenario scenario(ReleaseSeries from, ReleaseSeries to) {
      return new PlannerProperties.Scenario(primaryNodes, standbyNodes, from, fromPatch, to,
          Optional.empty(), reader && from.isAtLeast(ReleaseSeries.of(24, 3)), nonVirtualized,
          order, seed, pinning, strategy);
    }
  }

  private static Gen<Options> options() {
    Gen<Integer> nodes = integers().between(1, 9);
    Gen<Integer> patch = integers().between(0, 20);
    Gen<Boolean> flag = booleans().all();
    return nodes.zip(nodes, patch, flag, (p, s, f, r) -> new int[] {p, s, f, r ? 1 : 0})
        .zip(flag, arbitrary().enumValues(NodeOrder.class), longs().all(),
            (a, nv, order, seed) -> new Object[] {a, nv, order, seed})
        .zip(arbitrary().enumValues(PinningMethod.class),
            arbitrary().enumValues(ReaderStrategy.class), (o, pin, strat) -> {
              int[] a = (int[]) o[0];
              return new Options(a[0], a[1], a[2], a[3] == 1, (Boolean) o[1],
                  (NodeOrder) o[2], (Long) o[3], pin, strat);
            });
  }

  @Test
  void everyStepIsDueWhenReachedAndDoneWhenCarriedOutOverEverySeriesPair() {
    List<List<ReleaseSeries>> pairs = seriesPairs();
    assertThat(pairs).as("the catalog has multi-hop pairs").anySatisfy(p ->
        assertThat(CATALOG.path(p.get(0), p.get(1)).hops()).hasSizeGreaterThan(1));
    Set<List<ReleaseSeries>> walked = new HashSet<>();
    qt(12).forAll(options()).checkAssert(o -> {
      for (List<ReleaseSeries> pair : pairs) {
        if (walk(o.scenario(pair.get(0), pair.get(1)))) {
          walked.add(pair);
        }
      }
    });
    // A pair is skipped only when its reader cannot be re-created on the chosen patches.
    assertThat(walked).as("pairs planned at least once").containsExactlyInAnyOrderElementsOf(pairs);
  }

  /** Carries out the scenario's plan; false when the planner refuses it for the reader only. */
  private static boolean walk(PlannerProperties.Scenario sc) {
    DeploymentSnapshot start = sc.snapshot();
    UpgradeRequest request = sc.request(start);
    PlanResult result = PLANNER.plan(start, request);
    if (!result.isPlanned() && result.refusal().stream()
        .allMatch(v -> v.code() == RuleCode.READER_RECREATE_UNSUPPORTED)) {
      return false;
    }
    assertThat(result.refusal()).as("%s", sc).isEmpty();
    List<PlanStep> steps = result.orThrow().steps();
    assertThat(steps).as("%s", sc).isNotEmpty();
    DeploymentModel.State state = DeploymentModel.State.of(start);
    for (PlanStep step : steps) {
      assertThat(step.precondition().holds(state.snapshot(), state.facts()))
          .as("precondition of %s (%s) before it, in %s", step.id(),
              step.precondition().describe(), sc)
          .isTrue();
      state = DeploymentModel.apply(step, state);
      assertThat(step.done().holds(state.snapshot(), state.facts()))
          .as("done-condition of %s (%s) after it, in %s", step.id(), step.done().describe(), sc)
          .isTrue();
      List<Violation> departures = new ArrayList<>(
          RULES.check(state.snapshot()).of(RuleCategory.INVARIANT));
      departures.addAll(RULES.check(state.snapshot()).of(RuleCategory.PROCEDURE));
      assertThat(departures).as("invariants and procedure rules after %s in %s", step.id(), sc)
          .isEmpty();
    }
    return true;
  }
}
