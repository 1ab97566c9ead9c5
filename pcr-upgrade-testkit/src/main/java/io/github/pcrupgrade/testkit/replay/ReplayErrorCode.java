package io.github.pcrupgrade.testkit.replay;

import io.github.pcrupgrade.core.ErrorCode;

/** Why a capture cannot be replayed, or why a replay was not faithful. */
public enum ReplayErrorCode implements ErrorCode {
  /** The capture file cannot be read (missing, unreadable); fix the path or the permissions. */
  CAPTURE_FILE_UNREADABLE,
  /**
   * The capture holds something the replay cannot serve as recorded (a column type it has no
   * OID for, a server without a {@code crdb_version}); the message names it.
   */
  CAPTURE_NOT_SERVABLE,
  /**
   * A client sent statements the capture does not hold; make a new capture with the pcr-upgrade
   * release whose adapters sent them.
   */
  STATEMENT_NOT_IN_CAPTURE
}
