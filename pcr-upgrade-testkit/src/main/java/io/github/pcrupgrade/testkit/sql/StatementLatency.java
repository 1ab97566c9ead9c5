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

  /** The delay before running {@code sql} in {@code virtualCluster}; zero or negative for none. */
  Duration before(String virtualCluster, String sql);

  /** No delay. */
  static StatementLatency none() {
    return (vc, sql) -> Duration.ZERO;
  }

  /** The same delay before every statement. */
  static StatementLatency fixed(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    return (vc, sql) -> delay;
  }
}
