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

  public PreflightReport {
    Objects.requireNonNull(checks, "checks");
    checks = List.copyOf(checks);
  }

  /** The worst verdict, OK for an empty report. */
  public Verdict verdict() {
    return checks.stream().map(PreflightCheck::verdict).reduce(Verdict.OK, Verdict::worst);
  }

  /** The checks with this verdict. */
  public List<PreflightCheck> with(Verdict verdict) {
    Objects.requireNonNull(verdict, "verdict");
    return checks.stream().filter(c -> c.verdict() == verdict).toList();
  }

  /** The checks of this name. */
  public List<PreflightCheck> named(String name) {
    Objects.requireNonNull(name, "name");
    return checks.stream().filter(c -> c.name().equals(name)).toList();
  }
}
