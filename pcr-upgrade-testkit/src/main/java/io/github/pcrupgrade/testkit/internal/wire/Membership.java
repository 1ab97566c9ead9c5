package io.github.pcrupgrade.testkit.internal.wire;

import java.util.Locale;

/** A node's liveness membership, {@code crdb_internal.gossip_liveness.membership}. */
public enum Membership {
  /** {@code active}: a full member. */
  ACTIVE,
  /** {@code decommissioning}: being decommissioned. */
  DECOMMISSIONING,
  /** {@code decommissioned}: no longer a member. */
  DECOMMISSIONED;

  /** The lower-case text CockroachDB prints. */
  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
