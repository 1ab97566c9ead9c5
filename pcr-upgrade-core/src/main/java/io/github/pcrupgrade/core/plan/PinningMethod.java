package io.github.pcrupgrade.core.plan;

/** How auto-finalization is pinned before any binary is touched (crdb-upgrade-facts.md 2.1-2.3). */
public enum PinningMethod {
  /**
   * {@code cluster.auto_upgrade.enabled = false} in each VC (the default, 23.2+): set once, it
   * persists across hops; the original value is restored at the end.
   */
  AUTO_UPGRADE_SETTING,
  /**
   * The legacy {@code cluster.preserve_downgrade_option = '<current>'}: it must equal the current
   * version, so it is set at the start of every hop and reset right before each finalization of
   * the VC (finalization clears it anyway).
   */
  PRESERVE_DOWNGRADE_OPTION
}
