package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.spi.InFlight;
import io.github.pcrupgrade.core.spi.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A deterministic virtual-time {@link Scheduler} (the project's {@code docs/design.md}). Every task
 * (the thread that first uses the scheduler, each submitted call, a second executor started with
 * {@link #start}) runs on a thread of its own (a finished task's thread is kept for a later task,
 * and ends after a short idle time), but exactly one runs at a time: a task runs until it sleeps, awaits
 * a call, blocks in the simulation ({@link #block}) or ends; the scheduler then resumes the parked
 * task with the earliest wake-up time (ties in the order the tasks were created), first moving the
 * simulation's virtual clock to that time through the simulation's own advance (so every simulated
 * event due by then runs, in order). A 10-minute blocking statement therefore parks its task at
 * t + 10 min while the run's lease heartbeat and a second executor go on at their own virtual
 * times, and the run is reproducible from its seed.
 *
 * <p>The first thread to call the scheduler when no task runs becomes a task. A thread that is not
 * a task and calls it while a task runs (an outsider: tests that run executors on threads of their
 * own, a wire connection's thread) is served inline, as the deployment's sleeper did: its sleep
 * and block advance the clock at once, its submitted call runs on its own thread before
 * {@code submit} returns. Only tasks are reproducible from the seed.
 * {@link InFlight#abandon()} does not interrupt the task's thread (it is parked on the
 * scheduler's monitor); it marks the task, which then sees an {@code InterruptedException} from
 * its next (or current) sleep or block, at the current virtual time. Task threads are daemons, so
 * a test that ends while a task is parked leaves nothing running.
 */
public final class VirtualScheduler implements Scheduler {

  /** How long an outsider's await waits in real time for a task's call. */
  private static final Duration OUTSIDER_WAIT = Duration.ofSeconds(60);

  private final Clock clock;
  private final Consumer<Instant> advanceTo;
  private final Object lock;
  private final PriorityQueue<Task> parked = new PriorityQueue<>(
      Comparator.comparing((Task t) -> t.wake).thenComparingLong(t -> t.order));
  private final Map<Thread, Task> tasks = new IdentityHashMap<>();
  private final java.util.ArrayDeque<Worker> idle = new java.util.ArrayDeque<>();

  /** How long an idle task thread waits, in real time, for another task before it ends. */
  private static final Duration IDLE_WORKER_LIFETIME = Duration.ofSeconds(2);
  private Task running;
  private long created;

  /**
   * @param clock the virtual clock
   * @param advanceTo moves the virtual clock to an instant, running what falls due
   *     ({@code SimulatedDeployment::advanceTo})
   */
  public VirtualScheduler(Clock clock, Consumer<Instant> advanceTo) {
    this(clock, advanceTo, new Object());
  }

  /**
   * A scheduler whose parked tasks wait on {@code monitor}: the simulation's own lock, so that a
   * task parked inside a blocking statement (which runs holding that lock) releases it while it
   * is parked ({@link Object#wait()} releases every hold), and the other tasks can reach the
   * simulation meanwhile.
   */
  VirtualScheduler(Clock clock, Consumer<Instant> advanceTo, Object monitor) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.advanceTo = Objects.requireNonNull(advanceTo, "advanceTo");
    this.lock = Objects.requireNonNull(monitor, "monitor");
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    Objects.requireNonNull(duration, "duration");
    Task me = current();
    Duration d = duration.isNegative() ? Duration.ZERO : duration;
    if (me == null) {
      if (Thread.interrupted()) {
        throw new InterruptedException("sleep interrupted");
      }
      advanceTo.accept(clock.instant().plus(d));
      return;
    }
    park(me, clock.instant().plus(d));
  }

  /**
   * Parks the calling task for {@code duration} of virtual time: what the simulation's blocking
   * hook ({@code SimulatedDeployment.block}) does for a blocking statement (a finalization, STOP
   * SERVICE) while it holds its caller. Called by a thread that is not a task while a task runs
   * (a wire connection's thread without a real-time driver), it advances the clock at once
   * instead, as the simulation did before.
   *
   * @param duration how much virtual time the statement takes; negative counts as zero
   * @throws InterruptedException when the task was abandoned (or its thread interrupted) while it
   *     blocked
   */
  public void block(Duration duration) throws InterruptedException {
    sleep(duration);
  }

  @Override
  public <T> InFlight<T> submit(String what, Callable<T> call) {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(call, "call");
    Call<T> c = new Call<>(call);
    if (current() == null) {
      try {
        c.value = call.call();
      } catch (Throwable e) {
        c.failure = e;
      }
      c.done = true;
      return c;
    }
    Task t;
    synchronized (lock) {
      t = new Task(what, created++);
      c.task = t;
      t.wake = clock.instant();
      parked.add(t);
    }
    Worker w;
    synchronized (lock) {
      w = idle.pollFirst();
    }
    boolean fresh = w == null;
    if (fresh) {
      w = new Worker();
    }
    synchronized (lock) {
      t.thread = w.thread;
      tasks.put(w.thread, t);
    }
    Worker worker = w;
    w.assign(() -> body(t, c, worker), "virtual-" + what);
    if (fresh) {
      w.thread.start();
    }
    return c;
  }

  /**
   * A task thread, kept for the next task once its own has ended (starting a thread costs far
   * more than a handoff, and a run submits one call per port call). An idle worker ends after
   * {@link #IDLE_WORKER_LIFETIME} of real time without work, so a scheduler that is no longer
   * used leaves no thread behind. Reuse changes which thread runs a task, never when it runs.
   */
  private final class Worker implements Runnable {
    final Thread thread;
    private Runnable job;
    private String name;

    Worker() {
      thread = new Thread(this, "virtual-worker");
      thread.setDaemon(true);
    }

    synchronized void assign(Runnable next, String taskName) {
      job = next;
      name = taskName;
      notifyAll();
    }

    @Override
    public void run() {
      while (true) {
        Runnable next;
        synchronized (this) {
          long until = System.nanoTime() + IDLE_WORKER_LIFETIME.toNanos();
          while (job == null) {
            long left = until - System.nanoTime();
            if (left <= 0) {
              synchronized (lock) {
                if (idle.remove(this)) {
                  return;
                }
              }
              // taken from the idle list just now: its job is on the way
              until = System.nanoTime() + IDLE_WORKER_LIFETIME.toNanos();
              continue;
            }
            try {
              wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
              // a worker is only ever stopped by its idle lifetime
            }
          }
          next = job;
          job = null;
          thread.setName(name);
        }
        Thread.interrupted(); // a task's abandonment is a flag on the task, never the thread's
        next.run(); // ends by putting this worker back on the idle list
      }
    }
  }

  /**
   * Starts {@code body} as a task of its own (a second executor, an outside actor) that runs when
   * the scheduler reaches it; the same as {@link #submit}. It starts parked at the current
   * virtual time, behind the tasks already parked there, and first runs when the calling task
   * sleeps, awaits or blocks. Called by an outsider while a task runs, it runs {@code body} at
   * once on the calling thread instead.
   *
   * @param <T> the body's result type
   * @param name the task's name, also its thread's ({@code virtual-<name>}) while it runs
   * @param body what the task does; its exception is rethrown by {@link InFlight#result()}
   * @return the task's handle: await it, read its result, or abandon it
   * @throws NullPointerException if {@code body} is null
   */
  public <T> InFlight<T> start(String name, Callable<T> body) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(body, "body");
    return submit(name, body);
  }

  /**
   * The current virtual time.
   *
   * @return the virtual clock's instant
   */
  public Instant now() {
    return clock.instant();
  }

  private <T> void body(Task me, Call<T> c, Worker worker) {
    synchronized (lock) {
      while (running != me) {
        waitQuietly();
      }
    }
    T value = null;
    Throwable failure = null;
    try {
      value = c.call.call();
    } catch (Throwable e) {
      failure = e;
    }
    List<Task> waiters;
    synchronized (lock) {
      c.value = value;
      c.failure = failure;
      c.done = true;
      waiters = new ArrayList<>(c.waiters);
      Instant now = clock.instant();
      for (Task w : waiters) {
        if (parked.remove(w)) {
          w.wake = now;
          parked.add(w);
        }
      }
      tasks.remove(me.thread);
      idle.addFirst(worker); // its next job waits until this one has handed off
    }
    handOff();
  }

  private Task current() {
    synchronized (lock) {
      Task t = tasks.get(Thread.currentThread());
      if (t != null) {
        return t;
      }
      if (running != null) {
        return null; // an outsider, served inline
      }
      t = new Task(Thread.currentThread().getName(), created++);
      t.thread = Thread.currentThread();
      tasks.put(t.thread, t);
      running = t;
      return t;
    }
  }

  /** Parks {@code me} until {@code wake} (or earlier when woken), letting the earliest task run. */
  private void park(Task me, Instant wake) throws InterruptedException {
    synchronized (lock) {
      if (Thread.interrupted()) {
        me.abandoned = true;
      }
      if (me.abandoned) {
        me.abandoned = false;
        throw new InterruptedException("abandoned");
      }
      me.wake = wake;
      parked.add(me);
    }
    handOff();
    synchronized (lock) {
      while (running != me) {
        waitQuietly();
      }
      if (me.abandoned) {
        me.abandoned = false;
        throw new InterruptedException("abandoned");
      }
    }
  }

  /** Resumes the earliest parked task, moving the virtual clock to its wake-up time first. */
  private void handOff() {
    Task next;
    synchronized (lock) {
      next = parked.poll();
      if (next == null) {
        running = null;
        return;
      }
    }
    if (next.wake.isAfter(clock.instant())) {
      advanceTo.accept(next.wake);
    }
    synchronized (lock) {
      running = next;
      lock.notifyAll();
    }
  }

  private void waitQuietly() {
    try {
      lock.wait();
    } catch (InterruptedException e) {
      // a task's thread is only ever resumed by the scheduler; an outside interrupt is recorded
      // as an abandonment so that the task sees it at its next park
      Task t = tasks.get(Thread.currentThread());
      if (t != null) {
        t.abandoned = true;
      }
    }
  }

  private void abandon(Task t) {
    synchronized (lock) {
      t.abandoned = true;
      if (parked.remove(t)) {
        t.wake = clock.instant();
        parked.add(t);
      }
    }
  }

  private static final class Task {
    final String name;
    final long order;
    Thread thread;
    Instant wake;
    boolean abandoned;

    Task(String name, long order) {
      this.name = name;
      this.order = order;
    }
  }

  private final class Call<T> implements InFlight<T> {
    final Callable<T> call;
    final List<Task> waiters = new ArrayList<>();
    Task task;
    T value;
    Throwable failure;
    boolean done;

    Call(Callable<T> call) {
      this.call = call;
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
      Task me = current();
      synchronized (lock) {
        if (done) {
          return true;
        }
        if (me == null) {
          // an outsider cannot move the timeline: it waits for the tasks to get there
          long until = System.nanoTime() + OUTSIDER_WAIT.toNanos();
          while (!done && System.nanoTime() < until) {
            lock.wait(10);
          }
          return done;
        }
        waiters.add(me);
      }
      try {
        park(me, clock.instant().plus(timeout.isNegative() ? Duration.ZERO : timeout));
      } finally {
        synchronized (lock) {
          waiters.remove(me);
        }
      }
      synchronized (lock) {
        return done;
      }
    }

    @Override
    public boolean isDone() {
      synchronized (lock) {
        return done;
      }
    }

    @Override
    public T result() {
      synchronized (lock) {
        if (!done) {
          throw new IllegalStateException("the call has not returned yet");
        }
        if (failure == null) {
          return value;
        }
        if (failure instanceof RuntimeException r) {
          throw r;
        }
        if (failure instanceof Error e) {
          throw e;
        }
        throw new PcrUpgradeException(CoreErrorCode.PORT_FAILURE,
            "the call failed: " + failure, failure);
      }
    }

    @Override
    public void abandon() {
      if (!isDone()) {
        VirtualScheduler.this.abandon(task);
      }
    }
  }
}
