package io.github.pcrupgrade.testkit.sql;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the server waits before executing a statement, to simulate a slow cluster. The wait
 * honours the client's CancelRequest (the statement then fails with 57014). Called on the
 * connection's thread; must be thread-safe.
 */
@FunctionalInterface
public interface StatementLatency {

  /**
   * The delay before running {@code sql} in {@code virtualCluster}.
   *
   * @param virtualCluster the VC the session is connected to
   * @param sql the statement's text (one statement, without {@code ;})
   * @return how long to wait; zero or negative for none
   */
  Duration before(String virtualCluster, String sql);

  /**
   * No delay.
   *
   * @return a latency of zero for every statement
   */
  static StatementLatency none() {
    return (vc, sql) -> Duration.ZERO;
  }

  /**
   * The same delay before every statement.
   *
   * @param delay the wait before each statement
   * @return a latency of {@code delay} for every statement in every VC
   * @throws NullPointerException if {@code delay} is null
   */
  static StatementLatency fixed(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    return (vc, sql) -> delay;
  }
}
