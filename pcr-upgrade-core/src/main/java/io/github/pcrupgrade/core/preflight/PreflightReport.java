package io.github.pcrupgrade.core.preflight;

import java.util.List;
import java.util.Objects;

/**
 * Every check of one preflight, in the order they ran.
 *
 * @param checks the checks
 * @param unreachable true when a cluster could not be reached (or is not CockroachDB): the checks
 *     that needed it are missing, and the report says so in a FAIL line
 */
public record PreflightReport(List<PreflightCheck> checks, boolean unreachable) {

  /**
   * Copies {@code checks}.
   *
   * @param checks the checks
   * @param unreachable true when a cluster could not be reached (or is not CockroachDB): the checks
   *     that needed it are missing, and the report says so in a FAIL line
   * @throws NullPointerException when {@code checks} is null or holds null
   */
  public PreflightReport {
    Objects.requireNonNull(checks, "checks");
    checks = List.copyOf(checks);
  }

  /** {@return the worst verdict of all checks; OK for an empty report} */
  public Verdict verdict() {
    return checks.stream().map(PreflightCheck::verdict).reduce(Verdict.OK, Verdict::worst);
  }

  /**
   * The checks with this verdict.
   *
   * @param verdict the verdict to select
   * @return those checks in report order, immutable; empty when none has it
   */
  public List<PreflightCheck> with(Verdict verdict) {
    Objects.requireNonNull(verdict, "verdict");
    return checks.stream().filter(c -> c.verdict() == verdict).toList();
  }

  /**
   * The checks of this name.
   *
   * @param name a check's stable name, for example {@code licence}
   * @return those checks in report order (one per cluster or VC), immutable; empty when none ran
   */
  public List<PreflightCheck> named(String name) {
    Objects.requireNonNull(name, "name");
    return checks.stream().filter(c -> c.name().equals(name)).toList();
  }
}
