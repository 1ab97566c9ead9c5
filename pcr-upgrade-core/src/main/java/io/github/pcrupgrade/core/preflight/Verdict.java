package io.github.pcrupgrade.core.preflight;

import java.util.Objects;

/** The outcome of one preflight check. */
public enum Verdict {
  /** Nothing found that would stop the upgrade; no action needed. */
  OK,
  /** Something to look at (an inference, a risk, a value that could not be read); does not block. */
  WARN,
  /** The upgrade would fail or be refused; fix what the check says before planning or applying. */
  FAIL;

  /**
   * The worse of two verdicts (FAIL over WARN over OK).
   *
   * @param other the other verdict
   * @return this or {@code other}, whichever is worse
   */
  public Verdict worst(Verdict other) {
    Objects.requireNonNull(other, "other");
    return compareTo(other) >= 0 ? this : other;
  }
}
