package io.github.pcrupgrade.core.event;

/**
 * Receives the events of executor runs. Called on the executor's thread, in order; should return
 * quickly. An exception thrown by a listener is caught, logged and otherwise ignored: a listener
 * can never break a run.
 */
@FunctionalInterface
public interface UpgradeListener {

  /**
   * Receives one event. Runs on the executor's run thread between steps and polls, so the time it
   * takes delays the run; hand slow work to another thread. A {@code RuntimeException} it throws
   * is logged at WARN and ignored.
   *
   * @param event the event, never null; switch on its record type
   */
  void onEvent(UpgradeEvent event);
}
