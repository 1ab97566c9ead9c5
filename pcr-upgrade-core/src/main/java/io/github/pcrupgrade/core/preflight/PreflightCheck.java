package io.github.pcrupgrade.core.preflight;

import java.util.Objects;

/**
 * One check of a preflight and its verdict.
 *
 * @param name what was checked, stable for tools ({@code connectivity}, {@code licence}, ...)
 * @param subject the cluster (and VC) it is about, e.g. {@code primary} or {@code primary/main}
 * @param verdict OK, WARN or FAIL
 * @param seen what was observed, in one line (control characters are escaped here)
 * @param todo what to do; empty for OK
 * @param fact the fact the verdict rests on (section of the fact files), or empty
 */
public record PreflightCheck(
    String name, String subject, Verdict verdict, String seen, String todo, String fact) {

  public PreflightCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(seen, "seen");
    Objects.requireNonNull(todo, "todo");
    Objects.requireNonNull(fact, "fact");
    seen = printable(seen);
    todo = printable(todo);
  }

  /** Control characters (which a server's message may carry) as {@code \\uXXXX}. */
  private static String printable(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** An OK check. */
  public static PreflightCheck ok(String name, String subject, String seen, String fact) {
    return new PreflightCheck(name, subject, Verdict.OK, seen, "", fact);
  }

  /** A WARN check. */
  public static PreflightCheck warn(String name, String subject, String seen, String todo,
      String fact) {
    return new PreflightCheck(name, subject, Verdict.WARN, seen, todo, fact);
  }

  /** A FAIL check. */
  public static PreflightCheck fail(String name, String subject, String seen, String todo,
      String fact) {
    return new PreflightCheck(name, subject, Verdict.FAIL, seen, todo, fact);
  }
}
