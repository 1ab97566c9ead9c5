package io.github.pcrupgrade.core.rules;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The outcome of checking the rules on a snapshot: every violation found, errors first.
 *
 * @param violations the violations, errors before warnings, in a stable order
 */
public record CheckResult(List<Violation> violations) {

  /** No violation: an empty list of the kind {@link java.util.stream.Stream#toList()} gives. */
  private static final List<Violation> NONE = Stream.<Violation>empty().toList();

  /**
   * Sorts the violations, errors first; the order within each severity is kept.
   *
   * @param violations not null; may be empty
   */
  public CheckResult {
    Objects.requireNonNull(violations, "violations");
    // a clean check (the planner's and the executor's common case) skips the stream; NONE is the
    // very kind of list the stream would give
    violations = violations.isEmpty() ? NONE : violations.stream()
        .sorted((a, b) -> a.severity().compareTo(b.severity()))
        .toList();
  }

  /**
   * Whether nothing at all was found.
   *
   * @return true when there is neither an error nor a warning
   */
  public boolean isClean() {
    return violations.isEmpty();
  }

  /**
   * Whether the deployment is in danger or an upgrade must not proceed.
   *
   * @return true when at least one violation has severity {@link Severity#ERROR}
   */
  public boolean hasErrors() {
    return violations.stream().anyMatch(Violation::isError);
  }

  /**
   * The errors.
   *
   * @return an immutable list of the violations of severity {@link Severity#ERROR}, in order;
   *     empty when there is none
   */
  public List<Violation> errors() {
    return violations.stream().filter(Violation::isError).toList();
  }

  /**
   * The warnings.
   *
   * @return an immutable list of the violations of severity {@link Severity#WARNING}, in order;
   *     empty when there is none
   */
  public List<Violation> warnings() {
    return violations.stream().filter(v -> !v.isError()).toList();
  }

  /**
   * The violations of one category.
   *
   * @param category the category of the violations' codes
   * @return an immutable list, errors first; empty when there is none
   */
  public List<Violation> of(RuleCategory category) {
    Objects.requireNonNull(category, "category");
    return violations.stream().filter(v -> v.code().category() == category).toList();
  }

  /**
   * Whether a violation with this code was found.
   *
   * @param code the rule
   * @return true when at least one violation has it
   */
  public boolean has(RuleCode code) {
    Objects.requireNonNull(code, "code");
    return violations.stream().anyMatch(v -> v.code() == code);
  }

  /**
   * Returns this result when it has no errors.
   *
   * @return this result, warnings and all
   * @throws PcrUpgradeException {@code PLAN_REFUSED} listing the errors otherwise
   */
  public CheckResult orThrow() {
    if (hasErrors()) {
      throw new PcrUpgradeException(CoreErrorCode.PLAN_REFUSED,
          "the deployment breaks " + errors().size() + " rule(s): "
              + errors().stream().map(Violation::toString).collect(Collectors.joining("; ")));
    }
    return this;
  }
}
