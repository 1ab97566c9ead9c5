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

  public LicenceReading {
    Objects.requireNonNull(licence, "licence");
    Objects.requireNonNull(unreadable, "unreadable");
    if (licence.isPresent() && unreadable.isPresent()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "a licence reading is either read or unreadable");
    }
  }

  /** A licence was read. */
  public static LicenceReading of(Licence licence) {
    Objects.requireNonNull(licence, "licence");
    return new LicenceReading(Optional.of(licence), Optional.empty());
  }

  /** The setting is empty: no licence installed. */
  public static LicenceReading none() {
    return new LicenceReading(Optional.empty(), Optional.empty());
  }

  /** The setting could not be read, for this reason. */
  public static LicenceReading unreadable(String why) {
    Objects.requireNonNull(why, "why");
    return new LicenceReading(Optional.empty(), Optional.of(why));
  }

  /** True when no licence is installed (read as empty). */
  public boolean isNone() {
    return licence.isEmpty() && unreadable.isEmpty();
  }
}
