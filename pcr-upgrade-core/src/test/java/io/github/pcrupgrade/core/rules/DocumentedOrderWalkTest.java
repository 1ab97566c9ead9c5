package io.github.pcrupgrade.core.rules;

import static io.github.pcrupgrade.core.model.ClusterRole.PRIMARY;
import static io.github.pcrupgrade.core.model.ClusterRole.STANDBY;
import static io.github.pcrupgrade.core.rules.Fixtures.EAST;
import static io.github.pcrupgrade.core.rules.Fixtures.MAIN;
import static io.github.pcrupgrade.core.rules.Fixtures.READER;
import static io.github.pcrupgrade.core.rules.Fixtures.RULES;
import static io.github.pcrupgrade.core.rules.Fixtures.SYSTEM;
import static io.github.pcrupgrade.core.rules.Fixtures.WEST;
import static io.github.pcrupgrade.core.rules.Fixtures.atRestWithReader;
import static io.github.pcrupgrade.core.rules.Fixtures.nodeRuns;
import static io.github.pcrupgrade.core.rules.Fixtures.reinfer;
import static io.github.pcrupgrade.core.rules.Fixtures.vcAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A 24.3 deployment with a reader VC walked by hand through one hop to 25.2: in the order of
 * upgrade-with-pcr.md (DESIGN.md "The PCR order"), and in the wrong order an operator gets with
 * auto-finalization left on and the primary upgraded first.
 */
class DocumentedOrderWalkTest {

  private static final String OLD = "v24.3.12";
  private static final String NEW = "v25.2.4";
  private static final ReleaseSeries TARGET = ReleaseSeries.parse("25.2");
  private static final String STEP = "24.3-upgrading-to-25.2-step-004";

  /** Every state of the documented order, named by what was just done, in order. */
  private static Map<String, DeploymentSnapshot> documentedOrder() {
    Map<String, DeploymentSnapshot> states = new LinkedHashMap<>();
    DeploymentSnapshot s = atRestWithReader(OLD);
    states.put("at rest on 24.3", s);
    for (int node = 1; node <= 3; node++) {
      s = nodeRuns(s, STANDBY, node, NEW);
      states.put("standby node " + node + " restarted on " + NEW, s);
    }
    s = vcAt(s, STANDBY, SYSTEM, STEP);
    states.put("standby system VC finalizing", s);
    s = vcAt(s, STANDBY, SYSTEM, "25.2");
    states.put("standby system VC finalized to 25.2", s);
    for (int node = 1; node <= 3; node++) {
      s = nodeRuns(s, PRIMARY, node, NEW);
      states.put("primary node " + node + " restarted on " + NEW, s);
    }
    s = vcAt(s, PRIMARY, SYSTEM, STEP);
    states.put("primary system VC finalizing", s);
    s = vcAt(s, PRIMARY, SYSTEM, "25.2");
    states.put("primary system VC finalized to 25.2", s);
    s = reinfer(vcAt(s, PRIMARY, MAIN, STEP));
    states.put("primary app VC finalizing (replicated to the standby)", s);
    s = reinfer(vcAt(s, PRIMARY, MAIN, "25.2"));
    states.put("primary app VC finalized to 25.2 (replicated to the standby)", s);
    VirtualClusterInfo oldReader = s.standby().vc(READER).orElseThrow();
    s = s.with(s.standby().withVc(READER, v -> v.withState(DataState.READY, ServiceMode.NONE)));
    states.put("reader VC service stopped", s);
    s = s.with(s.standby().withoutVc(READER));
    states.put("reader VC dropped", s);
    s = s.with(s.standby().withAddedVc(new VirtualClusterInfo(oldReader.id() + 1, READER,
        VcKind.READER, DataState.READY, ServiceMode.SHARED,
        VersionReading.observed(ClusterVersion.parse("25.2")),
        Optional.of(FinalizationSettings.PRODUCT_DEFAULTS), Optional.empty())));
    states.put("reader VC re-created at 25.2", s);
    return states;
  }

  @Test
  void theDocumentedOrderNeverBreaksAnInvariantNorDepartsFromTheProcedure() {
    // Given every state of a 24.3 -> 25.2 hop done in the documented order
    Map<String, DeploymentSnapshot> states = documentedOrder();

    for (Map.Entry<String, DeploymentSnapshot> state : states.entrySet()) {
      // When the rules check the state, as the executor does before every step
      CheckResult result = RULES.check(state.getValue());

      // Then no invariant is broken, and nothing departs from the documented order
      assertThat(result.of(RuleCategory.INVARIANT)).as(state.getKey()).isEmpty();
      assertThat(result.violations()).as(state.getKey()).isEmpty();
    }
  }

  @Test
  void theDocumentedOrderStartsReadyAndEndsAtTheTarget() {
    // Given the first and the last state of the documented order
    List<DeploymentSnapshot> states = new ArrayList<>(documentedOrder().values());
    DeploymentSnapshot first = states.get(0);
    DeploymentSnapshot last = states.get(states.size() - 1);

    // When the rules check them against the target
    CheckResult before = RULES.check(first, TARGET);
    CheckResult after = RULES.check(last, TARGET);

    // Then the deployment was ready to start, and is clean at 25.2 with its reader at 25.2
    assertThat(before.violations()).isEmpty();
    assertThat(after.violations()).isEmpty();
    assertThat(last.standby().vc(READER).orElseThrow().version().version())
        .isEqualTo(ClusterVersion.parse("25.2"));
    assertThat(last.standbyReplicatingVc().orElseThrow().version().version())
        .isEqualTo(ClusterVersion.parse("25.2"));
  }

  @Test
  void upgradingThePrimaryFirstIsOnlyAWarningUntilSomethingFinalizes() {
    // Given a 24.3 deployment whose primary nodes were upgraded before the standby's
    DeploymentSnapshot s = atRestWithReader(OLD);
    for (int node = 1; node <= 3; node++) {
      s = nodeRuns(s, PRIMARY, node, NEW);
    }

    // When the rules check it
    CheckResult result = RULES.check(s);

    // Then it departs from the documented order but is not yet unsafe
    assertThat(result.has(RuleCode.STANDBY_BINARIES_BEHIND_PRIMARY)).isTrue();
    assertThat(result.hasErrors()).as("%s", result.violations()).isFalse();
  }

  @Test
  void primaryFirstWithAutoFinalizationCarriesANewerAppVcIntoTheOlderStandby() {
    // Given the wrong order: primary nodes first, then (auto-finalization left on) the primary
    // system VC finalizes when the last node restarts and the app VC follows within ~30 s,
    // and replication carries it into the standby, still on 24.3
    DeploymentSnapshot s = atRestWithReader(OLD);
    for (int node = 1; node <= 3; node++) {
      s = nodeRuns(s, PRIMARY, node, NEW);
    }
    s = vcAt(s, PRIMARY, SYSTEM, "25.2");
    s = reinfer(vcAt(s, PRIMARY, MAIN, "25.2"));

    // When the rules check it
    CheckResult result = RULES.check(s);

    // Then invariant 1 is reported as an error naming both clusters, the VC and the versions
    assertThat(result.has(RuleCode.REPLICATED_VC_NEWER_THAN_DESTINATION)).isTrue();
    Violation v = result.errors().stream()
        .filter(e -> e.code() == RuleCode.REPLICATED_VC_NEWER_THAN_DESTINATION)
        .findFirst().orElseThrow();
    assertThat(v.severity()).isEqualTo(Severity.ERROR);
    assertThat(v.cluster()).isEqualTo(WEST);
    assertThat(v.virtualCluster()).contains(MAIN);
    assertThat(v.message()).contains(EAST, WEST, MAIN, "25.2", "24.3");
    // and the standby's 24.3 binaries are no longer a series the primary (25.2) may replicate to
    assertThat(result.has(RuleCode.STANDBY_SERIES_INCOMPATIBLE)).isTrue();
    // and the departures from the documented order are reported too
    assertThat(result.has(RuleCode.STANDBY_BINARIES_BEHIND_PRIMARY)).isTrue();
    assertThat(result.has(RuleCode.PRIMARY_FINALIZED_BEFORE_STANDBY)).isTrue();
  }
}
