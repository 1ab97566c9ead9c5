package io.github.pcrupgrade.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The text and Mermaid renderings of three representative plans, against golden files under
 * {@code src/test/resources/golden/} that were read and checked against the documented order.
 */
class PlanRenderingTest {

  private static final Planner PLANNER = Planner.builtIn();

  static UpgradePlan plan(String name) {
    return switch (name) {
      // 24.3 -> 25.2 with a reader VC, 3 + 3 nodes, the patch left to the node upgrader
      case "one-hop-with-reader" -> PLANNER.planOrThrow(
          DeploymentSnapshot.builder().binary("v24.3.12").readerVc(true).build(),
          UpgradeRequest.to("25.2").build());
      // 24.3 -> 25.4 = 24.3 -> 25.2 -> 25.4, with a reader VC, to exactly v25.4.3
      case "two-hops-with-reader" -> PLANNER.planOrThrow(
          DeploymentSnapshot.builder().binary("v24.3.12").readerVc(true).build(),
          UpgradeRequest.to("v25.4.3").build());
      // v25.2.3 -> v25.2.7, 2 + 2 nodes
      case "patch" -> PLANNER.planOrThrow(
          DeploymentSnapshot.builder().nodes(2, 2).binary("v25.2.3").build(),
          UpgradeRequest.to("v25.2.7").build());
      default -> throw new IllegalArgumentException(name);
    };
  }

  @ParameterizedTest(name = "{0} renders as its golden {1}")
  @CsvSource({
      "one-hop-with-reader, txt", "one-hop-with-reader, mmd",
      "two-hops-with-reader, txt", "two-hops-with-reader, mmd",
      "patch, txt", "patch, mmd"})
  void rendersAsTheGoldenFile(String name, String format) throws IOException {
    Function<UpgradePlan, String> render =
        format.equals("txt") ? PlanRendering::text : PlanRendering::mermaid;
    assertThat(render.apply(plan(name))).isEqualTo(golden(name + "." + format));
  }

  private static String golden(String file) throws IOException {
    try (InputStream in = PlanRenderingTest.class.getResourceAsStream("/golden/" + file)) {
      assertThat(in).as("golden file %s", file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
