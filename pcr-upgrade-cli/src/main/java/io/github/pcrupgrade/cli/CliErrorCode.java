package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.ErrorCode;

/** Error codes of the command line itself. */
public enum CliErrorCode implements ErrorCode {
  /** A file could not be read or written; the message names it. */
  FILE_ERROR,
  /** A file is not valid JSON of the expected schema; the message says where. */
  MALFORMED_FILE,
  /** The options contradict each other (for example --state with --primary). */
  CONFLICTING_OPTIONS
}
