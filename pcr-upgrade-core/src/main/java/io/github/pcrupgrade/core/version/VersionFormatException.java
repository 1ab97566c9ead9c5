package io.github.pcrupgrade.core.version;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;

/**
 * Thrown by every version parser for any input that is not in an accepted form. The message quotes
 * the input and lists the accepted forms. No other exception type escapes a parser.
 */
public final class VersionFormatException extends PcrUpgradeException {

  private static final long serialVersionUID = 1L;

  /** The rejected input, as given; null when the input was null. */
  private final String input;

  VersionFormatException(String kind, String input, String acceptedForms) {
    super(
        CoreErrorCode.MALFORMED_VERSION,
        "not a valid " + kind + ": " + quote(input) + "; accepted forms: " + acceptedForms);
    this.input = input;
  }

  /**
   * The rejected input.
   *
   * @return the input as given, not shortened (the message shows at most its first 80
   *     characters); null when the input was null
   */
  public String input() {
    return input;
  }

  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return "'" + shown + "'";
  }
}
