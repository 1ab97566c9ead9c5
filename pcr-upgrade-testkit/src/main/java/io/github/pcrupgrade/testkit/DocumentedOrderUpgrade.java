package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.spi.ClusterInspector;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A hand-written reference driver that upgrades a PCR deployment in the documented order through
 * the ports only (crdb-upgrade-facts.md 6.3): pin auto-finalization in every VC that can be
 * reached; standby nodes one by one, each waited for; finalize the standby system VC; primary
 * nodes; finalize the primary system VC, then the primary application VC; wait until the
 * standby's replicated time passes that moment; stop, drop and re-create the reader VC; and, after
 * the last hop, restore the settings found. It is not the library's executor (no plan, no journal,
 * no resume): it exists to prove the simulation and to benchmark it. Transient port errors are
 * retried a few times; anything else propagates.
 */
public final class DocumentedOrderUpgrade {

  private static final int TRANSIENT_ATTEMPTS = 5;

  private final Ports ports;
  private final Duration poll;
  private final Duration timeout;
  private final Map<String, Boolean> pinnedFrom = new LinkedHashMap<>();

  /**
   * A driver polling every 5 s and giving up on any wait after 1 h of virtual time.
   *
   * @param ports the ports it drives; its waits sleep on their sleeper and read their clock
   * @throws NullPointerException if {@code ports} is null
   */
  public DocumentedOrderUpgrade(Ports ports) {
    this(ports, Duration.ofSeconds(5), Duration.ofHours(1));
  }

  /**
   * A driver with its own polling interval and wait limit.
   *
   * @param ports the ports it drives; its waits sleep on their sleeper and read their clock
   * @param poll how long it sleeps between two looks at a condition; positive, since a zero
   *     interval would never let virtual time pass and a wait would never end
   * @param timeout how long it waits for any one condition before it gives up with {@code
   *     PORT_FAILURE}; not negative
   * @throws NullPointerException if an argument is null
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if {@code poll} is not positive or
   *     {@code timeout} is negative
   */
  public DocumentedOrderUpgrade(Ports ports, Duration poll, Duration timeout) {
    this.ports = Objects.requireNonNull(ports, "ports");
    this.poll = Objects.requireNonNull(poll, "poll");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (poll.isZero() || poll.isNegative() || timeout.isNegative()) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, "the poll interval must be"
          + " positive and the timeout not negative; got poll " + poll + ", timeout " + timeout);
    }
  }

  /**
   * Runs one hop per target, in order, then restores the finalization settings it changed.
   *
   * @param targets the series of each hop, each a direct upgrade from the one before
   * @throws PcrUpgradeException as {@link #hop}; the settings pinned so far then stay pinned
   */
  public void run(ReleaseSeries... targets) {
    Objects.requireNonNull(targets, "targets");
    for (ReleaseSeries t : targets) {
      hop(t);
    }
    restoreSettings();
  }

  /**
   * One direct major upgrade of the whole deployment to {@code target}, in the documented order.
   * The settings it pinned stay pinned until {@link #restoreSettings()}.
   *
   * @param target the series to upgrade to, a direct upgrade from the one both clusters run
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} when no stream runs into the standby;
   *     {@code PORT_FAILURE} when a wait times out; what a port call throws, once its transient
   *     retries are spent
   */
  public void hop(ReleaseSeries target) {
    Objects.requireNonNull(target, "target");
    ClusterInspector pi = ports.primaryInspector();
    ClusterInspector si = ports.standbyInspector();
    ClusterOperations po = ports.primaryOperations();
    ClusterOperations so = ports.standbyOperations();
    DeploymentSnapshot snap = new DeploymentSnapshot(retry(pi::inspect), retry(si::inspect));
    String source = snap.replicatedPrimaryVc().map(VirtualClusterInfo::name)
        .orElse(VirtualClusterInfo.SYSTEM);
    String replicating = snap.standbyReplicatingVc().map(VirtualClusterInfo::name)
        .orElseThrow(() -> new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "no stream runs into '" + si.clusterName() + "'"));

    pin(po, snap.primary(), VirtualClusterInfo.SYSTEM);
    if (!source.equals(VirtualClusterInfo.SYSTEM)) {
      pin(po, snap.primary(), source);
    }
    pin(so, snap.standby(), VirtualClusterInfo.SYSTEM);

    rollNodes(si, snap.standby(), target);
    finalize(so, VirtualClusterInfo.SYSTEM, target);
    rollNodes(pi, snap.primary(), target);
    finalize(po, VirtualClusterInfo.SYSTEM, target);
    if (!source.equals(VirtualClusterInfo.SYSTEM)) {
      finalize(po, source, target);
    }
    Instant upgradedAt = retry(po::clusterTime);
    await(() -> retry(() -> so.replicatedTime(replicating)).filter(t -> t.isAfter(upgradedAt))
        .isPresent(), "replicated time of '" + replicating + "' to pass " + upgradedAt);

    String reader = VirtualClusterInfo.readerNameFor(replicating);
    if (retry(si::inspect).vc(reader).isPresent()) {
      retry(() -> {
        so.stopService(reader);
        return null;
      });
      await(() -> retry(si::inspect).vc(reader).map(v -> v.serviceMode() == ServiceMode.NONE)
          .orElse(true), "reader VC '" + reader + "' to stop");
      retry(() -> {
        so.dropVirtualCluster(reader);
        return null;
      });
      await(() -> retry(si::inspect).vc(reader).isEmpty(), "reader VC '" + reader + "' to go");
      retry(() -> {
        so.createReaderVirtualCluster(replicating);
        return null;
      });
      await(() -> retry(si::inspect).vc(reader).map(v -> v.dataState() == DataState.READY
          && v.serviceMode() == ServiceMode.SHARED).orElse(false),
          "reader VC '" + reader + "' to serve");
    }
  }

  /** Puts back the {@code cluster.auto_upgrade.enabled} values found before pinning. */
  public void restoreSettings() {
    for (Map.Entry<String, Boolean> e : pinnedFrom.entrySet()) {
      String[] parts = e.getKey().split("/", 2);
      ClusterOperations ops = ports.operations(parts[0]);
      retry(() -> {
        if (e.getValue()) {
          ops.resetFinalizationSetting(parts[1], PinSetting.AUTO_UPGRADE_ENABLED);
        } else {
          ops.setFinalizationSetting(parts[1], PinSetting.AUTO_UPGRADE_ENABLED, "false");
        }
        return null;
      });
    }
    pinnedFrom.clear();
  }

  private void pin(ClusterOperations ops, ClusterSnapshot cluster, String vc) {
    String key = ops.clusterName() + "/" + vc;
    Optional<FinalizationSettings> found = cluster.vc(vc).flatMap(VirtualClusterInfo::settings);
    pinnedFrom.putIfAbsent(key, found.map(FinalizationSettings::autoUpgradeEnabled).orElse(true));
    retry(() -> {
      ops.setFinalizationSetting(vc, PinSetting.AUTO_UPGRADE_ENABLED, "false");
      return null;
    });
  }

  private void rollNodes(ClusterInspector inspector, ClusterSnapshot cluster, ReleaseSeries target) {
    BinaryTarget binary = BinaryTarget.anyPatchOf(target);
    List<NodeInfo> nodes = new ArrayList<>(cluster.nodes());
    for (NodeInfo n : nodes) {
      ports.nodeUpgrader().upgrade(inspector.clusterName(), n, binary);
      await(() -> {
        ClusterSnapshot s = retry(inspector::inspect);
        return s.node(n.id()).filter(x -> x.isHealthy() && binary.isSatisfiedBy(x.binary()))
            .isPresent() && s.health().isHealthy();
      }, "node " + n.id() + " of '" + inspector.clusterName() + "' to rejoin on " + binary);
    }
  }

  private void finalize(ClusterOperations ops, String vc, ReleaseSeries target) {
    retry(() -> {
      ops.finalizeVersion(vc, target);
      return null;
    });
    await(() -> retry(() -> ops.readVersion(vc)).equals(target.finalVersion()),
        "'" + ops.clusterName() + "' VC '" + vc + "' to finalize at " + target);
  }

  private void await(BooleanSupplier condition, String what) {
    Instant deadline = ports.clock().instant().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (!ports.clock().instant().isBefore(deadline)) {
        throw new PcrUpgradeException(CoreErrorCode.PORT_FAILURE,
            "timed out after " + timeout + " waiting for " + what);
      }
      try {
        ports.sleeper().sleep(poll);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PcrUpgradeException(CoreErrorCode.PORT_FAILURE, "interrupted waiting for " + what,
            e);
      }
    }
  }

  private static <T> T retry(Supplier<T> action) {
    for (int attempt = 1; ; attempt++) {
      try {
        return action.get();
      } catch (PcrUpgradeException e) {
        if (e.code() != CoreErrorCode.TRANSIENT || attempt >= TRANSIENT_ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
