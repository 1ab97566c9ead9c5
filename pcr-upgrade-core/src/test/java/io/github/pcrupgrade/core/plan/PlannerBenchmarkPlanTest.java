package io.github.pcrupgrade.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Pins every step of the plan {@code PlannerBenchmark} measures (2 x 9 nodes with a reader VC,
 * 24.3 -> 25.4, two hops): ids, kinds, points of no return, descriptions, done conditions,
 * preconditions and notes, against {@code golden/benchmark-2x9-steps.txt}. The golden file was
 * written by the planner as it was before it was made faster, and read against the documented
 * order (the standby's nodes, then its system and application VCs, before the primary's; the
 * reader dropped and re-created), so that speeding the planner up cannot change a plan unseen.
 */
class PlannerBenchmarkPlanTest {

  @Test
  void theBenchmarkPlanIsTheGoldenOneStepForStep() throws IOException {
    UpgradePlan plan = Planner.builtIn().planOrThrow(
        DeploymentSnapshot.builder().nodes(9, 9).binary("v24.3.12").readerVc(true).build(),
        UpgradeRequest.to("25.4").build());
    assertThat(render(plan)).isEqualTo(golden("benchmark-2x9-steps.txt"));
  }

  /** Each hop, each step with its conditions described, then the notes. */
  static String render(UpgradePlan plan) {
    StringBuilder b = new StringBuilder();
    for (Hop h : plan.hops()) {
      b.append("hop ").append(h.id()).append(' ').append(h.kind()).append('\n');
      for (PlanStep st : h.steps()) {
        b.append("  ").append(st.id()).append(' ').append(st.kind())
            .append(st.pointOfNoReturn() ? " [point of no return]" : "").append('\n')
            .append("    description: ").append(st.description()).append('\n')
            .append("    done: ").append(st.done().describe()).append('\n')
            .append("    precondition: ").append(st.precondition().describe()).append('\n');
      }
    }
    for (String n : plan.notes()) {
      b.append("note: ").append(n).append('\n');
    }
    return b.toString();
  }

  private static String golden(String file) throws IOException {
    try (InputStream in = PlannerBenchmarkPlanTest.class.getResourceAsStream("/golden/" + file)) {
      assertThat(in).as("golden file %s", file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
