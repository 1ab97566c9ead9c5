package io.github.pcrupgrade.testkit.internal.wire;

import io.github.pcrupgrade.testkit.sql.WireStats;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The mutable counters behind {@link WireStats}; thread-safe. */
final class WireCounters {
  final AtomicLong refused = new AtomicLong();
  final AtomicLong buffered = new AtomicLong();
  final AtomicLong peakBuffered = new AtomicLong();
  final AtomicInteger partial = new AtomicInteger();
  final AtomicLong timedOut = new AtomicLong();
  final AtomicLong failed = new AtomicLong();

  /** Accounts {@code delta} bytes of message buffer (negative when released). */
  void buffer(long delta) {
    long now = buffered.addAndGet(delta);
    peakBuffered.accumulateAndGet(now, Math::max);
  }

  WireStats snapshot(int open) {
    return new WireStats(open, refused.get(), buffered.get(), peakBuffered.get(), partial.get(),
        timedOut.get(), failed.get());
  }
}
