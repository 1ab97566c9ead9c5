package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.ErrorCode;

/** Error codes of the command line itself. */
public enum CliErrorCode implements ErrorCode {
  /** A file could not be read or written; the message names it. */
  FILE_ERROR,
  /** The options contradict each other (for example --state with --primary). */
  CONFLICTING_OPTIONS,
  /** An option's value is malformed or out of range; the message names it and the range. */
  BAD_OPTION_VALUE,
  /** A port could not be bound (in use, or not allowed); the message names it. */
  PORT_UNAVAILABLE
}
