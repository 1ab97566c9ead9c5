package io.github.pcrupgrade.testkit.internal.wire;

/** A virtual cluster's service mode, as {@code SHOW VIRTUAL CLUSTERS} prints it. */
public enum ServiceMode {
  /** {@code none}: no SQL service; connections are refused with the routing error. */
  NONE("none"),
  /** {@code external}: served by separate SQL processes, not by this server (refused here). */
  EXTERNAL("external"),
  /** {@code shared}: served by the cluster's nodes; connections are accepted. */
  SHARED("shared"),
  /** {@code stopping}: the service is being stopped; connections are refused. */
  STOPPING("stopping");

  private final String sqlName;

  ServiceMode(String sqlName) {
    this.sqlName = sqlName;
  }

  /** The lower-case text CockroachDB prints. */
  public String sqlName() {
    return sqlName;
  }
}
