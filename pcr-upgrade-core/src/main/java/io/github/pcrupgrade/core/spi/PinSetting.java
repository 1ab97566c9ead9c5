package io.github.pcrupgrade.core.spi;

/**
 * The two per-VC settings that control auto-finalization, the only cluster settings the library
 * changes besides {@code version} (crdb-upgrade-facts.md 2.2, 2.3): the name of one setting, as
 * the ports set and reset it. The values both have in one VC are {@link
 * io.github.pcrupgrade.core.model.FinalizationSettings}.
 */
public enum PinSetting {
  /** {@code cluster.auto_upgrade.enabled}: false pins finalization (recommended, 23.2+). */
  AUTO_UPGRADE_ENABLED("cluster.auto_upgrade.enabled"),
  /**
   * {@code cluster.preserve_downgrade_option}: set to the current version to pin finalization
   * (legacy); must be reset before finalizing.
   */
  PRESERVE_DOWNGRADE_OPTION("cluster.preserve_downgrade_option");

  private final String settingName;

  PinSetting(String settingName) {
    this.settingName = settingName;
  }

  /**
   * The product's setting name.
   *
   * @return the name as written in {@code SET CLUSTER SETTING}, for example
   *     {@code cluster.auto_upgrade.enabled}
   */
  public String settingName() {
    return settingName;
  }
}
