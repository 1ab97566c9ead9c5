package io.github.pcrupgrade.core.version;

/**
 * A small cursor over a version string. Every failure becomes a {@link VersionFormatException}
 * quoting the whole input, so that no other exception type escapes a parser.
 */
final class VersionText {

  /** Enough for every int: the value types print any non-negative int and must read it back. */
  private static final int MAX_DIGITS = 10;

  private final String input;
  private final String kind;
  private final String forms;
  private int pos;

  VersionText(String input, String kind, String forms) {
    this.input = input;
    this.kind = kind;
    this.forms = forms;
    if (input == null || input.isEmpty() || input.length() > 200) {
      throw fail();
    }
  }

  VersionFormatException fail() {
    return new VersionFormatException(kind, input, forms);
  }

  boolean atEnd() {
    return pos == input.length();
  }

  void end() {
    if (!atEnd()) {
      throw fail();
    }
  }

  boolean tryLiteral(String literal) {
    if (input.startsWith(literal, pos)) {
      pos += literal.length();
      return true;
    }
    return false;
  }

  void literal(String literal) {
    if (!tryLiteral(literal)) {
      throw fail();
    }
  }

  /** A run of ASCII digits, returned as text (leading zeros kept). */
  String digits() {
    int start = pos;
    while (pos < input.length() && isDigit(input.charAt(pos))) {
      pos++;
    }
    if (pos == start || pos - start > MAX_DIGITS) {
      throw fail();
    }
    return input.substring(start, pos);
  }

  /** A non-negative number without superfluous leading zeros. */
  int number() {
    String d = digits();
    if (d.length() > 1 && d.charAt(0) == '0') {
      throw fail();
    }
    return toInt(d);
  }

  /** A number that may be zero-padded (step numbers: {@code 004}). */
  int paddedNumber() {
    return toInt(digits());
  }

  /** At most {@link #MAX_DIGITS} ASCII digits as an int; above {@code Integer.MAX_VALUE} fails. */
  int toInt(String digits) {
    long value = Long.parseLong(digits);
    if (value > Integer.MAX_VALUE) {
      throw fail();
    }
    return (int) value;
  }

  ReleaseSeries series() {
    int year = number();
    literal(".");
    int release = number();
    return new ReleaseSeries(year, release);
  }

  /** A run of lower-case hex digits (a git commit abbreviation). */
  String hex() {
    int start = pos;
    while (pos < input.length() && isHex(input.charAt(pos))) {
      pos++;
    }
    if (pos - start < 4 || pos - start > 40) {
      throw fail();
    }
    return input.substring(start, pos);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f');
  }
}
