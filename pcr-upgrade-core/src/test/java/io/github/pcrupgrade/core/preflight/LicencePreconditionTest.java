package io.github.pcrupgrade.core.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.model.Licence;
import io.github.pcrupgrade.core.model.LicenceType;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The licence verdicts of crdb-pcr-sql-facts 11.3, one behaviour per test. */
class LicencePreconditionTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Map<String, Optional<Boolean>> TELEMETRY_ON =
      Map.of("system", Optional.of(true), "main", Optional.of(true));
  private static final Map<String, Optional<Boolean>> TELEMETRY_OFF_IN_MAIN =
      Map.of("system", Optional.of(true), "main", Optional.of(false));

  private static Licence licence(LicenceType type, Duration fromNow) {
    return new Licence(type, NOW.plus(fromNow));
  }

  private static List<Verdict> verdicts(List<PreflightCheck> checks) {
    return checks.stream().map(PreflightCheck::verdict).toList();
  }

  @Test
  void onlyAPathThroughA243HopFinalizesTheBlockingSeries() {
    ReleaseCatalog c = ReleaseCatalog.builtIn();
    assertThat(LicencePrecondition.finalizesBlockingSeries(
        c.path(ReleaseSeries.parse("24.1"), ReleaseSeries.parse("25.2")))).isTrue();
    assertThat(LicencePrecondition.finalizesBlockingSeries(
        c.path(ReleaseSeries.parse("24.3"), ReleaseSeries.parse("25.2")))).isFalse();
  }

  @Test
  void noLicenceBeforeA243HopFails() {
    List<PreflightCheck> out = LicencePrecondition.check("p", LicenceReading.none(),
        TELEMETRY_ON, 3, true, NOW);
    assertThat(verdicts(out)).containsExactly(Verdict.FAIL);
    assertThat(out.get(0).seen()).contains("upgrade blocked: no license installed");
  }

  @Test
  void aSingleNodeClusterIsExempt() {
    assertThat(verdicts(LicencePrecondition.check("p", LicenceReading.none(), TELEMETRY_ON, 1,
        true, NOW))).containsExactly(Verdict.WARN);
    assertThat(verdicts(LicencePrecondition.check("p", LicenceReading.of(licence(
        LicenceType.FREE, Duration.ofDays(365))), TELEMETRY_OFF_IN_MAIN, 1, true, NOW)))
        .containsExactly(Verdict.OK);
  }

  @Test
  void telemetryOffFailsOnlyUnderALicenceThatRequiresIt() {
    for (LicenceType t : List.of(LicenceType.FREE, LicenceType.TRIAL)) {
      List<PreflightCheck> out = LicencePrecondition.check("p", LicenceReading.of(licence(t,
          Duration.ofDays(365))), TELEMETRY_OFF_IN_MAIN, 3, true, NOW);
      assertThat(verdicts(out)).containsExactly(Verdict.FAIL);
      assertThat(out.get(0).subject()).isEqualTo("p/main");
    }
    assertThat(verdicts(LicencePrecondition.check("p", LicenceReading.of(licence(
        LicenceType.ENTERPRISE, Duration.ofDays(365))), TELEMETRY_OFF_IN_MAIN, 3, true, NOW)))
        .containsExactly(Verdict.OK);
  }

  @Test
  void anUnreadableLicenceIsAWarningNeverARefusal() {
    assertThat(verdicts(LicencePrecondition.check("p", LicenceReading.unreadable("redacted"),
        TELEMETRY_ON, 3, true, NOW))).containsExactly(Verdict.WARN);
  }

  @Test
  void throttlingDueOrNearIsAWarningByTheTypesGrace() {
    // a Trial licence expired 8 days ago is throttled (7-day grace); a Free one is not yet (30)
    List<PreflightCheck> trial = LicencePrecondition.check("p", LicenceReading.of(licence(
        LicenceType.TRIAL, Duration.ofDays(-8))), TELEMETRY_ON, 3, false, NOW);
    assertThat(verdicts(trial)).containsExactly(Verdict.WARN);
    assertThat(trial.get(0).seen()).contains("throttled since");
    List<PreflightCheck> free = LicencePrecondition.check("p", LicenceReading.of(licence(
        LicenceType.FREE, Duration.ofDays(-8))), TELEMETRY_ON, 3, false, NOW);
    assertThat(verdicts(free)).containsExactly(Verdict.WARN);
    assertThat(free.get(0).seen()).contains("expired; throttling (XXC02")
        .contains("starts after 2026-01-23T00:00:00Z").contains("in 22 day(s)");
    assertThat(verdicts(LicencePrecondition.check("p", LicenceReading.of(licence(
        LicenceType.ENTERPRISE, Duration.ofDays(10))), TELEMETRY_ON, 3, false, NOW)))
        .containsExactly(Verdict.WARN);
    assertThat(verdicts(LicencePrecondition.check("p", LicenceReading.of(licence(
        LicenceType.ENTERPRISE, Duration.ofDays(100))), TELEMETRY_ON, 3, false, NOW)))
        .containsExactly(Verdict.OK);
  }

  // enforcer.go, RefreshForLicenseChange: an Evaluation licence is throttled 30 days after expiry
  @Test
  void anEvaluationLicenceIsThrottledThirtyDaysAfterExpiry() {
    Licence evaluation = licence(LicenceType.EVALUATION, Duration.ofDays(-31));
    assertThat(LicencePrecondition.throttledAfter(evaluation))
        .contains(NOW.minus(Duration.ofDays(1)));

    List<PreflightCheck> due = LicencePrecondition.check("p", LicenceReading.of(evaluation),
        TELEMETRY_ON, 3, false, NOW);

    assertThat(verdicts(due)).containsExactly(Verdict.WARN);
    assertThat(due.get(0).seen()).contains("EVALUATION").contains("throttled since");
    assertThat(due.get(0).todo()).contains("install a renewed licence on cluster 'p'");
  }

  @Test
  void anExpiredLicenceWithinItsGraceIsNearThrottling() {
    List<PreflightCheck> near = LicencePrecondition.check("p", LicenceReading.of(licence(
        LicenceType.EVALUATION, Duration.ofDays(-10))), TELEMETRY_ON, 3, false, NOW);

    assertThat(verdicts(near)).containsExactly(Verdict.WARN);
    assertThat(near.get(0).seen()).contains("expired; throttling").contains("in 20 day(s)")
        .doesNotContain("throttled since");
  }

  @Test
  void aLicenceExpiringWithinThirtyDaysIsNearAndSaysWhenThrottlingWouldStart() {
    List<PreflightCheck> free = LicencePrecondition.check("p", LicenceReading.of(licence(
        LicenceType.FREE, Duration.ofDays(10))), TELEMETRY_ON, 3, false, NOW);

    assertThat(verdicts(free)).containsExactly(Verdict.WARN);
    // expiry in 10 days plus the Free type's 30-day grace
    assertThat(free.get(0).seen()).contains("expires within 30 days")
        .contains("throttling (XXC02) would start after 2026-02-10T00:00:00Z");
  }

  @Test
  void throttlingFarAwayIsOkAndNamesTheTelemetryDeadlineSqlCannotShow() {
    for (LicenceType t : List.of(LicenceType.FREE, LicenceType.TRIAL, LicenceType.EVALUATION)) {
      List<PreflightCheck> out = LicencePrecondition.check("p", LicenceReading.of(licence(t,
          Duration.ofDays(31))), TELEMETRY_ON, 3, false, NOW);
      assertThat(verdicts(out)).as(t.name()).containsExactly(Verdict.OK);
      if (t.telemetryRequired()) {
        assertThat(out.get(0).seen()).contains("7 days after the last telemetry");
      }
    }
  }

  @Test
  void anExpiredEnterpriseLicenceIsNeverThrottledButStillAWarning() {
    List<PreflightCheck> out = LicencePrecondition.check("p", LicenceReading.of(licence(
        LicenceType.ENTERPRISE, Duration.ofDays(-400))), TELEMETRY_ON, 3, false, NOW);

    assertThat(verdicts(out)).containsExactly(Verdict.WARN);
    assertThat(out.get(0).seen()).contains("does not throttle").doesNotContain("throttled since");
    assertThat(LicencePrecondition.throttledAfter(licence(LicenceType.ENTERPRISE,
        Duration.ofDays(-400)))).isEmpty();
  }

  // MaybeFailIfThrottled throttles only once now is after the end of the grace
  @Test
  void throttlingStartsStrictlyAfterTheEndOfTheGrace() {
    Licence trial = licence(LicenceType.TRIAL, Duration.ofDays(-7));

    List<PreflightCheck> atTheEnd = LicencePrecondition.check("p", LicenceReading.of(trial),
        TELEMETRY_ON, 3, false, NOW);
    List<PreflightCheck> justAfter = LicencePrecondition.check("p", LicenceReading.of(trial),
        TELEMETRY_ON, 3, false, NOW.plusSeconds(1));

    assertThat(atTheEnd.get(0).seen()).doesNotContain("throttled since");
    assertThat(justAfter.get(0).seen()).contains("throttled since");
  }

  // the enforcer is disabled on single-node clusters
  @Test
  void aSingleNodeClusterIsNeverThrottled() {
    List<PreflightCheck> out = LicencePrecondition.check("p", LicenceReading.of(licence(
        LicenceType.TRIAL, Duration.ofDays(-30))), TELEMETRY_ON, 1, false, NOW);

    assertThat(verdicts(out)).containsExactly(Verdict.OK);
    assertThat(out.get(0).seen()).contains("single-node").contains("never throttles");
  }
}
