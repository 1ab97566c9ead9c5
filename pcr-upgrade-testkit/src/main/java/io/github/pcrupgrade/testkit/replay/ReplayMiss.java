package io.github.pcrupgrade.testkit.replay;

import java.util.Objects;

/**
 * A statement a client sent that the capture does not hold (answered to the client as an error).
 *
 * @param capture the capture's source (its file name)
 * @param cluster the cluster's role in the capture ({@code primary} or {@code standby})
 * @param virtualCluster the VC the session was routed to
 * @param sql the statement as sent
 */
public record ReplayMiss(String capture, String cluster, String virtualCluster, String sql) {
  /**
   * Checks that no component is null.
   *
   * @param capture the capture's source
   * @param cluster the cluster's role in the capture
   * @param virtualCluster the VC the session was routed to
   * @param sql the statement as sent
   * @throws NullPointerException if any component is null
   */
  public ReplayMiss {
    Objects.requireNonNull(capture, "capture");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(virtualCluster, "virtualCluster");
    Objects.requireNonNull(sql, "sql");
  }

  @Override
  public String toString() {
    return "capture " + capture + " holds no answer of cluster '" + cluster + "' VC '"
        + virtualCluster + "' to: " + sql;
  }
}
