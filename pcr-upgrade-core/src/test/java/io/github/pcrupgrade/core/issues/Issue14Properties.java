package io.github.pcrupgrade.core.issues;

import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.plan.Planner;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.rules.PinnedSettings;
import io.github.pcrupgrade.core.rules.RuleCode;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Properties of issue 14's rules over many deployments (QuickTheories): one cluster given twice is
 * always an error and never planned, two clusters never are; settings are reported pinned at rest
 * exactly when the deployment is at rest and a readable VC has a pin; P3 is silent on every skip
 * upgrade's transitional steps while the binaries are on the hop being finalized.
 */
class Issue14Properties {

  private static final List<String> BINARIES =
      List.of("v24.1.9", "v24.3.12", "v25.1.4", "v25.2.4", "v25.3.1", "v25.4.1");
  private static final List<String> TARGETS = List.of("24.3", "25.2", "25.4", "26.2");
  private final Rules rules = Rules.builtIn();
  private final Planner planner = Planner.builtIn();

  private static DeploymentSnapshot deployment(String binary, int nodes, boolean reader,
      FinalizationSettings settings) {
    boolean readerOk = reader && !binary.startsWith("v24.1");
    return DeploymentSnapshot.builder().binary(binary).nodes(nodes, nodes).readerVc(readerOk)
        .settings(settings).build();
  }

  private static List<RuleCode> codes(List<Violation> vs) {
    return vs.stream().map(Violation::code).toList();
  }

  @Test
  void oneClusterGivenTwiceIsAlwaysAnErrorAndNeverPlanned() {
    qt().withExamples(80).forAll(integers().between(0, BINARIES.size() - 1),
            integers().between(1, 4), longs().all(), booleans().all())
        .checkAssert((b, nodes, hi, same) -> {
          long lo = Long.rotateLeft(hi, 17) ^ 0x5DEECE66DL;
          DeploymentSnapshot base = deployment(BINARIES.get(b), nodes, false,
              FinalizationSettings.PRODUCT_DEFAULTS);
          UUID id = new UUID(hi, lo);
          UUID other = new UUID(hi, lo + 1);
          DeploymentSnapshot s = base.with(base.primary().withClusterId(id))
              .with(base.standby().withClusterId(same ? id : other));

          boolean reported = codes(rules.check(s).errors()).contains(RuleCode.SAME_CLUSTER);

          assertThat(reported).isEqualTo(same);
          for (String t : TARGETS) {
            var plan = planner.plan(s, UpgradeRequest.to(t).build());
            if (same) {
              assertThat(codes(plan.refusal())).as(t).contains(RuleCode.SAME_CLUSTER);
            } else {
              assertThat(codes(plan.refusal())).as(t).doesNotContain(RuleCode.SAME_CLUSTER);
            }
          }
        });
  }

  @Test
  void settingsArePinnedAtRestExactlyWhenAtRestWithAPin() {
    qt().withExamples(120).forAll(integers().between(0, BINARIES.size() - 1),
            integers().between(1, 3), integers().between(0, 3), integers().between(0, 3))
        .checkAssert((b, nodes, pin, flags) -> {
          boolean reader = (flags & 1) != 0;
          boolean midUpgrade = (flags & 2) != 0;
          FinalizationSettings settings = switch (pin) {
            case 0 -> FinalizationSettings.PRODUCT_DEFAULTS;
            case 1 -> new FinalizationSettings(false, "");
            case 2 -> new FinalizationSettings(true, "24.3");
            default -> new FinalizationSettings(false, "24.3");
          };
          DeploymentSnapshot s = deployment(BINARIES.get(b), nodes, reader, settings);
          if (midUpgrade) {
            ClusterVersion v = s.primary().systemVc().version().known().orElseThrow();
            s = s.with(s.primary().withVc("system", vc -> vc.withVersion(VersionReading.observed(
                ClusterVersion.upgradingStep(v.base(), ReleaseSeries.of(99, 1), 2)))));
          }

          List<PinnedSettings.PinnedVc> found = PinnedSettings.find(s);
          long readable = s.primary().virtualClusters().stream()
              .filter(vc -> vc.settings().isPresent()).count()
              + s.standby().virtualClusters().stream()
              .filter(vc -> vc.settings().isPresent()).count();

          if (midUpgrade || pin == 0) {
            assertThat(found).isEmpty();
          } else {
            assertThat(found).hasSize((int) readable);
            assertThat(found).allSatisfy(p -> assertThat(p.restoreStatements()).hasSize(
                pin == 3 ? 2 : 1));
          }
          assertThat(codes(rules.check(s).warnings()).stream()
              .filter(c -> c == RuleCode.SETTINGS_PINNED_AT_REST).count())
              .isEqualTo(found.size());
        });
  }

  @Test
  void p3IsSilentOnEverySkipUpgradesStepsWhileTheBinariesAreOnThatHop() {
    ReleaseCatalog catalog = ReleaseCatalog.builtIn();
    List<ReleaseSeries[]> skips = new ArrayList<>();
    for (ReleaseSeries from : catalog.series()) {
      ReleaseSeries next = catalog.successor(from).orElse(null);
      for (ReleaseSeries to : catalog.directTargets(from)) {
        if (next != null && to.isAfter(next)) {
          skips.add(new ReleaseSeries[] {from, next, to});
        }
      }
    }
    assertThat(skips).as("the catalog has skip upgrades").isNotEmpty();
    qt().withExamples(80).forAll(integers().between(0, skips.size() - 1),
            integers().between(1, 40), booleans().all())
        .checkAssert((i, step, onStandby) -> {
          ReleaseSeries from = skips.get(i)[0];
          ReleaseSeries skipped = skips.get(i)[1];
          ReleaseSeries to = skips.get(i)[2];
          String toBinary = "v" + to + ".1";
          String fromBinary = "v" + from + ".9";
          // the standby (or, after it, the primary) on the new binaries, finalizing mid-way
          DeploymentSnapshot s = DeploymentSnapshot.builder()
              .binaries(onStandby ? fromBinary : toBinary, toBinary)
              .versions(onStandby ? from.toString() : from.toString(), from.toString()).build();
          var role = onStandby ? s.standby() : s.primary();
          ClusterVersion mid = ClusterVersion.upgradingStep(from, skipped, step);
          DeploymentSnapshot midway = s.with(role.withVc("system",
              vc -> vc.withVersion(VersionReading.observed(mid))));

          assertThat(codes(rules.check(midway).violations())).as("%s on %s binaries", mid, to)
              .doesNotContain(RuleCode.NEW_UPGRADE_BEFORE_FINALIZED);
        });
  }
}
