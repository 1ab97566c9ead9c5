package io.github.pcrupgrade.core.plan;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a plan. The executor skips it when {@code done} already holds, checks
 * {@code precondition} before acting, asks the approval gate first when it is a point of no
 * return, acts, and waits until {@code done} holds.
 *
 * <p>The id is derived from the step's content, never from its position: the hop's target
 * ({@code 25.2}, or {@code v25.2.4} for a patch), the cluster role, the action and its subject,
 * e.g. {@code 25.2:standby:restart:n3}, {@code 25.2:primary:finalize:main},
 * {@code pin:primary:system}. Re-planning from any intermediate state gives the remaining steps
 * with the same ids.
 *
 * @param id the stable id
 * @param kind what the step does
 * @param cluster the cluster it acts on (by configured role)
 * @param clusterName that cluster's display name
 * @param virtualCluster the VC it acts on (for CREATE_READER: the replicating VC named in the
 *     statement); empty for node steps
 * @param nodeId the node it restarts; empty for VC steps
 * @param binary for RESTART_NODE and ROLLBACK_NODE: the binary the node must end up running
 * @param version for FINALIZE_VC, AWAIT_REPLICATION, CREATE_READER and AWAIT_READER_SERVING: the
 *     final version concerned
 * @param setting for PIN_FINALIZATION and UNPIN_FINALIZATION: the setting
 * @param settingValue for PIN_FINALIZATION: the value it is set to
 * @param restoreTo for RESTORE_SETTINGS: the settings to put back
 * @param done what proves the step done
 * @param precondition what must hold before the step acts
 * @param pointOfNoReturn true when, once acted, the cluster can no longer be rolled back
 * @param description one line a person understands
 * @param estimate how long the step is expected to take ({@link StepEstimates}); empty when the
 *     plan was made without estimates (a rollback plan, a plan document of schemaVersion 1)
 */
public record PlanStep(
    String id,
    StepKind kind,
    ClusterRole cluster,
    String clusterName,
    Optional<String> virtualCluster,
    Optional<Integer> nodeId,
    Optional<BinaryTarget> binary,
    Optional<ReleaseSeries> version,
    Optional<PinSetting> setting,
    Optional<String> settingValue,
    Optional<FinalizationSettings> restoreTo,
    Condition done,
    Condition precondition,
    boolean pointOfNoReturn,
    String description,
    Optional<Duration> estimate) {

  /**
   * A step without an estimate; {@link StepEstimates#applyTo} adds one.
   *
   * @param id the stable id; not blank
   * @param kind what the step does
   * @param cluster the cluster it acts on
   * @param clusterName that cluster's display name
   * @param virtualCluster the VC it acts on; empty for node steps
   * @param nodeId the node; present exactly for RESTART_NODE and ROLLBACK_NODE
   * @param binary the node's binary; present exactly for RESTART_NODE and ROLLBACK_NODE
   * @param version the final version concerned, for the kinds listed on the record
   * @param setting the setting, for PIN_FINALIZATION and UNPIN_FINALIZATION
   * @param settingValue the value set, for PIN_FINALIZATION
   * @param restoreTo the settings put back, for RESTORE_SETTINGS
   * @param done what proves the step done
   * @param precondition what must hold before the step acts
   * @param pointOfNoReturn true when acting ends rollback; always true for FINALIZE_VC
   * @param description one line a person understands; not blank
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} as the canonical constructor
   */
  public PlanStep(String id, StepKind kind, ClusterRole cluster, String clusterName,
      Optional<String> virtualCluster, Optional<Integer> nodeId, Optional<BinaryTarget> binary,
      Optional<ReleaseSeries> version, Optional<PinSetting> setting,
      Optional<String> settingValue, Optional<FinalizationSettings> restoreTo, Condition done,
      Condition precondition, boolean pointOfNoReturn, String description) {
    this(id, kind, cluster, clusterName, virtualCluster, nodeId, binary, version, setting,
        settingValue, restoreTo, done, precondition, pointOfNoReturn, description,
        Optional.empty());
  }

  /**
   * Checks that the components fit the kind.
   *
   * @param id not null, not blank
   * @param kind not null
   * @param cluster not null
   * @param clusterName not null
   * @param virtualCluster not null; may be empty
   * @param nodeId not null; present exactly for RESTART_NODE and ROLLBACK_NODE
   * @param binary not null; present exactly for RESTART_NODE and ROLLBACK_NODE
   * @param version not null; may be empty
   * @param setting not null; may be empty
   * @param settingValue not null; may be empty
   * @param restoreTo not null; may be empty
   * @param done not null
   * @param precondition not null
   * @param pointOfNoReturn true for every FINALIZE_VC step
   * @param description not null, not blank
   * @param estimate not null; when present, zero or more
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when a component breaks its rule above
   */
  public PlanStep(String id, StepKind kind, ClusterRole cluster, String clusterName,
      Optional<String> virtualCluster, Optional<Integer> nodeId, Optional<BinaryTarget> binary,
      Optional<ReleaseSeries> version, Optional<PinSetting> setting,
      Optional<String> settingValue, Optional<FinalizationSettings> restoreTo, Condition done,
      Condition precondition, boolean pointOfNoReturn, String description,
      Optional<Duration> estimate) {
    // the fields first, then the checks in a method of their own (a step that fails them is
    // never seen): a plan builds many steps, and this order is measurably cheaper
    this.id = id;
    this.kind = kind;
    this.cluster = cluster;
    this.clusterName = clusterName;
    this.virtualCluster = virtualCluster;
    this.nodeId = nodeId;
    this.binary = binary;
    this.version = version;
    this.setting = setting;
    this.settingValue = settingValue;
    this.restoreTo = restoreTo;
    this.done = done;
    this.precondition = precondition;
    this.pointOfNoReturn = pointOfNoReturn;
    this.description = description;
    this.estimate = estimate;
    check(id, kind, cluster, clusterName, virtualCluster, nodeId, binary, version, setting,
        settingValue, restoreTo, done, precondition, pointOfNoReturn, description, estimate);
  }

  /** The canonical constructor's checks. */
  private static void check(String id, StepKind kind, ClusterRole cluster, String clusterName,
      Optional<String> virtualCluster, Optional<Integer> nodeId, Optional<BinaryTarget> binary,
      Optional<ReleaseSeries> version, Optional<PinSetting> setting,
      Optional<String> settingValue, Optional<FinalizationSettings> restoreTo, Condition done,
      Condition precondition, boolean pointOfNoReturn, String description,
      Optional<Duration> estimate) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(virtualCluster, "virtualCluster");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(binary, "binary");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(settingValue, "settingValue");
    Objects.requireNonNull(restoreTo, "restoreTo");
    Objects.requireNonNull(done, "done");
    Objects.requireNonNull(precondition, "precondition");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(estimate, "estimate");
    if (estimate.isPresent() && estimate.get().isNegative()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "a step's estimate is not negative: " + id);
    }
    if (blank(id) || blank(description)) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "a step has an id and a description");
    }
    if (kind == StepKind.FINALIZE_VC && !pointOfNoReturn) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "finalizing a VC is always a point of no return: " + id);
    }
    boolean nodeStep = kind == StepKind.RESTART_NODE || kind == StepKind.ROLLBACK_NODE;
    if (nodeStep != nodeId.isPresent() || nodeStep != binary.isPresent()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "exactly node steps name a node and a binary, got " + kind + " for " + id);
    }
  }

  /** {@link String#isBlank}, without its pass when the first character settles it. */
  private static boolean blank(String s) {
    return s.isEmpty() || Character.isWhitespace(s.charAt(0)) && s.isBlank();
  }

  /**
   * This step with {@code expected} as its estimate.
   *
   * @param expected how long the step is expected to take; zero or more
   * @return the copy, replacing any estimate it had
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a negative duration
   */
  public PlanStep withEstimate(Duration expected) {
    Objects.requireNonNull(expected, "expected");
    return new PlanStep(id, kind, cluster, clusterName, virtualCluster, nodeId, binary, version,
        setting, settingValue, restoreTo, done, precondition, pointOfNoReturn, description,
        Optional.of(expected));
  }

  @Override
  public String toString() {
    return id + (pointOfNoReturn ? " [point of no return]" : "") + ": " + description;
  }
}
