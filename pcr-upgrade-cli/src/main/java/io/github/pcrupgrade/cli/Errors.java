package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.jdbc.JdbcErrorCode;
import io.github.pcrupgrade.json.JsonErrorCode;

/** Maps errors to exit codes, in one place. */
final class Errors {

  private Errors() {}

  static ExitCode exitCodeOf(Throwable e) {
    if (e instanceof PcrUpgradeException p) {
      if (p.code() instanceof CoreErrorCode c) {
        return switch (c) {
          case MALFORMED_VERSION, UNKNOWN_SERIES, DOWNGRADE, UNREACHABLE_TARGET, INVALID_ARGUMENT ->
              ExitCode.INVALID_INPUT;
          case PLAN_REFUSED -> ExitCode.VIOLATIONS;
          case LEASE_HELD, LEASE_LOST -> ExitCode.HALTED;
          default -> ExitCode.UNREACHABLE;
        };
      }
      if (p.code() instanceof JdbcErrorCode j) {
        return j == JdbcErrorCode.INVALID_SETTINGS ? ExitCode.INVALID_INPUT : ExitCode.UNREACHABLE;
      }
      if (p.code() instanceof CliErrorCode || p.code() instanceof JsonErrorCode
          || p.code() instanceof io.github.pcrupgrade.testkit.replay.ReplayErrorCode) {
        return ExitCode.INVALID_INPUT;
      }
      return ExitCode.UNREACHABLE;
    }
    return ExitCode.INTERNAL;
  }
}
