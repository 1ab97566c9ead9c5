package io.github.pcrupgrade.testkit;

import java.time.Instant;
import java.util.Objects;

/**
 * A fault the simulation applied: its trigger fired (or it was injected now) at {@code at}. An
 * armed fault (a restart that will fail, queued transient errors) counts here when it is armed,
 * not when it bites.
 *
 * @param at the virtual time it was applied
 * @param fault the fault
 */
public record FiredFault(Instant at, Fault fault) {
  /**
   * Checks that no component is null.
   *
   * @param at the virtual time it was applied
   * @param fault the fault
   * @throws NullPointerException if either is null
   */
  public FiredFault {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(fault, "fault");
  }

  /**
   * The fault's kind: its record's simple name, e.g. {@code NodeDies}.
   *
   * @return the simple name of the fault's record type
   */
  public String kind() {
    return fault.getClass().getSimpleName();
  }
}
