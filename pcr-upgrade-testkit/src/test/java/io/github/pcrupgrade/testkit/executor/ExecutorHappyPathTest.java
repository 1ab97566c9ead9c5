package io.github.pcrupgrade.testkit.executor;

import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.deployment;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fast;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.finalizationStarts;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.settings;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.to;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import io.github.pcrupgrade.core.plan.StepKind;

class ExecutorHappyPathTest {

  static Stream<Arguments> upgrades() {
    return Stream.of(
        Arguments.of("one hop without a reader", "25.2", false, false, "25.2"),
        Arguments.of("one hop with a reader", "25.2", true, false, "25.2"),
        Arguments.of("two hops without a reader", "25.4", false, false, "25.4"),
        Arguments.of("two hops with a reader", "25.4", true, false, "25.4"),
        Arguments.of("one hop, non-virtualized primary", "25.2", false, true, "25.2"),
        Arguments.of("two hops, non-virtualized primary", "25.4", false, true, "25.4"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("upgrades")
  void majorUpgradeEndsAtTheTargetWithSettingsRestoredAndNoViolation(String name, String target,
      boolean reader, boolean nonVirtualized, String expectedVersion) {
    // Given
    SimulatedDeployment d = deployment().reader(reader).nonVirtualizedPrimary(nonVirtualized)
        .build();
    Map<String, FinalizationSettings> before = settings(d.snapshot());

    // When
    RunResult r = d.ports().executor().options(fast()).build().run(to(target));

    // Then
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    d.monitor().assertClean();
    ClusterVersion v = ClusterVersion.parse(expectedVersion);
    DeploymentSnapshot truth = d.trueSnapshot();
    for (ClusterSnapshot c : List.of(truth.primary(), truth.standby())) {
      assertThat(c.virtualClusters()).as(c.name()).allSatisfy(vc ->
          assertThat(vc.version().known()).as(c.name() + " VC " + vc.name()).contains(v));
      assertThat(c.nodes()).as(c.name()).allSatisfy(n ->
          assertThat(n.binary().series()).isEqualTo(v.base()));
    }
    assertThat(settings(d.snapshot())).isEqualTo(before);
    if (reader) {
      assertThat(d.snapshot().standby().vc("main-readonly")).get()
          .satisfies(vc -> assertThat(vc.isServing()).isTrue());
    }
    assertThat(finalizationStarts(d)).extracting(TraceEvent::detail)
        .allMatch(detail -> detail.endsWith("(port)"));
  }

  @Test
  void patchUpgradeRestartsEveryNodeOntoThePatchWithoutFinalizing() {
    // Given
    SimulatedDeployment d = deployment().reader(true).build();
    Map<String, FinalizationSettings> before = settings(d.snapshot());

    // When
    RunResult r = d.ports().executor().options(fast()).build().run(to("v24.3.33"));

    // Then
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    d.monitor().assertClean();
    assertThat(List.of(d.snapshot().primary(), d.snapshot().standby()))
        .flatMap(ClusterSnapshot::nodes).extracting(NodeInfo::binary)
        .containsOnly(BinaryVersion.parse("v24.3.33"));
    assertThat(finalizationStarts(d)).isEmpty();
    assertThat(settings(d.snapshot())).isEqualTo(before);
    assertThat(d.trueVersion("standby", "main")).contains(ClusterVersion.parse("24.3"));
  }

  @Test
  void autoFinalizationOnAtTheStartFinalizesNothingBeforeThePlanSaysSo() {
    // Given: the product's defaults (auto-upgrade on everywhere) and a long settle time, so that
    // the product's auto-upgrade loops get many chances after each cluster's last restart
    SimulatedDeployment d = deployment().reader(true).build();
    assertThat(settings(d.snapshot()).values())
        .allMatch(FinalizationSettings::autoUpgradeEnabled);
    List<String> finalizeSteps = new ArrayList<>();
    List<String> startedWhileStepRan = new ArrayList<>();
    ExecutorOptions slow = ExecutorOptions.builder().settleTime(Duration.ofSeconds(90)).build();

    // When
    RunResult r = d.ports().executor().options(slow).listener(e -> {
      if (e instanceof UpgradeEvent.StepStarted s && s.step().kind() == StepKind.FINALIZE_VC) {
        finalizeSteps.add(s.step().cluster() + " " + s.step().virtualCluster().orElseThrow());
      }
      if (e instanceof UpgradeEvent.StepDone s && s.step().kind() == StepKind.FINALIZE_VC) {
        finalizationStarts(d).stream().map(t -> t.cluster() + " " + t.detail().split(":")[0])
            .skip(startedWhileStepRan.size()).forEach(startedWhileStepRan::add);
      }
    }).build().run(to("25.4"));

    // Then: every finalization began through the port, exactly while its plan step ran
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    d.monitor().assertClean();
    assertThat(finalizationStarts(d)).extracting(TraceEvent::detail)
        .allMatch(detail -> detail.endsWith("(port)"));
    assertThat(startedWhileStepRan).isEqualTo(finalizeSteps);
    assertThat(settings(d.snapshot()).values())
        .allMatch(FinalizationSettings::autoUpgradeEnabled);
  }
}
