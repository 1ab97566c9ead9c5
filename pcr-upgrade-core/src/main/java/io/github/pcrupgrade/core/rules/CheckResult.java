package io.github.pcrupgrade.core.rules;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of checking the rules on a snapshot: every violation found, errors first.
 *
 * @param violations the violations, errors before warnings, in a stable order
 */
public record CheckResult(List<Violation> violations) {

  public CheckResult {
    Objects.requireNonNull(violations, "violations");
    violations = violations.stream()
        .sorted((a, b) -> a.severity().compareTo(b.severity()))
        .toList();
  }

  /** True when nothing at all was found. */
  public boolean isClean() {
    return violations.isEmpty();
  }

  /** True when at least one ERROR was found. */
  public boolean hasErrors() {
    return violations.stream().anyMatch(Violation::isError);
  }

  public List<Violation> errors() {
    return violations.stream().filter(Violation::isError).toList();
  }

  public List<Violation> warnings() {
    return violations.stream().filter(v -> !v.isError()).toList();
  }

  /** The violations of one category. */
  public List<Violation> of(RuleCategory category) {
    Objects.requireNonNull(category, "category");
    return violations.stream().filter(v -> v.code().category() == category).toList();
  }

  /** True when a violation with this code was found. */
  public boolean has(RuleCode code) {
    Objects.requireNonNull(code, "code");
    return violations.stream().anyMatch(v -> v.code() == code);
  }

  /**
   * Returns this result when it has no errors.
   *
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
