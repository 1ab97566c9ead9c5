package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.exec.ExecutorOptions;
import java.time.Duration;

/**
 * When {@code apply} cuts a run that has not returned after a stop request. The executor stops by
 * itself: it sees the cancellation within one poll (while it waits) or one lease heartbeat (while
 * a call is in flight; heartbeat = min(leaseTtl / 3, pollInterval x 10), the project's
 * docs/design.md), then gives the call in flight {@code stopGrace} and abandons it. The cut is for
 * a run blocked where it sees no cancellation (the approval prompt), so it waits for all of that
 * and a margin for journaling the stop and releasing the lease.
 */
final class StopFallback {

  /** The time the run has, past the grace and the time to see the stop, to journal and return. */
  static final Duration MARGIN = Duration.ofSeconds(5);

  private StopFallback() {}

  /** stopGrace + max(maxPollInterval, heartbeat) + {@link #MARGIN}. */
  static Duration after(ExecutorOptions o) {
    Duration heartbeat = min(o.leaseTtl().dividedBy(3), o.pollInterval().multipliedBy(10));
    Duration seeStop = max(o.maxPollInterval(), heartbeat);
    return o.stopGrace().plus(seeStop).plus(MARGIN);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
