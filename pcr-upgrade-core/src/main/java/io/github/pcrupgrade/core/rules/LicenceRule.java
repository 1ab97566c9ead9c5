package io.github.pcrupgrade.core.rules;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.model.ClusterLicence;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.Licence;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.preflight.LicencePrecondition;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The licence precondition of a hop to 24.3 (crdb-pcr-sql-facts 11.3), so that {@code plan},
 * {@code check --to} and {@code apply} refuse before the first pin instead of meeting the
 * product's refusal after every node has been restarted. Judged only where the snapshot carries
 * the licence: an unknown licence is never a refusal. Single-node clusters are exempt, as in the
 * product.
 */
final class LicenceRule {

  private LicenceRule() {}

  static void check(ReleaseCatalog catalog, DeploymentSnapshot s, ReleaseSeries target,
      List<Violation> out) {
    for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
      if (c.licence().isEmpty() || c.memberNodes().size() <= 1
          || !finalizes243(catalog, c, target)) {
        continue;
      }
      ClusterLicence l = c.licence().get();
      if (l.licence().isEmpty()) {
        out.add(Violation.of(RuleCode.LICENCE_MISSING, c.name(), VirtualClusterInfo.SYSTEM, null,
            "cluster '" + c.name() + "' has no licence, and the path to " + target
                + " finalizes it to 24.3, which the product refuses ('upgrade blocked: no license"
                + " installed') after every node has been restarted",
            "install a licence on cluster '" + c.name() + "' (SET CLUSTER SETTING"
                + " enterprise.license = '<key>' on its system VC) before the upgrade starts"));
        continue;
      }
      Licence licence = l.licence().get();
      if (!licence.type().telemetryRequired()) {
        continue;
      }
      for (String vc : new TreeSet<>(l.telemetryOffIn())) {
        if (c.virtualClusters().stream().noneMatch(v -> v.name().equals(vc)
            && v.kind() != VcKind.READER)) {
          continue; // a reader is dropped and re-created, never finalized
        }
        out.add(Violation.of(RuleCode.LICENCE_TELEMETRY_OFF, c.name(), vc, null,
            "cluster '" + c.name() + "' VC '" + vc + "' has telemetry off under a "
                + licence.type() + " licence, and the path to " + target + " finalizes it to"
                + " 24.3, which the product refuses ('the installed license requires telemetry,"
                + " but it is currently disabled')",
            "SET CLUSTER SETTING diagnostics.reporting.enabled = true in VC '" + vc
                + "' of cluster '" + c.name() + "' before the upgrade starts"));
      }
    }
  }

  private static boolean finalizes243(ReleaseCatalog catalog, ClusterSnapshot c,
      ReleaseSeries target) {
    Optional<ReleaseSeries> from = c.systemVc().version().known().map(ClusterVersion::base);
    if (from.isEmpty()) {
      return false;
    }
    try {
      return LicencePrecondition.finalizesBlockingSeries(catalog.path(from.get(), target));
    } catch (PcrUpgradeException e) {
      return false; // an unknown or unreachable target is reported by the target rules
    }
  }
}
