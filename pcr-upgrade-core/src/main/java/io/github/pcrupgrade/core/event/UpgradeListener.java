package io.github.pcrupgrade.core.event;

/**
 * Receives the events of executor runs. Called on the executor's thread, in order; should return
 * quickly. An exception thrown by a listener is caught, logged and otherwise ignored: a listener
 * can never break a run.
 */
@FunctionalInterface
public interface UpgradeListener {

  void onEvent(UpgradeEvent event);
}
