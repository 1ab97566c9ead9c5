package io.github.pcrupgrade.core.rules;

import static io.github.pcrupgrade.core.model.ClusterRole.PRIMARY;
import static io.github.pcrupgrade.core.model.ClusterRole.STANDBY;
import static io.github.pcrupgrade.core.rules.Fixtures.EAST;
import static io.github.pcrupgrade.core.rules.Fixtures.MAIN;
import static io.github.pcrupgrade.core.rules.Fixtures.READER;
import static io.github.pcrupgrade.core.rules.Fixtures.RULES;
import static io.github.pcrupgrade.core.rules.Fixtures.SYSTEM;
import static io.github.pcrupgrade.core.rules.Fixtures.WEST;
import static io.github.pcrupgrade.core.rules.Fixtures.atRest;
import static io.github.pcrupgrade.core.rules.Fixtures.atRestWithReader;
import static io.github.pcrupgrade.core.rules.Fixtures.deployment;
import static io.github.pcrupgrade.core.rules.Fixtures.failedOver;
import static io.github.pcrupgrade.core.rules.Fixtures.failingBack;
import static io.github.pcrupgrade.core.rules.Fixtures.health;
import static io.github.pcrupgrade.core.rules.Fixtures.nodeIs;
import static io.github.pcrupgrade.core.rules.Fixtures.nodeRuns;
import static io.github.pcrupgrade.core.rules.Fixtures.reinfer;
import static io.github.pcrupgrade.core.rules.Fixtures.status;
import static io.github.pcrupgrade.core.rules.Fixtures.stream;
import static io.github.pcrupgrade.core.rules.Fixtures.vcAt;

import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.catalog.ReleaseType;
import io.github.pcrupgrade.core.catalog.SeriesInfo;
import io.github.pcrupgrade.core.model.ClusterHealth;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.List;

/**
 * For every rule the checker reports, one realistic deployment that breaks it and a close one that
 * satisfies it, with where the violation must point and what its message must name. The switch is
 * exhaustive, so a new {@link RuleCode} does not compile until it has a case here.
 */
final class RuleCases {

  /**
   * One rule's example.
   *
   * @param story what happened to the deployment, in words
   * @param rules the rules to check with (the built-in catalog unless the case needs another)
   * @param breaking a deployment that breaks the rule
   * @param satisfying a close deployment that satisfies it
   * @param target the target to check the breaking deployment against; null to check it alone
   * @param satisfyingTarget the target to check the satisfying deployment against
   * @param cluster the cluster the violation must name
   * @param vc the VC it must name; null when it names none
   * @param node the node it must name; null when it names none
   * @param mentions what its message must contain (cluster, VC and node names, versions)
   */
  record RuleCase(
      String story, Rules rules, DeploymentSnapshot breaking, DeploymentSnapshot satisfying,
      ReleaseSeries target, ReleaseSeries satisfyingTarget, String cluster, String vc,
      Integer node, List<String> mentions) {

    RuleCase(
        String story, Rules rules, DeploymentSnapshot breaking, DeploymentSnapshot satisfying,
        ReleaseSeries target, String cluster, String vc, Integer node, List<String> mentions) {
      this(story, rules, breaking, satisfying, target, target, cluster, vc, node, mentions);
    }

    /** What the rules say of the breaking deployment. */
    CheckResult checkBreaking() {
      return target == null ? rules.check(breaking) : rules.check(breaking, target);
    }

    /** What the rules say of the satisfying deployment. */
    CheckResult checkSatisfying() {
      return satisfyingTarget == null
          ? rules.check(satisfying) : rules.check(satisfying, satisfyingTarget);
    }

    @Override
    public String toString() {
      return story;
    }
  }

  private RuleCases() {}

  static ReleaseSeries series(String s) {
    return ReleaseSeries.parse(s);
  }

  /** A catalog that knows 26.4, reachable only from 26.2 (not from 26.3). */
  static ReleaseCatalog catalogWith264OnlyFrom262() {
    ReleaseCatalog builtIn = ReleaseCatalog.builtIn();
    return builtIn.toBuilder()
        .put(new SeriesInfo(series("26.4"), ReleaseType.REGULAR, null, null, null, series("26.2"),
            List.of(series("26.2")), builtIn.info(series("26.3")).features()))
        .build();
  }

  static RuleCase of(RuleCode code) {
    return switch (code) {
      case REPLICATED_VC_NEWER_THAN_DESTINATION -> new RuleCase(
          "primary app VC finalized to 25.2 while the standby system VC is still at 24.3",
          RULES,
          deployment().binary("v25.2.4").versions("25.2", "24.3").build(),
          deployment().binary("v25.2.4").versions("24.3", "25.2").build(),
          null, WEST, MAIN, null, List.of(EAST, WEST, MAIN, "25.2", "24.3"));
      case STANDBY_SERIES_INCOMPATIBLE -> new RuleCase(
          "standby on 25.4 binaries while the primary is on 24.3 (25.4 is no direct target)",
          RULES,
          deployment().binaries("v24.3.12", "v25.4.1").versions("24.3", "24.3").build(),
          deployment().binaries("v24.3.12", "v25.2.4").versions("24.3", "24.3").build(),
          null, WEST, null, 1, List.of(WEST, EAST, "25.4", "24.3"));
      case VC_ABOVE_SYSTEM_VC -> new RuleCase(
          "reader VC at 25.2 while the standby system VC is at 24.3",
          RULES,
          vcAt(deployment().binaries("v24.3.12", "v25.2.4").versions("24.3", "24.3")
              .readerVc(true).build(), STANDBY, READER, "25.2"),
          deployment().binaries("v24.3.12", "v25.2.4").versions("24.3", "24.3")
              .readerVc(true).build(),
          null, WEST, READER, null, List.of(WEST, READER, "25.2", "24.3"));
      case VC_ABOVE_NODE_BINARY -> new RuleCase(
          "primary system VC finalizing to 25.2 while node 3 still runs v24.3.12",
          RULES,
          vcAt(nodeRuns(deployment().binary("v25.2.4").versions("24.3", "25.2").build(),
              PRIMARY, 3, "v24.3.12"), PRIMARY, SYSTEM, "24.3-upgrading-to-25.2-step-004"),
          vcAt(deployment().binary("v25.2.4").versions("24.3", "25.2").build(),
              PRIMARY, SYSTEM, "24.3-upgrading-to-25.2-step-004"),
          null, EAST, SYSTEM, 3,
          List.of(EAST, SYSTEM, "24.3-upgrading-to-25.2-step-004", "node 3", "v24.3.12"));
      case VC_BELOW_MIN_SUPPORTED -> new RuleCase(
          "standby node 1 restarted on v25.4.0 while its VCs are still at 24.3",
          RULES,
          nodeRuns(atRest("v24.3.12"), STANDBY, 1, "v25.4.0"),
          nodeRuns(atRest("v24.3.12"), STANDBY, 1, "v25.2.4"),
          null, WEST, SYSTEM, 1, List.of(WEST, SYSTEM, "[1]", "25.4", "25.2", "24.3"));
      case FAST_FAILBACK_FROM_NEWER -> new RuleCase(
          "after a failover mid-upgrade the promoted standby finalized main to 25.2, and the"
              + " original primary (24.3) ingests from it",
          RULES,
          failingBack(vcAt(failedOver(
              deployment().binaries("v24.3.12", "v25.2.4").versions("24.3", "25.2").build()),
              STANDBY, MAIN, "25.2")),
          failingBack(failedOver(atRest("v24.3.12"))),
          null, EAST, MAIN, null, List.of(EAST, WEST, MAIN, "25.2", "24.3"));
      case READER_WITHOUT_REPLICATING_VC -> {
        DeploymentSnapshot withReader = atRestWithReader("v24.3.12");
        yield new RuleCase(
            "the standby has reader VC main-readonly but no VC main",
            RULES,
            withReader.with(withReader.standby().withoutVc(MAIN)),
            withReader,
            null, WEST, READER, null, List.of(WEST, READER, "'" + MAIN + "'"));
      }
      case READER_VC_UNSUPPORTED -> new RuleCase(
          "a reader VC on a standby running 24.1 binaries, which have no reader VC",
          RULES,
          atRestWithReader("v24.1.20"),
          atRestWithReader("v24.3.12"),
          null, WEST, READER, null, List.of(WEST, READER, "24.1"));
      case UNKNOWN_SERIES -> new RuleCase(
          "standby node 2 runs v27.1.0, a series the catalog does not know",
          RULES,
          nodeRuns(atRest("v24.3.12"), STANDBY, 2, "v27.1.0"),
          atRest("v24.3.12"),
          null, WEST, null, null, List.of(WEST, "27.1"));
      case VERSION_UNKNOWN -> {
        DeploymentSnapshot s = atRest("v24.3.12");
        yield new RuleCase(
            "the standby was inspected without the primary, so its replicating VC's version is"
                + " unknown",
            RULES,
            s.with(s.standby().withVc(MAIN, v -> v.withVersion(
                VersionReading.unknown("standby inspected without its primary")))),
            s,
            null, WEST, MAIN, null,
            List.of(WEST, MAIN, "standby inspected without its primary"));
      }
      case STANDBY_BINARIES_BEHIND_PRIMARY -> new RuleCase(
          "primary node 1 restarted on v25.2.4 before any standby node",
          RULES,
          nodeRuns(atRest("v24.3.12"), PRIMARY, 1, "v25.2.4"),
          nodeRuns(atRest("v24.3.12"), STANDBY, 1, "v25.2.4"),
          null, EAST, null, null, List.of(EAST, WEST, "25.2", "24.3"));
      case PRIMARY_FINALIZED_BEFORE_STANDBY -> new RuleCase(
          "primary system VC finalized to 25.2 while the standby system VC is at 24.3",
          RULES,
          vcAt(deployment().binary("v25.2.4").versions("24.3", "24.3").build(),
              PRIMARY, SYSTEM, "25.2"),
          vcAt(deployment().binary("v25.2.4").versions("24.3", "24.3").build(),
              STANDBY, SYSTEM, "25.2"),
          null, EAST, SYSTEM, null, List.of(EAST, WEST, SYSTEM, "25.2", "24.3"));
      case NEW_UPGRADE_BEFORE_FINALIZED -> new RuleCase(
          "standby on 25.4 binaries while primary main is still finalizing 25.2 -> 25.3",
          RULES,
          reinfer(vcAt(deployment().binaries("v25.3.2", "v25.4.1").versions("25.3", "25.3")
              .build(), PRIMARY, MAIN, "25.2-upgrading-to-25.3-step-004")),
          deployment().binaries("v25.3.2", "v25.4.1").versions("25.3", "25.3").build(),
          null, EAST, MAIN, null,
          List.of(EAST, WEST, MAIN, "25.4", "25.3", "25.2-upgrading-to-25.3-step-004"));
      case VC_NOT_FINALIZED -> new RuleCase(
          "primary main never finished its upgrade to 24.3, and 25.2 is asked for",
          RULES,
          reinfer(vcAt(atRest("v24.3.12"), PRIMARY, MAIN, "24.2-upgrading-to-24.3-step-010")),
          atRest("v24.3.12"),
          series("25.2"), EAST, MAIN, null,
          List.of(EAST, MAIN, "24.2-upgrading-to-24.3-step-010"));
      case NODE_NOT_LIVE -> new RuleCase(
          "standby node 2 is SUSPECT",
          RULES,
          nodeIs(atRest("v24.3.12"), STANDBY, 2, Liveness.SUSPECT, false),
          atRest("v24.3.12"),
          series("25.2"), WEST, null, 2, List.of(WEST, "node 2", "SUSPECT"));
      case MIXED_BINARIES -> new RuleCase(
          "primary node 2 runs v24.3.10 while the others run v24.3.12",
          RULES,
          nodeRuns(atRest("v24.3.12"), PRIMARY, 2, "v24.3.10"),
          atRest("v24.3.12"),
          series("25.2"), EAST, null, null, List.of(EAST, "v24.3.10", "v24.3.12"));
      case UNDER_REPLICATED_RANGES -> new RuleCase(
          "the primary has 7 under-replicated ranges",
          RULES,
          health(atRest("v24.3.12"), PRIMARY, new ClusterHealth(7, 0)),
          atRest("v24.3.12"),
          series("25.2"), EAST, null, null, List.of(EAST, "7"));
      case UNAVAILABLE_RANGES -> new RuleCase(
          "the standby has 2 unavailable ranges",
          RULES,
          health(atRest("v24.3.12"), STANDBY, new ClusterHealth(0, 2)),
          atRest("v24.3.12"),
          series("25.2"), WEST, null, null, List.of(WEST, "2"));
      case REPLICATION_NOT_RUNNING -> new RuleCase(
          "the stream into the standby is paused",
          RULES,
          stream(atRest("v24.3.12"), r -> status(r, "replication paused")),
          atRest("v24.3.12"),
          series("25.2"), WEST, MAIN, null, List.of(WEST, MAIN, "replication paused"));
      case REPLICATION_ERROR -> new RuleCase(
          "the stream into the standby is in error",
          RULES,
          stream(atRest("v24.3.12"), r -> status(r, "replication error")),
          atRest("v24.3.12"),
          series("25.2"), WEST, MAIN, null, List.of(WEST, MAIN, "replication error"));
      case ONE_WAY_BINARY -> new RuleCase(
          "both clusters were stood up on v25.2.0-alpha.3, and 25.4 is asked for",
          RULES,
          atRest("v25.2.0-alpha.3"),
          atRest("v25.2.4"),
          series("25.4"), EAST, null, 1, List.of(EAST, "node 1", "v25.2.0-alpha.3"));
      case TARGET_IS_DOWNGRADE -> new RuleCase(
          "a deployment at 24.3 asked to go to 24.1",
          RULES,
          atRest("v24.3.12"),
          atRest("v24.3.12"),
          series("24.1"), series("25.2"), EAST, SYSTEM, null, List.of(EAST, "24.1", "24.3"));
      case TARGET_UNKNOWN -> new RuleCase(
          "a deployment at 24.3 asked to go to 26.9, which the catalog does not know",
          RULES,
          atRest("v24.3.12"),
          atRest("v24.3.12"),
          series("26.9"), series("25.2"), "", null, null, List.of("26.9"));
      case TARGET_UNREACHABLE -> new RuleCase(
          "a deployment at 26.3 asked to go to 26.4, which the catalog reaches only from 26.2",
          new Rules(catalogWith264OnlyFrom262()),
          atRest("v26.3.0"),
          atRest("v26.2.2"),
          series("26.4"), EAST, SYSTEM, null, List.of(EAST, "26.3", "26.4"));
      case SAME_CLUSTER -> {
        DeploymentSnapshot s = atRest("v24.3.12");
        java.util.UUID one = java.util.UUID.fromString("7b0bd1f4-5f0c-4b8e-9d2a-3c1e6f4a8b90");
        java.util.UUID other = java.util.UUID.fromString("0f4e2c6a-1d3b-4c5e-8f70-9a1b2c3d4e5f");
        yield new RuleCase(
            "one cluster's URL was given as both the primary and the standby",
            RULES,
            s.with(s.primary().withClusterId(one)).with(s.standby().withClusterId(one)),
            s.with(s.primary().withClusterId(one)).with(s.standby().withClusterId(other)),
            null, WEST, null, null, List.of(EAST, WEST, one.toString(), "one cluster"));
      }
      case CLUSTERS_LIKELY_SWAPPED -> new RuleCase(
          "the primary's and the standby's URLs were swapped: the cluster given as primary"
              + " ingests main, which the cluster given as standby serves",
          RULES,
          failingBack(failedOver(atRest("v24.3.12"))),
          failedOver(atRest("v24.3.12")),
          null, EAST, MAIN, null, List.of(EAST, WEST, MAIN, "swapped"));
      case SETTINGS_PINNED_AT_REST -> {
        DeploymentSnapshot s = atRest("v24.3.12");
        yield new RuleCase(
            "an upgrade to 24.3 ended without restoring the standby system VC's auto-upgrade",
            RULES,
            s.with(s.standby().withVc(SYSTEM, v -> v.withSettings(
                new io.github.pcrupgrade.core.model.FinalizationSettings(false, "")))),
            s,
            null, WEST, SYSTEM, null,
            List.of(WEST, SYSTEM, "24.3", "cluster.auto_upgrade.enabled = false"));
      }
      case READER_RECREATE_UNSUPPORTED, UNPLANNABLE_STATE, TARGET_ONE_WAY, TARGET_PRE_RELEASE ->
          throw new IllegalArgumentException(
          code + " is found by the planner, not by the rules");
    };
  }
}
