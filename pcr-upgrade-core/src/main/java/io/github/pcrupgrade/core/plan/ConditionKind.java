package io.github.pcrupgrade.core.plan;

/** The kinds of {@link Condition}; each says which of the condition's fields it uses. */
public enum ConditionKind {
  /** Always true. */
  ALWAYS,
  /** Every one of {@code operands} holds. */
  ALL_OF,
  /** At least one of {@code operands} holds. */
  ANY_OF,
  /**
   * Node {@code nodeId} of {@code cluster} runs a binary satisfying {@code binary} (a node no
   * longer listed, or decommissioned, counts as done).
   */
  NODE_RUNS,
  /** Every member node of {@code cluster} runs a binary satisfying {@code binary}. */
  ALL_NODES_RUN,
  /**
   * Every VC of {@code cluster} (replicating and reader VCs included) has a known version at or
   * above the final version of {@code series}: a binary whose MinSupported is {@code series} may
   * start.
   */
  ALL_VCS_AT_LEAST,
  /** VC {@code virtualCluster} of {@code cluster} is at exactly the final version {@code series}. */
  VC_FINAL_AT,
  /** VC {@code virtualCluster} of {@code cluster} exists at or above the final {@code series}. */
  VC_VERSION_AT_LEAST,
  /** {@code cluster} has no VC named {@code virtualCluster}. */
  VC_ABSENT,
  /** VC {@code virtualCluster} of {@code cluster} is absent or has service mode none. */
  VC_NOT_SERVING,
  /**
   * VC {@code virtualCluster} of {@code cluster} is at exactly the final {@code series}, data state
   * ready and serving.
   */
  VC_SERVING_AT,
  /** Finalization setting {@code setting} of a VC reads {@code value} ({@code ""} when unset). */
  SETTING_EQUALS,
  /** The finalization settings of a VC equal {@code settings}. */
  SETTINGS_EQUAL,
  /** The stream into VC {@code virtualCluster} of {@code cluster} is in the replicating state. */
  REPLICATION_RUNNING,
  /**
   * The replicated time of the stream into VC {@code virtualCluster} of {@code cluster} (the
   * standby) has passed the instant at which the other cluster's VC {@code sourceVirtualCluster}
   * was observed final at {@code series}. That instant is an execution fact, supplied by the
   * executor through {@link ExecutionFacts}; without it the condition does not hold.
   */
  REPLICATED_PAST_FINALIZATION
}
