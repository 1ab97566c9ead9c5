package io.github.pcrupgrade.core.plan;

import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.rules.RuleCode;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.version.BinaryVersion;
import java.util.Optional;

/**
 * Judges the stage of an exact target binary (crdb-upgrade-facts 1.1): a cluster upgraded to an
 * alpha or a development build "cannot subsequently be upgraded to a production release", so such
 * a target is refused unless explicitly allowed; betas and release candidates, which the product
 * upgrades from and to, are planned with a warning. A series target names no stage: the node
 * upgrader chooses the patch.
 */
final class TargetStage {

  private TargetStage() {}

  /** The violation the target's stage gives, if any. */
  static Optional<Violation> judge(BinaryTarget target, boolean allowOneWay) {
    Optional<BinaryVersion> exact = target.exact();
    if (exact.isEmpty()) {
      return Optional.empty();
    }
    BinaryVersion b = exact.get();
    if (b.isOneWay()) {
      if (allowOneWay) {
        return Optional.empty();
      }
      return Optional.of(Violation.of(RuleCode.TARGET_ONE_WAY, "", null, null,
          "target " + b + " is " + (b.stage() == BinaryVersion.Stage.ALPHA ? "an alpha"
              : "a development") + " build: a cluster upgraded to it can never be upgraded to a"
              + " production release",
          "choose a production release (or a beta or release candidate) as the target; only for a"
              + " throw-away test deployment, allow it explicitly (allowOneWayTarget,"
              + " --allow-one-way-target)"));
    }
    if (!b.isProduction()) {
      return Optional.of(Violation.of(RuleCode.TARGET_PRE_RELEASE, "", null, null,
          "target " + b + " is " + (b.stage() == BinaryVersion.Stage.BETA ? "a beta"
              : b.stage() == BinaryVersion.Stage.RC ? "a release candidate"
              : "a build " + b.commitsAfter() + " commits after a release")
              + ", not a production release",
          "plan to move on to the production release of " + b.series() + " when it ships"));
    }
    return Optional.empty();
  }
}
