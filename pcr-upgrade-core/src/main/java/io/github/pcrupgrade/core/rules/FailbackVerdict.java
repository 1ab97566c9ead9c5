package io.github.pcrupgrade.core.rules;

import java.util.List;
import java.util.Objects;

/**
 * The answer to "may I fast-fail-back to the original primary now?".
 *
 * @param allowed true when a fast failback would not replicate from a newer cluster into an older
 * @param reason one line saying why or why not
 * @param violations the violations that forbid it (empty when allowed)
 */
public record FailbackVerdict(boolean allowed, String reason, List<Violation> violations) {
  /**
   * Copies the list.
   *
   * @param allowed the answer
   * @param reason not null
   * @param violations not null; may be empty
   */
  public FailbackVerdict {
    Objects.requireNonNull(violations, "violations");
    Objects.requireNonNull(reason, "reason");
    violations = List.copyOf(violations);
  }
}
