package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.ErrorCode;

/** Error codes of the command line itself. */
public enum CliErrorCode implements ErrorCode {
  /** A file could not be read or written; the message names it. */
  FILE_ERROR,
  /** The options contradict each other (for example --state with --primary). */
  CONFLICTING_OPTIONS
}
