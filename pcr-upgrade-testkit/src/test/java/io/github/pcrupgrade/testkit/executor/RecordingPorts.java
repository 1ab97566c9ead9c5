package io.github.pcrupgrade.testkit.executor;

import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.core.spi.NodeUpgrader;
import io.github.pcrupgrade.core.spi.UpgradeJournal;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testkit.Ports;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A deployment's ports wrapped so that a test can see every mutating call the executor makes
 * (keyed by what it acts on, e.g. {@code finalize primary/main 25.2} or
 * {@code restart standby n2 25.2}) and can make the executor's process "crash": after the
 * {@code n}-th mutating call has taken effect, or just before the {@code n}-th
 * {@link JournalEvent#STEP_DONE} record is written, a {@link Crash} (an {@link Error}, which
 * nothing in the executor catches) unwinds the run. A crashed process does not release its lease.
 */
final class RecordingPorts {

  /** The simulated death of the executor's process. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash(String where) {
      super("simulated crash " + where, null, false, false);
    }
  }

  private final Ports ports;
  private final List<String> calls = new ArrayList<>();
  private int crashAfterCall;
  private int crashBeforeStepDone;
  private int callsThisRun;
  private int stepDonesThisRun;
  private boolean crashed;

  RecordingPorts(Ports ports) {
    this.ports = ports;
  }

  /** The next executor crashes after its {@code n}-th mutating port call took effect. */
  RecordingPorts crashAfterCall(int n) {
    reset();
    crashAfterCall = n;
    return this;
  }

  /** The next executor crashes just before journaling its {@code n}-th step as done. */
  RecordingPorts crashBeforeStepDone(int n) {
    reset();
    crashBeforeStepDone = n;
    return this;
  }

  /** The next executor runs without crashing. */
  RecordingPorts noCrash() {
    reset();
    return this;
  }

  private void reset() {
    crashAfterCall = 0;
    crashBeforeStepDone = 0;
    callsThisRun = 0;
    stepDonesThisRun = 0;
    crashed = false;
  }

  /** Every mutating call so far, across executors, in order. */
  List<String> calls() {
    return List.copyOf(calls);
  }

  /** The calls whose key starts with {@code prefix} that were made more than once. */
  Map<String, Long> repeated(String prefix) {
    return calls.stream().filter(c -> c.startsWith(prefix))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
        .entrySet().stream().filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** A fresh executor builder on the wrapped ports. */
  UpgradeExecutor.Builder executor() {
    return ports.executor()
        .primary(ports.primaryInspector(), new Ops(ports.primaryOperations()))
        .standby(ports.standbyInspector(), new Ops(ports.standbyOperations()))
        .nodeUpgrader(new Upgrader(ports.nodeUpgrader()))
        .journal(new Journal(ports.journal()));
  }

  private void mutated(String key) {
    calls.add(key);
    if (!crashed && ++callsThisRun == crashAfterCall) {
      crashed = true;
      throw new Crash("after " + key);
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
      d.setFinalizationSetting(vc, setting, value);
      mutated("set " + at(vc) + " " + setting + " " + value);
    }

    @Override
    public void resetFinalizationSetting(String vc, PinSetting setting) {
      d.resetFinalizationSetting(vc, setting);
      mutated("reset " + at(vc) + " " + setting);
    }

    @Override
    public void finalizeVersion(String vc, ReleaseSeries target) {
      d.finalizeVersion(vc, target);
      mutated("finalize " + at(vc) + " " + target);
    }

    @Override
    public ClusterVersion readVersion(String vc) {
      return d.readVersion(vc);
    }

    @Override
    public void stopService(String vc) {
      d.stopService(vc);
      mutated("stop " + at(vc) + " " + readerEpoch());
    }

    @Override
    public void startServiceShared(String vc) {
      d.startServiceShared(vc);
      mutated("start " + at(vc));
    }

    @Override
    public void dropVirtualCluster(String vc) {
      d.dropVirtualCluster(vc);
      mutated("drop " + at(vc) + " " + readerEpoch());
    }

    @Override
    public void createReaderVirtualCluster(String replicatingVc) {
      d.createReaderVirtualCluster(replicatingVc);
      mutated("create-reader " + at(replicatingVc) + " " + readerEpoch());
    }

    @Override
    public Optional<Instant> replicatedTime(String replicatingVc) {
      return d.replicatedTime(replicatingVc);
    }

    @Override
    public Instant clusterTime() {
      return d.clusterTime();
    }

    /** Reader operations are keyed by the primary system VC's version: once per hop each. */
    private String readerEpoch() {
      return ports.primaryInspector().inspect().systemVc().version().known()
          .map(Object::toString).orElse("?");
    }
  }

  private final class Upgrader implements NodeUpgrader {
    private final NodeUpgrader d;

    Upgrader(NodeUpgrader delegate) {
      this.d = delegate;
    }

    @Override
    public void upgrade(String cluster, NodeInfo node, BinaryTarget target) {
      d.upgrade(cluster, node, target);
      mutated("restart " + cluster + " n" + node.id() + " " + target);
    }

    @Override
    public void rollback(String cluster, NodeInfo node, BinaryTarget target) {
      d.rollback(cluster, node, target);
      mutated("rollback " + cluster + " n" + node.id() + " " + target);
    }
  }

  private final class Journal implements UpgradeJournal {
    private final UpgradeJournal d;

    Journal(UpgradeJournal delegate) {
      this.d = delegate;
    }

    @Override
    public JournalRecord append(JournalEntry entry) {
      if (crashed) {
        throw new Crash("already crashed: nothing more is written");
      }
      if (entry.event() == JournalEvent.STEP_DONE
          && ++stepDonesThisRun == crashBeforeStepDone) {
        crashed = true;
        throw new Crash("before journaling " + entry.stepId() + " as done");
      }
      return d.append(entry);
    }

    @Override
    public List<JournalRecord> history(String deploymentId) {
      return d.history(deploymentId);
    }

    @Override
    public Lease acquireLease(String deploymentId, String holderId, Duration ttl) {
      return d.acquireLease(deploymentId, holderId, ttl);
    }

    @Override
    public Lease renewLease(Lease lease, Duration ttl) {
      return d.renewLease(lease, ttl);
    }

    @Override
    public void releaseLease(Lease lease) {
      if (!crashed) {
        d.releaseLease(lease);
      }
    }
  }
}
