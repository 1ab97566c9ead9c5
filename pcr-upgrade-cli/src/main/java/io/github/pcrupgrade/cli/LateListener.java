package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.event.UpgradeListener;

/**
 * A listener chosen after the executor is built: {@code apply} builds the executor first (the plan
 * it shows is made with the executor's journal), then knows the plan its progress display needs.
 * Events before {@link #set} are dropped (a preview emits none). Called on the executor's thread.
 */
final class LateListener implements UpgradeListener {

  private volatile UpgradeListener target;

  /** Sends the events from now on to {@code listener}. */
  void set(UpgradeListener listener) {
    this.target = listener;
  }

  @Override
  public void onEvent(UpgradeEvent event) {
    UpgradeListener t = target;
    if (t != null) {
      t.onEvent(event);
    }
  }
}
