package io.github.pcrupgrade.testkit.sql;

import java.time.Instant;
import java.util.Objects;

/**
 * One statement the server started executing (after its injected latency, before the backend was
 * called; statements that then failed are included).
 *
 * @param cluster the name of the cluster that ran it
 * @param virtualCluster the VC the session was connected to
 * @param user the session's user
 * @param sql the statement's text (one statement, without {@code ;})
 * @param at when it started, from the server's clock
 */
public record ExecutedStatement(
    String cluster, String virtualCluster, String user, String sql, Instant at) {
  /**
   * Checks that no component is null.
   *
   * @param cluster the name of the cluster that ran it
   * @param virtualCluster the VC the session was connected to
   * @param user the session's user
   * @param sql the statement's text
   * @param at when it started
   * @throws NullPointerException if any component is null
   */
  public ExecutedStatement {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(virtualCluster, "virtualCluster");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(at, "at");
  }
}
