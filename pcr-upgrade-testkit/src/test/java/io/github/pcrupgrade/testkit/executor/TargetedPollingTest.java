package io.github.pcrupgrade.testkit.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.spi.ClusterInspector;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.core.spi.NarrowRead;
import io.github.pcrupgrade.core.spi.UpgradeJournal;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 1: while a step is awaited the executor reads only what its done-condition looks
 * at, takes a full snapshot at least every {@code fullSnapshotEvery} polls, and never records a
 * step done on a narrow read alone. The inspectors here implement narrow reads truthfully (the
 * asked-for values from the simulation laid over the previous snapshot) and log every call, and
 * the journal logs every STEP_DONE into the same log.
 */
class TargetedPollingTest {

  /** One entry per call: {@code F <cluster>}, {@code N <cluster>} or {@code D <step id>}. */
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  private final class Narrowing implements ClusterInspector {
    private final ClusterInspector delegate;

    Narrowing(ClusterInspector delegate) {
      this.delegate = delegate;
    }

    @Override
    public String clusterName() {
      return delegate.clusterName();
    }

    @Override
    public ClusterSnapshot inspect() {
      log.add("F " + clusterName());
      return delegate.inspect();
    }

    @Override
    public ClusterSnapshot inspect(NarrowRead read, ClusterSnapshot previous) {
      log.add("N " + clusterName());
      ClusterSnapshot now = delegate.inspect();
      ClusterSnapshot out = previous;
      for (int id : read.nodes()) {
        NodeInfo n = now.node(id).orElseThrow();
        out = out.withNode(n);
      }
      for (String vc : read.versions()) {
        out = out.withVc(vc, v -> v.withVersion(now.vc(vc).orElseThrow().version()));
      }
      for (String vc : read.settings()) {
        out = out.withVc(vc, v -> v.withSettings(now.vc(vc).orElseThrow().settings()
            .orElseThrow()));
      }
      for (String vc : read.replication()) {
        out = out.withVc(vc, v -> v.withReplication(now.vc(vc).orElseThrow().replication()));
      }
      if (read.virtualClusters()) {
        if (!now.virtualClusters().stream().map(v -> v.name()).toList()
            .equals(previous.virtualClusters().stream().map(v -> v.name()).toList())) {
          return now;
        }
        for (var v : now.virtualClusters()) {
          out = out.withVc(v.name(), x -> x.withState(v.dataState(), v.serviceMode()));
        }
      }
      return out;
    }
  }

  private final class LoggingJournal implements UpgradeJournal {
    private final UpgradeJournal delegate;

    LoggingJournal(UpgradeJournal delegate) {
      this.delegate = delegate;
    }

    @Override
    public JournalRecord append(JournalEntry entry) {
      if (entry.event() == JournalEvent.STEP_DONE) {
        log.add("D " + entry.stepId());
      }
      return delegate.append(entry);
    }

    @Override
    public List<JournalRecord> history(String deploymentId) {
      return delegate.history(deploymentId);
    }

    @Override
    public Lease acquireLease(String deploymentId, String holderId, Duration ttl) {
      return delegate.acquireLease(deploymentId, holderId, ttl);
    }

    @Override
    public Lease renewLease(Lease lease, Duration ttl) {
      return delegate.renewLease(lease, ttl);
    }

    @Override
    public void releaseLease(Lease lease) {
      delegate.releaseLease(lease);
    }
  }

  private RunResult upgrade(SimulatedDeployment d, int fullEvery) {
    return d.ports().executor()
        .primary(new Narrowing(d.inspector("primary")), d.operations("primary"))
        .standby(new Narrowing(d.inspector("standby")), d.operations("standby"))
        .journal(new LoggingJournal(d.journal()))
        .options(ExecutorOptions.builder().pollInterval(Duration.ofSeconds(1))
            .maxPollInterval(Duration.ofSeconds(1)).settleTime(Duration.ofSeconds(30))
            .fullSnapshotEvery(fullEvery).build())
        .build().run(UpgradeRequest.to("25.4").build());
  }

  private static SimulatedDeployment deployment() {
    return SimulatedDeployment.builder().nodes(3, 3).series("24.3").reader(true).seed(7)
        .restartTimes(Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(20))
        .build();
  }

  private long count(String prefix) {
    return log.stream().filter(e -> e.startsWith(prefix)).count();
  }

  @Test
  void waitsReadNarrowlyAndEveryStepIsRecordedDoneRightAfterAFullSnapshot() {
    // Given a 2 x 3-node deployment with a reader VC whose restarts take about a minute
    SimulatedDeployment d = deployment();

    // When the executor upgrades it to 25.4, a full snapshot at least every 10 polls
    RunResult r = upgrade(d, 10);

    // Then it completes without a violation, and most polls of the waits were narrow
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    d.monitor().assertClean();
    assertThat(count("N ")).isGreaterThan(count("F ") / 2);
    // and no step was recorded done on a narrow read: the inspection before each is a full one
    String lastInspection = "";
    int done = 0;
    for (String e : log) {
      if (e.startsWith("D ")) {
        assertThat(lastInspection).as("inspection before " + e).startsWith("F ");
        done++;
      } else {
        lastInspection = e;
      }
    }
    // (steps found done at the start of an iteration are journaled STEP_ALREADY_DONE instead)
    assertThat(done).isGreaterThan(r.progress().total() / 2);
  }

  @Test
  void aFullSnapshotIsTakenAtLeastEveryNPolls() {
    // Given the same deployment, a full snapshot at least every 5 polls
    SimulatedDeployment d = deployment();

    // When it is upgraded
    RunResult r = upgrade(d, 5);

    // Then between two full snapshots of a cluster there are at most 4 narrow reads of it
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    for (String cluster : List.of("primary", "standby")) {
      int run = 0;
      int longest = 0;
      for (String e : log) {
        if (e.equals("N " + cluster)) {
          longest = Math.max(longest, ++run);
        } else if (e.equals("F " + cluster)) {
          run = 0;
        }
      }
      assertThat(longest).as(cluster).isBetween(1, 4);
    }
  }

  @Test
  void oneFullSnapshotEveryPollReadsNothingNarrowly() {
    // Given the same deployment, with fullSnapshotEvery 1
    SimulatedDeployment d = deployment();

    // When it is upgraded
    RunResult r = upgrade(d, 1);

    // Then every poll was a full snapshot
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    d.monitor().assertClean();
    assertThat(count("N ")).isZero();
    assertThat(count("F ")).isPositive();
  }

  @Test
  void targetedPollingTakesNoMoreVirtualTimeAndFarFewerFullSnapshots() {
    // Given two identical deployments
    SimulatedDeployment full = deployment();
    SimulatedDeployment targeted = deployment();
    java.time.Instant t0 = full.now();

    // When one is upgraded polling in full, the other with narrow reads
    RunResult a = upgrade(full, 1);
    long fullSnapshots = count("F ");
    Duration fullTime = Duration.between(t0, full.now());
    log.clear();
    RunResult b = upgrade(targeted, 30);
    Duration targetedTime = Duration.between(t0, targeted.now());

    // Then both complete, the targeted run in no more virtual time, with far fewer full snapshots
    assertThat(a.isCompleted()).isTrue();
    assertThat(b.isCompleted()).isTrue();
    assertThat(targetedTime).isLessThanOrEqualTo(fullTime);
    assertThat(count("F ") * 3).isLessThan(fullSnapshots);
  }
}
