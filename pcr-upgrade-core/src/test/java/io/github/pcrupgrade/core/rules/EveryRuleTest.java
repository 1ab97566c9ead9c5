package io.github.pcrupgrade.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.rules.RuleCases.RuleCase;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every rule the checker reports (all codes but the planner's READER_RECREATE_UNSUPPORTED and UNPLANNABLE_STATE), on
 * the deployment of {@link RuleCases} that breaks it and on the close one that satisfies it. The
 * category and severity expected here come from DESIGN.md (invariants are errors, the procedure
 * rules P1-P3 warnings, a version that cannot be judged a warning), not from the code.
 */
class EveryRuleTest {

  private static RuleCategory designCategory(RuleCode code) {
    return switch (code) {
      case REPLICATED_VC_NEWER_THAN_DESTINATION, STANDBY_SERIES_INCOMPATIBLE, VC_ABOVE_SYSTEM_VC,
          VC_ABOVE_NODE_BINARY, VC_BELOW_MIN_SUPPORTED, FAST_FAILBACK_FROM_NEWER ->
          RuleCategory.INVARIANT;
      case STANDBY_BINARIES_BEHIND_PRIMARY, PRIMARY_FINALIZED_BEFORE_STANDBY,
          NEW_UPGRADE_BEFORE_FINALIZED -> RuleCategory.PROCEDURE;
      case VC_NOT_FINALIZED, NODE_NOT_LIVE, MIXED_BINARIES, UNDER_REPLICATED_RANGES,
          UNAVAILABLE_RANGES, REPLICATION_NOT_RUNNING, REPLICATION_ERROR, ONE_WAY_BINARY ->
          RuleCategory.PRECONDITION;
      case TARGET_IS_DOWNGRADE, TARGET_UNKNOWN, TARGET_UNREACHABLE, READER_RECREATE_UNSUPPORTED ->
          RuleCategory.TARGET;
      case READER_WITHOUT_REPLICATING_VC, READER_VC_UNSUPPORTED, UNKNOWN_SERIES,
          VERSION_UNKNOWN, UNPLANNABLE_STATE -> RuleCategory.SNAPSHOT;
      case SAME_CLUSTER, CLUSTERS_LIKELY_SWAPPED -> RuleCategory.IDENTITY;
      case SETTINGS_PINNED_AT_REST -> RuleCategory.SETTINGS;
      case TARGET_ONE_WAY, TARGET_PRE_RELEASE -> RuleCategory.TARGET;
    };
  }

  private static Severity designSeverity(RuleCode code) {
    return switch (designCategory(code)) {
      case PROCEDURE, SETTINGS -> Severity.WARNING;
      // a failback into the primary looks exactly like swapped URLs, so only a warning
      case IDENTITY -> code == RuleCode.CLUSTERS_LIKELY_SWAPPED ? Severity.WARNING
          : Severity.ERROR;
      // the product supports upgrading to betas and release candidates (crdb-upgrade-facts 1.1)
      case TARGET -> code == RuleCode.TARGET_PRE_RELEASE ? Severity.WARNING : Severity.ERROR;
      case SNAPSHOT -> code == RuleCode.VERSION_UNKNOWN ? Severity.WARNING : Severity.ERROR;
      default -> Severity.ERROR;
    };
  }

  /** The violations of {@code code} located where the case says. */
  private static List<Violation> located(CheckResult result, RuleCode code, RuleCase c) {
    return result.violations().stream()
        .filter(v -> v.code() == code)
        .filter(v -> v.cluster().equals(c.cluster()))
        .filter(v -> v.virtualCluster().equals(Optional.ofNullable(c.vc())))
        .filter(v -> v.nodeId().equals(Optional.ofNullable(c.node())))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = RuleCode.class, mode = EnumSource.Mode.EXCLUDE,
      names = {"READER_RECREATE_UNSUPPORTED", "UNPLANNABLE_STATE", "TARGET_ONE_WAY",
          "TARGET_PRE_RELEASE"})
  void reportsTheBrokenRuleWhereItIsBrokenNamingClusterVcNodeAndVersions(RuleCode code) {
    // Given a deployment that breaks the rule
    RuleCase c = RuleCases.of(code);

    // When the rules check it
    CheckResult result = c.checkBreaking();

    // Then a violation of that code points at the cluster, VC and node concerned
    assertThat(result.has(code)).as("%s: %s", c.story(), result.violations()).isTrue();
    List<Violation> found = located(result, code, c);
    assertThat(found)
        .as("%s: a %s at cluster '%s' VC %s node %s in %s", c.story(), code, c.cluster(), c.vc(),
            c.node(), result.violations())
        .isNotEmpty();
    Violation v = found.get(0);
    // and it has the category and severity DESIGN.md gives it
    assertThat(v.code().category()).isEqualTo(designCategory(code));
    assertThat(v.severity()).isEqualTo(designSeverity(code)).isEqualTo(code.severity());
    assertThat(v.isError()).isEqualTo(designSeverity(code) == Severity.ERROR);
    // and its message names what is wrong, and it says what to do and where the rule comes from
    assertThat(v.message()).contains(c.mentions());
    assertThat(v.remediation()).isNotBlank();
    assertThat(v.source()).isNotBlank().startsWith("https://www.cockroachlabs.com/docs/");
    assertThat(v.toString()).contains(code.name(), v.message(), v.remediation());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = RuleCode.class, mode = EnumSource.Mode.EXCLUDE,
      names = {"READER_RECREATE_UNSUPPORTED", "UNPLANNABLE_STATE", "TARGET_ONE_WAY",
          "TARGET_PRE_RELEASE"})
  void staysQuietOnACloseDeploymentThatKeepsTheRule(RuleCode code) {
    // Given a deployment close to the breaking one that keeps the rule
    RuleCase c = RuleCases.of(code);

    // When the rules check it
    CheckResult result = c.checkSatisfying();

    // Then that rule is not reported
    assertThat(result.has(code)).as("%s: %s", c.story(), result.violations()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = RuleCode.class, mode = EnumSource.Mode.INCLUDE,
      names = {"VC_NOT_FINALIZED", "NODE_NOT_LIVE", "MIXED_BINARIES", "UNDER_REPLICATED_RANGES",
          "UNAVAILABLE_RANGES", "REPLICATION_NOT_RUNNING", "REPLICATION_ERROR", "ONE_WAY_BINARY",
          "TARGET_IS_DOWNGRADE", "TARGET_UNKNOWN", "TARGET_UNREACHABLE"})
  void reportsPreconditionsAndTargetProblemsOnlyWhenAskedAboutATarget(RuleCode code) {
    // Given a deployment that is not ready to start an upgrade (or a bad target)
    RuleCase c = RuleCases.of(code);

    // When the rules check the deployment alone, as before every executor step
    CheckResult alone = c.rules().check(c.breaking());

    // Then nothing about starting an upgrade is reported
    assertThat(alone.has(code)).as("%s: %s", c.story(), alone.violations()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = RuleCode.class, mode = EnumSource.Mode.INCLUDE,
      names = {"REPLICATED_VC_NEWER_THAN_DESTINATION", "STANDBY_SERIES_INCOMPATIBLE",
          "VC_ABOVE_SYSTEM_VC", "VC_ABOVE_NODE_BINARY", "VC_BELOW_MIN_SUPPORTED",
          "FAST_FAILBACK_FROM_NEWER", "STANDBY_BINARIES_BEHIND_PRIMARY",
          "PRIMARY_FINALIZED_BEFORE_STANDBY", "NEW_UPGRADE_BEFORE_FINALIZED",
          "READER_WITHOUT_REPLICATING_VC", "READER_VC_UNSUPPORTED", "UNKNOWN_SERIES",
          "VERSION_UNKNOWN"})
  void reportsWhatIsTrueOfTheDeploymentWhateverTheTarget(RuleCode code) {
    // Given a deployment that breaks an invariant, a procedure rule or is inconsistent
    RuleCase c = RuleCases.of(code);

    // When the rules check it against a target too
    CheckResult withTarget = c.rules().check(c.breaking(), RuleCases.series("25.4"));

    // Then the violation is still reported
    assertThat(withTarget.has(code)).as("%s: %s", c.story(), withTarget.violations()).isTrue();
  }
}
