package io.github.pcrupgrade.core.model;

/** A node's liveness, as {@code cockroach node status} and {@code gossip_liveness} report it. */
public enum Liveness {
  /** Live and a member; the only state in which a rolling restart may proceed. */
  LIVE,
  /** Recently unresponsive; wait or investigate before touching any node. */
  SUSPECT,
  /** Not live and not decommissioned: blocks finalization. Restart or decommission it. */
  DEAD,
  /** Being decommissioned; finish the decommission before upgrading. */
  DECOMMISSIONING,
  /** Decommissioned: no longer a member, ignored by every rule. */
  DECOMMISSIONED
}
