package io.github.pcrupgrade.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The production and inline schedulers (the virtual one is tested in the testkit). */
class SchedulerTest {

  private static final Duration GENEROUS = Duration.ofSeconds(30);

  private static Scheduler system() {
    return Scheduler.system(r -> {
      Thread t = new Thread(r, "pcr-upgrade-test-call");
      t.setDaemon(true);
      return t;
    });
  }

  @Test
  void theSystemSchedulerRunsACallOnAWorkerAndSubmitReturnsAtOnce() throws Exception {
    // Given: a call that blocks until released
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<String> thread = new AtomicReference<>();
    Scheduler s = system();

    // When
    InFlight<String> f = s.submit("call", () -> {
      thread.set(Thread.currentThread().getName());
      release.await();
      return "done";
    });

    // Then: in flight until released, then its value
    assertThat(f.isDone()).isFalse();
    assertThat(f.await(Duration.ofMillis(20))).isFalse();
    assertThatThrownBy(f::result).isInstanceOf(IllegalStateException.class);
    release.countDown();
    assertThat(f.await(GENEROUS)).isTrue();
    assertThat(f.result()).isEqualTo("done");
    assertThat(thread.get()).isEqualTo("pcr-upgrade-test-call")
        .isNotEqualTo(Thread.currentThread().getName());
  }

  @Test
  void aCallsExceptionIsRethrownAsIsOrWrappedWhenChecked() throws Exception {
    Scheduler s = system();
    PcrUpgradeException typed = new PcrUpgradeException(CoreErrorCode.TRANSIENT, "lost");
    InFlight<Object> runtime = s.submit("a", () -> {
      throw typed;
    });
    InFlight<Object> checked = s.submit("b", () -> {
      throw new IOException("disk");
    });
    assertThat(runtime.await(GENEROUS)).isTrue();
    assertThat(checked.await(GENEROUS)).isTrue();
    assertThatThrownBy(runtime::result).isSameAs(typed);
    assertThatThrownBy(checked::result).isInstanceOfSatisfying(PcrUpgradeException.class,
        e -> assertThat(e.code()).isEqualTo(CoreErrorCode.PORT_FAILURE))
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void abandoningACallInterruptsItAndRunsTheActionItRegistered() throws Exception {
    // Given: a call blocked after registering a cancel action (what the JDBC adapters do with
    // Statement.cancel())
    Scheduler s = system();
    CountDownLatch registered = new CountDownLatch(1);
    CountDownLatch cancelRan = new CountDownLatch(1);
    AtomicReference<Throwable> seen = new AtomicReference<>();
    InFlight<Object> f = s.submit("blocked", () -> {
      try (Scheduler.Registration r = Scheduler.whenAbandoned(cancelRan::countDown)) {
        registered.countDown();
        new CountDownLatch(1).await();
        return null;
      } catch (InterruptedException e) {
        seen.set(e);
        throw e;
      }
    });
    assertThat(registered.await(30, TimeUnit.SECONDS)).isTrue();

    // When
    f.abandon();

    // Then
    assertThat(cancelRan.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(f.await(GENEROUS)).isTrue();
    assertThat(seen.get()).isInstanceOf(InterruptedException.class);
  }

  @Test
  void whenAbandonedOutsideAWorkerNeverRunsItsAction() {
    List<String> ran = new ArrayList<>();
    try (Scheduler.Registration r = Scheduler.whenAbandoned(() -> ran.add("ran"))) {
      assertThat(r).isNotNull();
    }
    assertThat(ran).isEmpty();
  }

  @Test
  void theInlineSchedulerRunsTheCallOnTheCallersThreadAndWaitsThroughItsSleeper()
      throws Exception {
    // Given
    List<Duration> slept = new ArrayList<>();
    Clock clock = Clock.fixed(Instant.parse("2026-01-05T12:00:00Z"), ZoneOffset.UTC);
    Scheduler s = Scheduler.inline(clock, slept::add);
    AtomicReference<Thread> ranOn = new AtomicReference<>();

    // When
    InFlight<Integer> f = s.submit("call", () -> {
      ranOn.set(Thread.currentThread());
      return 7;
    });
    s.sleep(Duration.ofSeconds(3));

    // Then
    assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    assertThat(f.isDone()).isTrue();
    assertThat(f.result()).isEqualTo(7);
    assertThat(slept).containsExactly(Duration.ofSeconds(3));
    assertThat(s.clock()).isSameAs(clock);
  }
}
