package io.github.pcrupgrade.core.model;

/** The role a cluster was given in the PCR deployment (as configured, not as it may have become). */
public enum ClusterRole {
  /** The cluster whose application VC is replicated (the source). */
  PRIMARY,
  /** The cluster that ingests the replication stream (the destination). */
  STANDBY
}
