package io.github.pcrupgrade.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

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

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<int[]> pair = Arbitraries.integers().between(0, SERIES.size() - 1).tuple2()
        .map(t -> new int[] {Math.min(t.get1(), t.get2()), Math.max(t.get1(), t.get2())})
        .filter(p -> reachable(SERIES.get(p[0]), SERIES.get(p[1])));
    return Combinators.combine(
            Arbitraries.integers().between(1, 9),
            Arbitraries.integers().between(1, 9),
            pair,
            Arbitraries.integers().between(0, 20),
            Arbitraries.integers().between(0, 20).optional(0.5),
            Arbitraries.of(true, false),
            Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true)),
            Arbitraries.of(NodeOrder.class))
        .flatAs((pn, sn, p, fp, tp, reader, nonVirt, order) -> Combinators.combine(
                Arbitraries.longs(), Arbitraries.of(PinningMethod.class),
                Arbitraries.of(ReaderStrategy.class))
            .as((seed, pin, strat) -> new Scenario(pn, sn, SERIES.get(p[0]), fp, SERIES.get(p[1]),
                tp, reader && SERIES.get(p[0]).isAtLeast(ReleaseSeries.of(24, 3)), nonVirt,
                order, seed, pin, strat)));
  }

  private static boolean reachable(ReleaseSeries from, ReleaseSeries to) {
    try {
      CATALOG.path(from, to);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Property(tries = 300)
  void carryingOutAPlanKeepsTheInvariantsAndEndsAtTheTarget(
      @ForAll("scenarios") Scenario sc) {
    // Given a deployment at rest and a request with the originals recorded at the start
    DeploymentSnapshot start = sc.snapshot();
    UpgradeRequest request = sc.request(start);
    PlanResult result = PLANNER.plan(start, request);
    Assume.that(result.isPlanned() || !result.refusal().stream()
        .allMatch(v -> v.code() == RuleCode.READER_RECREATE_UNSUPPORTED));
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
