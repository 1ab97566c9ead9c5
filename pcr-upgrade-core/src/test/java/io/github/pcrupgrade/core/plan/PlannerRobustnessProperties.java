package io.github.pcrupgrade.core.plan;

import static io.github.pcrupgrade.testsupport.Gens.withEdgeCases;
import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The planner answers every snapshot with a plan or a typed refusal, never an exception. */
class PlannerRobustnessProperties {

  private static final Planner PLANNER = Planner.builtIn();
  private static final List<ReleaseSeries> SERIES = ReleaseCatalog.builtIn().series();

  /** Indexes into the built-in series (0-11) and three switches. */
  record Input(int pBin, int sBin, int pVer, int sVer, int appVer, int n2Bin, int target,
      boolean reader, boolean transitional, boolean exact) {}

  private static Gen<Input> inputs() {
    Gen<Integer> index = withEdgeCases(integers().between(0, SERIES.size() - 1),
        0, 1, SERIES.size() - 2, SERIES.size() - 1);
    return lists().of(index).ofSize(7).zip(lists().of(booleans().all()).ofSize(3),
        (i, b) -> new Input(i.get(0), i.get(1), i.get(2), i.get(3), i.get(4), i.get(5), i.get(6),
            b.get(0), b.get(1), b.get(2)));
  }

  @Test
  void answersAnySnapshotWithAPlanOrATypedRefusal() {
    qt(500).forAll(inputs()).checkAssert(PlannerRobustnessProperties::answers);
  }

  private static void answers(Input in) {
    int pBin = in.pBin();
    int sBin = in.sBin();
    int pVer = in.pVer();
    int sVer = in.sVer();
    int appVer = in.appVer();
    int n2Bin = in.n2Bin();
    int target = in.target();
    boolean reader = in.reader();
    boolean transitional = in.transitional();
    boolean exact = in.exact();
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
