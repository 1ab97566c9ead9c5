package io.github.pcrupgrade.core.event;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;

/**
 * How far a run is.
 *
 * @param done steps done (including those found already done), from 0 to {@code total}
 * @param total steps in the plan being run, 0 or more
 */
public record Progress(int done, int total) {
  /**
   * Checks the counts.
   *
   * @param done steps done (including those found already done), from 0 to {@code total}
   * @param total steps in the plan being run, 0 or more
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when a count is
   *     negative or {@code done} exceeds {@code total}
   */
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
