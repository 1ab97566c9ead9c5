package io.github.pcrupgrade.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test helper: runs a statement that must fail and returns the product error. */
final class Sql {
  private Sql() {}

  static SimulatedSqlException error(ThrowingCallable statement) {
    SimulatedSqlException[] out = new SimulatedSqlException[1];
    assertThatThrownBy(statement).isInstanceOfSatisfying(SimulatedSqlException.class,
        e -> out[0] = e);
    return out[0];
  }
}
