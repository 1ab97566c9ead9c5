package io.github.pcrupgrade.core.plan;

/** What happens to the standby's reader VC during a multi-hop upgrade. */
public enum ReaderStrategy {
  /**
   * Stop, drop and re-create the reader VC at the end of every hop (the default): reads from the
   * standby resume after each hop, and the reader is always at a version the next hop's binaries
   * support.
   */
  RECREATE_EACH_HOP,
  /**
   * Drop the reader VC before the first hop whose binaries no longer support its version, and
   * re-create it once, at the end of the last hop: no reads from the standby in between, but only
   * the final binary needs {@code SET REPLICATION READ VIRTUAL CLUSTER}.
   */
  DROP_FOR_DURATION
}
