package io.github.pcrupgrade.core.plan;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import java.util.Objects;

/**
 * The finalization settings of one VC, as found before an upgrade began.
 *
 * @param cluster the cluster (by role)
 * @param virtualCluster the VC's name
 * @param settings its settings
 */
public record VcSettings(ClusterRole cluster, String virtualCluster, FinalizationSettings settings) {
  /**
   * Checks that no component is null.
   *
   * @param cluster not null
   * @param virtualCluster not null
   * @param settings not null
   */
  public VcSettings {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(virtualCluster, "virtualCluster");
    Objects.requireNonNull(settings, "settings");
  }
}
