package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.exec.RunStatus;

/** The exit codes of the {@code pcr-upgrade} command; documented in the README. */
public enum ExitCode {
  /** Success: a clean check, a plan printed, a completed run. */
  OK(0),
  /** The rules found errors, or the plan was refused. */
  VIOLATIONS(1),
  /** A bad flag or argument (picocli's usage error). */
  USAGE(2),
  /**
   * Bad input: a malformed state file, version, URL, port, duration or option value, an unknown
   * series, a port serve-sim cannot bind.
   */
  INVALID_INPUT(3),
  /** A cluster could not be reached or refused the credentials; a port failed. */
  UNREACHABLE(4),
  /** An apply run halted with a diagnosis. */
  HALTED(5),
  /** An apply run paused before a point of no return. */
  PAUSED(6),
  /** An apply run was stopped (SIGTERM, SIGINT) or cancelled, or a change was not confirmed. */
  CANCELLED(7),
  /** An unexpected internal error (a bug): rerun with --verbose and report it. */
  INTERNAL(10);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The exit code of a run that ended with {@code status}. */
  static ExitCode of(RunStatus status) {
    return switch (status) {
      case COMPLETED -> OK;
      case HALTED -> HALTED;
      case PAUSED -> PAUSED;
      case CANCELLED -> CANCELLED;
    };
  }
}
