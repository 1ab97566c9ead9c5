package io.github.pcrupgrade.json;

/** Text from a document made safe to print: control characters escaped, length bounded. */
final class Printable {

  private Printable() {}

  /** {@code text} with control characters as {@code \\uXXXX}, cut after {@code max} chars. */
  static String of(String text, int max) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < text.length() && b.length() < max; i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.length() >= max && text.length() > max ? b + "..." : b.toString();
  }
}
