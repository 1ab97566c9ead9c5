package io.github.pcrupgrade.jdbc.functional;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.HaltReason;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.journal.file.FileUpgradeJournal;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.spi.Sleeper;
import io.github.pcrupgrade.core.spi.UpgradeJournal;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.jdbc.Postgres;
import io.github.pcrupgrade.jdbc.journal.JdbcUpgradeJournal;
import io.github.pcrupgrade.testkit.Ports;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import io.github.pcrupgrade.core.plan.StepKind;

/**
 * Invariant 9 end to end: executors as separate replicas (each with its own journal instance, for
 * the JDBC journal its own pool) acting on one simulated deployment, the lease deciding who acts.
 * The simulated deployment runs in virtual time; the JDBC journal's lease expires in the database's
 * real time.
 */
class ExecutorLeaseTest {

  private static final UpgradeRequest TO_25_2 = UpgradeRequest.to("25.2").build();
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Where the executors keep their journal and lease. */
  enum Store { JDBC, FILE, IN_MEMORY }

  @TempDir Path dir;
  private final List<HikariDataSource> pools = new ArrayList<>();
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private String deployment;

  @BeforeEach
  void newDeployment() {
    deployment = "prod-" + UUID.randomUUID();
  }

  @AfterEach
  void cleanUp() {
    threads.shutdownNow();
    pools.forEach(HikariDataSource::close);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void twoExecutorsStartedTogetherOnOneDeploymentExactlyOneActsAndTheOtherIsToldWhoHoldsTheLease(
      Store store) throws Exception {
    // Given one deployment and two executors sharing its journal store, each its own replica
    SimulatedDeployment sim = deployment();
    ActingPorts acting = new ActingPorts(liveHolder(store, sim));
    // the winner waits after its first step until the other has decided, so it cannot finish
    // (and release the lease) before the other even asked
    CountDownLatch otherDecided = new CountDownLatch(1);
    List<UpgradeEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
    Runnable loserDecided = otherDecided::countDown;
    UpgradeExecutor a = executor(store, sim, acting, "exec-a", options(Duration.ofMinutes(1)))
        .listener(e -> onEvent(e, events, otherDecided, loserDecided)).build();
    UpgradeExecutor b = executor(store, sim, acting, "exec-b", options(Duration.ofMinutes(1)))
        .listener(e -> onEvent(e, events, otherDecided, loserDecided)).build();

    // When both start at the same moment on two threads
    CountDownLatch go = new CountDownLatch(1);
    Future<RunResult> ra = threads.submit(() -> {
      go.await();
      return a.run(TO_25_2);
    });
    Future<RunResult> rb = threads.submit(() -> {
      go.await();
      return b.run(TO_25_2);
    });
    go.countDown();
    List<RunResult> results = List.of(ra.get(60, TimeUnit.SECONDS), rb.get(60, TimeUnit.SECONDS));

    // Then exactly one completed; the other halted with LEASE_HELD naming the holder
    List<RunResult> completed = results.stream().filter(RunResult::isCompleted).toList();
    assertThat(completed).as("%s", results).hasSize(1);
    String winner = completed.get(0).runId().startsWith("exec-a") ? "exec-a" : "exec-b";
    String loser = winner.equals("exec-a") ? "exec-b" : "exec-a";
    RunResult halted = results.stream().filter(r -> !r.isCompleted()).findFirst().orElseThrow();
    assertThat(halted.status()).isEqualTo(RunStatus.HALTED);
    assertThat(halted.haltReason()).contains(HaltReason.LEASE_HELD);
    assertThat(halted.message()).contains("lease held by '" + winner + "'");

    // And only the winner acted, always holding the lease; the loser journaled only its halt
    assertThat(acting.calls()).isNotEmpty().allMatch(c -> c.executor().equals(winner));
    assertThat(acting.violations()).isEmpty();
    assertThat(journal(store, sim).history(deployment))
        .filteredOn(r -> r.entry().runId().startsWith(loser))
        .extracting(r -> r.entry().event())
        .containsExactly(JournalEvent.RUN_HALTED);
    sim.monitor().assertClean();
    assertThat(sim.trueVersion("primary", "main")).contains(ClusterVersion.parse("25.2"));
    assertThat(sim.trueVersion("standby", "main")).contains(ClusterVersion.parse("25.2"));
  }

  @Test
  void aFrozenHolderIsTakenOverAfterExpiryAndHaltsAtItsNextRenewalWithoutActing()
      throws Exception {
    // Given executor A holding the lease (TTL 10 s of database time, far more than a step takes
    // even on a loaded machine, so it lapses only while A is frozen) that freezes after its first
    // node restart, as a process stopped by the OS or a long GC pause would, without releasing
    SimulatedDeployment sim = deployment();
    ActingPorts acting = new ActingPorts(liveHolder(Store.JDBC, sim));
    CountDownLatch frozen = new CountDownLatch(1);
    CountDownLatch revive = new CountDownLatch(1);
    Duration ttl = Duration.ofSeconds(10);
    UpgradeExecutor a = executor(Store.JDBC, sim, acting, "exec-a", options(ttl))
        .listener(e -> {
          if (e instanceof UpgradeEvent.StepDone d && d.step().kind() == StepKind.RESTART_NODE
              && frozen.getCount() > 0) {
            frozen.countDown();
            await(revive);
          }
        }).build();
    Future<RunResult> ra = threads.submit(() -> a.run(TO_25_2));
    assertThat(frozen.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("A froze").isTrue();
    long generationOfA = lease().generation();
    int actedBeforeFreezing = acting.callsBy("exec-a").size();

    // When B starts, waiting for the lease: its sleeper moves virtual time and, until B holds
    // the lease, also lets real time pass, for the lease expires by the database's clock
    AtomicBoolean bActs = new AtomicBoolean();
    Sleeper virtualAndReal = d -> {
      sim.sleeper().sleep(d);
      if (!bActs.get()) {
        Thread.sleep(Math.min(d.toMillis(), 100));
      }
    };
    RunResult rb = executor(Store.JDBC, sim, acting, "exec-b",
        ExecutorOptions.builder().settleTime(Duration.ofSeconds(5)).pollInterval(
            Duration.ofMillis(100)).maxPollInterval(Duration.ofSeconds(1)).leaseTtl(ttl)
            .leaseWait(Duration.ofMinutes(10)).build())
        .sleeper(virtualAndReal)
        .listener(e -> bActs.compareAndSet(false, e instanceof UpgradeEvent.StepStarted))
        .build().run(TO_25_2);

    // Then B took over with a higher generation and completed
    assertThat(rb.isCompleted()).as(rb.toString()).isTrue();
    StoredLease afterB = lease();
    assertThat(afterB.holder()).isEqualTo("exec-b");
    assertThat(afterB.generation()).isGreaterThan(generationOfA);
    assertThat(acting.callsBy("exec-b")).isNotEmpty();

    // And A, revived, halts at its next renewal without making another call
    revive.countDown();
    RunResult resultA = ra.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(resultA.status()).isEqualTo(RunStatus.HALTED);
    assertThat(resultA.haltReason()).as(resultA.toString()).contains(HaltReason.LEASE_LOST);
    assertThat(resultA.message()).contains("now held by 'exec-b'")
        .contains("stopped before acting");
    assertThat(acting.callsBy("exec-a")).hasSize(actedBeforeFreezing);
    int firstOfB = acting.callsBy("exec-b").get(0).index();
    assertThat(acting.callsBy("exec-a")).allMatch(c -> c.index() < firstOfB);
    assertThat(acting.violations()).isEmpty();
    sim.monitor().assertClean();
    assertThat(sim.trueVersion("standby", "main")).contains(ClusterVersion.parse("25.2"));
    // nothing after B's completion but A's halt
    List<JournalRecord> history = journal(Store.JDBC, sim).history(deployment);
    int completedAt = indexOf(history, JournalEvent.RUN_COMPLETED);
    assertThat(history.subList(completedAt + 1, history.size()))
        .extracting(r -> r.entry().event()).containsExactly(JournalEvent.RUN_HALTED);
  }

  @Test
  void aRunWaitsForALiveLeaseAtMostLeaseWaitThenHaltsNamingTheHolderWithoutActing() {
    // Given a deployment whose lease another executor holds for an hour (virtual time)
    SimulatedDeployment sim = deployment();
    sim.journal().acquireLease(deployment, "exec-a", Duration.ofHours(1));
    ActingPorts acting = new ActingPorts(null);

    // When an executor willing to wait ten minutes runs
    RunResult r = executor(Store.IN_MEMORY, sim, acting, "exec-b",
        ExecutorOptions.builder().leaseWait(Duration.ofMinutes(10)).build()).build().run(TO_25_2);

    // Then it polled for ten minutes and halted with LEASE_HELD, having changed nothing
    assertThat(r.haltReason()).as(r.toString()).contains(HaltReason.LEASE_HELD);
    assertThat(r.message()).contains("lease held by 'exec-a'").contains("leaseWait PT10M");
    assertThat(r.took()).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
    assertThat(acting.calls()).isEmpty();
    assertThat(sim.journal().history(deployment)).extracting(rec -> rec.entry().event())
        .containsExactly(JournalEvent.RUN_HALTED);
    sim.monitor().assertClean();
  }

  // ------------------------------------------------------------------ helpers

  private SimulatedDeployment deployment() {
    return SimulatedDeployment.builder().deploymentId(deployment).nodes(3, 3).series("24.3")
        .primaryBinary("v24.3.20").standbyBinary("v24.3.20").reader(true).seed(7).build();
  }

  private static ExecutorOptions options(Duration leaseTtl) {
    return ExecutorOptions.builder().settleTime(Duration.ofSeconds(5))
        .maxPollInterval(Duration.ofSeconds(4)).leaseTtl(leaseTtl).build();
  }

  /**
   * An executor as a separate replica: its own journal instance (for the JDBC journal its own
   * pool) on the shared store, its mutating calls recorded. The in-memory journal is the
   * deployment's own, with the ports tagged so that its monitor checks invariant 9 too.
   */
  private UpgradeExecutor.Builder executor(Store store, SimulatedDeployment sim,
      ActingPorts acting, String id, ExecutorOptions options) {
    Ports p = store == Store.IN_MEMORY ? sim.ports(id) : sim.ports();
    return p.executor().executorId(id).journal(journal(store, sim)).options(options)
        .primary(p.primaryInspector(), acting.operations(id, p.primaryOperations()))
        .standby(p.standbyInspector(), acting.operations(id, p.standbyOperations()))
        .nodeUpgrader(acting.upgrader(id, p.nodeUpgrader()));
  }

  private UpgradeJournal journal(Store store, SimulatedDeployment sim) {
    return switch (store) {
      case JDBC -> JdbcUpgradeJournal.builder(pool()).build();
      case FILE -> new FileUpgradeJournal(dir, sim.clock());
      case IN_MEMORY -> sim.journal();
    };
  }

  /** Reads the live lease's holder from outside the executors (JDBC only). */
  private Supplier<Optional<String>> liveHolder(Store store, SimulatedDeployment sim) {
    if (store != Store.JDBC) {
      return null;
    }
    HikariDataSource pool = pool();
    return () -> query(pool, "SELECT holder_id FROM pcr_upgrade_lease"
        + " WHERE deployment_id = ? AND expires_at > now()", rs -> rs.getString(1));
  }

  private record StoredLease(String holder, long generation) {}

  private StoredLease lease() {
    return query(pool(), "SELECT holder_id, generation FROM pcr_upgrade_lease"
        + " WHERE deployment_id = ?", rs -> new StoredLease(rs.getString(1), rs.getLong(2)))
        .orElseThrow();
  }

  private interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> Optional<T> query(HikariDataSource pool, String sql, Row<T> row) {
    try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, deployment);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row.read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new AssertionError("could not read the lease table", e);
    }
  }

  private HikariDataSource pool() {
    HikariDataSource pool = Postgres.newPool(2);
    pools.add(pool);
    return pool;
  }

  private static void onEvent(UpgradeEvent e, List<UpgradeEvent> events,
      CountDownLatch otherDecided, Runnable decided) {
    events.add(e);
    if (e instanceof UpgradeEvent.Halted) {
      decided.run();
    } else if (e instanceof UpgradeEvent.StepDone) {
      await(otherDecided);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("waited " + WAIT + " in a listener");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int indexOf(List<JournalRecord> history, JournalEvent event) {
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).entry().event() == event) {
        return i;
      }
    }
    throw new AssertionError("no " + event + " in " + history);
  }
}
