package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.InFlight;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test-only {@link ClusterOperations} of one simulated cluster that records its finalization and
 * STOP SERVICE statements (the simulation blocks inside them, crdb-pcr-sql-facts 10.1) and can cut
 * one part-way, as a lost connection would: the statement runs as a task of the deployment's
 * {@link VirtualScheduler}; after the cut time the task is abandoned (the simulated server sees its
 * client go away and ends the statement as the deployment's {@link InterruptedFinalization} says)
 * and the call fails with a lost-connection error ({@code 08006}), as pgjdbc reports it.
 */
public final class CuttingOperations extends ForwardingOperations {

  /** One statement received: which, on which VC, and when. */
  public record Call(String statement, String vc, Instant at) {}

  private final SimulatedDeployment d;
  private final List<Call> calls = new ArrayList<>();
  private String cutStatement;
  private String cutVc;
  private Duration cutAfter;
  private volatile Instant inCallSince;

  public CuttingOperations(SimulatedDeployment d, ClusterOperations delegate) {
    super(delegate);
    this.d = d;
  }

  /** Cuts the first finalization of {@code vc} after {@code after} of virtual time. */
  public CuttingOperations cutFirstFinalization(String vc, Duration after) {
    return cut("finalize", vc, after);
  }

  /** Cuts the first STOP SERVICE of {@code vc} after {@code after} of virtual time. */
  public CuttingOperations cutFirstStop(String vc, Duration after) {
    return cut("stop", vc, after);
  }

  private CuttingOperations cut(String statement, String vc, Duration after) {
    this.cutStatement = statement;
    this.cutVc = vc;
    this.cutAfter = after;
    return this;
  }

  /** The finalization statements received, in order. */
  public synchronized List<Call> finalizations() {
    return calls.stream().filter(c -> c.statement().equals("finalize")).toList();
  }

  /** The STOP SERVICE statements received, in order. */
  public synchronized List<Call> stops() {
    return calls.stream().filter(c -> c.statement().equals("stop")).toList();
  }

  /** Since when a finalization or STOP SERVICE statement has been in flight, if one is. */
  public Optional<Instant> inCallSince() {
    return Optional.ofNullable(inCallSince);
  }




  @Override
  public void finalizeVersion(String vc, ReleaseSeries target) {
    blocking("finalize", vc, () -> delegate().finalizeVersion(vc, target));
  }

  @Override
  public void stopService(String vc) {
    blocking("stop", vc, () -> delegate().stopService(vc));
  }

  private void blocking(String statement, String vc, Runnable send) {
    Instant began = d.now();
    boolean cut;
    synchronized (this) {
      calls.add(new Call(statement, vc, began));
      cut = statement.equals(cutStatement) && vc.equals(cutVc) && cutAfter != null;
    }
    inCallSince = began;
    try {
      if (!cut) {
        send.run();
        return;
      }
      Duration after = cutAfter;
      cutAfter = null;
      InFlight<Void> f = d.scheduler().submit(statement + " " + vc, () -> {
        send.run();
        return null;
      });
      try {
        if (f.await(after)) {
          f.result();
          return;
        }
        f.abandon();
      } catch (InterruptedException e) {
        f.abandon();
        Thread.currentThread().interrupt();
      }
      throw new PcrUpgradeException(CoreErrorCode.TRANSIENT, "cluster '" + clusterName()
          + "' VC '" + vc + "': " + statement + " failed: An I/O error occurred while sending to"
          + " the backend. (SQLSTATE 08006) (simulated cut after " + after + ")");
    } finally {
      inCallSince = null;
    }
  }
}
