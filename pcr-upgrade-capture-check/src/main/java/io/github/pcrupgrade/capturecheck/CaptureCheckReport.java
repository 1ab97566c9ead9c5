package io.github.pcrupgrade.capturecheck;

import io.github.pcrupgrade.core.capture.CaptureDifference;
import io.github.pcrupgrade.core.capture.CaptureDocument;
import java.util.List;
import java.util.Objects;

/**
 * What {@link CaptureCheck#of} found: every difference between a capture's recorded answers and
 * the simulation's. Immutable.
 *
 * @param source the capture compared (its file name)
 * @param origin who answered the capture: a {@code SIMULATED} capture is an example, a {@code
 *     REAL} one evidence of the product
 * @param statements how many recorded exchanges were compared
 * @param differences every difference, in the capture's order; empty when the simulation answers
 *     as recorded
 */
public record CaptureCheckReport(String source, CaptureDocument.Origin origin, int statements,
    List<CaptureDifference> differences) {

  /**
   * Checks the components are present and copies {@code differences}; none may be null.
   *
   * @param source the capture compared (its file name)
   * @param origin who answered the capture
   * @param statements how many recorded exchanges were compared
   * @param differences every difference, in the capture's order
   */
  public CaptureCheckReport {
    Objects.requireNonNull(differences, "differences");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(origin, "origin");
    differences = List.copyOf(differences);
  }

  /**
   * Whether the simulation answered every recorded statement as recorded.
   *
   * @return true when {@link #differences()} is empty
   */
  public boolean matches() {
    return differences.isEmpty();
  }

  /**
   * The differences of one kind.
   *
   * @param kind the kind wanted
   * @return those of {@link #differences()} of that kind, in the same order; possibly empty
   */
  public List<CaptureDifference> differences(CaptureDifference.Kind kind) {
    Objects.requireNonNull(kind, "kind");
    return differences.stream().filter(d -> d.kind() == kind).toList();
  }

  /**
   * Throws when there is a difference, for a test: an {@link AssertionError} whose message is
   * {@link #toText()}.
   */
  public void assertNoDifferences() {
    if (!matches()) {
      throw new AssertionError(toText());
    }
  }

  /**
   * A summary line, then one line per difference, then what to do. Text from the capture (its
   * statements) has its control characters escaped.
   *
   * @return the report as text for a person; a single line when nothing differs
   */
  public String toText() {
    if (matches()) {
      return "No difference: the simulation answers the " + statements + " recorded statements"
          + " of " + escape(source) + " as recorded (columns, types, value shapes, SQLSTATEs).";
    }
    StringBuilder b = new StringBuilder().append(differences.size())
        .append(" difference(s) between ").append(escape(source))
        .append(" and the simulation of the state it shows:\n");
    for (CaptureDifference d : differences) {
      b.append("  ").append(escape(d.toString())).append('\n');
    }
    return b.append("Next: ").append(origin == CaptureDocument.Origin.REAL
            ? "the capture is of a real cluster, so the simulation is wrong there; report it with"
                + " the capture."
            : "the capture is of the simulation; regenerate it if the simulation changed on"
                + " purpose.")
        .toString();
  }

  /** Control characters as {@code \\uXXXX} (line breaks included), so one difference is a line. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      if (Character.isISOControl(c)) {
        b.append(String.format("\\u%04x", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    return b.toString();
  }
}
