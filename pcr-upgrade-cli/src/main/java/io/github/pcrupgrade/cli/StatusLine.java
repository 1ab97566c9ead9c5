package io.github.pcrupgrade.cli;

import java.io.PrintWriter;

/**
 * One line of a terminal redrawn in place with a carriage return: the progress line of
 * {@code apply} and {@code demo} when standard output is a terminal. It writes to the raw output,
 * past {@link TerminalSafeWriter}, so it escapes its own text ({@link SafeText#escape}): the only
 * control character it ever sends is its own carriage return. Not thread-safe.
 */
final class StatusLine {

  private final PrintWriter raw;
  private int shown;

  /** A status line on {@code raw}, the terminal's unguarded writer. */
  StatusLine(PrintWriter raw) {
    this.raw = raw;
  }

  /** Replaces the line shown with {@code text} (blanking what is left of a longer one). */
  void show(String text) {
    String t = SafeText.escape(text);
    raw.print("\r" + t + " ".repeat(Math.max(0, shown - t.length())));
    raw.flush();
    shown = t.length();
  }

  /** Blanks the line and puts the cursor at its start, so that ordinary lines can follow. */
  void clear() {
    if (shown > 0) {
      raw.print("\r" + " ".repeat(shown) + "\r");
      raw.flush();
      shown = 0;
    }
  }
}
