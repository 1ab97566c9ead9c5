package io.github.pcrupgrade.core.catalog;

/** The support type of a major release series (crdb-upgrade-facts.md 1.2). */
public enum ReleaseType {
  /**
   * A Regular release: supported for a year plus an assistance period, never skipped. From 24.3 on
   * a cluster on a Regular release may go to the next Innovation or straight to the next Regular.
   */
  REGULAR,
  /**
   * An Innovation release (from 24.2, every second series): shorter support, may be skipped; a
   * cluster on it may upgrade only to the next Regular release.
   */
  INNOVATION
}
