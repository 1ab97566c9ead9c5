package io.github.pcrupgrade.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The planner answers every snapshot with a plan or a typed refusal, never an exception. */
class PlannerRobustnessProperties {

  private static final Planner PLANNER = Planner.builtIn();
  private static final List<ReleaseSeries> SERIES = ReleaseCatalog.builtIn().series();

  @Property(tries = 500)
  void answersAnySnapshotWithAPlanOrATypedRefusal(
      @ForAll @IntRange(max = 11) int pBin, @ForAll @IntRange(max = 11) int sBin,
      @ForAll @IntRange(max = 11) int pVer, @ForAll @IntRange(max = 11) int sVer,
      @ForAll @IntRange(max = 11) int appVer, @ForAll @IntRange(max = 11) int n2Bin,
      @ForAll @IntRange(max = 11) int target, @ForAll boolean reader,
      @ForAll boolean transitional, @ForAll boolean exact) {
    // Given a snapshot assembled from arbitrary series, consistent or not
    DeploymentSnapshot s = DeploymentSnapshot.builder().readerVc(reader)
        .binaries(BinaryVersion.of(SERIES.get(pBin), 3).toString(),
            BinaryVersion.of(SERIES.get(sBin), 3).toString())
        .versions(SERIES.get(pVer).toString(), SERIES.get(sVer).toString()).build();
    ClusterVersion app = transitional && appVer > 0
        ? ClusterVersion.upgradingStep(SERIES.get(appVer - 1), SERIES.get(appVer), 2)
        : SERIES.get(appVer).finalVersion();
    s = s.with(s.primary().withVc("main", v -> v.withVersion(VersionReading.observed(app))));
    s = s.with(s.standby().withNode(s.standby().node(2).orElseThrow()
        .withBinary(BinaryVersion.of(SERIES.get(n2Bin), 1))));
    UpgradeRequest request = exact
        ? UpgradeRequest.toBinary(BinaryVersion.of(SERIES.get(target), 5)).build()
        : UpgradeRequest.toSeries(SERIES.get(target)).build();
    // When planning
    PlanResult r = PLANNER.plan(s, request);
    // Then a plan, or a refusal whose every violation says what to do; never an internal error
    assertThat(r.isPlanned() != r.isRefused()).isTrue();
    assertThat(r.refusal()).allSatisfy(v -> {
      assertThat(v.remediation()).isNotBlank();
      assertThat(v.message()).doesNotContain("could not handle");
    });
  }
}
