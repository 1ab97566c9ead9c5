package io.github.pcrupgrade.core.spi;

import java.time.Duration;

/**
 * A call started by {@link Scheduler#submit}. Used by the task that submitted it; thread-safe.
 *
 * @param <T> the call's value
 */
public interface InFlight<T> {

  /**
   * Waits on the calling task until the call has returned or {@code timeout} has passed on the
   * scheduler's clock.
   *
   * @param timeout how long to wait at most; zero or negative does not wait
   * @return true when the call has returned (with a value or an exception)
   * @throws InterruptedException when the waiting task is interrupted
   */
  boolean await(Duration timeout) throws InterruptedException;

  /**
   * Whether the call has returned; does not wait.
   *
   * @return true once the call has returned, with a value or an exception
   */
  boolean isDone();

  /**
   * The call's value, or its exception rethrown: a {@code RuntimeException} (a
   * {@code PcrUpgradeException} among them) or an {@code Error} as is, a checked exception wrapped
   * in a {@code PcrUpgradeException} with code {@code PORT_FAILURE}.
   *
   * @return the value the call returned
   * @throws IllegalStateException when the call has not returned yet
   */
  T result();

  /**
   * Asks the call to stop (interrupts it, and runs the action it registered with
   * {@link Scheduler#whenAbandoned}); returns without waiting. A call may still complete after it
   * was abandoned: what it did is judged from a fresh inspection.
   */
  void abandon();
}
