package io.github.pcrupgrade.core.exec;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets a caller stop a run from another thread. The executor checks it before every step and on
 * every poll, so a run stops within one poll interval; it then returns {@link RunStatus#CANCELLED}
 * without acting further. Interrupting the executor's thread has the same effect. Thread-safe.
 */
public final class CancelHandle {

  private final AtomicBoolean cancelled = new AtomicBoolean();

  /** A handle not yet cancelled; pass it to a run, then call {@link #cancel()} from any thread. */
  public CancelHandle() {}

  /** Asks the run to stop. */
  public void cancel() {
    cancelled.set(true);
  }

  /**
   * Whether the run was asked to stop.
   *
   * @return true once {@link #cancel()} was called; never false again
   */
  public boolean isCancelled() {
    return cancelled.get();
  }
}
