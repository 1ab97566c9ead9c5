package io.github.pcrupgrade.core.event;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;

/**
 * How far a run is.
 *
 * @param done steps done (including those found already done)
 * @param total steps in the plan being run
 */
public record Progress(int done, int total) {
  public Progress {
    if (done < 0 || total < 0 || done > total) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "progress " + done + "/" + total);
    }
  }

  @Override
  public String toString() {
    return done + "/" + total;
  }
}
