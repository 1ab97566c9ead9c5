package io.github.pcrupgrade.core.rules;

import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds finalization settings left pinned at rest: the deployment is not upgrading (every VC whose
 * version is known is final on one series, every member node runs a binary of that series), yet a
 * VC has {@code cluster.auto_upgrade.enabled = false} or {@code cluster.preserve_downgrade_option}
 * set. That is what an upgrade leaves when it was interrupted after its last finalization and the
 * settings it found were lost (docs/design.md: settings are restored when the upgrade is done). The
 * product then never finalizes on its own again, silently.
 *
 * <p>Pure and stateless; one function used by the rules ({@link Rules#check}), the planner and the
 * embedder's step API alike, so that all report the same VCs with the same statements. It only
 * reports: nothing is restored unless the caller asks the planner to restore the product's
 * defaults ({@code UpgradeRequest.Builder.restoreDefaultSettings(true)}).
 */
public final class PinnedSettings {

  private PinnedSettings() {}

  /**
   * One VC whose settings look pinned at rest.
   *
   * @param cluster the cluster's name
   * @param virtualCluster the VC's name
   * @param settings its settings now
   * @param restoreStatements the statements, run while connected to that VC, that restore the
   *     product's defaults ({@link FinalizationSettings#PRODUCT_DEFAULTS})
   */
  public record PinnedVc(String cluster, String virtualCluster, FinalizationSettings settings,
      List<String> restoreStatements) {
    /**
     * Copies the list.
     *
     * @param cluster not null
     * @param virtualCluster not null
     * @param settings not null
     * @param restoreStatements not null
     */
    public PinnedVc {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(virtualCluster, "virtualCluster");
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(restoreStatements, "restoreStatements");
      restoreStatements = List.copyOf(restoreStatements);
    }
  }

  /**
   * Every VC of {@code s} whose settings look pinned at rest.
   *
   * @param s the deployment
   * @return the VCs of the primary, then of the standby, each in id order; empty when none is
   *     pinned, when the deployment is not at rest, or for VCs whose settings could not be read
   */
  public static List<PinnedVc> find(DeploymentSnapshot s) {
    Objects.requireNonNull(s, "s");
    return anyPinned(s) ? find(s, restingSeries(s)) : List.of();
  }

  private static List<PinnedVc> find(DeploymentSnapshot s, Optional<ReleaseSeries> series) {
    if (series.isEmpty()) {
      return List.of();
    }
    List<PinnedVc> out = new ArrayList<>();
    for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
      for (VirtualClusterInfo vc : c.virtualClusters()) {
        Optional<FinalizationSettings> st = vc.settings();
        if (st.isEmpty() || !pinned(st.get())) {
          continue;
        }
        List<String> statements = new ArrayList<>();
        if (!st.get().autoUpgradeEnabled()) {
          statements.add("RESET CLUSTER SETTING "
              + PinSetting.AUTO_UPGRADE_ENABLED.settingName());
        }
        if (st.get().preservesDowngrade()) {
          statements.add("RESET CLUSTER SETTING "
              + PinSetting.PRESERVE_DOWNGRADE_OPTION.settingName());
        }
        out.add(new PinnedVc(c.name(), vc.name(), st.get(), statements));
      }
    }
    return out;
  }

  /**
   * {@link #find} as warnings ({@link RuleCode#SETTINGS_PINNED_AT_REST}), one per VC.
   *
   * @param s the deployment
   * @return one warning per VC {@link #find} reports, in its order, whose remediation quotes the
   *     restore statements; empty when it reports none
   */
  public static List<Violation> atRest(DeploymentSnapshot s) {
    Objects.requireNonNull(s, "s");
    List<Violation> out = new ArrayList<>();
    if (!anyPinned(s)) {
      return out; // every check asks: the resting series is worked out only when it matters
    }
    Optional<ReleaseSeries> series = restingSeries(s);
    for (PinnedVc p : find(s, series)) {
      out.add(Violation.of(RuleCode.SETTINGS_PINNED_AT_REST, p.cluster(), p.virtualCluster(),
          null,
          "'" + p.cluster() + "' VC '" + p.virtualCluster() + "' is at rest on "
              + series.orElseThrow() + " with auto-finalization pinned ("
              + PinSetting.AUTO_UPGRADE_ENABLED.settingName() + " = "
              + p.settings().autoUpgradeEnabled() + ", "
              + PinSetting.PRESERVE_DOWNGRADE_OPTION.settingName() + " = '"
              + p.settings().preserveDowngradeOption() + "'): an earlier upgrade may not have"
              + " restored the settings it found, and this VC will never finalize on its own",
          "if no upgrade is in progress and the pin is not deliberate, restore the product's"
              + " default in that VC: " + String.join("; ", p.restoreStatements())
              + " (or plan with the option to restore the defaults); nothing is changed"
              + " otherwise"));
    }
    return out;
  }

  private static boolean anyPinned(DeploymentSnapshot s) {
    for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
      for (VirtualClusterInfo vc : c.virtualClusters()) {
        if (vc.settings().isPresent() && pinned(vc.settings().get())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean pinned(FinalizationSettings s) {
    return !s.autoUpgradeEnabled() || s.preservesDowngrade();
  }

  /** The one series every known VC is final on and every member binary runs, if there is one. */
  private static Optional<ReleaseSeries> restingSeries(DeploymentSnapshot s) {
    // every plan and every check asks: one pass, no set, stopping at the second series seen
    ReleaseSeries one = null;
    for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
      for (VirtualClusterInfo vc : c.virtualClusters()) {
        Optional<ClusterVersion> v = vc.version().known();
        if (v.isEmpty()) {
          continue;
        }
        if (!v.get().isFinal()) {
          return Optional.empty();
        }
        if (one == null) {
          one = v.get().base();
        } else if (!one.equals(v.get().base())) {
          return Optional.empty();
        }
      }
      for (NodeInfo n : c.memberNodes()) {
        if (one == null) {
          one = n.binary().series();
        } else if (!one.equals(n.binary().series())) {
          return Optional.empty();
        }
      }
    }
    return Optional.ofNullable(one);
  }
}
