package io.github.pcrupgrade.json;

import static org.assertj.core.api.Assertions.assertThat;
import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.pcrupgrade.core.exec.HaltReason;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.plan.PinningMethod;
import io.github.pcrupgrade.core.plan.PlanResult;
import io.github.pcrupgrade.core.plan.Planner;
import io.github.pcrupgrade.core.plan.ReaderStrategy;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.rules.CheckResult;
import io.github.pcrupgrade.core.rules.RuleCode;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every document type read back is what was written, and re-written is the same text; the
 * written text is valid against the published schema.
 */
class DocumentRoundTripTest {

  private static final List<String> BINARIES = List.of("v23.2.3", "v24.1.8", "v24.2.3",
      "v24.3.12", "v25.1.2", "v25.2.4", "v25.3.1");
  private static final List<String> TARGETS = List.of("24.1", "24.3", "v24.3.20", "25.2",
      "v25.2.4", "25.4", "26.1");

  private static DeploymentSnapshot deployment(String binary, boolean reader, int nodes) {
    return DeploymentSnapshot.builder().binary(binary).readerVc(reader).nodes(nodes, nodes)
        .build().withInferredReplicatedVersions();
  }

  @Test
  void plansAndRefusalsOfManyDeploymentsRoundTripAndMatchTheSchema() {
    qt().withExamples(60).forAll(integers().between(0, BINARIES.size() - 1),
            integers().between(0, TARGETS.size() - 1), integers().between(1, 4),
            integers().between(0, 3))
        .checkAssert((b, t, nodes, flags) -> {
          boolean reader = (flags & 1) != 0;
          boolean legacy = (flags & 2) != 0;
          DeploymentSnapshot snapshot = deployment(BINARIES.get(b), reader, nodes);
          UpgradeRequest request = UpgradeRequest.to(TARGETS.get(t))
              .pinningMethod(legacy ? PinningMethod.PRESERVE_DOWNGRADE_OPTION
                  : PinningMethod.AUTO_UPGRADE_SETTING)
              .readerStrategy(reader && legacy ? ReaderStrategy.DROP_FOR_DURATION
                  : ReaderStrategy.RECREATE_EACH_HOP)
              .build();
          PlanResult result = Planner.builtIn().plan(snapshot, request);

          String written = JsonDocuments.writePlan(result);
          PlanResult read = JsonDocuments.readPlan(written);

          assertThat(read).isEqualTo(result);
          assertThat(JsonDocuments.writePlan(read)).isEqualTo(written);
          assertThat(validate(DocumentType.PLAN, written)).isEmpty();
        });
  }

  @Test
  void aRefusedPlanRoundTripsWithItsViolationsAndNoPlan() {
    PlanResult refused = Planner.builtIn().plan(deployment("v25.2.4", true, 1),
        UpgradeRequest.to("24.3").build());
    assertThat(refused.isRefused()).isTrue();

    String written = JsonDocuments.writePlan(refused);

    assertThat(written).contains("\"refused\" : true").doesNotContain("\"plan\"");
    assertThat(JsonDocuments.readPlan(written)).isEqualTo(refused);
  }

  @Test
  void aPlanThatIsNotRefusedHasNoViolationsProperty() {
    PlanResult planned = Planner.builtIn().plan(deployment("v24.3.12", true, 3),
        UpgradeRequest.to("25.2").build());

    String written = JsonDocuments.writePlan(planned);

    assertThat(written).contains("\"refused\" : false").doesNotContain("\"violations\"");
  }

  @Test
  void checkResultsWithErrorsAndWarningsRoundTrip() throws Exception {
    qt().withExamples(30).forAll(integers().between(0, BINARIES.size() - 1),
            integers().between(0, TARGETS.size() - 1), booleans().all())
        .checkAssert((b, t, reader) -> {
          DeploymentSnapshot snapshot = DeploymentSnapshot.builder()
              .binaries(BINARIES.get(b), BINARIES.get(Math.max(0, b - 1))).readerVc(reader)
              .build().withInferredReplicatedVersions();
          String target = TARGETS.get(t).replace("v", "");
          ReleaseSeries series = ReleaseSeries.parse(
              target.chars().filter(c -> c == '.').count() == 2
                  ? target.substring(0, target.lastIndexOf('.')) : target);
          CheckResult result = Rules.builtIn().check(snapshot, series);

          String written = JsonDocuments.writeCheckResult(result);
          CheckResult read = JsonDocuments.readCheckResult(written);

          assertThat(read).isEqualTo(result);
          assertThat(JsonDocuments.writeCheckResult(read)).isEqualTo(written);
          assertThat(validate(DocumentType.CHECK_RESULT, written)).isEmpty();
        });
    // the generator reaches both shapes: with errors (standby behind the primary) and clean
    CheckResult dirty = Rules.builtIn().check(DeploymentSnapshot.builder()
        .binaries("v25.2.4", "v24.3.12").build().withInferredReplicatedVersions());
    assertThat(dirty.hasErrors() || !dirty.isClean()).isTrue();
    assertThat(JsonDocuments.readCheckResult(JsonDocuments.writeCheckResult(dirty)))
        .isEqualTo(dirty);
  }

  @Test
  void runReportsOfEveryStatusRoundTrip() throws Exception {
    Violation v = Violation.of(RuleCode.VC_ABOVE_SYSTEM_VC, "standby", "main", null,
        "VC 'main' is at 25.2 above its system VC at 24.3", "finalize the system VC first");
    List<RunReport> reports = List.of(
        new RunReport(1, "run-1", RunStatus.COMPLETED, Optional.empty(), "completed", 16, 16,
            Duration.ofSeconds(309), List.of(), List.of()),
        new RunReport(1, "run-2", RunStatus.HALTED, Optional.of(HaltReason.INVARIANT_VIOLATED),
            "halted: invariant", 3, 16, Duration.ofMinutes(2), List.of(v),
            List.of("monitor: something")),
        new RunReport(1, "run-3", RunStatus.PAUSED, Optional.empty(), "paused", 4, 16,
            Duration.ZERO, List.of(), List.of()),
        new RunReport(1, "run-4", RunStatus.CANCELLED, Optional.empty(), "cancelled", 0, 0,
            Duration.ofMillis(1500), List.of(), List.of()));
    for (RunReport report : reports) {
      String written = JsonDocuments.write(DocumentType.RUN_REPORT, report);

      RunReport read = JsonDocuments.read(DocumentType.RUN_REPORT, written);

      assertThat(read).isEqualTo(report);
      assertThat(JsonDocuments.write(DocumentType.RUN_REPORT, read)).isEqualTo(written);
      assertThat(validate(DocumentType.RUN_REPORT, written)).as(written).isEmpty();
    }
  }

  @Test
  void stateFilesOfManyDeploymentsRoundTrip() {
    qt().withExamples(40).forAll(integers().between(0, BINARIES.size() - 1), booleans().all(),
            integers().between(1, 5), booleans().all())
        .checkAssert((b, reader, nodes, inferred) -> {
          DeploymentSnapshot built = DeploymentSnapshot.builder().binary(BINARIES.get(b))
              .readerVc(reader).nodes(nodes, Math.max(1, nodes - 1)).lag(Duration.ofSeconds(7))
              .build();
          DeploymentSnapshot snapshot = inferred ? built.withInferredReplicatedVersions() : built;

          String written = JsonDocuments.writeState(snapshot);
          DeploymentSnapshot read = JsonDocuments.readState(written);

          assertThat(read).isEqualTo(snapshot);
          assertThat(JsonDocuments.writeState(read)).isEqualTo(written);
          assertThat(validate(DocumentType.STATE_FILE, written)).isEmpty();
        });
  }

  private static java.util.Set<com.networknt.schema.ValidationMessage> validate(
      DocumentType<?> type, String json) {
    try {
      return Schemas.validate(type, json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
