package io.github.pcrupgrade.core.rules;

import static io.github.pcrupgrade.core.model.ClusterRole.PRIMARY;
import static io.github.pcrupgrade.core.model.ClusterRole.STANDBY;
import static io.github.pcrupgrade.core.rules.Fixtures.MAIN;
import static io.github.pcrupgrade.core.rules.Fixtures.RULES;
import static io.github.pcrupgrade.core.rules.Fixtures.SYSTEM;
import static io.github.pcrupgrade.core.rules.Fixtures.WEST;
import static io.github.pcrupgrade.core.rules.Fixtures.deployment;
import static io.github.pcrupgrade.core.rules.Fixtures.nodeRuns;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A cluster whose nodes run several series in no particular order, as a rolling restart leaves
 * it (the nodes are not restarted in id order): each series is judged, and reported once, however
 * its nodes are interleaved with the others'. The rules work out a cluster's series in one pass
 * over its nodes; these shapes are the ones that pass can get wrong.
 */
class InterleavedSeriesRulesTest {

  private static List<Violation> all(CheckResult r, RuleCode code) {
    return r.violations().stream().filter(v -> v.code() == code).toList();
  }

  @Test
  void reportsASeriesOnceWhenItsNodesAlternateWithAnother() {
    // Given a primary at rest on 24.3 and a standby whose nodes 2 and 4 run 25.3 between nodes on
    // 24.3 (25.3 is not a direct target of 24.3, crdb-upgrade-facts 1.4: 24.3 upgrades to 25.1 or
    // 25.2; and 25.3 needs every VC at 25.2 or later)
    DeploymentSnapshot s = deployment().nodes(4, 4).binary("v24.3.12").build();
    s = nodeRuns(s, STANDBY, 2, "v25.3.1");
    s = nodeRuns(s, STANDBY, 4, "v25.3.1");

    // When the rules check it
    CheckResult result = RULES.check(s);

    // Then the standby's 25.3 nodes are reported once, together, as the wrong series for the
    // stream
    assertThat(all(result, RuleCode.STANDBY_SERIES_INCOMPATIBLE)).singleElement()
        .satisfies(v -> {
          assertThat(v.cluster()).isEqualTo(WEST);
          assertThat(v.nodeId()).isEqualTo(Optional.of(2));
          assertThat(v.message()).contains("node(s) [2, 4] run 25.3 binaries");
        });
    // And each standby VC at 24.3 is reported once as below the MinSupported of those nodes
    assertThat(all(result, RuleCode.VC_BELOW_MIN_SUPPORTED))
        .extracting(v -> v.virtualCluster().orElseThrow())
        .containsExactly(SYSTEM, MAIN);
    assertThat(all(result, RuleCode.VC_BELOW_MIN_SUPPORTED))
        .allSatisfy(v -> assertThat(v.message()).contains("node(s) [2, 4] run 25.3 binaries",
            "need every VC at 25.2 or later"));
  }

  @Test
  void findsANodeOfTheSameYearBehindTheNodeBeforeIt() {
    // Given both clusters at rest on 24.3, but primary node 2 running 24.1, right after node 1 on
    // 24.3 (a 24.1 binary cannot run a VC finalized at 24.3: invariant 4)
    DeploymentSnapshot s = nodeRuns(deployment().binary("v24.3.12").build(), PRIMARY, 2,
        "v24.1.9");

    // When the rules check it
    CheckResult result = RULES.check(s);

    // Then node 2 is reported under each primary VC, and no other node is
    assertThat(all(result, RuleCode.VC_ABOVE_NODE_BINARY)).allSatisfy(
        v -> assertThat(v.message()).contains("runs v24.1.9, which cannot run it"));
    assertThat(all(result, RuleCode.VC_ABOVE_NODE_BINARY))
        .extracting(v -> v.virtualCluster().orElseThrow() + " n" + v.nodeId().orElseThrow())
        .containsExactly(SYSTEM + " n2", MAIN + " n2");
  }
}
