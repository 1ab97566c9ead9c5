package io.github.pcrupgrade.testkit.internal.wire;

/** A virtual cluster's data state, as {@code SHOW VIRTUAL CLUSTERS} prints it. */
public enum DataState {
  /** {@code add}: being created (a replicating VC shows its replication status instead). */
  ADD("add"),
  /** {@code ready}: its data is usable. */
  READY("ready"),
  /** {@code dropping}: being dropped. */
  DROPPING("dropping");

  private final String sqlName;

  DataState(String sqlName) {
    this.sqlName = sqlName;
  }

  /** The lower-case text CockroachDB prints. */
  public String sqlName() {
    return sqlName;
  }
}
