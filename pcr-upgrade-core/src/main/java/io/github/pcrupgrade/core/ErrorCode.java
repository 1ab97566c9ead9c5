package io.github.pcrupgrade.core;

/**
 * A typed error code carried by every {@link PcrUpgradeException}. Tools match on the code, never on
 * the message text. Core codes are in {@link CoreErrorCode}; adapter modules add their own enums.
 */
public interface ErrorCode {

  /**
   * A stable, upper-case identifier such as {@code MALFORMED_VERSION}; an enum implementing this
   * interface provides it.
   *
   * @return the identifier tools match on; never changes between releases for the same error
   */
  String name();
}
