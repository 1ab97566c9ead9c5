package io.github.pcrupgrade.testkit;

/** Who started a finalization in the simulation; the invariant monitor flags all but one. */
public enum FinalizationOrigin {
  /** {@code ClusterOperations.finalizeVersion}: explicitly requested by the caller. Never flagged. */
  PORT,
  /**
   * {@code SET CLUSTER SETTING version} through the SQL facade (a wire client). Flagged as
   * unrequested unless the deployment was built with {@code acceptSqlFinalizations()}.
   */
  SQL,
  /** The product's auto-upgrade loop. Always flagged (invariant 8: pin first). */
  AUTO,
  /** A simulated external actor (a fault) finalizing by hand. Always flagged. */
  EXTERNAL_ACTOR
}
