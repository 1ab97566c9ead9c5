package io.github.pcrupgrade.core.exec;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The re-send rule for one step (the project's {@code docs/design.md}): a finalization or STOP
 * SERVICE whose statement is no longer in flight is sent again only when the observed state has not
 * moved for at least {@code resendAfter}. Called by the run's task only while it waits for the
 * step to be done, that is, never while the run's own statement is in flight, so a long migration
 * that sits at one transitional version inside its statement is never re-sent. Not thread-safe.
 */
final class Resends {

  private final Duration after;
  private String state;
  private Instant since;
  private int sent;

  Resends(Duration after) {
    this.after = Objects.requireNonNull(after, "after");
  }

  /**
   * Records what is observed now; true when the statement should be sent again (the same state
   * has been seen for at least {@code after}). The quiet period then starts again.
   */
  boolean due(String observed, Instant now) {
    if (state == null || !state.equals(observed)) {
      state = observed;
      since = now;
      return false;
    }
    if (Duration.between(since, now).compareTo(after) < 0) {
      return false;
    }
    since = now;
    sent++;
    return true;
  }

  /** How many times the statement was sent again. */
  int sent() {
    return sent;
  }
}
