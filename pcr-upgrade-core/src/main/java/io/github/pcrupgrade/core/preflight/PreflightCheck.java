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

  /**
   * Checks the components and escapes control characters in {@code seen} and {@code todo} (a
   * server's message may carry them) as {@code \\uXXXX}.
   *
   * @param name what was checked, stable for tools ({@code connectivity}, {@code licence}, ...)
   * @param subject the cluster (and VC) it is about, e.g. {@code primary} or {@code primary/main}
   * @param verdict OK, WARN or FAIL
   * @param seen what was observed, in one line (control characters are escaped here)
   * @param todo what to do; empty for OK
   * @param fact the fact the verdict rests on (section of the fact files), or empty
   * @throws NullPointerException naming the component that is null
   */
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

  /**
   * An OK check.
   *
   * @param name what was checked
   * @param subject the cluster (and VC) it is about
   * @param seen what was observed, one line
   * @param fact the fact the verdict rests on, or empty
   * @return the check, with an empty {@code todo}
   */
  public static PreflightCheck ok(String name, String subject, String seen, String fact) {
    return new PreflightCheck(name, subject, Verdict.OK, seen, "", fact);
  }

  /**
   * A WARN check.
   *
   * @param name what was checked
   * @param subject the cluster (and VC) it is about
   * @param seen what was observed, one line
   * @param todo what to look at or do
   * @param fact the fact the verdict rests on, or empty
   * @return the check
   */
  public static PreflightCheck warn(String name, String subject, String seen, String todo,
      String fact) {
    return new PreflightCheck(name, subject, Verdict.WARN, seen, todo, fact);
  }

  /**
   * A FAIL check.
   *
   * @param name what was checked
   * @param subject the cluster (and VC) it is about
   * @param seen what was observed, one line
   * @param todo what to fix before planning or applying
   * @param fact the fact the verdict rests on, or empty
   * @return the check
   */
  public static PreflightCheck fail(String name, String subject, String seen, String todo,
      String fact) {
    return new PreflightCheck(name, subject, Verdict.FAIL, seen, todo, fact);
  }
}
