package io.github.pcrupgrade.core.preflight;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.Licence;
import java.util.Objects;
import java.util.Optional;

/**
 * What reading {@code enterprise.license} on a cluster's system VC gave: a licence, none installed
 * (an empty value), or nothing usable (a missing privilege, a redacted sensitive setting, a state
 * file without it). Never holds the key.
 *
 * @param licence the licence when one was read
 * @param unreadable why it could not be read; empty when it was read (a licence or none)
 */
public record LicenceReading(Optional<Licence> licence, Optional<String> unreadable) {

  /**
   * Checks that the reading is not both a licence and unreadable.
   *
   * @param licence the licence when one was read
   * @param unreadable why it could not be read; empty when it was read (a licence or none)
   * @throws NullPointerException naming the component that is null
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when both are present
   */
  public LicenceReading {
    Objects.requireNonNull(licence, "licence");
    Objects.requireNonNull(unreadable, "unreadable");
    if (licence.isPresent() && unreadable.isPresent()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "a licence reading is either read or unreadable");
    }
  }

  /**
   * A licence was read.
   *
   * @param licence the decoded licence (its type and expiry; never the key)
   * @return a reading holding it
   */
  public static LicenceReading of(Licence licence) {
    Objects.requireNonNull(licence, "licence");
    return new LicenceReading(Optional.of(licence), Optional.empty());
  }

  /** {@return a reading of an empty setting: no licence installed} */
  public static LicenceReading none() {
    return new LicenceReading(Optional.empty(), Optional.empty());
  }

  /**
   * The setting could not be read, for this reason.
   *
   * @param why the reason, in words (the product's error, a redacted value, a missing field);
   *     shown to the operator, so never the key
   * @return a reading holding neither a licence nor "none"
   */
  public static LicenceReading unreadable(String why) {
    Objects.requireNonNull(why, "why");
    return new LicenceReading(Optional.empty(), Optional.of(why));
  }

  /** {@return true when the setting was read and is empty: no licence installed} */
  public boolean isNone() {
    return licence.isEmpty() && unreadable.isEmpty();
  }
}
