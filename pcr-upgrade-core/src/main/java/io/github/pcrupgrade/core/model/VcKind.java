package io.github.pcrupgrade.core.model;

/** The kind of a virtual cluster. */
public enum VcKind {
  /** The system VC ({@code system}); its version bounds every other VC of the cluster. */
  SYSTEM,
  /**
   * An application VC: {@code main} on the primary, or the replicating VC on the standby (which
   * carries {@link VirtualClusterInfo#replication()}).
   */
  APPLICATION,
  /** The read-only reader VC on the standby, {@code <replicating>-readonly} (24.3+). */
  READER
}
