package io.github.pcrupgrade.testkit.chaos;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.exec.CancelHandle;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.spi.ClusterInspector;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.spi.InFlight;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.core.spi.NodeUpgrader;
import io.github.pcrupgrade.core.spi.UpgradeJournal;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testkit.InterruptedFinalization;
import io.github.pcrupgrade.testkit.Ports;
import io.github.pcrupgrade.testkit.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The ports of one executor instance in a chaos run: the deployment's ports attributed to the
 * instance's id (so the monitor checks invariant 9), wrapped to inflict the run's trouble on the
 * library's own calls: the caller's cancellation at the n-th port call, the process's death at
 * the n-th port call (before or after it took effect; a dead process writes nothing more and
 * never releases its lease), random transient errors, and the dropped connection of a blocking
 * statement (the port call fails with 08006 while the statement stops or goes on as the
 * deployment's {@link InterruptedFinalization} says). Port calls are counted per instance.
 */
final class ChaosPorts {

  /** The trouble this instance inflicts; zero / false / null for none. */
  record Trouble(int cancelAt, CancelHandle cancel, int crashAt, boolean crashAfterEffect,
      double transientProbability, int dropStatement, Duration dropAfter) {
    static Trouble none() {
      return new Trouble(0, null, 0, false, 0, 0, Duration.ZERO);
    }
  }

  private final Ports ports;
  private final String holder;
  private final Trouble trouble;
  private final TroubleLog log;
  private final SplittableRandom random;
  private final VirtualScheduler scheduler;
  private final InterruptedFinalization onInterrupt;
  private int calls;
  private int blockingStatements;
  private boolean crashed;

  ChaosPorts(Ports ports, String holder, Trouble trouble, TroubleLog log, long seed,
      InterruptedFinalization onInterrupt) {
    this.ports = ports;
    this.holder = holder;
    this.trouble = trouble;
    this.log = log;
    this.random = new SplittableRandom(seed);
    this.scheduler = ports.scheduler();
    this.onInterrupt = onInterrupt;
  }

  /** Whether this instance's process died. */
  synchronized boolean crashed() {
    return crashed;
  }

  /** An executor builder on these ports, with this instance's id. */
  UpgradeExecutor.Builder executor() {
    return ports.executor().executorId(holder)
        .primary(new Inspector(ports.primaryInspector()), new Ops(ports.primaryOperations()))
        .standby(new Inspector(ports.standbyInspector()), new Ops(ports.standbyOperations()))
        .nodeUpgrader(new Upgrader(ports.nodeUpgrader()))
        .journal(new Journal(ports.journal()));
  }

  /** Runs one port call with the trouble due at it. */
  private <T> T call(String what, boolean mutating, Supplier<T> body) {
    boolean crashAfter = false;
    boolean transientBefore = false;
    boolean transientAfter = false;
    synchronized (this) {
      if (crashed) {
        throw new ChaosCrash("(already dead) at " + what);
      }
      calls++;
      if (calls == trouble.cancelAt() && trouble.cancel() != null) {
        trouble.cancel().cancel();
        log.fired(TroubleKind.CANCELLED);
      }
      if (calls == trouble.crashAt()) {
        log.fired(TroubleKind.EXECUTOR_CRASH);
        if (!trouble.crashAfterEffect()) {
          crashed = true;
          throw new ChaosCrash("before " + what);
        }
        crashAfter = true;
      }
      if (trouble.transientProbability() > 0
          && random.nextDouble() < trouble.transientProbability()) {
        if (random.nextBoolean()) {
          transientBefore = true;
        } else {
          transientAfter = true;
        }
      }
    }
    if (transientBefore) {
      log.fired(TroubleKind.RANDOM_TRANSIENT_ERROR);
      throw new PcrUpgradeException(CoreErrorCode.TRANSIENT, what + " failed: restart"
          + " transaction: TransactionRetryWithProtoRefreshError: chaos (SQLSTATE 40001)");
    }
    T result = body.get();
    if (mutating) {
      log.mutated(holder + ": " + what);
    }
    if (crashAfter) {
      synchronized (this) {
        crashed = true;
      }
      throw new ChaosCrash("after " + what);
    }
    if (transientAfter) {
      log.fired(TroubleKind.RANDOM_TRANSIENT_ERROR);
      throw new PcrUpgradeException(CoreErrorCode.TRANSIENT, what + " failed: connection lost"
          + " after the statement took effect: chaos (SQLSTATE 08006)");
    }
    return result;
  }

  /**
   * A blocking statement whose connection may drop: it runs as a task of its own, and when it
   * is still running {@code dropAfter} into it, it is abandoned (the statement sees its client go
   * away) and the call fails with 08006.
   */
  private void blocking(String what, boolean finalization, Runnable statement) {
    boolean drop;
    synchronized (this) {
      blockingStatements++;
      drop = blockingStatements == trouble.dropStatement();
    }
    if (!drop) {
      call(what, true, () -> {
        statement.run();
        return null;
      });
      return;
    }
    call(what, true, () -> {
      InFlight<Void> inner = scheduler.submit("chaos " + what, () -> {
        statement.run();
        return null;
      });
      boolean returned;
      try {
        returned = inner.await(trouble.dropAfter());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        inner.abandon();
        throw new PcrUpgradeException(CoreErrorCode.PORT_FAILURE, what + " interrupted", e);
      }
      if (returned) {
        return inner.result();
      }
      inner.abandon();
      if (finalization) {
        log.fired(onInterrupt == InterruptedFinalization.STOPS
            ? TroubleKind.CONNECTION_DROPPED_STATEMENT_STOPS
            : TroubleKind.CONNECTION_DROPPED_STATEMENT_CONTINUES);
      }
      throw new PcrUpgradeException(CoreErrorCode.TRANSIENT, what + " failed: connection lost"
          + " while the statement ran: chaos (SQLSTATE 08006)");
    });
  }

  private final class Inspector implements ClusterInspector {
    private final ClusterInspector d;

    Inspector(ClusterInspector delegate) {
      this.d = delegate;
    }

    @Override
    public String clusterName() {
      return d.clusterName();
    }

    @Override
    public ClusterSnapshot inspect() {
      return call("inspect " + d.clusterName(), false, d::inspect);
    }
  }

  private final class Ops implements ClusterOperations {
    private final ClusterOperations d;

    Ops(ClusterOperations delegate) {
      this.d = delegate;
    }

    private String at(String vc) {
      return d.clusterName() + "/" + vc;
    }

    @Override
    public String clusterName() {
      return d.clusterName();
    }

    @Override
    public void setFinalizationSetting(String vc, PinSetting setting, String value) {
      call("set " + at(vc) + " " + setting + " " + value, true, () -> {
        d.setFinalizationSetting(vc, setting, value);
        return null;
      });
    }

    @Override
    public void resetFinalizationSetting(String vc, PinSetting setting) {
      call("reset " + at(vc) + " " + setting, true, () -> {
        d.resetFinalizationSetting(vc, setting);
        return null;
      });
    }

    @Override
    public void finalizeVersion(String vc, ReleaseSeries target) {
      blocking("finalize " + at(vc) + " " + target, true, () -> d.finalizeVersion(vc, target));
    }

    @Override
    public ClusterVersion readVersion(String vc) {
      return call("read version " + at(vc), false, () -> d.readVersion(vc));
    }

    @Override
    public void stopService(String vc) {
      blocking("stop " + at(vc), false, () -> d.stopService(vc));
    }

    @Override
    public void startServiceShared(String vc) {
      call("start " + at(vc), true, () -> {
        d.startServiceShared(vc);
        return null;
      });
    }

    @Override
    public void dropVirtualCluster(String vc) {
      call("drop " + at(vc), true, () -> {
        d.dropVirtualCluster(vc);
        return null;
      });
    }

    @Override
    public void createReaderVirtualCluster(String replicatingVc) {
      call("create reader of " + at(replicatingVc), true, () -> {
        d.createReaderVirtualCluster(replicatingVc);
        return null;
      });
    }

    @Override
    public Optional<Instant> replicatedTime(String replicatingVc) {
      return call("replicated time " + at(replicatingVc), false,
          () -> d.replicatedTime(replicatingVc));
    }

    @Override
    public Instant clusterTime() {
      return call("cluster time " + d.clusterName(), false, d::clusterTime);
    }
  }

  private final class Upgrader implements NodeUpgrader {
    private final NodeUpgrader d;

    Upgrader(NodeUpgrader delegate) {
      this.d = delegate;
    }

    @Override
    public void upgrade(String cluster, NodeInfo node, BinaryTarget target) {
      call("restart " + cluster + " n" + node.id() + " " + target, true, () -> {
        d.upgrade(cluster, node, target);
        return null;
      });
    }

    @Override
    public void rollback(String cluster, NodeInfo node, BinaryTarget target) {
      call("roll back " + cluster + " n" + node.id() + " " + target, true, () -> {
        d.rollback(cluster, node, target);
        return null;
      });
    }
  }

  /** The journal as a dead process leaves it: nothing written, renewed or released after death. */
  private final class Journal implements UpgradeJournal {
    private final UpgradeJournal d;

    Journal(UpgradeJournal delegate) {
      this.d = delegate;
    }

    private void alive(String what) {
      if (crashed()) {
        throw new ChaosCrash("(already dead) at " + what);
      }
    }

    @Override
    public JournalRecord append(JournalEntry entry) {
      alive("journal append");
      return d.append(entry);
    }

    @Override
    public List<JournalRecord> history(String deploymentId) {
      alive("journal read");
      return d.history(deploymentId);
    }

    @Override
    public Lease acquireLease(String deploymentId, String holderId, Duration ttl) {
      alive("lease acquire");
      return d.acquireLease(deploymentId, holderId, ttl);
    }

    @Override
    public Lease renewLease(Lease lease, Duration ttl) {
      alive("lease renewal");
      return d.renewLease(lease, ttl);
    }

    @Override
    public void releaseLease(Lease lease) {
      if (!crashed()) {
        d.releaseLease(lease);
      }
    }
  }
}
