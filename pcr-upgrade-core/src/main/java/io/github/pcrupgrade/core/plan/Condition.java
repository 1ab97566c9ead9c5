package io.github.pcrupgrade.core.plan;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.Provenance;
import io.github.pcrupgrade.core.model.ReplicationState;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A fact about a deployment, as data: what proves a step done, or what must hold before it runs.
 * One record for every {@link ConditionKind}; each kind uses the fields its Javadoc names and
 * leaves the others empty (the constructor checks). Decided by {@link #holds(DeploymentSnapshot,
 * ExecutionFacts)}, a pure function; read by people through {@link #describe()}.
 *
 * <p>Evaluate conditions on a snapshot whose replicating VC version has been inferred
 * ({@link DeploymentSnapshot#withInferredReplicatedVersions()}); an unknown version never
 * satisfies a version condition.
 *
 * @param kind what is asserted
 * @param cluster the cluster concerned (empty only for ALWAYS, ALL_OF and ANY_OF)
 * @param virtualCluster the VC concerned
 * @param nodeId the node concerned (NODE_RUNS)
 * @param binary the binary target (NODE_RUNS, ALL_NODES_RUN)
 * @param series the final version concerned
 * @param setting the finalization setting (SETTING_EQUALS)
 * @param value the expected setting value, {@code ""} for unset (SETTING_EQUALS)
 * @param settings the expected settings (SETTINGS_EQUAL)
 * @param sourceVirtualCluster the VC on the other cluster that is replicated
 *     (REPLICATED_PAST_FINALIZATION)
 * @param operands the operands (ALL_OF, ANY_OF)
 */
public record Condition(
    ConditionKind kind,
    Optional<ClusterRole> cluster,
    Optional<String> virtualCluster,
    Optional<Integer> nodeId,
    Optional<BinaryTarget> binary,
    Optional<ReleaseSeries> series,
    Optional<PinSetting> setting,
    Optional<String> value,
    Optional<FinalizationSettings> settings,
    Optional<String> sourceVirtualCluster,
    List<Condition> operands) {

  /** The condition that always holds. */
  public static final Condition ALWAYS = new Condition(ConditionKind.ALWAYS, Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), List.of());

  /**
   * Checks that the kind has the fields it uses.
   *
   * @param kind not null
   * @param cluster not null; empty exactly for ALWAYS, ALL_OF and ANY_OF
   * @param virtualCluster not null; present for the VC kinds, SETTING_EQUALS, SETTINGS_EQUAL,
   *     REPLICATION_RUNNING and REPLICATED_PAST_FINALIZATION
   * @param nodeId not null; present for NODE_RUNS
   * @param binary not null; present for NODE_RUNS and ALL_NODES_RUN
   * @param series not null; present for ALL_VCS_AT_LEAST, VC_FINAL_AT, VC_VERSION_AT_LEAST,
   *     VC_SERVING_AT and REPLICATED_PAST_FINALIZATION
   * @param setting not null; present for SETTING_EQUALS
   * @param value not null; present for SETTING_EQUALS
   * @param settings not null; present for SETTINGS_EQUAL
   * @param sourceVirtualCluster not null; present for REPLICATED_PAST_FINALIZATION
   * @param operands not null; empty unless the kind is ALL_OF or ANY_OF
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} naming the kind and the fields it needs
   *     when one is missing, or for a cluster or operands the kind does not take
   */
  public Condition {
    // the checks live in a method of their own, so that the JIT compiles them once for the
    // many conditions a plan builds
    operands = checked(kind, cluster, virtualCluster, nodeId, binary, series, setting, value,
        settings, sourceVirtualCluster, operands);
  }

  /** The canonical constructor's checks; returns the operands copied. */
  private static List<Condition> checked(ConditionKind kind, Optional<ClusterRole> cluster,
      Optional<String> virtualCluster, Optional<Integer> nodeId, Optional<BinaryTarget> binary,
      Optional<ReleaseSeries> series, Optional<PinSetting> setting, Optional<String> value,
      Optional<FinalizationSettings> settings, Optional<String> sourceVirtualCluster,
      List<Condition> operands) {
    Objects.requireNonNull(operands, "operands");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(virtualCluster, "virtualCluster");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(binary, "binary");
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(sourceVirtualCluster, "sourceVirtualCluster");
    // most conditions are leaves: List.of() needs no copy, and List.copyOf is not inlined here
    List<Condition> ops = operands.isEmpty() ? List.of() : List.copyOf(operands);
    boolean compound = kind == ConditionKind.ALL_OF || kind == ConditionKind.ANY_OF;
    require(kind, "cluster", cluster.isPresent() == (kind != ConditionKind.ALWAYS && !compound));
    require(kind, "operands", compound || ops.isEmpty());
    switch (kind) {
      case NODE_RUNS -> require(kind, "nodeId and binary", nodeId.isPresent() && binary.isPresent());
      case ALL_NODES_RUN -> require(kind, "binary", binary.isPresent());
      case ALL_VCS_AT_LEAST -> require(kind, "series", series.isPresent());
      case VC_FINAL_AT, VC_VERSION_AT_LEAST, VC_SERVING_AT ->
          require(kind, "virtualCluster and series",
              virtualCluster.isPresent() && series.isPresent());
      case VC_ABSENT, VC_NOT_SERVING, REPLICATION_RUNNING ->
          require(kind, "virtualCluster", virtualCluster.isPresent());
      case SETTING_EQUALS -> require(kind, "virtualCluster, setting and value",
          virtualCluster.isPresent() && setting.isPresent() && value.isPresent());
      case SETTINGS_EQUAL -> require(kind, "virtualCluster and settings",
          virtualCluster.isPresent() && settings.isPresent());
      case REPLICATED_PAST_FINALIZATION -> require(kind,
          "virtualCluster, sourceVirtualCluster and series",
          virtualCluster.isPresent() && sourceVirtualCluster.isPresent() && series.isPresent());
      case ALWAYS, ALL_OF, ANY_OF -> { }
    }
    return ops;
  }

  private static void require(ConditionKind kind, String what, boolean ok) {
    if (!ok) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "a " + kind + " condition needs exactly its " + what);
    }
  }

  /** The cluster of a condition: one shared (immutable) Optional per role, as plans hold many. */
  private static final Optional<ClusterRole> PRIMARY = Optional.of(ClusterRole.PRIMARY);
  private static final Optional<ClusterRole> STANDBY = Optional.of(ClusterRole.STANDBY);

  private static Optional<ClusterRole> role(ClusterRole cluster) {
    return switch (cluster) {
      case PRIMARY -> PRIMARY;
      case STANDBY -> STANDBY;
    };
  }

  private static Condition of(ConditionKind kind, ClusterRole cluster, String vc, Integer node,
      BinaryTarget binary, ReleaseSeries series) {
    return new Condition(kind, role(cluster), Optional.ofNullable(vc),
        Optional.ofNullable(node), Optional.ofNullable(binary), Optional.ofNullable(series),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }

  /**
   * Every condition holds.
   *
   * @param operands the conditions; ALWAYS operands are dropped
   * @return {@link #ALWAYS} when no other operand is left, the operand itself when one is, an
   *     ALL_OF condition otherwise
   */
  public static Condition allOf(List<Condition> operands) {
    Objects.requireNonNull(operands, "operands");
    // plans hold many of these: count first, then copy the kept operands once
    int kept = 0;
    Condition last = ALWAYS;
    for (Condition c : operands) {
      if (c.kind != ConditionKind.ALWAYS) {
        kept++;
        last = c;
      }
    }
    if (kept <= 1) {
      return last;
    }
    Condition[] ops = new Condition[kept];
    int i = 0;
    for (Condition c : operands) {
      if (c.kind != ConditionKind.ALWAYS) {
        ops[i++] = c;
      }
    }
    return compound(ConditionKind.ALL_OF, List.of(ops));
  }

  /**
   * Every condition holds.
   *
   * @param operands the conditions, none null
   * @return as {@link #allOf(List)}
   */
  public static Condition allOf(Condition... operands) {
    Objects.requireNonNull(operands, "operands");
    for (Condition c : operands) {
      if (c.kind == ConditionKind.ALWAYS) {
        return allOf(Arrays.asList(operands));
      }
    }
    // the planner's common case, two or more operands and no ALWAYS: one copy of the array
    return operands.length <= 1 ? allOf(Arrays.asList(operands))
        : compound(ConditionKind.ALL_OF, List.of(operands));
  }

  /**
   * At least one condition holds.
   *
   * @param operands the conditions, none null
   * @return the operand itself when there is one, an ANY_OF condition otherwise (which never
   *     holds when there is none)
   */
  public static Condition anyOf(Condition... operands) {
    Objects.requireNonNull(operands, "operands");
    return operands.length == 1 ? operands[0] : compound(ConditionKind.ANY_OF, List.of(operands));
  }

  private static Condition compound(ConditionKind kind, List<Condition> ops) {
    return new Condition(kind, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), ops);
  }

  /**
   * Node {@code nodeId} of {@code cluster} runs a binary that satisfies {@code binary}.
   *
   * @param cluster the cluster
   * @param nodeId the node's id
   * @param binary the binary target
   * @return the condition; it also holds when the node is absent or decommissioned (it no
   *     longer needs restarting)
   */
  public static Condition nodeRuns(ClusterRole cluster, int nodeId, BinaryTarget binary) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(binary, "binary");
    return of(ConditionKind.NODE_RUNS, cluster, null, nodeId, binary, null);
  }

  /** {@link #nodeRuns(ClusterRole, int, BinaryTarget)} sharing its step's node and binary. */
  static Condition nodeRuns(ClusterRole cluster, Optional<Integer> nodeId,
      Optional<BinaryTarget> binary) {
    return new Condition(ConditionKind.NODE_RUNS, role(cluster), Optional.empty(), nodeId, binary,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        List.of());
  }

  /**
   * Every member node of {@code cluster} runs a binary that satisfies {@code binary}.
   *
   * @param cluster the cluster
   * @param binary the binary target
   * @return the condition; decommissioned nodes are not counted
   */
  public static Condition allNodesRun(ClusterRole cluster, BinaryTarget binary) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(binary, "binary");
    return of(ConditionKind.ALL_NODES_RUN, cluster, null, null, binary, null);
  }

  /**
   * Every VC of {@code cluster} is at or above the final version of {@code series}.
   *
   * @param cluster the cluster
   * @param series the series
   * @return the condition; a VC of unknown version makes it false
   */
  public static Condition allVcsAtLeast(ClusterRole cluster, ReleaseSeries series) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(series, "series");
    return of(ConditionKind.ALL_VCS_AT_LEAST, cluster, null, null, null, series);
  }

  /**
   * VC {@code vc} of {@code cluster} is exactly at the final version of {@code series}.
   *
   * @param cluster the cluster
   * @param vc the VC's name
   * @param series the series
   * @return the condition; false for a later version, an absent VC or an unknown version
   */
  public static Condition vcFinalAt(ClusterRole cluster, String vc, ReleaseSeries series) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(vc, "vc");
    Objects.requireNonNull(series, "series");
    return of(ConditionKind.VC_FINAL_AT, cluster, vc, null, null, series);
  }

  /**
   * VC {@code vc} of {@code cluster} exists at or above the final version of {@code series}.
   *
   * @param cluster the cluster
   * @param vc the VC's name
   * @param series the series
   * @return the condition; false for an absent VC or an unknown version
   */
  public static Condition vcVersionAtLeast(ClusterRole cluster, String vc, ReleaseSeries series) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(vc, "vc");
    Objects.requireNonNull(series, "series");
    return of(ConditionKind.VC_VERSION_AT_LEAST, cluster, vc, null, null, series);
  }

  /**
   * {@code cluster} has no VC named {@code vc}.
   *
   * @param cluster the cluster
   * @param vc the VC's name
   * @return the condition
   */
  public static Condition vcAbsent(ClusterRole cluster, String vc) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(vc, "vc");
    return of(ConditionKind.VC_ABSENT, cluster, vc, null, null, null);
  }

  /**
   * VC {@code vc} of {@code cluster} does not serve SQL.
   *
   * @param cluster the cluster
   * @param vc the VC's name
   * @return the condition; it holds for service mode NONE and for an absent VC, not while the
   *     VC is STOPPING
   */
  public static Condition vcNotServing(ClusterRole cluster, String vc) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(vc, "vc");
    return of(ConditionKind.VC_NOT_SERVING, cluster, vc, null, null, null);
  }

  /**
   * VC {@code vc} of {@code cluster} is ready, serves SQL and answers at exactly the final
   * version of {@code series}.
   *
   * @param cluster the cluster
   * @param vc the VC's name
   * @param series the series
   * @return the condition; an inferred version does not count, only an observed one
   */
  public static Condition vcServingAt(ClusterRole cluster, String vc, ReleaseSeries series) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(vc, "vc");
    Objects.requireNonNull(series, "series");
    return of(ConditionKind.VC_SERVING_AT, cluster, vc, null, null, series);
  }

  /**
   * The stream into {@code replicatingVc} of {@code cluster} is in state REPLICATING.
   *
   * @param cluster the cluster holding the replicating VC
   * @param replicatingVc the replicating VC's name
   * @return the condition; false when the VC is absent or has no stream
   */
  public static Condition replicationRunning(ClusterRole cluster, String replicatingVc) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(replicatingVc, "replicatingVc");
    return of(ConditionKind.REPLICATION_RUNNING, cluster, replicatingVc, null, null, null);
  }

  /**
   * One finalization setting of VC {@code vc} of {@code cluster} reads {@code value}.
   *
   * @param cluster the cluster
   * @param vc the VC's name
   * @param setting the setting
   * @param value its value as SQL shows it: {@code true} or {@code false} for
   *     {@code cluster.auto_upgrade.enabled}, the version or {@code ""} (unset) for
   *     {@code cluster.preserve_downgrade_option}
   * @return the condition; false when the VC is absent or its settings could not be read
   */
  public static Condition settingEquals(
      ClusterRole cluster, String vc, PinSetting setting, String value) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(vc, "vc");
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(value, "value");
    return new Condition(ConditionKind.SETTING_EQUALS, role(cluster), Optional.of(vc),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(setting),
        Optional.of(value), Optional.empty(), Optional.empty(), List.of());
  }

  /**
   * Both finalization settings of VC {@code vc} of {@code cluster} equal {@code settings}.
   *
   * @param cluster the cluster
   * @param vc the VC's name
   * @param settings the expected settings
   * @return the condition; false when the VC is absent or its settings could not be read
   */
  public static Condition settingsEqual(
      ClusterRole cluster, String vc, FinalizationSettings settings) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(vc, "vc");
    Objects.requireNonNull(settings, "settings");
    return new Condition(ConditionKind.SETTINGS_EQUAL, role(cluster), Optional.of(vc),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(settings), Optional.empty(), List.of());
  }

  /**
   * The stream into {@code replicatingVc} of {@code cluster} has replicated past the moment the
   * other cluster's {@code sourceVc} was first observed final at {@code series}.
   *
   * @param cluster the cluster holding the replicating VC (the standby, or the primary during a
   *     failback)
   * @param replicatingVc the replicating VC's name
   * @param sourceVc the replicated VC's name on the other cluster
   * @param series the final version it reached
   * @return the condition; it holds only when the execution facts record that observation and
   *     the replicated time is strictly after it (invariant 6)
   */
  public static Condition replicatedPastFinalization(
      ClusterRole cluster, String replicatingVc, String sourceVc, ReleaseSeries series) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(replicatingVc, "replicatingVc");
    Objects.requireNonNull(sourceVc, "sourceVc");
    Objects.requireNonNull(series, "series");
    return new Condition(ConditionKind.REPLICATED_PAST_FINALIZATION, role(cluster),
        Optional.of(replicatingVc), Optional.empty(), Optional.empty(), Optional.of(series),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(sourceVc), List.of());
  }

  /**
   * {@link #holds(DeploymentSnapshot, ExecutionFacts)} without execution facts.
   *
   * @param snapshot the deployment, its replicated versions inferred
   * @return whether the condition holds; REPLICATED_PAST_FINALIZATION never does without facts
   */
  public boolean holds(DeploymentSnapshot snapshot) {
    return holds(snapshot, ExecutionFacts.NONE);
  }

  /**
   * Whether the condition holds on {@code snapshot}, given what the executor recorded. Pure.
   *
   * @param snapshot the deployment, its replicated versions inferred
   * @param facts what the executor recorded; {@link ExecutionFacts#NONE} when nothing
   * @return true when it holds; an unknown version never satisfies a version condition
   */
  public boolean holds(DeploymentSnapshot snapshot, ExecutionFacts facts) {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(facts, "facts");
    switch (kind) {
      case ALWAYS:
        return true;
      case ALL_OF:
        for (Condition c : operands) {
          if (!c.holds(snapshot, facts)) {
            return false;
          }
        }
        return true;
      case ANY_OF:
        for (Condition c : operands) {
          if (c.holds(snapshot, facts)) {
            return true;
          }
        }
        return false;
      default:
        break;
    }
    ClusterSnapshot c = snapshot.cluster(cluster.orElseThrow());
    Optional<VirtualClusterInfo> vc = virtualCluster.flatMap(c::vc);
    switch (kind) {
      case NODE_RUNS: {
        int id = nodeId.orElseThrow();
        for (NodeInfo n : c.nodes()) {
          if (n.id() == id) {
            return !n.isMember() || binary.orElseThrow().isSatisfiedBy(n.binary());
          }
        }
        return true;
      }
      case ALL_NODES_RUN:
        for (NodeInfo n : c.nodes()) {
          if (n.isMember() && !binary.orElseThrow().isSatisfiedBy(n.binary())) {
            return false;
          }
        }
        return true;
      case ALL_VCS_AT_LEAST:
        for (VirtualClusterInfo v : c.virtualClusters()) {
          if (v.version().known().filter(x -> x.isAtLeast(series.orElseThrow())).isEmpty()) {
            return false;
          }
        }
        return true;
      case VC_FINAL_AT:
        return vc.flatMap(v -> v.version().known()).filter(this::isExactlyFinal).isPresent();
      case VC_VERSION_AT_LEAST:
        return vc.flatMap(v -> v.version().known())
            .filter(v -> v.isAtLeast(series.orElseThrow())).isPresent();
      case VC_ABSENT:
        return vc.isEmpty();
      case VC_NOT_SERVING:
        return vc.isEmpty() || vc.get().serviceMode() == ServiceMode.NONE;
      case VC_SERVING_AT:
        // serving means answering: a version inferred for a reader that does not answer (its
        // start-up stalled, crdb-pcr-sql-facts 10.2) does not count
        return vc.filter(v -> v.dataState() == DataState.READY && v.isServing()
            && v.version().provenance() == Provenance.OBSERVED
            && v.version().known().filter(this::isExactlyFinal).isPresent()).isPresent();
      case SETTING_EQUALS:
        return vc.flatMap(VirtualClusterInfo::settings).map(s -> read(s, setting.orElseThrow()))
            .filter(value.orElseThrow()::equals).isPresent();
      case SETTINGS_EQUAL:
        return vc.flatMap(VirtualClusterInfo::settings).filter(settings.orElseThrow()::equals)
            .isPresent();
      case REPLICATION_RUNNING:
        return vc.flatMap(VirtualClusterInfo::replication)
            .filter(r -> r.state() == ReplicationState.REPLICATING).isPresent();
      case REPLICATED_PAST_FINALIZATION: {
        ClusterRole source =
            cluster.orElseThrow() == ClusterRole.STANDBY ? ClusterRole.PRIMARY : ClusterRole.STANDBY;
        Optional<Instant> finalizedAt =
            facts.finalizedAt(source, sourceVirtualCluster.orElseThrow(), series.orElseThrow());
        Optional<Instant> replicated =
            vc.flatMap(VirtualClusterInfo::replication).flatMap(r -> r.replicatedTime());
        // "Wait for the replicated time to pass the time at which the upgrade completed":
        // strictly after, since the observation may coincide with the completion itself.
        return finalizedAt.isPresent() && replicated.isPresent()
            && replicated.get().isAfter(finalizedAt.get());
      }
      default:
        throw new IllegalStateException("unhandled condition kind " + kind);
    }
  }

  private boolean isExactlyFinal(ClusterVersion v) {
    return v.equals(series.orElseThrow().finalVersion());
  }

  /** The value of one finalization setting as SQL shows it ({@code ""} when unset). */
  static String read(FinalizationSettings s, PinSetting setting) {
    return setting == PinSetting.AUTO_UPGRADE_ENABLED
        ? Boolean.toString(s.autoUpgradeEnabled()) : s.preserveDowngradeOption();
  }

  /**
   * One line a person understands.
   *
   * @return a sentence naming the cluster role, VC, node and versions, such as
   *     {@code standby VC 'main' is final at 25.2}
   */
  public String describe() {
    String cl = cluster.map(r -> r.name().toLowerCase(Locale.ROOT)).orElse("");
    String v = virtualCluster.map(x -> cl + " VC '" + x + "'").orElse("");
    return switch (kind) {
      case ALWAYS -> "always";
      case ALL_OF -> operands.stream().map(Condition::describe)
          .collect(Collectors.joining(" and ", operands.size() > 1 ? "(" : "",
              operands.size() > 1 ? ")" : ""));
      case ANY_OF -> operands.stream().map(Condition::describe)
          .collect(Collectors.joining(" or ", "(", ")"));
      case NODE_RUNS -> cl + " node n" + nodeId.orElseThrow() + " runs " + binary.orElseThrow();
      case ALL_NODES_RUN -> "every " + cl + " node runs " + binary.orElseThrow();
      case ALL_VCS_AT_LEAST -> "every " + cl + " VC is at " + series.orElseThrow() + " or later";
      case VC_FINAL_AT -> v + " is final at " + series.orElseThrow();
      case VC_VERSION_AT_LEAST -> v + " exists at " + series.orElseThrow() + " or later";
      case VC_ABSENT -> v + " does not exist";
      case VC_NOT_SERVING -> v + " is not serving";
      case VC_SERVING_AT -> v + " serves at " + series.orElseThrow();
      case SETTING_EQUALS -> v + " has " + setting.orElseThrow().settingName() + " "
          + (value.orElseThrow().isEmpty() ? "unset" : "= " + value.orElseThrow());
      case SETTINGS_EQUAL -> v + " has " + describe(settings.orElseThrow());
      case REPLICATION_RUNNING -> "the stream into " + v + " is replicating";
      case REPLICATED_PAST_FINALIZATION -> "the replicated time of " + v
          + " has passed the moment the other cluster's VC '" + sourceVirtualCluster.orElseThrow()
          + "' was first seen final at " + series.orElseThrow();
    };
  }

  /** The settings as a person reads them. */
  static String describe(FinalizationSettings s) {
    return PinSetting.AUTO_UPGRADE_ENABLED.settingName() + " = " + s.autoUpgradeEnabled()
        + ", " + PinSetting.PRESERVE_DOWNGRADE_OPTION.settingName()
        + (s.preservesDowngrade() ? " = '" + s.preserveDowngradeOption() + "'" : " unset");
  }

  @Override
  public String toString() {
    return describe();
  }
}
