package io.github.pcrupgrade.core.spi;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** {@link Scheduler#system}: real time, one worker thread per call. */
final class ThreadScheduler implements Scheduler {

  private final Clock clock;
  private final ThreadFactory threads;

  ThreadScheduler(Clock clock, ThreadFactory threads) {
    this.clock = clock;
    this.threads = threads;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public void sleep(Duration d) throws InterruptedException {
    if (d.isNegative() || d.isZero()) {
      return;
    }
    Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
  }

  @Override
  public <T> InFlight<T> submit(String what, Callable<T> call) {
    Call<T> c = new Call<>(call);
    Thread carrier = threads.newThread(c);
    Worker w = new Worker(carrier, c);
    c.worker = w;
    w.start();
    return c;
  }

  /**
   * The thread a call runs on. It wraps the factory's thread so that the factory decides the name,
   * daemon flag and priority; {@link Scheduler#whenAbandoned} finds the worker through it.
   */
  static final class Worker extends Thread {
    private final AtomicReference<Runnable> onAbandon = new AtomicReference<>();

    Worker(Thread template, Runnable body) {
      super(template.getThreadGroup(), body, template.getName());
      setDaemon(template.isDaemon());
      setPriority(template.getPriority());
    }

    Scheduler.Registration onAbandon(Runnable action) {
      onAbandon.set(action);
      return () -> onAbandon.compareAndSet(action, null);
    }

    void abandon() {
      Runnable r = onAbandon.getAndSet(null);
      interrupt();
      if (r != null) {
        try {
          r.run();
        } catch (RuntimeException ignored) {
          // the call is being given up; a failing cancel action changes nothing for the caller
        }
      }
    }
  }

  private static final class Call<T> implements InFlight<T>, Runnable {
    private final Callable<T> call;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Worker worker;
    private volatile T value;
    private volatile Throwable failure;

    Call(Callable<T> call) {
      this.call = call;
    }

    @Override
    public void run() {
      try {
        value = call.call();
      } catch (Throwable t) {
        failure = t;
      } finally {
        done.countDown();
      }
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
      return done.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean isDone() {
      return done.getCount() == 0;
    }

    @Override
    public T result() {
      if (!isDone()) {
        throw new IllegalStateException("the call has not returned yet");
      }
      return InlineScheduler.unwrap(value, failure);
    }

    @Override
    public void abandon() {
      Worker w = worker;
      if (w != null && !isDone()) {
        w.abandon();
      }
    }
  }

  static PcrUpgradeException wrap(Throwable t) {
    return new PcrUpgradeException(CoreErrorCode.PORT_FAILURE, String.valueOf(t.getMessage()), t);
  }
}
