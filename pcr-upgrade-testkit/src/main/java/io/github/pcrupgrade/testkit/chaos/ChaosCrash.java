package io.github.pcrupgrade.testkit.chaos;

/**
 * The simulated death of an executor's process at a port call: an {@link Error}, which nothing in
 * the executor catches, so the run unwinds without journaling, releasing its lease or renewing
 * it again (its heartbeat dies with it).
 */
final class ChaosCrash extends Error {
  private static final long serialVersionUID = 1L;

  ChaosCrash(String where) {
    super("simulated executor crash " + where, null, false, false);
  }
}
