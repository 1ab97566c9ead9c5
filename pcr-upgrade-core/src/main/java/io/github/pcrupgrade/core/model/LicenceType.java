package io.github.pcrupgrade.core.model;

import java.time.Duration;
import java.util.Optional;

/**
 * The type of a CockroachDB licence, field 3 of the protobuf inside the key (crdb-pcr-sql-facts
 * 11.3), with how the product's enforcer treats it: whether it requires telemetry, and how long
 * after expiry throttling ({@code XXC02} beyond 5 concurrent transactions) starts. Read from
 * {@code crdb:pkg/server/license/enforcer.go} ({@code RefreshForLicenseChange}, stored commits
 * 9509e2d4 and 04201a24) and {@code license.go} (an unknown or deprecated type maps to
 * Enterprise).
 */
public enum LicenceType {
  /** Type 0, deprecated: the enforcer treats it as Enterprise (no telemetry, never throttled). */
  DEPRECATED(0, false, Optional.empty()),
  /** Type 1: Enterprise. No telemetry required; never throttled. */
  ENTERPRISE(1, false, Optional.empty()),
  /** Type 2: Evaluation. No telemetry required; throttled 30 days after expiry (enforcer.go). */
  EVALUATION(2, false, Optional.of(Duration.ofDays(30))),
  /** Type 3: Enterprise Free. Telemetry required; throttled 30 days after expiry. */
  FREE(3, true, Optional.of(Duration.ofDays(30))),
  /** Type 4: Enterprise Trial. Telemetry required; throttled 7 days after expiry. */
  TRIAL(4, true, Optional.of(Duration.ofDays(7)));

  private final int number;
  private final boolean telemetryRequired;
  private final Optional<Duration> throttleGrace;

  LicenceType(int number, boolean telemetryRequired, Optional<Duration> throttleGrace) {
    this.number = number;
    this.telemetryRequired = telemetryRequired;
    this.throttleGrace = throttleGrace;
  }

  /**
   * The number in the licence protobuf.
   *
   * @return 0 to 4, as listed on the constants
   */
  public int number() {
    return number;
  }

  /**
   * Whether the licence requires telemetry ({@code diagnostics.reporting.enabled}).
   *
   * @return true for FREE and TRIAL
   */
  public boolean telemetryRequired() {
    return telemetryRequired;
  }

  /**
   * How long after expiry throttling starts.
   *
   * @return 30 days (EVALUATION, FREE) or 7 days (TRIAL); empty when the type is never throttled
   */
  public Optional<Duration> throttleGrace() {
    return throttleGrace;
  }

  /**
   * The type with this protobuf number.
   *
   * @param number field 3 of the licence protobuf
   * @return the type; empty for a number the facts do not list
   */
  public static Optional<LicenceType> ofNumber(long number) {
    for (LicenceType t : values()) {
      if (t.number == number) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
