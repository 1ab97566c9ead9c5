package io.github.pcrupgrade.core.spi;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@link Scheduler#inline}: calls run on the caller's thread; waits go through a sleeper. */
final class InlineScheduler implements Scheduler {

  private final Clock clock;
  private final Sleeper sleeper;

  InlineScheduler(Clock clock, Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    sleeper.sleep(duration);
  }

  @Override
  public <T> InFlight<T> submit(String what, Callable<T> call) {
    T value = null;
    Throwable failure = null;
    try {
      value = call.call();
    } catch (Throwable t) {
      failure = t;
    }
    T v = value;
    Throwable f = failure;
    return new InFlight<>() {
      @Override
      public boolean await(Duration timeout) {
        return true;
      }

      @Override
      public boolean isDone() {
        return true;
      }

      @Override
      public T result() {
        return unwrap(v, f);
      }

      @Override
      public void abandon() { }
    };
  }

  /** The value, or the failure rethrown as {@link InFlight#result()} specifies. */
  static <T> T unwrap(T value, Throwable failure) {
    if (failure == null) {
      return value;
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    throw ThreadScheduler.wrap(failure);
  }
}
