package io.github.pcrupgrade.core;

/**
 * A typed error code carried by every {@link PcrUpgradeException}. Tools match on the code, never on
 * the message text. Core codes are in {@link CoreErrorCode}; adapter modules add their own enums.
 */
public interface ErrorCode {

  /** A stable, upper-case identifier such as {@code MALFORMED_VERSION}. */
  String name();
}
