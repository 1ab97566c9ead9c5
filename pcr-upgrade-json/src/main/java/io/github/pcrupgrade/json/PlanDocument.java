package io.github.pcrupgrade.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.plan.PlanResult;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.rules.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The plan document, schema version {@value #SCHEMA_VERSION} ({@code docs/plan.md}): what
 * {@code pcr-upgrade plan --format json} prints. Version 1 (no estimates) is still read: its
 * steps have no {@code estimate} and it has no {@code estimatedDuration}.
 *
 * @param schemaVersion the document's schema version
 * @param refused true when no plan can be made
 * @param plan the plan, exactly when not refused
 * @param violations why the plan is refused, exactly when refused (not written otherwise)
 * @param estimatedDuration the sum of the plan's step estimates, exactly when every step has one
 *     (absent in a refused document and in version 1)
 */
public record PlanDocument(int schemaVersion, boolean refused, Optional<UpgradePlan> plan,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Violation> violations,
    Optional<Duration> estimatedDuration) {

  /** The schema version this class writes. */
  public static final int SCHEMA_VERSION = 2;

  /**
   * Checks that the components agree: a {@code null} {@code violations} or
   * {@code estimatedDuration} reads as empty.
   *
   * @param schemaVersion the document's schema version
   * @param refused true when no plan can be made
   * @param plan the plan; present exactly when not refused
   * @param violations why the plan is refused; non-empty exactly when refused
   * @param estimatedDuration the sum of the plan's step estimates; present exactly when every
   *     step has one
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when {@code refused} does not match
   *     {@code plan} and {@code violations} (a refused document has violations and no plan,
   *     another a plan and no violations), or {@code estimatedDuration} is not the sum of the
   *     plan's step estimates; {@link JsonDocuments#read} reports it as
   *     {@code MALFORMED_DOCUMENT}
   */
  public PlanDocument {
    Objects.requireNonNull(plan, "plan");
    violations = violations == null ? List.of() : List.copyOf(violations);
    if (refused == plan.isPresent() || refused == violations.isEmpty()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, refused
          ? "a refused plan document has \"violations\" and no \"plan\""
          : "a plan document that is not refused has a \"plan\" and no \"violations\"");
    }
    estimatedDuration = estimatedDuration == null ? Optional.empty() : estimatedDuration;
    Optional<Duration> sum = plan.flatMap(UpgradePlan::estimatedDuration);
    if (!estimatedDuration.equals(sum)) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, sum.isPresent()
          ? "\"estimatedDuration\" is the sum of the steps' estimates, " + sum.get() + ", not "
              + estimatedDuration.map(Duration::toString).orElse("absent")
          : "\"estimatedDuration\" is given only when every step has an \"estimate\"");
    }
  }

  /**
   * The document of a planning result, at schema version {@value #SCHEMA_VERSION}.
   *
   * @param result a plan, or the violations that refused one
   * @return the document {@code plan --format json} prints
   */
  public static PlanDocument of(PlanResult result) {
    return new PlanDocument(SCHEMA_VERSION, result.isRefused(), result.plan(), result.refusal(),
        result.plan().flatMap(UpgradePlan::estimatedDuration));
  }

  /**
   * The planning result this document describes.
   *
   * @return a refused result with {@link #violations()}, or the planned {@link #plan()}
   */
  public PlanResult toPlanResult() {
    return refused ? PlanResult.refused(violations) : PlanResult.planned(plan.orElseThrow());
  }
}
