package io.github.pcrupgrade.testkit.internal.wire;

import io.github.pcrupgrade.core.version.ReleaseSeries;

/** Whether a server gates {@code crdb_internal} behind the session variable {@code allow_unsafe_internals}. */
public enum UnsafeInternalsGate {
  /** Before 25.4: no gate, and the session variable does not exist ({@code SET} fails with 42704). */
  ABSENT,
  /** 25.4: the gate exists and sessions start with {@code allow_unsafe_internals = on}. */
  DEFAULT_ON,
  /** 26.1 and later: sessions start with {@code allow_unsafe_internals = off}. */
  DEFAULT_OFF;

  /** The gate of a release series, per the release notes of 25.4 and 26.1. */
  public static UnsafeInternalsGate forSeries(ReleaseSeries series) {
    ReleaseSeries s = series.withoutDevOffset();
    if (s.isBefore(ReleaseSeries.of(25, 4))) {
      return ABSENT;
    }
    return s.isBefore(ReleaseSeries.of(26, 1)) ? DEFAULT_ON : DEFAULT_OFF;
  }

  /** True unless {@link #ABSENT}. */
  public boolean exists() {
    return this != ABSENT;
  }
}
