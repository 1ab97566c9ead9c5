package io.github.pcrupgrade.core.plan;

import static io.github.pcrupgrade.testsupport.Gens.frequency;
import static io.github.pcrupgrade.testsupport.Gens.withEdgeCases;
import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.rules.RuleCategory;
import io.github.pcrupgrade.core.rules.RuleCode;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Plans carried out step by step on a pure model of the deployment keep every invariant and end
 * at the target; planning from any intermediate state gives exactly the remaining steps.
 */
class PlannerProperties {

  private static final ReleaseCatalog CATALOG = ReleaseCatalog.builtIn();
  private static final Planner PLANNER = new Planner(CATALOG);
  private static final Rules RULES = new Rules(CATALOG);
  private static final List<ReleaseSeries> SERIES = CATALOG.series().stream()
      .filter(s -> s.isAtLeast(ReleaseSeries.of(24, 1))).toList();

  /** One generated deployment and request. */
  record Scenario(
      int primaryNodes, int standbyNodes, ReleaseSeries from, int fromPatch, ReleaseSeries to,
      Optional<Integer> toPatch, boolean reader, boolean nonVirtualized, NodeOrder order,
      long seed, PinningMethod pinning, ReaderStrategy strategy) {

    DeploymentSnapshot snapshot() {
      return DeploymentSnapshot.builder()
          .nodes(primaryNodes, standbyNodes)
          .binary(BinaryVersion.of(from, fromPatch).toString())
          .readerVc(reader)
          .nonVirtualizedPrimary(nonVirtualized)
          .build();
    }

    UpgradeRequest request(DeploymentSnapshot start) {
      UpgradeRequest.Builder b = toPatch.isPresent()
          ? UpgradeRequest.toBinary(BinaryVersion.of(to, toPatch.get()))
          : UpgradeRequest.toSeries(to);
      return b.nodeOrder(order).pinningMethod(pinning).readerStrategy(strategy)
          .seededRandomOrder(seed).nodeOrder(order)
          .originalSettings(DeploymentModel.settingsOf(start))
          .originalReaderVcs(DeploymentModel.readersOf(start)).build();
    }
  }

  /** The node counts, the series pair (from, to) and the patches of a scenario. */
  private record Shape(int primaryNodes, int standbyNodes, List<Integer> pair, int fromPatch,
      Optional<Integer> toPatch) {}

  /** The switches of a scenario. */
  private record Switches(boolean reader, boolean nonVirtualized, NodeOrder order, long seed) {}

  /**
   * Pairs of indexes into SERIES, the smaller first, as two independent draws ordered: each
   * unordered pair (i, j) with i &lt; j twice, each (i, i) once; only pairs with an upgrade path.
   */
  private static List<List<Integer>> reachablePairs() {
    List<List<Integer>> pairs = new ArrayList<>();
    for (int a = 0; a < SERIES.size(); a++) {
      for (int b = 0; b < SERIES.size(); b++) {
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        if (reachable(SERIES.get(lo), SERIES.get(hi))) {
          pairs.add(List.of(lo, hi));
        }
      }
    }
    return pairs;
  }

  static Gen<Scenario> scenarios() {
    Gen<Integer> nodes = integers().between(1, 9);
    Gen<Integer> patch = integers().between(0, 20);
    Gen<Shape> shape = nodes.zip(nodes, Generate.pick(reachablePairs()), patch, patch.toOptionals(50),
        Shape::new);
    Gen<Switches> switches = booleans().all().zip(
        frequency(4, Generate.constant(false), 1, Generate.constant(true)),
        arbitrary().enumValues(NodeOrder.class),
        withEdgeCases(longs().all(), 0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE),
        Switches::new);
    return shape.zip(switches, arbitrary().enumValues(PinningMethod.class),
        arbitrary().enumValues(ReaderStrategy.class), (sh, sw, pin, strat) -> {
          ReleaseSeries from = SERIES.get(sh.pair().get(0));
          return new Scenario(sh.primaryNodes(), sh.standbyNodes(), from, sh.fromPatch(),
              SERIES.get(sh.pair().get(1)), sh.toPatch(),
              sw.reader() && from.isAtLeast(ReleaseSeries.of(24, 3)), sw.nonVirtualized(),
              sw.order(), sw.seed(), pin, strat);
        });
  }

  private static boolean reachable(ReleaseSeries from, ReleaseSeries to) {
    try {
      CATALOG.path(from, to);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Test
  void carryingOutAPlanKeepsTheInvariantsAndEndsAtTheTarget() {
    AtomicInteger checked = new AtomicInteger();
    AtomicInteger discarded = new AtomicInteger();
    qt(300).forAll(scenarios()).checkAssert(sc -> {
      if (carryOut(sc)) {
        checked.incrementAndGet();
      } else {
        discarded.incrementAndGet();
      }
    });
    // Like jqwik's Assume: a discarded scenario counts as an example; at most 5 discards a check
    assertThat(checked.get()).isPositive();
    assertThat(discarded.get()).isLessThanOrEqualTo(5 * checked.get());
  }

  /** Carries out the scenario's plan; false when it is outside the property (discarded). */
  private static boolean carryOut(Scenario sc) {
    // Given a deployment at rest and a request with the originals recorded at the start
    DeploymentSnapshot start = sc.snapshot();
    UpgradeRequest request = sc.request(start);
    PlanResult result = PLANNER.plan(start, request);
    if (!result.isPlanned() && result.refusal().stream()
        .allMatch(v -> v.code() == RuleCode.READER_RECREATE_UNSUPPORTED)) {
      return false;
    }
    assertThat(result.refusal()).isEmpty();
    List<PlanStep> steps = result.orThrow().steps();
    List<String> ids = result.orThrow().stepIds();
    assertThat(ids).doesNotHaveDuplicates();

    DeploymentModel.State state = DeploymentModel.State.of(start);
    for (int k = 0; k <= steps.size(); k++) {
      // When re-planning from the state after k steps, with the facts an executor recorded
      UpgradePlan again = PLANNER.plan(state.snapshot(),
          request.toBuilder().facts(state.facts()).build()).orThrow();
      // Then the plan is exactly the remaining suffix, ids included
      assertThat(again.stepIds()).as("re-plan after %d steps of %s", k, ids)
          .isEqualTo(ids.subList(k, ids.size()));
      if (k == steps.size()) {
        break;
      }
      // And carrying out the next step keeps every invariant
      state = DeploymentModel.apply(steps.get(k), state);
      List<Violation> broken = RULES.check(state.snapshot()).of(RuleCategory.INVARIANT);
      assertThat(broken).as("invariants after %s", steps.get(k).id()).isEmpty();
    }
    assertAtTarget(sc, start, state.snapshot(), request);
    return true;
  }

  private static void assertAtTarget(Scenario sc, DeploymentSnapshot start, DeploymentSnapshot end,
      UpgradeRequest request) {
    for (ClusterSnapshot c : List.of(end.primary(), end.standby())) {
      for (NodeInfo n : c.memberNodes()) {
        assertThat(request.target().isSatisfiedBy(n.binary()))
            .as("%s n%d runs %s", c.name(), n.id(), n.binary()).isTrue();
      }
      for (VirtualClusterInfo v : c.virtualClusters()) {
        assertThat(v.version().known()).as("%s VC %s", c.name(), v.name())
            .contains(sc.to().finalVersion());
      }
      ClusterSnapshot before = start.cluster(c.role());
      for (VirtualClusterInfo v : before.virtualClusters()) {
        if (v.kind() != VcKind.READER && v.settings().isPresent()) {
          assertThat(c.vc(v.name()).flatMap(VirtualClusterInfo::settings))
              .as("settings of %s VC %s", c.name(), v.name()).isEqualTo(v.settings());
        }
      }
    }
    for (VirtualClusterInfo r : start.standby().readerVcs()) {
      assertThat(Condition.vcServingAt(ClusterRole.STANDBY, r.name(), sc.to())
          .holds(end)).as("reader %s serves at %s", r.name(), sc.to()).isTrue();
    }
  }
}
