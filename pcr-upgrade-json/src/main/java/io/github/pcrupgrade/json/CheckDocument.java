package io.github.pcrupgrade.json;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.rules.CheckResult;
import io.github.pcrupgrade.core.rules.Violation;
import java.util.List;
import java.util.Objects;

/**
 * The check result document, schema version {@value #SCHEMA_VERSION} ({@code docs/run-report.md}):
 * what {@code pcr-upgrade check --format json} prints.
 *
 * @param schemaVersion the document's schema version
 * @param clean no violation at all
 * @param hasErrors at least one ERROR
 * @param violations the violations, errors first
 */
public record CheckDocument(int schemaVersion, boolean clean, boolean hasErrors,
    List<Violation> violations) {

  /** The schema version this class writes. */
  public static final int SCHEMA_VERSION = 1;

  /**
   * Checks that {@code clean} and {@code hasErrors} say what {@code violations} says; a
   * {@code null} {@code violations} reads as empty.
   *
   * @param schemaVersion the document's schema version
   * @param clean true exactly when there is no violation
   * @param hasErrors true exactly when a violation is an ERROR
   * @param violations the violations, errors first
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when they contradict each other;
   *     {@link JsonDocuments#read} reports it as {@code MALFORMED_DOCUMENT}
   */
  public CheckDocument {
    violations = violations == null ? List.of() : List.copyOf(violations);
    CheckResult result = new CheckResult(violations);
    if (clean != result.isClean() || hasErrors != result.hasErrors()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "\"clean\" and \"hasErrors\" contradict \"violations\": "
          + violations.size() + " violation(s) give clean " + result.isClean() + " and hasErrors "
          + result.hasErrors());
    }
  }

  /**
   * The document of a check result, at schema version {@value #SCHEMA_VERSION}.
   *
   * @param result what the rules found
   * @return the document {@code check --format json} prints
   */
  public static CheckDocument of(CheckResult result) {
    Objects.requireNonNull(result, "result");
    return new CheckDocument(SCHEMA_VERSION, result.isClean(), result.hasErrors(),
        result.violations());
  }

  /**
   * The check result this document describes.
   *
   * @return a check result of {@link #violations()}
   */
  public CheckResult toCheckResult() {
    return new CheckResult(violations);
  }
}
