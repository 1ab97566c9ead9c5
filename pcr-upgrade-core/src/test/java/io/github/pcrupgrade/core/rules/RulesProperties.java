package io.github.pcrupgrade.core.rules;

import static io.github.pcrupgrade.testsupport.Theories.qt;
import static io.github.pcrupgrade.core.rules.Fixtures.RULES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * What holds of the rules on any structurally valid deployment (DeploymentGens): they
 * never throw, whatever the target; every violation says what is wrong and where; checking
 * against a target only adds to checking the deployment alone; errors come first.
 */
class RulesProperties {

  /** A deployment and a target. */
  record WithTarget(DeploymentSnapshot deployment, ReleaseSeries target) {}

  private static Gen<DeploymentSnapshot> deployments() {
    return DeploymentGens.deployments();
  }

  private static Gen<WithTarget> deploymentsAndTargets() {
    return DeploymentGens.deployments().zip(DeploymentGens.targets(), WithTarget::new);
  }

  @Test
  void checkingADeploymentNeverThrows() {
    qt().forAll(deployments()).checkAssert(s -> {
      // Given any deployment; When the rules check it; Then they answer
      assertThatCode(() -> RULES.check(s)).doesNotThrowAnyException();
    });
  }

  @Test
  void checkingADeploymentAgainstAnyTargetNeverThrows() {
    qt().forAll(deploymentsAndTargets()).checkAssert(in -> {
      DeploymentSnapshot s = in.deployment();
      ReleaseSeries target = in.target();
      // Given any deployment and any target, known or not; When the rules check them; Then they
      // answer
      assertThatCode(() -> RULES.check(s, target)).doesNotThrowAnyException();
    });
  }

  @Test
  void askingForAFastFailbackNeverThrows() {
    qt().forAll(deployments()).checkAssert(s -> {
      // Given any deployment
      // When asked whether a fast failback is allowed
      FailbackVerdict verdict = RULES.mayFastFailBack(s);

      // Then the answer says why, only a refusal carries violations, and they are invariant 7
      // (from a newer cluster) or invariant 5 (carrying a VC below the original's MinSupported)
      assertThat(verdict.reason()).isNotBlank();
      if (verdict.allowed()) {
        assertThat(verdict.violations()).isEmpty();
      }
      assertThat(verdict.violations()).allSatisfy(v -> assertThat(v.code())
          .isIn(RuleCode.FAST_FAILBACK_FROM_NEWER, RuleCode.VC_BELOW_MIN_SUPPORTED));
    });
  }

  @Test
  void everyViolationSaysWhatIsWrongWhereAndWhatToDo() {
    qt().forAll(deploymentsAndTargets()).checkAssert(in -> {
      DeploymentSnapshot s = in.deployment();
      ReleaseSeries target = in.target();
      // Given any deployment and target
      // When the rules check them
      CheckResult result = RULES.check(s, target);

      // Then every violation has a message naming its cluster, a remediation and a source, the
      // severity of its code, and points only at VCs and nodes of that cluster
      for (Violation v : result.violations()) {
        assertThat(v.message()).as("%s", v).isNotBlank();
        assertThat(v.remediation()).as("%s", v).isNotBlank();
        assertThat(v.source()).as("%s", v).isNotBlank();
        assertThat(v.severity()).as("%s", v).isEqualTo(v.code().severity());
        Optional<ClusterSnapshot> c = cluster(s, v.cluster());
        if (v.code() == RuleCode.TARGET_UNKNOWN) {
          assertThat(v.cluster()).as("%s is about no cluster", v).isEmpty();
          continue;
        }
        assertThat(v.message()).as("%s", v).contains(v.cluster());
        assertThat(c).as("%s names a cluster of the deployment", v).isPresent();
        v.virtualCluster().ifPresent(vc -> assertThat(
            c.get().virtualClusters().stream().map(VirtualClusterInfo::name))
            .as("%s names a VC of '%s'", v, v.cluster()).contains(vc));
        v.nodeId().ifPresent(id -> assertThat(c.get().nodes().stream().map(NodeInfo::id))
            .as("%s names a node of '%s'", v, v.cluster()).contains(id));
      }
    });
  }

  @Test
  void checkingAgainstATargetOnlyAddsToCheckingTheDeploymentAlone() {
    qt().forAll(deploymentsAndTargets()).checkAssert(in -> {
      DeploymentSnapshot s = in.deployment();
      ReleaseSeries target = in.target();
      // Given any deployment and target
      // When the rules check the deployment alone and against the target
      List<Violation> alone = RULES.check(s).violations();
      List<Violation> withTarget = RULES.check(s, target).violations();

      // Then everything found alone is found against the target too
      assertThat(withTarget).containsAll(alone);
    });
  }

  @Test
  void errorsComeBeforeWarnings() {
    qt().forAll(deploymentsAndTargets()).checkAssert(in -> {
      DeploymentSnapshot s = in.deployment();
      ReleaseSeries target = in.target();
      // Given any deployment and target
      for (CheckResult result : List.of(RULES.check(s), RULES.check(s, target))) {
        // When the rules check them
        List<Violation> all = result.violations();

        // Then no error follows a warning, and errors() and warnings() split the list in order
        int firstWarning = all.size();
        for (int i = 0; i < all.size(); i++) {
          if (!all.get(i).isError()) {
            firstWarning = Math.min(firstWarning, i);
          } else {
            assertThat(i).as("error at %d after a warning in %s", i, all).isLessThan(firstWarning);
          }
        }
        assertThat(all).containsExactlyElementsOf(
            java.util.stream.Stream.concat(result.errors().stream(), result.warnings().stream())
                .toList());
        assertThat(result.hasErrors()).isEqualTo(!result.errors().isEmpty());
        assertThat(result.isClean()).isEqualTo(all.isEmpty());
      }
    });
  }

  @Test
  void checkingIsDeterministic() {
    qt().forAll(deployments()).checkAssert(s -> {
      // Given any deployment; When the rules check it twice; Then they say the same
      assertThat(RULES.check(s)).isEqualTo(RULES.check(s));
    });
  }

  private static Optional<ClusterSnapshot> cluster(DeploymentSnapshot s, String name) {
    return s.primary().name().equals(name) ? Optional.of(s.primary())
        : s.standby().name().equals(name) ? Optional.of(s.standby()) : Optional.empty();
  }
}
