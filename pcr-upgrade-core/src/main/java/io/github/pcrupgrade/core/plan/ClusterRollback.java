package io.github.pcrupgrade.core.plan;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.ClusterRole;
import java.util.Objects;
import java.util.Optional;

/**
 * The rollback verdict for one cluster.
 *
 * @param cluster the cluster (by role)
 * @param clusterName its display name
 * @param verdict whether it is rolled back
 * @param reason one line saying why (naming the versions)
 * @param binary the previous binary it is rolled back onto, when it is
 */
public record ClusterRollback(
    ClusterRole cluster, String clusterName, RollbackVerdict verdict, String reason,
    Optional<BinaryTarget> binary) {
  /**
   * Checks that a binary is named exactly for a ROLL_BACK verdict.
   *
   * @param cluster not null
   * @param clusterName not null
   * @param verdict not null
   * @param reason not null
   * @param binary not null; present exactly when {@code verdict} is ROLL_BACK
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when {@code binary} does not fit the
   *     verdict
   */
  public ClusterRollback {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(binary, "binary");
    if (binary.isPresent() != (verdict == RollbackVerdict.ROLL_BACK)) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "exactly a ROLL_BACK verdict names a binary");
    }
  }
}
