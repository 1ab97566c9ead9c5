package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.PcrUpgradeException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Reads duration options ({@code 90s}, {@code 5m}, {@code 1h30m}, {@code 250ms}) and checks them. */
final class Durations {

  private Durations() {}

  /**
   * The value of option {@code option}, which must lie in {@code [min, max]}.
   *
   * @throws PcrUpgradeException {@code BAD_OPTION_VALUE} naming the option, what was given and the
   *     allowed range
   */
  static Duration option(String option, String value, Duration min, Duration max) {
    Duration d = parse(option, value);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new PcrUpgradeException(CliErrorCode.BAD_OPTION_VALUE, option + " must be between "
          + human(min) + " and " + human(max) + ", got '" + SafeText.escape(value) + "'");
    }
    return d;
  }

  /** The duration {@code value} of option {@code option}, any sign. */
  static Duration parse(String option, String value) {
    if (value == null || value.isBlank()) {
      throw new PcrUpgradeException(CliErrorCode.BAD_OPTION_VALUE,
          option + " needs a duration such as 90s, 5m or 1h");
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.endsWith("ms") && v.length() > 2) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      return Duration.parse("PT" + v.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
      throw new PcrUpgradeException(CliErrorCode.BAD_OPTION_VALUE, option + ": '"
          + SafeText.escape(value) + "' is not a duration; write 250ms, 90s, 5m or 1h30m");
    }
  }

  private static String human(Duration d) {
    if (d.toMillis() < 1000) {
      return d.toMillis() + "ms";
    }
    return ProgressPrinter.human(d);
  }
}
