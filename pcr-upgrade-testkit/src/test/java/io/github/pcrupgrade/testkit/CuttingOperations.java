package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.FinalizationSetting;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test-only {@link ClusterOperations} of one simulated cluster whose finalization blocks inside the
 * statement, as the product's does (crdb-pcr-sql-facts 10.1): {@code finalizeVersion} returns only
 * when the VC reports the target (and, optionally, not before a minimum duration), parking the
 * calling task on the deployment's {@link VirtualScheduler} meanwhile. It can also cut the
 * statement part-way, as a lost connection would, with either of the two UNCONFIRMED server
 * behaviours: the finalization stops, or it continues without its client.
 */
public final class CuttingOperations implements ClusterOperations {

  /** What the server does with a finalization whose client went away (UNCONFIRMED, 10.1). */
  public enum OnCut {
    /** The finalization stops at the step it reached; nothing resumes it. */
    STOPS,
    /** The finalization goes on to the target without its client. */
    CONTINUES
  }

  /** One call of {@link #finalizeVersion}: when it began and on which VC. */
  public record Call(String vc, Instant at) {}

  private static final Duration TICK = Duration.ofSeconds(10);

  private final SimulatedDeployment d;
  private final ClusterOperations delegate;
  private final String cluster;
  private final List<Call> finalizations = new ArrayList<>();
  private Duration minimum = Duration.ZERO;
  private Duration cutAfter;
  private OnCut onCut;
  private String cutVc;
  private volatile Instant inCallSince;

  public CuttingOperations(SimulatedDeployment d, String cluster, ClusterOperations delegate) {
    this.d = d;
    this.cluster = cluster;
    this.delegate = delegate;
  }

  /** Every finalization statement blocks at least this long (a large cluster's migrations). */
  public CuttingOperations minimumDuration(Duration min) {
    this.minimum = min;
    return this;
  }

  /** Cuts the first finalization of {@code vc} after {@code after}, the server doing {@code how}. */
  public CuttingOperations cutFirstFinalization(String vc, Duration after, OnCut how) {
    this.cutVc = vc;
    this.cutAfter = after;
    this.onCut = how;
    return this;
  }

  /** The finalization statements received, in order. */
  public synchronized List<Call> finalizations() {
    return List.copyOf(finalizations);
  }

  /** Since when a finalization statement has been in flight, if one is. */
  public Optional<Instant> inCallSince() {
    return Optional.ofNullable(inCallSince);
  }

  @Override
  public String clusterName() {
    return delegate.clusterName();
  }

  @Override
  public void setFinalizationSetting(String vc, FinalizationSetting setting, String value) {
    delegate.setFinalizationSetting(vc, setting, value);
  }

  @Override
  public void resetFinalizationSetting(String vc, FinalizationSetting setting) {
    delegate.resetFinalizationSetting(vc, setting);
  }

  @Override
  public void finalizeVersion(String vc, ReleaseSeries target) {
    Instant began = d.now();
    synchronized (this) {
      finalizations.add(new Call(vc, began));
    }
    delegate.finalizeVersion(vc, target);
    inCallSince = began;
    try {
      while (!reached(vc, target)
          || Duration.between(began, d.now()).compareTo(minimum) < 0) {
        if (vc.equals(cutVc) && cutAfter != null
            && Duration.between(began, d.now()).compareTo(cutAfter) >= 0) {
          cutAfter = null;
          if (onCut == OnCut.STOPS) {
            stopFinalization(vc);
          }
          throw new PcrUpgradeException(CoreErrorCode.TRANSIENT, "cluster '" + cluster
              + "' VC '" + vc + "': finalize to " + target + " failed: An I/O error occurred"
              + " while sending to the backend. (SQLSTATE 08006) (simulated cut)");
        }
        d.scheduler().block(TICK);
      }
    } catch (InterruptedException e) {
      throw new PcrUpgradeException(CoreErrorCode.TRANSIENT, "finalization abandoned", e);
    } finally {
      inCallSince = null;
    }
  }

  private boolean reached(String vc, ReleaseSeries target) {
    return d.trueVersion(cluster, vc).map(v -> v.isFinal() && v.isAtLeast(target))
        .orElse(false);
  }

  private void stopFinalization(String vc) {
    synchronized (d) {
      VcState v = d.cluster(cluster).vcs.get(vc);
      v.finalization = null;
      d.note(cluster, "finalization", vc + ": client cut; finalization stopped at " + v.version);
    }
  }

  @Override
  public ClusterVersion readVersion(String vc) {
    return delegate.readVersion(vc);
  }

  @Override
  public void stopService(String vc) {
    delegate.stopService(vc);
  }

  @Override
  public void startServiceShared(String vc) {
    delegate.startServiceShared(vc);
  }

  @Override
  public void dropVirtualCluster(String vc) {
    delegate.dropVirtualCluster(vc);
  }

  @Override
  public void createReaderVirtualCluster(String replicatingVc) {
    delegate.createReaderVirtualCluster(replicatingVc);
  }

  @Override
  public Optional<Instant> replicatedTime(String replicatingVc) {
    return delegate.replicatedTime(replicatingVc);
  }

  @Override
  public Instant clusterTime() {
    return delegate.clusterTime();
  }
}
