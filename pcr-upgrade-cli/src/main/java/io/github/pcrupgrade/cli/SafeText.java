package io.github.pcrupgrade.cli;

/**
 * Makes text from outside (state files, servers, log messages of libraries) safe to print on a
 * terminal: every control character (C0, DEL, C1) and every Unicode line or paragraph separator is
 * written as an escape ({@code \n}, {@code \r}, {@code \t}, {@code \x1b}, {@code \u2028}), so
 * such text can neither start a line that looks like the tool's own output nor send a terminal
 * escape sequence. Printable text, non-ASCII letters included, is kept as it is.
 */
final class SafeText {

  private SafeText() {}

  /** {@code text} with every control character escaped; {@code "null"} for null. */
  static String escape(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder b = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String e = escapeOf(c);
      if (e != null && b == null) {
        b = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (b != null) {
        if (e != null) {
          b.append(e);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? text : b.toString();
  }

  private static String escapeOf(char c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      default:
        break;
    }
    if (c < 0x20 || c == 0x7f) {
      return String.format("\\x%02x", (int) c);
    }
    if ((c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
      return String.format("\\u%04x", (int) c);
    }
    return null;
  }
}
