package io.github.pcrupgrade.core.plan;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A pure model of what the product does when an executor carries out one plan step, written for
 * the tests independently of the planner: the replicating VC's version follows the primary's
 * replicated VC, finalization clears preserve_downgrade_option, a re-created reader starts at the
 * standby system VC's version, and the executor records when it first saw the replicated VC final.
 */
final class DeploymentModel {

  /** The patch a node upgrader picks when a step leaves the choice to it. */
  static final int CHOSEN_PATCH = 20;

  /** The deployment, what the executor recorded, and the model's clock. */
  record State(DeploymentSnapshot snapshot, ExecutionFacts facts, Instant now) {
    static State of(DeploymentSnapshot snapshot) {
      return new State(snapshot, ExecutionFacts.NONE, snapshot.primary().observedAt());
    }
  }

  private DeploymentModel() { }

  static State apply(PlanStep step, State st) {
    Instant now = st.now().plus(Duration.ofMinutes(1));
    DeploymentSnapshot s = st.snapshot();
    ExecutionFacts facts = st.facts();
    ClusterSnapshot c = s.cluster(step.cluster());
    String vc = step.virtualCluster().orElse("");
    switch (step.kind()) {
      case PIN_FINALIZATION -> s = s.with(c.withVc(vc, v -> v.withSettings(set(v.settings()
          .orElseThrow(), step.setting().orElseThrow(), step.settingValue().orElseThrow()))));
      case UNPIN_FINALIZATION -> s = s.with(c.withVc(vc, v -> v.withSettings(set(v.settings()
          .orElseThrow(), PinSetting.PRESERVE_DOWNGRADE_OPTION, ""))));
      case RESTART_NODE, ROLLBACK_NODE -> {
        NodeInfo n = c.node(step.nodeId().orElseThrow()).orElseThrow();
        BinaryVersion b = step.binary().orElseThrow().exact()
            .orElse(BinaryVersion.of(step.binary().orElseThrow().series(), CHOSEN_PATCH));
        s = s.with(c.withNode(n.withBinary(b)));
      }
      case FINALIZE_VC -> {
        ReleaseSeries to = step.version().orElseThrow();
        s = s.with(c.withVc(vc, v -> {
          VirtualClusterInfo f = v.withVersion(VersionReading.observed(to.finalVersion()));
          return f.settings().map(x -> f.withSettings(
              new FinalizationSettings(x.autoUpgradeEnabled(), ""))).orElse(f);
        }));
        s = reinfer(s);
        if (step.cluster() == ClusterRole.PRIMARY) {
          facts = facts.withFinalization(ClusterRole.PRIMARY, vc, to, now);
        }
      }
      case AWAIT_REPLICATION -> s = s.with(c.withVc(vc, v -> v.withReplication(v.replication()
          .map(r -> new io.github.pcrupgrade.core.model.ReplicationInfo(r.sourceVirtualCluster(),
              r.state(), r.rawStatus(), Optional.of(now), r.retainedTime(), r.lag())))));
      case STOP_READER -> s = s.with(c.withVc(vc, v -> v.withState(v.dataState(),
          ServiceMode.NONE)));
      case DROP_READER -> s = s.with(c.withoutVc(vc));
      case CREATE_READER -> {
        long id = c.virtualClusters().stream().mapToLong(VirtualClusterInfo::id).max().orElse(1) + 1;
        ClusterVersion at = c.systemVc().version().version();
        s = s.with(c.withAddedVc(new VirtualClusterInfo(id, VirtualClusterInfo.readerNameFor(vc),
            VcKind.READER, DataState.ADD, ServiceMode.NONE, VersionReading.observed(at),
            Optional.of(FinalizationSettings.PRODUCT_DEFAULTS), Optional.empty())));
      }
      case AWAIT_READER_SERVING -> s = s.with(c.withVc(vc, v -> v.withState(DataState.READY,
          ServiceMode.SHARED)));
      case RESTORE_SETTINGS -> s = s.with(c.withVc(vc, v -> v.withSettings(
          step.restoreTo().orElseThrow())));
    }
    return new State(s, facts, now);
  }

  /** Applies every step in order. */
  static State applyAll(List<PlanStep> steps, State st) {
    State out = st;
    for (PlanStep step : steps) {
      out = apply(step, out);
    }
    return out;
  }

  /** The replicating VC's version follows the primary's replicated VC. */
  private static DeploymentSnapshot reinfer(DeploymentSnapshot s) {
    ClusterSnapshot sb = s.standby();
    Optional<VirtualClusterInfo> rep = sb.replicatingVc();
    if (rep.isEmpty()) {
      return s;
    }
    return s.with(sb.withVc(rep.get().name(),
        v -> v.withVersion(VersionReading.unknown("the replicating VC accepts no SQL"))))
        .withInferredReplicatedVersions();
  }

  private static FinalizationSettings set(FinalizationSettings s, PinSetting setting,
      String value) {
    return setting == PinSetting.AUTO_UPGRADE_ENABLED
        ? new FinalizationSettings(Boolean.parseBoolean(value), s.preserveDowngradeOption())
        : new FinalizationSettings(s.autoUpgradeEnabled(), value);
  }

  /** The settings of every VC that has readable ones, as an executor records them at the start. */
  static List<VcSettings> settingsOf(DeploymentSnapshot s) {
    List<VcSettings> out = new ArrayList<>();
    for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
      for (VirtualClusterInfo v : c.virtualClusters()) {
        v.settings().ifPresent(x -> out.add(new VcSettings(c.role(), v.name(), x)));
      }
    }
    return out;
  }

  /** The reader VCs of the standby, as an executor records them at the start. */
  static List<String> readersOf(DeploymentSnapshot s) {
    return s.standby().readerVcs().stream().map(VirtualClusterInfo::name).toList();
  }
}
