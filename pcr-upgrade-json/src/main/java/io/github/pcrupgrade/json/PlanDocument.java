package io.github.pcrupgrade.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.plan.PlanResult;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.rules.Violation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The plan document, schema version {@value #SCHEMA_VERSION} ({@code docs/plan.md}): what
 * {@code pcr-upgrade plan --format json} prints.
 *
 * @param schemaVersion the document's schema version
 * @param refused true when no plan can be made
 * @param plan the plan, exactly when not refused
 * @param violations why the plan is refused, exactly when refused (not written otherwise)
 */
public record PlanDocument(int schemaVersion, boolean refused, Optional<UpgradePlan> plan,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Violation> violations) {

  /** The schema version this class writes. */
  public static final int SCHEMA_VERSION = 2;

  public PlanDocument {
    Objects.requireNonNull(plan, "plan");
    violations = violations == null ? List.of() : List.copyOf(violations);
    if (refused == plan.isPresent() || refused == violations.isEmpty()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, refused
          ? "a refused plan document has \"violations\" and no \"plan\""
          : "a plan document that is not refused has a \"plan\" and no \"violations\"");
    }
  }

  /** The document of a planning result. */
  public static PlanDocument of(PlanResult result) {
    return new PlanDocument(SCHEMA_VERSION, result.isRefused(), result.plan(), result.refusal());
  }

  /** The planning result this document describes. */
  public PlanResult toPlanResult() {
    return refused ? PlanResult.refused(violations) : PlanResult.planned(plan.orElseThrow());
  }
}
