package io.github.pcrupgrade.core.rules;

/** What kind of rule a {@link RuleCode} belongs to. */
public enum RuleCategory {
  /** A data-safety invariant of docs/design.md (numbered 1-9). Always an error. */
  INVARIANT,
  /** A procedure rule of docs/design.md (P1-P3): the documented order. A warning. */
  PROCEDURE,
  /** A precondition for starting a major upgrade from rest (health, finalized VCs, replication). */
  PRECONDITION,
  /** A problem with the requested target itself. */
  TARGET,
  /** The snapshot is inconsistent or incomplete, so some rules could not be judged. */
  SNAPSHOT,
  /** What the clusters are: two distinct clusters, in the roles they were given. */
  IDENTITY,
  /** Finalization settings left pinned at rest by an earlier upgrade. A warning. */
  SETTINGS
}
