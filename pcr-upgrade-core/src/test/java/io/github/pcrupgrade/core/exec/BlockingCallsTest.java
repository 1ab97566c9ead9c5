package io.github.pcrupgrade.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.spi.InFlight;
import io.github.pcrupgrade.core.spi.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The blocking-call loop (docs/design.md, "Time, blocking calls, the lease heartbeat and
 * cancellation"): while a call is in flight the lease is renewed every heartbeat = min(leaseTtl /
 * 3, pollInterval x 10); a failed renewal abandons the call and propagates; a cancellation gives
 * the call stopGrace, then abandons it; a call past its bound is abandoned. Runs on a virtual
 * clock: a call takes a scripted time, and waiting on it moves the clock.
 */
class BlockingCallsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A scheduler on a virtual clock whose calls take {@code takes} each. */
  private static class VirtualCalls implements Scheduler {
    Instant now = T0;
    Duration takes = Duration.ZERO;
    int abandoned;
    final List<Duration> heartbeatsAt = new ArrayList<>();

    @Override
    public Clock clock() {
      return Clock.fixed(now, ZoneOffset.UTC);
    }

    @Override
    public void sleep(Duration d) {
      now = now.plus(d);
    }

    @Override
    public <T> InFlight<T> submit(String what, Callable<T> call) {
      Instant ends = now.plus(takes);
      return new InFlight<>() {
        @Override
        public boolean await(Duration timeout) {
          if (!now.plus(timeout).isBefore(ends)) {
            now = now.isAfter(ends) ? now : ends;
            return true;
          }
          now = now.plus(timeout);
          return false;
        }

        @Override
        public boolean isDone() {
          return !now.isBefore(ends);
        }

        @Override
        public T result() {
          try {
            return call.call();
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }

        @Override
        public void abandon() {
          abandoned++;
        }
      };
    }

    BlockingCalls.Watch watch(boolean cancelled) {
      return new BlockingCalls.Watch() {
        @Override
        public void heartbeat() {
          heartbeatsAt.add(Duration.between(T0, now));
        }

        @Override
        public boolean cancelled() {
          return cancelled;
        }
      };
    }
  }

  private static ExecutorOptions options(Duration leaseTtl, Duration poll) {
    return ExecutorOptions.builder().leaseTtl(leaseTtl).pollInterval(poll).build();
  }

  @Test
  void theHeartbeatIsTheSmallerOfAThirdOfTheLeaseAndTenPolls() {
    assertThat(BlockingCalls.heartbeat(options(Duration.ofMinutes(5), Duration.ofSeconds(1))))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(BlockingCalls.heartbeat(options(Duration.ofSeconds(30), Duration.ofSeconds(5))))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(BlockingCalls.heartbeat(options(Duration.ofSeconds(60), Duration.ofSeconds(10))))
        .isEqualTo(Duration.ofSeconds(20));
    VirtualCalls s = new VirtualCalls();
    assertThat(new BlockingCalls(s, options(Duration.ofSeconds(60), Duration.ofSeconds(10)))
        .heartbeat()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void aQuickCallReturnsItsValueWithoutAHeartbeat() {
    VirtualCalls s = new VirtualCalls();
    s.takes = Duration.ofSeconds(3);
    BlockingCalls calls = new BlockingCalls(s, ExecutorOptions.defaults());

    assertThat(calls.run("SELECT 1", Duration.ofMinutes(1), () -> 42, s.watch(false)))
        .isEqualTo(42);
    assertThat(s.heartbeatsAt).isEmpty();
    assertThat(s.abandoned).isZero();
  }

  @Test
  void theLeaseIsRenewedEveryHeartbeatWhileALongCallRuns() {
    VirtualCalls s = new VirtualCalls();
    s.takes = Duration.ofSeconds(35);
    // defaults: leaseTtl 5 min, poll 1 s -> heartbeat 10 s
    BlockingCalls calls = new BlockingCalls(s, ExecutorOptions.defaults());

    assertThat(calls.run("finalize", Duration.ofHours(1), () -> "done", s.watch(false)))
        .isEqualTo("done");
    assertThat(s.heartbeatsAt).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20),
        Duration.ofSeconds(30));
    assertThat(s.abandoned).isZero();
  }

  @Test
  void theCallsExceptionIsRethrownAsIs() {
    VirtualCalls s = new VirtualCalls();
    s.takes = Duration.ofSeconds(15);
    BlockingCalls calls = new BlockingCalls(s, ExecutorOptions.defaults());
    IllegalArgumentException boom = new IllegalArgumentException("boom");

    assertThatThrownBy(() -> calls.run("x", Duration.ofHours(1), () -> {
      throw boom;
    }, s.watch(false))).isSameAs(boom);
  }

  @Test
  void aFailedRenewalAbandonsTheCallAndPropagates() {
    VirtualCalls s = new VirtualCalls();
    s.takes = Duration.ofMinutes(10);
    BlockingCalls calls = new BlockingCalls(s, ExecutorOptions.defaults());
    IllegalStateException lost = new IllegalStateException("lease lost");

    assertThatThrownBy(() -> calls.run("finalize", Duration.ofHours(1), () -> 1,
        new BlockingCalls.Watch() {
          @Override
          public void heartbeat() {
            throw lost;
          }

          @Override
          public boolean cancelled() {
            return false;
          }
        })).isSameAs(lost);
    assertThat(s.abandoned).isEqualTo(1);
    assertThat(s.now).isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void aCancelledRunGivesTheCallStopGraceThenAbandonsIt() {
    VirtualCalls s = new VirtualCalls();
    s.takes = Duration.ofMinutes(10);
    // stopGrace defaults to 30 s
    BlockingCalls calls = new BlockingCalls(s, ExecutorOptions.defaults());

    assertThatThrownBy(() -> calls.run("finalize", Duration.ofHours(1), () -> 1,
        s.watch(true))).isInstanceOfSatisfying(BlockingCalls.Abandoned.class, e -> {
          assertThat(e.why).isEqualTo(BlockingCalls.Why.CANCELLED);
          // one heartbeat (10 s), then the grace (30 s)
          assertThat(e.ran).isEqualTo(Duration.ofSeconds(40));
          assertThat(e.getMessage()).contains("finalize", "PT40S", "CANCELLED");
        });
    assertThat(s.abandoned).isEqualTo(1);
  }

  @Test
  void aCancelledRunTakesTheValueOfACallThatReturnsWithinTheGrace() {
    VirtualCalls s = new VirtualCalls();
    s.takes = Duration.ofSeconds(25);
    BlockingCalls calls = new BlockingCalls(s, ExecutorOptions.defaults());

    assertThat(calls.run("finalize", Duration.ofHours(1), () -> 7, s.watch(true))).isEqualTo(7);
    assertThat(s.abandoned).isZero();
  }

  @Test
  void aCallPastItsBoundIsAbandonedAtTheBound() {
    VirtualCalls s = new VirtualCalls();
    s.takes = Duration.ofHours(2);
    BlockingCalls calls = new BlockingCalls(s, ExecutorOptions.defaults());

    assertThatThrownBy(() -> calls.run("restart", Duration.ofSeconds(25), () -> 1,
        s.watch(false))).isInstanceOfSatisfying(BlockingCalls.Abandoned.class, e -> {
          assertThat(e.why).isEqualTo(BlockingCalls.Why.TIMED_OUT);
          // the last wait is cut to what is left of the bound: 10 + 10 + 5
          assertThat(e.ran).isEqualTo(Duration.ofSeconds(25));
        });
    assertThat(s.abandoned).isEqualTo(1);
    assertThat(s.heartbeatsAt).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20),
        Duration.ofSeconds(25));
  }

  @Test
  void aCallReturningExactlyAtItsBoundIsNotAbandoned() {
    VirtualCalls s = new VirtualCalls();
    s.takes = Duration.ofSeconds(20);
    BlockingCalls calls = new BlockingCalls(s, ExecutorOptions.defaults());

    assertThat(calls.run("restart", Duration.ofSeconds(20), () -> 1, s.watch(false)))
        .isEqualTo(1);
    assertThat(s.abandoned).isZero();
  }

  @Test
  void anInterruptedWaitAbandonsTheCallAsCancelledAndKeepsTheInterrupt() {
    Scheduler interrupting = new VirtualCalls() {
      @Override
      public <T> InFlight<T> submit(String what, Callable<T> call) {
        InFlight<T> inner = super.submit(what, call);
        return new InFlight<>() {
          @Override
          public boolean await(Duration timeout) throws InterruptedException {
            throw new InterruptedException();
          }

          @Override
          public boolean isDone() {
            return false;
          }

          @Override
          public T result() {
            return inner.result();
          }

          @Override
          public void abandon() {
            inner.abandon();
          }
        };
      }
    };
    VirtualCalls s = (VirtualCalls) interrupting;
    BlockingCalls calls = new BlockingCalls(s, ExecutorOptions.defaults());
    try {
      assertThatThrownBy(() -> calls.run("x", Duration.ofHours(1), () -> 1, s.watch(false)))
          .isInstanceOfSatisfying(BlockingCalls.Abandoned.class,
              e -> assertThat(e.why).isEqualTo(BlockingCalls.Why.CANCELLED));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(s.abandoned).isEqualTo(1);
    } finally {
      Thread.interrupted();
    }
  }
}
