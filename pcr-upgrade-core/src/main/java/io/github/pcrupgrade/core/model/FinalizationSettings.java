package io.github.pcrupgrade.core.model;

import java.util.Objects;

/**
 * The two settings that control auto-finalization in one VC (both are per VC).
 *
 * @param autoUpgradeEnabled {@code cluster.auto_upgrade.enabled} (product default true)
 * @param preserveDowngradeOption {@code cluster.preserve_downgrade_option}; empty when unset
 */
public record FinalizationSettings(boolean autoUpgradeEnabled, String preserveDowngradeOption) {

  /** The product defaults: auto-upgrade on, nothing preserved. */
  public static final FinalizationSettings PRODUCT_DEFAULTS = new FinalizationSettings(true, "");

  /**
   * Checks that the option is not null.
   *
   * @param autoUpgradeEnabled the setting as read
   * @param preserveDowngradeOption not null; empty when unset
   */
  public FinalizationSettings {
    Objects.requireNonNull(preserveDowngradeOption, "preserveDowngradeOption");
  }

  /**
   * Whether {@code preserve_downgrade_option} is set, to any value.
   *
   * @return true when {@link #preserveDowngradeOption()} is not empty
   */
  public boolean preservesDowngrade() {
    return !preserveDowngradeOption.isEmpty();
  }

  /**
   * True when the product would not auto-finalize this VC at {@code currentVersion}: auto-upgrade
   * is off, or {@code preserve_downgrade_option} equals the current version (crdb-upgrade-facts.md
   * 2.1).
   *
   * @param currentVersion the VC's cluster version as the product prints it ({@code 24.3}),
   *     compared as text with the option
   * @return true when auto-finalization is pinned at that version
   */
  public boolean pinsAt(String currentVersion) {
    Objects.requireNonNull(currentVersion, "currentVersion");
    return !autoUpgradeEnabled || preserveDowngradeOption.equals(currentVersion);
  }
}
