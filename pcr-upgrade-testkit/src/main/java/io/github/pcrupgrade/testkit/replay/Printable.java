package io.github.pcrupgrade.testkit.replay;

/** Text from a capture file made safe to print: control characters escaped. */
final class Printable {
  private Printable() {}

  static String of(String text) {
    StringBuilder b = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (Character.isISOControl(c)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
