package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.catalog.Feature;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.journal.InMemoryUpgradeJournal;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.ReplicationState;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.spi.ApprovalGate;
import io.github.pcrupgrade.core.spi.ClusterInspector;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.core.spi.NodeUpgrader;
import io.github.pcrupgrade.core.spi.Sleeper;
import io.github.pcrupgrade.core.spi.UpgradeJournal;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.core.version.VersionFormatException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A deterministic simulated PCR deployment that behaves like CockroachDB: a primary cluster whose
 * application VC replicates into a standby (optionally with a reader VC), nodes that drain,
 * restart and refuse to start on incompatible binaries, per-VC cluster versions and settings with
 * the product's checks and error texts, finalization through the transitional versions,
 * auto-finalization as the product does it by default, a replication stream whose replicating VC
 * carries the source's version as of the replicated time, reader VCs, failover and fast failback,
 * fault injection, and an {@link InvariantMonitor} that checks the invariants after every event.
 *
 * <p>It exposes an implementation of every port ({@link #ports()}), a virtual {@link Clock}, a
 * {@link Sleeper} that advances it, and per cluster a SQL-level facade ({@link SimulatedCluster})
 * for a wire front. Nothing happens in real time: time moves only through {@link #advance},
 * {@link #advanceTo}, the sleeper, and the node upgrader (a restart takes virtual time).
 *
 * <p><b>Determinism:</b> the same builder settings (seed included) and the same calls give the
 * same {@link #trace()}; random faults and random transient errors are drawn from the seed.
 *
 * <p><b>Thread-safety:</b> a deployment is meant to be driven from one thread. Every port method,
 * facade method and time method synchronizes on the deployment, so a wire front serving several
 * connections (or an executor and a test thread) may use it concurrently; statements are then
 * serialized. No static mutable state.
 */
public final class SimulatedDeployment {

  /** The default start of virtual time. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-05T12:00:00Z");

  /** Replicated time advances in steps of this length (crdb-pcr-sql-facts.md 2.2). */
  public static final Duration REPLICATION_INTERVAL = Duration.ofSeconds(30);

  /** How often each cluster's system VC auto-upgrade loop looks (the product backs off 1-30 s). */
  public static final Duration SYSTEM_AUTO_UPGRADE_INTERVAL = Duration.ofSeconds(10);

  /** How often each app VC's auto-upgrade loop looks (crdb-upgrade-facts.md 2.6: 30 s). */
  public static final Duration APP_AUTO_UPGRADE_INTERVAL = Duration.ofSeconds(30);

  /** Internal steps shown per series crossed during a finalization (002, 004, 006, 008). */
  static final int STEPS_PER_SERIES = 4;

  private static final Map<ReleaseSeries, Integer> LATEST_PATCH = latestPatches();

  /** Durations of the simulated product's asynchronous work. */
  record Timing(
      Duration finalizationStep, Duration drain, Duration restart, Duration rejoin,
      Duration readerInitialScan, Duration serviceStop, Duration drop, Duration failover,
      Duration failbackCatchUp) {}

  private record Scheduled(Instant at, long seq, String label, Runnable action) {}

  private record ArmedRestart(String cluster, int nodeId, boolean fail, Duration lateBy) {}

  private record TransientSpec(String sqlState, boolean afterEffect) {}

  private final ReleaseCatalog catalog;
  private final Rules rules;
  private final long seed;
  private final SplittableRandom random;
  private final String deploymentId;
  private final Timing timing;
  private final Map<ReleaseSeries, BinaryVersion> binaries;
  private final boolean acceptSqlFinalizations;
  private final Instant start;
  private Duration lag;
  private Duration extraLag = Duration.ZERO;
  private Instant extraLagUntil;
  private Instant stallUntil;
  private Instant now;
  private long seq;
  private long jobIds = 1_000_000_000_000_000L;
  private boolean dirty;
  private final PriorityQueue<Scheduled> queue = new PriorityQueue<>(
      Comparator.comparing(Scheduled::at).thenComparingLong(Scheduled::seq));
  private final List<TraceEvent> trace = new ArrayList<>();
  private final SimulatedCluster primary;
  private final SimulatedCluster standby;
  private final InvariantMonitor monitor;
  private final InMemoryUpgradeJournal journal;
  private final SimulatedApprovalGate approvalGate;
  private final VirtualClock clock;
  private final Sleeper sleeper;
  private final VirtualScheduler scheduler;
  private final FaultPlan faultPlan;
  private final List<FaultPlan.Planned> waitingFaults = new ArrayList<>();
  private final List<FiredFault> firedFaults = new ArrayList<>();
  private final List<ArmedRestart> armedRestarts = new ArrayList<>();
  private final Map<String, Deque<TransientSpec>> transients = new HashMap<>();
  private final Map<String, String> lastAutoNote = new HashMap<>();
  private final Map<String, Integer> restartsByCluster = new HashMap<>();
  private int restarts;
  private long portCalls;
  private boolean randomTransientsOff;
  private final Ports ports;
  private final BlockingStatements blocking;
  private final FidelityFaults fidelityFaults = new FidelityFaults(this);
  private final List<Runnable> nodeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** How many real-time drivers move the clock; blocking statements then wait for them. */
  private int clockDrivers;

  private SimulatedDeployment(Builder b, Resolved r) {
    this.catalog = b.catalog;
    this.rules = new Rules(catalog);
    this.seed = b.seed;
    this.random = new SplittableRandom(b.seed);
    this.deploymentId = b.deploymentId;
    this.timing = b.timing();
    this.binaries = Map.copyOf(b.binaries);
    this.acceptSqlFinalizations = b.acceptSqlFinalizations;
    this.start = b.start;
    this.now = b.start;
    this.lag = b.lag;
    this.faultPlan = b.faults;
    this.blocking = new BlockingStatements(this, b.finalizationDurations, b.stopDurations,
        b.interruptedFinalization);
    this.monitor = new InvariantMonitor(this, rules);
    this.clock = new VirtualClock(this);
    this.journal = new InMemoryUpgradeJournal(clock);
    this.approvalGate = new SimulatedApprovalGate(this, b.approvalPolicy);
    this.sleeper = duration -> {
      if (Thread.interrupted()) {
        throw new InterruptedException("simulated sleep interrupted");
      }
      if (duration != null && !duration.isNegative()) {
        advance(duration);
      }
    };
    this.scheduler = new VirtualScheduler(clock, this::advanceRecording, this);
    this.primary = new SimulatedCluster(this, b.primaryName, ClusterRole.PRIMARY);
    this.standby = new SimulatedCluster(this, b.standbyName, ClusterRole.STANDBY);
    populate(b, r);
    this.ports = attributedPorts(null);
    installFaults();
    scheduleTicks();
    note("", "start", "deployment '" + deploymentId + "' seed " + seed + ": primary "
        + r.primaryBinary + " at " + r.primaryVersion + ", standby " + r.standbyBinary + " at "
        + r.standbyVersion + (b.reader ? ", reader VC" : ""));
    dirty = true;
    afterEvent();
  }

  /**
   * A builder with the defaults: 3 + 3 nodes on 24.3, no reader VC, seed 0, no faults.
   *
   * @return a new builder; see {@link Builder} for every default
   */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------ public API

  /**
   * The deployment id used by the journal and the lease.
   *
   * @return the builder's {@code deploymentId}, {@code simulated-pcr} by default
   */
  public String deploymentId() {
    return deploymentId;
  }

  /**
   * The seed that random choices and random faults are drawn from.
   *
   * @return the builder's seed, 0 by default
   */
  public long seed() {
    return seed;
  }

  /**
   * The release catalog the simulated binaries follow.
   *
   * @return the builder's catalog, the built-in one by default
   */
  public ReleaseCatalog catalog() {
    return catalog;
  }

  /**
   * The current virtual time.
   *
   * @return the virtual clock's instant; it starts at the builder's {@code start}
   */
  public Instant now() {
    synchronized (this) {
      return now;
    }
  }

  /**
   * The virtual clock ({@code java.time.Clock}); it moves only when the simulation advances.
   *
   * @return the clock the ports, the journal and executors built from {@link #ports()} read
   */
  public Clock clock() {
    return clock;
  }

  /**
   * A sleeper that advances the virtual clock, running every simulated event that falls due.
   *
   * @return a sleeper whose {@code sleep(d)} is {@link #advance advance(d)} on the calling thread
   *     (a negative or null duration does nothing; an interrupted thread gets an {@code
   *     InterruptedException} before any time passes)
   */
  public Sleeper sleeper() {
    return sleeper;
  }

  /**
   * The deployment's virtual-time scheduler ({@link VirtualScheduler}): executors built from
   * {@link #ports()} run their blocking calls, lease heartbeats and waits on it.
   *
   * @return the one scheduler of this deployment
   */
  public VirtualScheduler scheduler() {
    return scheduler;
  }

  /**
   * Advances virtual time by {@code duration}, running every scheduled event that falls due, in
   * time order, and checking the invariants after each.
   *
   * @param duration how much virtual time passes, zero or more
   * @throws NullPointerException if {@code duration} is null
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if {@code duration} is negative
   * @throws RuntimeException the first failure of a simulated event, as {@link #advanceTo}
   */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    synchronized (this) {
      if (duration.isNegative()) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "virtual time never goes backwards; cannot advance by " + duration);
      }
      advanceTo(now.plus(duration));
    }
  }

  /**
   * Advances virtual time to {@code target} (no-op when it is not in the future).
   *
   * @param target the virtual time to reach
   * @throws RuntimeException the first failure of a simulated event on the way, rethrown once
   *     every event due by {@code target} has run and the clock is at {@code target}; the monitor
   *     has recorded it ({@link MonitorViolation.Kind#SIMULATION_EVENT_FAILED})
   */
  public void advanceTo(Instant target) {
    RuntimeException failure = advanceRecording(target);
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Advances as {@link #advanceTo} does, but returns the first failure of a simulated event
   * instead of throwing it: the virtual-time scheduler moves the clock this way between its tasks,
   * where an exception would leave no task running (the failure is on the monitor's record).
   */
  private RuntimeException advanceRecording(Instant target) {
    Objects.requireNonNull(target, "target");
    RuntimeException first = null;
    synchronized (this) {
      while (!queue.isEmpty() && !queue.peek().at().isAfter(target)) {
        Scheduled e = queue.poll();
        if (e.at().isAfter(now)) {
          now = e.at();
        }
        try {
          e.action().run();
        } catch (RuntimeException failure) {
          // one broken event must not take the rest of the simulation with it: record it for the
          // monitor, go on with the events still due, and tell the caller at the end
          eventFailed(e.label(), failure);
          first = first == null ? failure : first;
        }
        afterEvent();
      }
      if (target.isAfter(now)) {
        now = target;
      }
      notifyAll();
    }
    return first;
  }

  /**
   * Declares that a driver moves this deployment's clock along with real time (the wire front's
   * {@code RealTimeDriver}): until the returned handle is closed, a blocking statement waits for
   * the clock to move instead of moving it itself (see {@link #block(Duration)}).
   *
   * @return the handle; closing it (once or more) ends the declaration
   */
  public AutoCloseable drivenInRealTime() {
    synchronized (this) {
      clockDrivers++;
    }
    boolean[] closed = new boolean[1];
    return () -> {
      synchronized (this) {
        if (!closed[0]) {
          closed[0] = true;
          clockDrivers--;
          notifyAll();
        }
      }
    };
  }

  /**
   * The one hook through which a blocking statement (a finalization, STOP SERVICE, a stalled
   * {@code SHOW CLUSTER SETTING version}) spends {@code d} of virtual time on its caller's thread.
   * Without a real-time driver it parks the caller on the deployment's {@link VirtualScheduler}
   * (releasing the deployment's lock while parked), so an in-memory call takes virtual time as the
   * product's statement takes real time while the executor's other tasks (its lease heartbeat, a
   * second executor) go on; a thread that is not one of the scheduler's tasks while a task runs
   * advances the clock at once instead; with one
   * ({@link #drivenInRealTime()}) it releases the deployment's lock and waits until the driven
   * clock has moved by {@code d}, so a wire connection is held for the statement's real duration.
   * Called with the deployment's lock held.
   *
   * @throws InterruptedException when the caller is interrupted (its client went away or
   *     cancelled); the statement then ends as its own contract says
   */
  void block(Duration d) throws InterruptedException {
    if (clockDrivers == 0) {
      // parks the calling task on the virtual timeline (releasing this lock meanwhile), so the
      // executor's lease heartbeat and other tasks run during the statement
      scheduler.block(d);
      return;
    }
    if (Thread.interrupted()) {
      throw new InterruptedException("blocking statement interrupted");
    }
    Instant until = now.plus(d);
    while (now.isBefore(until) && clockDrivers > 0) {
      wait(Math.max(1, Math.min(1_000, Duration.between(now, until).toMillis())));
    }
  }

  BlockingStatements blocking() {
    return blocking;
  }

  FidelityFaults fidelityFaults() {
    return fidelityFaults;
  }

  /**
   * Advances, event by event, until {@code condition} holds or {@code max} has passed.
   * The condition is tested before any time passes and after each step to the next scheduled
   * event, so the clock stops at the first event after which it holds.
   *
   * @param condition what to wait for, evaluated with the deployment's lock held
   * @param max the most virtual time to let pass
   * @return whether the condition holds; false once {@code max} has passed without it
   */
  public boolean advanceUntil(BooleanSupplier condition, Duration max) {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(max, "max");
    synchronized (this) {
      Instant deadline = now.plus(max);
      while (!condition.getAsBoolean()) {
        if (!now.isBefore(deadline)) {
          return false;
        }
        Instant next = queue.isEmpty() ? deadline : queue.peek().at();
        advanceTo(next.isAfter(deadline) ? deadline : next);
      }
      return true;
    }
  }

  /**
   * The primary cluster's SQL facade.
   *
   * @return the cluster built as the primary (still so after a failover)
   */
  public SimulatedCluster primary() {
    return primary;
  }

  /**
   * The standby cluster's SQL facade.
   *
   * @return the cluster built as the standby (still so after a failover)
   */
  public SimulatedCluster standby() {
    return standby;
  }

  /**
   * The cluster with this name.
   *
   * @param name the cluster's name
   * @return the primary's or the standby's facade
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} naming the clusters that exist
   */
  public SimulatedCluster cluster(String name) {
    Objects.requireNonNull(name, "name");
    SimulatedCluster c = clusterOrNull(name);
    if (c == null) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "no cluster named '" + name + "'; the deployment has '" + primary.name() + "' and '"
              + standby.name() + "'");
    }
    return c;
  }

  /**
   * Every port, untagged: mutating calls are not attributed to a lease holder.
   *
   * @return the same ports on every call; the monitor never records {@code ACTED_WITHOUT_LEASE}
   *     for them
   */
  public Ports ports() {
    return ports;
  }

  /**
   * Every port, with mutating calls attributed to {@code holderId}: the invariant monitor records
   * any such call made while {@code holderId} does not hold the deployment's current, unexpired
   * lease in {@link #journal()} (invariant 9).
   *
   * @param holderId the executor id whose lease the calls are checked against
   * @return new ports sharing this deployment's state, journal, clock and scheduler
   */
  public Ports ports(String holderId) {
    Objects.requireNonNull(holderId, "holderId");
    return attributedPorts(holderId);
  }

  /** The ports, with mutating calls attributed to {@code holderId}, or to none when null. */
  private Ports attributedPorts(String holderId) {
    return new Ports(deploymentId,
        new Inspector(primary), new Inspector(standby),
        new Operations(primary, holderId), new Operations(standby, holderId),
        new Upgrader(holderId), journal, approvalGate, clock, sleeper, scheduler);
  }

  /**
   * The inspector of a cluster (untagged).
   *
   * @param cluster the cluster's name
   * @return its inspector
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a name the deployment does not have
   */
  public ClusterInspector inspector(String cluster) {
    Objects.requireNonNull(cluster, "cluster");
    return ports.inspector(cluster);
  }

  /**
   * The operations of a cluster (untagged).
   *
   * @param cluster the cluster's name
   * @return its operations
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a name the deployment does not have
   */
  public ClusterOperations operations(String cluster) {
    Objects.requireNonNull(cluster, "cluster");
    return ports.operations(cluster);
  }

  /**
   * The node upgrader (untagged).
   *
   * @return the upgrader of both clusters: drain, swap the binary and restart, in virtual time
   */
  public NodeUpgrader nodeUpgrader() {
    return ports.nodeUpgrader();
  }

  /**
   * The in-memory journal, whose lease expiry is judged by the virtual clock.
   *
   * @return the one journal of this deployment, shared by every executor built from it
   */
  public InMemoryUpgradeJournal journal() {
    return journal;
  }

  /**
   * The configurable approval gate (approves everything unless told otherwise).
   *
   * @return the gate every executor built from this deployment asks
   */
  public SimulatedApprovalGate approvalGate() {
    return approvalGate;
  }

  /**
   * The invariant monitor of this deployment.
   *
   * @return the monitor, which has checked the truth after every event so far
   */
  public InvariantMonitor monitor() {
    return monitor;
  }

  /**
   * The event trace so far (a copy).
   *
   * @return every entry in order; equal for the same builder settings and calls
   */
  public List<TraceEvent> trace() {
    synchronized (this) {
      return List.copyOf(trace);
    }
  }

  /**
   * What the inspectors see now (the replicating VC's version unknown), without a port call.
   *
   * @return the snapshot as the inspectors see it, taken without counting a port call (so no
   *     trigger fires and no transient error is spent)
   */
  public DeploymentSnapshot snapshot() {
    synchronized (this) {
      return new DeploymentSnapshot(primary.snapshot(false), standby.snapshot(false));
    }
  }

  /**
   * The truth: every VC at its real version, the replicating VC included (observed), as the
   * invariant monitor judges it.
   *
   * @return the snapshot with every version observed
   */
  public DeploymentSnapshot trueSnapshot() {
    synchronized (this) {
      return new DeploymentSnapshot(primary.snapshot(true), standby.snapshot(true));
    }
  }

  /**
   * The real version of a VC (the replicating VC's too), if the VC exists.
   *
   * @param cluster the cluster's name
   * @param vc the VC's name
   * @return its cluster version now, or empty when the cluster has no such VC
   * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a cluster the deployment does not
   *     have
   */
  public Optional<ClusterVersion> trueVersion(String cluster, String vc) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(vc, "vc");
    synchronized (this) {
      return Optional.ofNullable(cluster(cluster).vcs.get(vc)).map(v -> v.version);
    }
  }

  /**
   * The binary the node upgrader installs for a series when the target names no patch.
   *
   * @param series the target series
   * @return the builder's {@code binaryFor} of that series, else {@link #latestKnownBinary}
   */
  public BinaryVersion defaultBinary(ReleaseSeries series) {
    Objects.requireNonNull(series, "series");
    BinaryVersion b = binaries.get(series);
    return b != null ? b : latestKnownBinary(series);
  }

  /**
   * The latest patch of a series the testkit knows (crdb-upgrade-facts.md 6.1, e.g.
   * {@code v24.3.33}); patch 0 for a series it does not know.
   *
   * @param series the series
   * @return its latest known patch, or {@code v<series>.0}
   */
  public static BinaryVersion latestKnownBinary(ReleaseSeries series) {
    Objects.requireNonNull(series, "series");
    return BinaryVersion.of(series, LATEST_PATCH.getOrDefault(series, 0));
  }

  /**
   * Injects a fault now. A fault naming a cluster or VC the deployment does not have does
   * nothing, though it counts as fired.
   *
   * @param fault what goes wrong; see each {@link Fault} for its effect
   * @throws NullPointerException if {@code fault} is null
   */
  public void inject(Fault fault) {
    Objects.requireNonNull(fault, "fault");
    synchronized (this) {
      apply(fault);
      afterEvent();
    }
  }

  /**
   * Injects a fault when {@code trigger} fires (a time trigger counts from the deployment's start).
   *
   * @param trigger when the fault is applied; one already past fires at the next advance
   * @param fault what goes wrong
   * @throws NullPointerException if either is null
   */
  public void inject(Trigger trigger, Fault fault) {
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(fault, "fault");
    synchronized (this) {
      plan(new FaultPlan.Planned(trigger, fault));
    }
  }

  /**
   * Every fault applied so far (its trigger fired, or it was injected now), in order.
   *
   * @return a copy; an armed fault is listed from when it was armed
   */
  public List<FiredFault> firedFaults() {
    synchronized (this) {
      return List.copyOf(firedFaults);
    }
  }

  /**
   * Ends every fault: planned faults not yet fired are dropped, armed restart faults, queued
   * transient errors and random transient errors disarmed, replication stalls and lag spikes
   * ended, and the fidelity faults (stalled VCs, blocking {@code SHOW CLUSTER SETTING version},
   * ignored reader statements, licence throttling) lifted. What the faults already did (a node
   * that died, a VC an operator finalized) stays: an operator repairs that through the facades.
   */
  public void clearFaults() {
    synchronized (this) {
      waitingFaults.clear();
      armedRestarts.clear();
      transients.clear();
      queue.removeIf(e -> e.label().equals("fault"));
      randomTransientsOff = true;
      stallUntil = null;
      extraLagUntil = null;
      fidelityFaults.clear();
      note("", "fault", "every fault cleared");
    }
  }

  /**
   * Schedules {@code action} to run as a simulated event {@code after} from now (for tests of the
   * event loop itself: an event that throws is recorded by the monitor and the rest still run).
   */
  void scheduleEvent(Duration after, String label, Runnable action) {
    synchronized (this) {
      schedule(after, label, action);
    }
  }

  @Override
  public String toString() {
    return "SimulatedDeployment[" + deploymentId + ", seed " + seed + ", " + now() + "]";
  }

  // ------------------------------------------------------------------ engine (package-private)

  Timing timing() {
    return timing;
  }

  SimulatedCluster clusterOrNull(String name) {
    if (primary.name().equals(name)) {
      return primary;
    }
    return standby.name().equals(name) ? standby : null;
  }

  FinalizationOrigin sqlOrigin() {
    return FinalizationOrigin.SQL;
  }

  long nextJobId() {
    return ++jobIds;
  }

  void schedule(Duration after, String label, Runnable action) {
    scheduleAt(now.plus(after), label, action);
  }

  private void scheduleAt(Instant at, String label, Runnable action) {
    queue.add(new Scheduled(at, seq++, label, action));
  }

  /** A scheduled event threw: traced, and recorded by the monitor as a broken simulation. */
  private void eventFailed(String label, RuntimeException failure) {
    note("", "error", "simulated event '" + label + "' failed: " + failure);
    monitor.record(now, MonitorViolation.Kind.SIMULATION_EVENT_FAILED, "",
        "simulated event '" + label + "' threw " + failure + "; the events after it still ran");
  }

  void note(String cluster, String kind, String detail) {
    trace.add(new TraceEvent(trace.size(), now, cluster, kind, detail));
  }

  void changed(String cluster, String kind, String detail) {
    note(cluster, kind, detail);
    dirty = true;
    if (kind.equals("node")) {
      nodeListeners.forEach(Runnable::run);
    }
  }

  /**
   * Runs {@code listener} after every change of a node's state (draining, stopped, started,
   * rejoined, died), with the deployment's lock held: the wire front uses it to close a node's
   * sessions when its process stops and to listen again when it rejoins. A listener must be quick
   * and must not call back into statements that block.
   *
   * @param listener what to run; listeners run in the order added, for the deployment's life
   * @throws NullPointerException if {@code listener} is null
   */
  public void onNodeChange(Runnable listener) {
    nodeListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  private void afterEvent() {
    if (dirty) {
      dirty = false;
      monitor.check(now, new DeploymentSnapshot(primary.snapshot(true), standby.snapshot(true)));
    }
  }

  /**
   * The versions {@code SHOW CLUSTER SETTING version} passes through from {@code from} to the
   * final {@code target}: for each series crossed, its even internal steps and then its final
   * version (the skipped Innovation's included); an application VC first shows the first odd
   * fence step (crdb-pcr-sql-facts.md 9.1).
   */
  List<ClusterVersion> finalizationSteps(ClusterVersion from, ReleaseSeries target, boolean app) {
    List<ReleaseSeries> chain = new ArrayList<>();
    for (ReleaseSeries s : catalog.series()) {
      if (s.isAfter(from.base()) && !s.isAfter(target)) {
        chain.add(s);
      }
    }
    if (chain.isEmpty() || !chain.get(chain.size() - 1).equals(target)) {
      chain.add(target);
    }
    List<ClusterVersion> out = new ArrayList<>();
    ReleaseSeries prev = from.base();
    for (int i = 0; i < chain.size(); i++) {
      ReleaseSeries s = chain.get(i);
      if (app && i == 0) {
        out.add(ClusterVersion.upgradingStep(prev, s, 1));
      }
      for (int k = 1; k <= STEPS_PER_SERIES; k++) {
        out.add(ClusterVersion.upgradingStep(prev, s, 2 * k));
      }
      out.add(ClusterVersion.finalOf(s));
      prev = s;
    }
    out.removeIf(v -> !v.isAfter(from));
    return out;
  }

  void finalizationStarted(SimulatedCluster c, VcState v, FinalizationOrigin origin) {
    boolean requested = origin == FinalizationOrigin.PORT
        || origin == FinalizationOrigin.SQL && acceptSqlFinalizations;
    if (!requested) {
      monitor.record(now, MonitorViolation.Kind.UNREQUESTED_FINALIZATION, c.name(),
          "cluster '" + c.name() + "' VC '" + v.name + "' began finalizing from " + v.version
              + " to " + v.finalization.target + " by " + describe(origin) + ", not through"
              + " ClusterOperations.finalizeVersion: pin auto-finalization in every VC before"
              + " touching binaries (invariant 8)");
    }
    fire(t -> t instanceof Trigger.OnFinalizationStart f && f.cluster().equals(c.name())
        && f.vc().equals(v.name));
  }

  private static String describe(FinalizationOrigin origin) {
    return switch (origin) {
      case AUTO -> "the product's auto-upgrade";
      case EXTERNAL_ACTOR -> "an operator by hand";
      case SQL -> "a SQL client (SET CLUSTER SETTING version)";
      case PORT -> "the port";
    };
  }

  void readerCreated(SimulatedCluster c, VcState reader, VcState replicating) {
    VcState.Stream s = replicating.stream;
    VcState src = s.source.vcs.get(s.sourceVc);
    if (src == null) {
      return;
    }
    if (src.finalization != null) {
      monitor.record(now, MonitorViolation.Kind.READER_CREATED_TOO_EARLY, c.name(),
          "reader VC '" + reader.name + "' was created while the source VC '" + src.name + "' of '"
              + s.source.name() + "' is still finalizing (at " + src.version + "); re-create the"
              + " reader only after the replicated time passed its finalization (invariant 6)");
    } else if (src.lastFinalizedAt != null
        && (s.replicatedTime == null || !s.replicatedTime.isAfter(src.lastFinalizedAt))) {
      monitor.record(now, MonitorViolation.Kind.READER_CREATED_TOO_EARLY, c.name(),
          "reader VC '" + reader.name + "' was created at replicated time " + s.replicatedTime
              + ", not past " + src.lastFinalizedAt + " when '" + s.source.name() + "' VC '"
              + src.name + "' finished finalizing to " + src.version + " (invariant 6)");
    }
  }

  // ------------------------------------------------------------------ periodic work

  private void scheduleTicks() {
    scheduleAt(now.plus(REPLICATION_INTERVAL), "replication tick", this::replicationTick);
    for (SimulatedCluster c : List.of(primary, standby)) {
      scheduleAt(now.plus(SYSTEM_AUTO_UPGRADE_INTERVAL), c.name() + " auto-upgrade",
          () -> systemAutoTick(c));
      scheduleAt(now.plus(APP_AUTO_UPGRADE_INTERVAL).plusSeconds(5), c.name() + " tenant auto-upgrade",
          () -> appAutoTick(c));
    }
  }

  private void replicationTick() {
    // the next tick is scheduled first, so that a tick that throws does not stop replication
    scheduleAt(now.plus(REPLICATION_INTERVAL), "replication tick", this::replicationTick);
    for (SimulatedCluster c : List.of(primary, standby)) {
      for (VcState v : c.vcsById()) {
        if (v.stream != null) {
          advanceStream(c, v);
        }
      }
    }
  }

  private void advanceStream(SimulatedCluster c, VcState v) {
    VcState.Stream s = v.stream;
    if (s.state != ReplicationState.REPLICATING && s.state != ReplicationState.INITIALIZING) {
      return;
    }
    if (stallUntil != null && now.isBefore(stallUntil)) {
      return;
    }
    if (s.state == ReplicationState.INITIALIZING) {
      if (s.initialScanDoneAt == null || now.isBefore(s.initialScanDoneAt)) {
        return;
      }
      s.state = ReplicationState.REPLICATING;
      changed(c.name(), "replication", v.name + " replicating (initial scan done)");
    }
    Duration effective = extraLagUntil != null && now.isBefore(extraLagUntil)
        ? lag.plus(extraLag) : lag;
    Instant candidate = now.minus(effective).truncatedTo(ChronoUnit.MICROS);
    if (s.replicatedTime == null || candidate.isAfter(s.replicatedTime)) {
      s.replicatedTime = candidate;
    }
    VcState src = s.source.vcs.get(s.sourceVc);
    if (src == null) {
      return;
    }
    VcState.HistoryPoint p = src.asOf(s.replicatedTime);
    if (!p.version().toString().equals(v.version.toString()) || p.autoUpgrade() != v.autoUpgrade
        || !p.preserve().equals(v.preserve)) {
      boolean versionChanged = !p.version().toString().equals(v.version.toString());
      v.version = p.version();
      v.autoUpgrade = p.autoUpgrade();
      v.preserve = p.preserve();
      v.remember(now);
      changed(c.name(), "replication", v.name + " carries "
          + (versionChanged ? "version " + v.version : "settings of " + s.sourceVc)
          + " as of replicated time " + s.replicatedTime);
    }
  }

  private void systemAutoTick(SimulatedCluster c) {
    scheduleAt(now.plus(SYSTEM_AUTO_UPGRADE_INTERVAL), c.name() + " auto-upgrade",
        () -> systemAutoTick(c));
    systemAutoUpgrade(c);
  }

  private void systemAutoUpgrade(SimulatedCluster c) {
    VcState sys = c.system();
    if (sys.finalization != null || sys.pinned()) {
      return;
    }
    ReleaseSeries series = null;
    for (NodeState n : c.nodes.values()) {
      if (!n.live || n.draining) {
        return;
      }
      if (series == null) {
        series = n.binary.series();
      } else if (!series.equals(n.binary.series())) {
        return;
      }
    }
    ClusterVersion target = series.finalVersion();
    if (!target.isAfter(sys.version)) {
      return;
    }
    try {
      c.requestFinalization(sys, target, FinalizationOrigin.AUTO);
    } catch (SimulatedSqlException e) {
      autoNote(c, "system", e);
    }
  }

  private void appAutoTick(SimulatedCluster c) {
    scheduleAt(now.plus(APP_AUTO_UPGRADE_INTERVAL), c.name() + " tenant auto-upgrade",
        () -> appAutoTick(c));
    appAutoUpgrade(c);
  }

  private void appAutoUpgrade(SimulatedCluster c) {
    VcState sys = c.system();
    if (sys.finalization != null || !sys.version.isFinal()
        || !sys.version.equals(c.minBinarySeries().finalVersion())) {
      return;
    }
    for (VcState v : c.vcsById()) {
      if (v.kind != VcKind.APPLICATION || v.stream != null || !v.connectable()
          || v.finalization != null || v.pinned() || !sys.version.isAfter(v.version)) {
        continue;
      }
      try {
        c.requestFinalization(v, sys.version, FinalizationOrigin.AUTO);
      } catch (SimulatedSqlException e) {
        autoNote(c, v.name, e);
      }
    }
  }

  private void autoNote(SimulatedCluster c, String vc, SimulatedSqlException e) {
    String key = c.name() + "/" + vc;
    if (!e.getMessage().equals(lastAutoNote.get(key))) {
      lastAutoNote.put(key, e.getMessage());
      note(c.name(), "auto-upgrade", vc + ": blocked: " + e.getMessage());
    }
  }

  // ------------------------------------------------------------------ nodes

  private void upgradeNode(SimulatedCluster c, int nodeId, BinaryTarget target, boolean rollback) {
    NodeState n = c.nodes.get(nodeId);
    if (n == null) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "cluster '" + c.name() + "' has no node " + nodeId + "; it has nodes "
              + c.nodes.keySet());
    }
    BinaryVersion bin = target.exact().orElseGet(() -> defaultBinary(target.series()));
    if (!catalog.knows(bin.series())) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "cannot install " + bin + " on node " + nodeId + " of '" + c.name() + "': series "
              + bin.series() + " is not in the release catalog (" + catalog.series() + ")");
    }
    String verb = rollback ? "roll back" : "upgrade";
    if (target.isSatisfiedBy(n.binary) && (n.live && !n.draining || n.restarting)) {
      note(c.name(), "node", "n" + nodeId + " already runs " + n.binary + "; nothing to " + verb);
      return;
    }
    restarts++;
    int inCluster = restartsByCluster.merge(c.name(), 1, Integer::sum);
    fire(t -> t instanceof Trigger.OnNodeRestart r
        && (r.cluster().isEmpty() ? r.n() == restarts
            : r.cluster().equals(c.name()) && r.n() == inCluster));
    ArmedRestart fault = null;
    for (ArmedRestart a : armedRestarts) {
      if (a.cluster().equals(c.name()) && (a.nodeId() == 0 || a.nodeId() == nodeId)) {
        fault = a;
        break;
      }
    }
    if (fault != null) {
      armedRestarts.remove(fault);
    }
    n.draining = true;
    n.restarting = true;
    changed(c.name(), "node", "n" + nodeId + " draining (" + verb + " " + n.binary + " -> " + bin
        + ")");
    advanceTo(now.plus(timing.drain()));
    n.live = false;
    n.draining = false;
    n.binary = bin;
    changed(c.name(), "node", "n" + nodeId + " stopped; binary replaced by " + bin);
    advanceTo(now.plus(timing.restart()));
    if (fault != null && fault.fail()) {
      n.restarting = false;
      changed(c.name(), "node", "n" + nodeId + " failed to start (simulated fault)");
      throw new PcrUpgradeException(CoreErrorCode.PORT_FAILURE,
          "node " + nodeId + " of '" + c.name() + "' did not start on " + bin
              + " (exit status 1, simulated fault); it is down: restart it or roll it back");
    }
    String refusal = c.startupRefusal(bin);
    if (refusal != null) {
      n.restarting = false;
      changed(c.name(), "node", "n" + nodeId + " refused to start on " + bin + ": " + refusal);
      throw new PcrUpgradeException(CoreErrorCode.PORT_FAILURE,
          "node " + nodeId + " of '" + c.name() + "' refused to start on " + bin + ": " + refusal
              + "; it is down: roll it back to its previous binary");
    }
    n.epoch++;
    n.startedAt = now;
    note(c.name(), "node", "n" + nodeId + " process started on " + bin);
    Duration rejoin = fault != null ? timing.rejoin().plus(fault.lateBy()) : timing.rejoin();
    schedule(rejoin, c.name() + ": n" + nodeId + " rejoin", () -> {
      if (n.restarting && !n.live) {
        n.live = true;
        n.restarting = false;
        changed(c.name(), "node", "n" + nodeId + " rejoined on " + n.binary);
      }
    });
  }

  // ------------------------------------------------------------------ faults

  private void installFaults() {
    for (FaultPlan.Planned p : faultPlan.planned()) {
      plan(p);
    }
    List<SimulatedCluster> clusters = List.of(primary, standby);
    long window = Math.max(1, faultPlan.randomWindow().toMillis());
    for (int i = 0; i < faultPlan.randomFaults(); i++) {
      Duration at = Duration.ofMillis(random.nextLong(window));
      SimulatedCluster c = clusters.get(random.nextInt(2));
      Fault f = switch (random.nextInt(4)) {
        case 0 -> new Fault.NodeDies(c.name(), 1 + random.nextInt(c.nodes.size()),
            Duration.ofSeconds(60 + random.nextInt(240)));
        case 1 -> new Fault.NodeRejoinsLate(c.name(), 0, Duration.ofSeconds(30 + random.nextInt(150)));
        case 2 -> new Fault.ReplicationStall(Duration.ofSeconds(60 + random.nextInt(240)));
        default -> new Fault.LagSpike(Duration.ofSeconds(30 + random.nextInt(150)),
            Duration.ofSeconds(60 + random.nextInt(240)));
      };
      plan(new FaultPlan.Planned(new Trigger.AtTime(at), f));
    }
  }

  private void plan(FaultPlan.Planned p) {
    if (p.trigger() instanceof Trigger.AtTime t) {
      Instant at = start.plus(t.afterStart());
      scheduleAt(at.isBefore(now) ? now : at, "fault", () -> apply(p.fault()));
    } else {
      waitingFaults.add(p);
    }
  }

  private void fire(java.util.function.Predicate<Trigger> matches) {
    if (waitingFaults.isEmpty()) {
      return;
    }
    for (FaultPlan.Planned p : List.copyOf(waitingFaults)) {
      if (matches.test(p.trigger())) {
        waitingFaults.remove(p);
        apply(p.fault());
      }
    }
  }

  private void apply(Fault f) {
    firedFaults.add(new FiredFault(now, f));
    if (fidelityFaults.apply(f)) {
      return;
    }
    if (f instanceof Fault.NodeFailsToRestart x) {
      armedRestarts.add(new ArmedRestart(x.cluster(), x.nodeId(), true, Duration.ZERO));
      note(x.cluster(), "fault", "armed: the next restart of " + node(x.nodeId()) + " fails");
    } else if (f instanceof Fault.NodeRejoinsLate x) {
      armedRestarts.add(new ArmedRestart(x.cluster(), x.nodeId(), false, x.delay()));
      note(x.cluster(), "fault", "armed: the next restart of " + node(x.nodeId())
          + " rejoins " + x.delay() + " late");
    } else if (f instanceof Fault.NodeDies x) {
      SimulatedCluster c = clusterOrNull(x.cluster());
      if (c == null) {
        return;
      }
      List<NodeState> live = c.nodes.values().stream().filter(n -> n.live).toList();
      NodeState n = x.nodeId() == 0
          ? (live.isEmpty() ? null : live.get(random.nextInt(live.size())))
          : c.nodes.get(x.nodeId());
      if (n == null || !n.live) {
        note(c.name(), "fault", "node death skipped: " + node(x.nodeId()) + " is not live");
        return;
      }
      note(c.name(), "fault", "n" + n.id + " dies"
          + (x.downFor().isZero() ? "" : " for " + x.downFor()));
      c.killNode(n.id);
      if (!x.downFor().isZero()) {
        schedule(x.downFor(), c.name() + ": n" + n.id + " revives", () -> {
          if (!n.live && !n.restarting) {
            c.restartNode(n.id);
          }
        });
      }
    } else if (f instanceof Fault.TransientSqlErrors x) {
      Deque<TransientSpec> q = transients.computeIfAbsent(x.cluster(), k -> new ArrayDeque<>());
      for (int i = 0; i < x.count(); i++) {
        q.add(new TransientSpec(x.sqlState(), x.afterEffect()));
      }
      note(x.cluster(), "fault", "the next " + x.count() + " port call(s) fail with "
          + x.sqlState() + (x.afterEffect() ? " after taking effect" : ""));
    } else if (f instanceof Fault.ReplicationStall x) {
      Instant until = now.plus(x.duration());
      stallUntil = stallUntil == null || until.isAfter(stallUntil) ? until : stallUntil;
      note("", "fault", "replication stalls until " + stallUntil);
    } else if (f instanceof Fault.LagSpike x) {
      extraLag = x.extraLag();
      extraLagUntil = now.plus(x.duration());
      note("", "fault", "replication lag +" + x.extraLag() + " until " + extraLagUntil);
    } else if (f instanceof Fault.ExternalFinalization x) {
      SimulatedCluster c = clusterOrNull(x.cluster());
      VcState v = c == null ? null : c.vcs.get(x.vc());
      if (v == null) {
        return;
      }
      note(c.name(), "fault", "an operator runs SET CLUSTER SETTING version in " + x.vc());
      try {
        c.setClusterSetting(x.vc(), SimulatedCluster.VERSION,
            c.minBinarySeries().finalVersion().toString(), FinalizationOrigin.EXTERNAL_ACTOR);
      } catch (SimulatedSqlException e) {
        note(c.name(), "fault", "the operator's finalization failed: " + e.getMessage());
      }
    } else if (f instanceof Fault.ExternalReenablesAutoUpgrade x) {
      SimulatedCluster c = clusterOrNull(x.cluster());
      VcState v = c == null ? null : c.vcs.get(x.vc());
      if (v == null) {
        return;
      }
      v.autoUpgrade = true;
      v.preserve = "";
      v.remember(now);
      changed(c.name(), "fault", "an operator re-enables auto-upgrade in " + x.vc());
    } else if (f instanceof Fault.ExternalFailover) {
      for (SimulatedCluster c : List.of(standby, primary)) {
        for (VcState v : c.vcsById()) {
          if (v.stream != null && v.stream.failoverTime == null) {
            note(c.name(), "fault", "an operator fails over " + v.name);
            try {
              c.completeReplicationToLatest(v.name);
              v.stream.startServiceAfterFailover = true;
            } catch (SimulatedSqlException e) {
              note(c.name(), "fault", "the operator's failover failed: " + e.getMessage());
            }
            return;
          }
        }
      }
    }
  }

  private static String node(int id) {
    return id == 0 ? "any node" : "n" + id;
  }

  // ------------------------------------------------------------------ port plumbing

  private <T> T call(SimulatedCluster c, String holder, boolean mutating, String what,
      Supplier<T> body) {
    synchronized (this) {
      portCalls++;
      note(c.name(), "port", what + (holder == null ? "" : " [" + holder + "]"));
      fire(t -> t instanceof Trigger.OnPortCall p && p.n() == portCalls);
      if (mutating) {
        checkLease(c, holder, what);
      }
      TransientSpec failure = nextTransient(c);
      boolean open = false;
      try {
        fidelityFaults.openTransaction(c);
        open = true;
        if (failure != null && !failure.afterEffect()) {
          throw transientError(failure);
        }
        T result = body.get();
        if (failure != null) {
          throw transientError(failure);
        }
        return result;
      } catch (SimulatedSqlException e) {
        note(c.name(), "error", what + ": " + e.toString());
        throw new PcrUpgradeException(
            e.isTransient() ? CoreErrorCode.TRANSIENT : CoreErrorCode.PORT_FAILURE,
            "cluster '" + c.name() + "': " + what + " failed: " + e.getMessage() + " (SQLSTATE "
                + e.sqlState() + ")" + e.hint().map(h -> " HINT: " + h).orElse(""), e);
      } finally {
        if (open) {
          fidelityFaults.closeTransaction(c);
        }
        afterEvent();
      }
    }
  }

  private TransientSpec nextTransient(SimulatedCluster c) {
    Deque<TransientSpec> q = transients.get(c.name());
    if (q != null && !q.isEmpty()) {
      return q.poll();
    }
    double p = faultPlan.transientErrorProbability();
    if (p > 0 && !randomTransientsOff && random.nextDouble() < p) {
      boolean lost = random.nextBoolean();
      return new TransientSpec(lost ? SimulatedSqlException.CONNECTION_FAILURE
          : SimulatedSqlException.SERIALIZATION_FAILURE, lost && random.nextBoolean());
    }
    return null;
  }

  private static SimulatedSqlException transientError(TransientSpec t) {
    return t.sqlState().equals(SimulatedSqlException.SERIALIZATION_FAILURE)
        ? new SimulatedSqlException(t.sqlState(),
            "restart transaction: TransactionRetryWithProtoRefreshError: simulated contention")
        : new SimulatedSqlException(t.sqlState(),
            "connection lost: simulated connection reset" + (t.afterEffect()
                ? " (after the statement took effect)" : ""));
  }

  private void checkLease(SimulatedCluster c, String holder, String what) {
    if (holder == null) {
      return;
    }
    Optional<Lease> lease = journal.currentLease(deploymentId);
    if (lease.isEmpty() || !lease.get().holderId().equals(holder)
        || !lease.get().expiresAt().isAfter(now)) {
      monitor.record(now, MonitorViolation.Kind.ACTED_WITHOUT_LEASE, c.name(),
          "'" + holder + "' called " + what + " on '" + c.name() + "' without holding the lease of"
              + " deployment '" + deploymentId + "' ("
              + lease.map(l -> "held by '" + l.holderId() + "' until " + l.expiresAt())
                  .orElse("no lease") + "; invariant 9)");
    }
  }

  private static String requireVc(String vc) {
    return VirtualClusterInfo.requireValidName(vc);
  }

  private static <T> T requireArg(T value, String name) {
    if (value == null) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, name + " must not be null");
    }
    return value;
  }

  private final class Inspector implements ClusterInspector {
    private final SimulatedCluster c;

    Inspector(SimulatedCluster c) {
      this.c = c;
    }

    @Override
    public String clusterName() {
      return c.name();
    }

    @Override
    public ClusterSnapshot inspect() {
      return call(c, null, false, "inspect", () -> {
        c.gateway();
        return c.snapshot(false);
      });
    }
  }

  private final class Operations implements ClusterOperations {
    private final SimulatedCluster c;
    private final String holder;

    Operations(SimulatedCluster c, String holder) {
      this.c = c;
      this.holder = holder;
    }

    @Override
    public String clusterName() {
      return c.name();
    }

    @Override
    public void setFinalizationSetting(String vc, PinSetting setting, String value) {
      requireVc(vc);
      requireArg(setting, "setting");
      requireArg(value, "value");
      call(c, holder, true, "SET CLUSTER SETTING " + setting.settingName() + " = '" + value
          + "' in " + vc, () -> {
            c.setClusterSetting(vc, setting.settingName(), value, FinalizationOrigin.PORT);
            return null;
          });
    }

    @Override
    public void resetFinalizationSetting(String vc, PinSetting setting) {
      requireVc(vc);
      requireArg(setting, "setting");
      call(c, holder, true, "RESET CLUSTER SETTING " + setting.settingName() + " in " + vc, () -> {
        c.resetClusterSetting(vc, setting.settingName());
        return null;
      });
    }

    @Override
    public void finalizeVersion(String vc, ReleaseSeries target) {
      requireVc(vc);
      requireArg(target, "target");
      call(c, holder, true, "SET CLUSTER SETTING version = '" + target + "' in " + vc, () -> {
        c.setClusterSetting(vc, SimulatedCluster.VERSION, target.toString(),
            FinalizationOrigin.PORT);
        return null;
      });
    }

    @Override
    public ClusterVersion readVersion(String vc) {
      requireVc(vc);
      return call(c, holder, false, "SHOW CLUSTER SETTING version in " + vc,
          () -> ClusterVersion.parse(c.showClusterSetting(vc, SimulatedCluster.VERSION)));
    }

    @Override
    public void stopService(String vc) {
      requireVc(vc);
      call(c, holder, true, "ALTER VIRTUAL CLUSTER " + vc + " STOP SERVICE", () -> {
        c.stopService(vc);
        return null;
      });
    }

    @Override
    public void startServiceShared(String vc) {
      requireVc(vc);
      call(c, holder, true, "ALTER VIRTUAL CLUSTER " + vc + " START SERVICE SHARED", () -> {
        c.startServiceShared(vc);
        return null;
      });
    }

    @Override
    public void dropVirtualCluster(String vc) {
      requireVc(vc);
      call(c, holder, true, "DROP VIRTUAL CLUSTER " + vc, () -> {
        c.dropVirtualCluster(vc);
        return null;
      });
    }

    @Override
    public void createReaderVirtualCluster(String replicatingVc) {
      requireVc(replicatingVc);
      call(c, holder, true, "ALTER VIRTUAL CLUSTER " + replicatingVc
          + " SET REPLICATION READ VIRTUAL CLUSTER", () -> {
            c.setReplicationReadVirtualCluster(replicatingVc);
            return null;
          });
    }

    @Override
    public Optional<Instant> replicatedTime(String replicatingVc) {
      requireVc(replicatingVc);
      return call(c, holder, false, "SHOW VIRTUAL CLUSTER " + replicatingVc
          + " WITH REPLICATION STATUS",
          () -> Optional.ofNullable(c.replicationStatus(replicatingVc).replicatedTime()));
    }

    @Override
    public Instant clusterTime() {
      return call(c, holder, false, "SELECT now()", () -> {
        c.gateway();
        return now;
      });
    }
  }

  private final class Upgrader implements NodeUpgrader {
    private final String holder;

    Upgrader(String holder) {
      this.holder = holder;
    }

    @Override
    public void upgrade(String cluster, NodeInfo node, BinaryTarget target) {
      run(cluster, node, target, false);
    }

    @Override
    public void rollback(String cluster, NodeInfo node, BinaryTarget target) {
      run(cluster, node, target, true);
    }

    private void run(String cluster, NodeInfo node, BinaryTarget target, boolean rollback) {
      requireArg(cluster, "cluster");
      requireArg(node, "node");
      requireArg(target, "target");
      synchronized (SimulatedDeployment.this) {
        SimulatedCluster c = cluster(cluster);
        portCalls++;
        String what = (rollback ? "roll back" : "upgrade") + " n" + node.id() + " to " + target;
        note(c.name(), "port", what + (holder == null ? "" : " [" + holder + "]"));
        fire(t -> t instanceof Trigger.OnPortCall p && p.n() == portCalls);
        checkLease(c, holder, what);
        try {
          upgradeNode(c, node.id(), target, rollback);
        } finally {
          afterEvent();
        }
      }
    }
  }

  // ------------------------------------------------------------------ construction

  /** Builder values after parsing and defaulting. */
  private record Resolved(
      BinaryVersion primaryBinary, BinaryVersion standbyBinary, ClusterVersion primaryVersion,
      ClusterVersion primaryAppVersion, ClusterVersion standbyVersion,
      ClusterVersion readerVersion) {}

  private void populate(Builder b, Resolved r) {
    addNodes(primary, b.primaryNodes, r.primaryBinary, b.localities.get(b.primaryName));
    addNodes(standby, b.standbyNodes, r.standbyBinary, b.localities.get(b.standbyName));
    VcState psys = addVc(primary, 1, VirtualClusterInfo.SYSTEM, VcKind.SYSTEM, DataState.READY,
        ServiceMode.SHARED, r.primaryVersion, b);
    psys.other.put(SimulatedCluster.RANGEFEED, "true");
    String sourceVc = VirtualClusterInfo.SYSTEM;
    ClusterVersion sourceVersion = r.primaryVersion;
    if (!b.nonVirtualizedPrimary) {
      psys.other.put(SimulatedCluster.DEFAULT_TARGET, b.appVc);
      addVc(primary, 3, b.appVc, VcKind.APPLICATION, DataState.READY, ServiceMode.SHARED,
          r.primaryAppVersion, b);
      sourceVc = b.appVc;
      sourceVersion = r.primaryAppVersion;
    }
    primary.nextVcId = 4;
    VcState ssys = addVc(standby, 1, VirtualClusterInfo.SYSTEM, VcKind.SYSTEM, DataState.READY,
        ServiceMode.SHARED, r.standbyVersion, b);
    ssys.other.put(SimulatedCluster.RANGEFEED, "true");
    ssys.other.put(SimulatedCluster.DEFAULT_TARGET, b.appVc);
    if (b.replicating) {
      VcState repl = addVc(standby, 3, b.appVc, VcKind.APPLICATION, DataState.ADD,
          ServiceMode.NONE, sourceVersion, b);
      VcState src = primary.vcs.get(sourceVc);
      repl.autoUpgrade = src.autoUpgrade;
      repl.preserve = src.preserve;
      repl.history.clear();
      repl.remember(now);
      VcState.Stream s = new VcState.Stream(primary, sourceVc, nextJobId(),
          start.minus(Duration.ofDays(1)), ReplicationState.REPLICATING);
      s.replicatedTime = start.minus(lag).truncatedTo(ChronoUnit.MICROS);
      repl.stream = s;
    }
    if (b.reader) {
      addVc(standby, 4, VirtualClusterInfo.readerNameFor(b.appVc), VcKind.READER,
          DataState.READY, ServiceMode.SHARED, r.readerVersion, b);
    }
    standby.nextVcId = 5;
  }

  private void addNodes(SimulatedCluster c, int count, BinaryVersion bin, List<String> localities) {
    String[] zones = {"a", "b", "c"};
    for (int i = 1; i <= count; i++) {
      String locality = localities != null && localities.size() >= i ? localities.get(i - 1)
          : "region=" + c.name() + ",zone=" + zones[(i - 1) % zones.length];
      c.nodes.put(i, new NodeState(i, c.name() + "-n" + i + ":26257", locality, bin,
          start.minus(Duration.ofDays(7))));
    }
  }

  private VcState addVc(SimulatedCluster c, long id, String name, VcKind kind, DataState ds,
      ServiceMode sm, ClusterVersion version, Builder b) {
    VcState v = new VcState(id, name, kind, ds, sm, version, start.minus(Duration.ofDays(7)));
    FinalizationSettings s = b.settings.get(c.name() + "/" + name);
    if (s != null) {
      v.autoUpgrade = s.autoUpgradeEnabled();
      v.preserve = s.preserveDowngradeOption();
    }
    v.remember(start);
    c.vcs.put(name, v);
    return v;
  }

  private static Map<ReleaseSeries, Integer> latestPatches() {
    Map<ReleaseSeries, Integer> m = new TreeMap<>();
    String[][] rows = {{"23.1", "30"}, {"23.2", "30"}, {"24.1", "29"}, {"24.2", "10"},
        {"24.3", "33"}, {"25.1", "10"}, {"25.2", "19"}, {"25.3", "7"}, {"25.4", "11"},
        {"26.1", "5"}, {"26.2", "2"}, {"26.3", "0"}};
    for (String[] r : rows) {
      m.put(ReleaseSeries.parse(r[0]), Integer.parseInt(r[1]));
    }
    return Map.copyOf(m);
  }

  /**
   * Builds a {@link SimulatedDeployment}. Every setting has a default: 3 + 3 nodes on the latest
   * known patch of 24.3, every VC finalized at its cluster's series, product-default finalization
   * settings (auto-upgrade on), a running stream with a 10 s lag, no reader VC, seed 0, no faults.
   * {@link #build()} refuses impossible configurations with {@code INVALID_ARGUMENT} naming the
   * problem, unless {@link #allowInconsistentStart()} was called. Not thread-safe.
   */
  public static final class Builder {
    private String primaryName = "primary";
    private String standbyName = "standby";
    private int primaryNodes = 3;
    private int standbyNodes = 3;
    private String series = "24.3";
    private String primaryBinaryText;
    private String standbyBinaryText;
    private String primaryVersionText;
    private String primaryAppVersionText;
    private String standbyVersionText;
    private String readerVersionText;
    private final Map<String, List<String>> localities = new HashMap<>();
    private final Map<String, FinalizationSettings> settings = new HashMap<>();
    private final Map<ReleaseSeries, BinaryVersion> binaries = new HashMap<>();
    private boolean reader;
    private boolean replicating = true;
    private boolean nonVirtualizedPrimary;
    private String appVc = "main";
    private ReleaseCatalog catalog = ReleaseCatalog.builtIn();
    private long seed;
    private Instant start = DEFAULT_START;
    private Duration lag = Duration.ofSeconds(10);
    private Duration finalizationStep = Duration.ofSeconds(3);
    private Duration drain = Duration.ofSeconds(10);
    private Duration restart = Duration.ofSeconds(15);
    private Duration rejoin = Duration.ofSeconds(5);
    private Duration readerInitialScan = Duration.ofSeconds(60);
    private Duration serviceStop = Duration.ofSeconds(2);
    private Duration drop = Duration.ofSeconds(5);
    private Duration failover = Duration.ofSeconds(10);
    private Duration failbackCatchUp = Duration.ofSeconds(30);
    private FaultPlan faults = FaultPlan.none();
    private ApprovalGate approvalPolicy = ApprovalGate.APPROVE_ALL;
    private boolean acceptSqlFinalizations;
    private boolean allowInconsistentStart;
    private String deploymentId = "simulated-pcr";
    private final Map<String, Duration> finalizationDurations = new HashMap<>();
    private final Map<String, Duration> stopDurations = new HashMap<>();
    private InterruptedFinalization interruptedFinalization = InterruptedFinalization.STOPS;

    private Builder() {}

    /**
     * How long {@code SET CLUSTER SETTING version} in {@code vc} of {@code cluster} takes inside the
     * statement, all steps together (default: {@link #finalizationStepDuration} per step, 3 s). The
     * product runs the migrations inside the statement, minutes on a large cluster
     * (crdb-pcr-sql-facts.md 10.1).
     *
     * @param cluster the cluster's name (one the deployment does not have is refused by
     *     {@link #build})
     * @param vc the VC's name
     * @param total the statement's whole virtual duration, positive
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a blank name or a duration that is
     *     null or not positive
     */
    public Builder finalizationDuration(String cluster, String vc, Duration total) {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(vc, "vc");
      Objects.requireNonNull(total, "total");
      finalizationDurations.put(BlockingStatements.key(requireNonNullArg(cluster, "cluster"),
          requireNonNullArg(vc, "vc")), positive(total, "finalizationDuration"));
      return this;
    }

    /**
     * How long {@code ALTER VIRTUAL CLUSTER <vc> STOP SERVICE} on {@code cluster} keeps the VC
     * {@code stopping} inside the statement (default: the stop time of {@link #serviceTimes}, 2 s;
     * the product waits up to 10 minutes for every node, crdb-pcr-sql-facts.md 3.4 and 10.1).
     *
     * @param cluster the cluster's name (one the deployment does not have is refused by
     *     {@link #build})
     * @param vc the VC's name
     * @param d how long the statement holds its caller, zero or more
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a blank name or a duration that is
     *     null or negative
     */
    public Builder serviceStopDuration(String cluster, String vc, Duration d) {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(vc, "vc");
      Objects.requireNonNull(d, "d");
      stopDurations.put(BlockingStatements.key(requireNonNullArg(cluster, "cluster"),
          requireNonNullArg(vc, "vc")), nonNegative(d, "serviceStopDuration"));
      return this;
    }

    /**
     * What a finalization does when its statement's client goes away mid-statement (default
     * {@link InterruptedFinalization#STOPS}; the product's behaviour is UNCONFIRMED).
     *
     * @param behaviour whether the finalization stops where it was or goes on in the background
     * @return this builder
     */
    public Builder onInterruptedFinalization(InterruptedFinalization behaviour) {
      this.interruptedFinalization = Objects.requireNonNull(behaviour, "behaviour");
      return this;
    }

    private static String requireNonNullArg(String value, String name) {
      if (value == null || value.isBlank()) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            name + " must be a non-blank name");
      }
      return value;
    }

    /**
     * Cluster names (default {@code primary} and {@code standby}); VC-name rules apply.
     *
     * @param primaryCluster the primary's name
     * @param standbyCluster the standby's name, distinct from the primary's
     * @return this builder; {@link #build()} checks the names
     */
    public Builder names(String primaryCluster, String standbyCluster) {
      Objects.requireNonNull(primaryCluster, "primaryCluster");
      Objects.requireNonNull(standbyCluster, "standbyCluster");
      this.primaryName = primaryCluster;
      this.standbyName = standbyCluster;
      return this;
    }

    /**
     * Nodes in the primary cluster (default 3).
     *
     * @param count at least 1 (checked by {@link #build()}); the nodes get ids 1 to {@code count}
     * @return this builder
     */
    public Builder primaryNodes(int count) {
      this.primaryNodes = count;
      return this;
    }

    /**
     * Nodes in the standby cluster (default 3).
     *
     * @param count at least 1 (checked by {@link #build()}); the nodes get ids 1 to {@code count}
     * @return this builder
     */
    public Builder standbyNodes(int count) {
      this.standbyNodes = count;
      return this;
    }

    /**
     * Nodes per cluster.
     *
     * @param primaryCount nodes in the primary, at least 1
     * @param standbyCount nodes in the standby, at least 1
     * @return this builder
     */
    public Builder nodes(int primaryCount, int standbyCount) {
      return primaryNodes(primaryCount).standbyNodes(standbyCount);
    }

    /**
     * The series both clusters run and are finalized at (default {@code 24.3}), on the latest
     * patch the testkit knows ({@link SimulatedDeployment#defaultBinary}).
     *
     * @param releaseSeries a series the catalog knows, such as {@code 24.3} (checked by {@link
     *     #build()})
     * @return this builder
     */
    public Builder series(String releaseSeries) {
      Objects.requireNonNull(releaseSeries, "releaseSeries");
      this.series = releaseSeries;
      return this;
    }

    /**
     * The primary's binary, e.g. {@code v24.3.12} (default: the series' latest known patch).
     *
     * @param binary a binary version of a series the catalog knows (checked by {@link #build()})
     * @return this builder
     */
    public Builder primaryBinary(String binary) {
      Objects.requireNonNull(binary, "binary");
      this.primaryBinaryText = binary;
      return this;
    }

    /**
     * The standby's binary (default: the series' latest known patch).
     *
     * @param binary a binary version of a series the catalog knows (checked by {@link #build()})
     * @return this builder
     */
    public Builder standbyBinary(String binary) {
      Objects.requireNonNull(binary, "binary");
      this.standbyBinaryText = binary;
      return this;
    }

    /**
     * The primary system VC's cluster version (default: its binary's series).
     *
     * @param clusterVersion a final or transitional cluster version, such as {@code 24.3} or
     *     {@code 24.2-upgrading-to-24.3-step-004} (checked by {@link #build()})
     * @return this builder
     */
    public Builder primaryVersion(String clusterVersion) {
      Objects.requireNonNull(clusterVersion, "clusterVersion");
      this.primaryVersionText = clusterVersion;
      return this;
    }

    /**
     * The primary application VC's cluster version (default: the primary system VC's).
     *
     * @param clusterVersion a final or transitional cluster version (checked by {@link #build()});
     *     the standby's replicating VC carries it too, as of the replicated time
     * @return this builder
     */
    public Builder primaryAppVersion(String clusterVersion) {
      Objects.requireNonNull(clusterVersion, "clusterVersion");
      this.primaryAppVersionText = clusterVersion;
      return this;
    }

    /**
     * The standby system VC's cluster version (default: its binary's series).
     *
     * @param clusterVersion a final or transitional cluster version (checked by {@link #build()})
     * @return this builder
     */
    public Builder standbyVersion(String clusterVersion) {
      Objects.requireNonNull(clusterVersion, "clusterVersion");
      this.standbyVersionText = clusterVersion;
      return this;
    }

    /**
     * The reader VC's cluster version (default: the standby system VC's).
     *
     * @param clusterVersion a final or transitional cluster version (checked by {@link #build()})
     * @return this builder
     */
    public Builder readerVersion(String clusterVersion) {
      Objects.requireNonNull(clusterVersion, "clusterVersion");
      this.readerVersionText = clusterVersion;
      return this;
    }

    /**
     * Node localities of a cluster, node 1 first (default {@code region=<cluster>,zone=a|b|c}).
     *
     * @param cluster the cluster's name
     * @param perNode one locality per node; nodes past the list get the default
     * @return this builder
     * @throws NullPointerException if a locality is null
     */
    public Builder localities(String cluster, String... perNode) {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(perNode, "perNode");
      this.localities.put(cluster, List.of(perNode));
      return this;
    }

    /**
     * Initial finalization settings of one VC (default: the product's, auto-upgrade on).
     *
     * @param cluster the cluster's name
     * @param vc the VC's name; one that is neither {@code system}, the application VC nor its
     *     reader is refused by {@link #build}; settings of a reader the deployment does not create
     *     are never used
     * @param finalizationSettings {@code cluster.auto_upgrade.enabled} and {@code
     *     cluster.preserve_downgrade_option} as the VC starts with them
     * @return this builder
     * @throws NullPointerException if {@code finalizationSettings} is null
     */
    public Builder settings(String cluster, String vc, FinalizationSettings finalizationSettings) {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(vc, "vc");
      Objects.requireNonNull(finalizationSettings, "finalizationSettings");
      this.settings.put(cluster + "/" + vc, Objects.requireNonNull(finalizationSettings));
      return this;
    }

    /**
     * The binary the node upgrader installs when a target names only {@code binary}'s series.
     * It is also the default binary of the clusters when that series is theirs.
     *
     * @param binary a binary version, such as {@code v25.2.3}; one per series, the last given wins
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} at once for a malformed version
     */
    public Builder binaryFor(String binary) {
      Objects.requireNonNull(binary, "binary");
      BinaryVersion b = parseBinary(binary, "binaryFor");
      this.binaries.put(b.series(), b);
      return this;
    }

    /**
     * A reader VC {@code <app>-readonly} on the standby (24.3+; default off).
     *
     * @param present whether the standby starts with a ready, serving reader VC
     * @return this builder
     */
    public Builder reader(boolean present) {
      this.reader = present;
      return this;
    }

    /**
     * Whether a stream runs into the standby (default true).
     *
     * @param running false for a standby without a replicating VC (no reader is then possible)
     * @return this builder
     */
    public Builder replicating(boolean running) {
      this.replicating = running;
      return this;
    }

    /**
     * A non-virtualized primary: its system cluster is replicated (default false).
     *
     * @param nonVirtualized true for a primary with no application VC, whose system VC is the
     *     stream's source
     * @return this builder
     */
    public Builder nonVirtualizedPrimary(boolean nonVirtualized) {
      this.nonVirtualizedPrimary = nonVirtualized;
      return this;
    }

    /**
     * The application VC's name on both sides (default {@code main}).
     *
     * @param name a VC name other than {@code system} (checked by {@link #build()})
     * @return this builder
     */
    public Builder appVc(String name) {
      Objects.requireNonNull(name, "name");
      this.appVc = name;
      return this;
    }

    /**
     * The release catalog (default: the built-in one).
     *
     * @param releaseCatalog the series the simulated binaries follow
     * @return this builder
     */
    public Builder catalog(ReleaseCatalog releaseCatalog) {
      this.catalog = Objects.requireNonNull(releaseCatalog, "releaseCatalog");
      return this;
    }

    /**
     * The seed of every random choice (default 0).
     *
     * @param randomSeed with the same settings and calls, the same seed gives the same trace
     * @return this builder
     */
    public Builder seed(long randomSeed) {
      this.seed = randomSeed;
      return this;
    }

    /**
     * The start of virtual time (default {@link SimulatedDeployment#DEFAULT_START}).
     *
     * @param startInstant the virtual clock's first instant; time triggers count from it
     * @return this builder
     */
    public Builder start(Instant startInstant) {
      this.start = Objects.requireNonNull(startInstant, "startInstant");
      return this;
    }

    /**
     * The replication lag behind the clock (default 10 s).
     *
     * @param replicationLag how far the replicated time stays behind the clock, zero or more
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if null or negative
     */
    public Builder replicationLag(Duration replicationLag) {
      Objects.requireNonNull(replicationLag, "replicationLag");
      this.lag = nonNegative(replicationLag, "replicationLag");
      return this;
    }

    /**
     * The time each finalization step takes (default 3 s).
     *
     * @param d the virtual time of each internal step, positive
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if null or not positive
     */
    public Builder finalizationStepDuration(Duration d) {
      Objects.requireNonNull(d, "d");
      this.finalizationStep = positive(d, "finalizationStepDuration");
      return this;
    }

    /**
     * Drain, process restart and rejoin times of a node restart (default 10 s, 15 s, 5 s).
     *
     * @param drainTime how long a node drains before its process stops, zero or more
     * @param restartTime from the stop to the new process starting, zero or more
     * @param rejoinTime from the start to the node being live, zero or more
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a time that is null or negative
     */
    public Builder restartTimes(Duration drainTime, Duration restartTime, Duration rejoinTime) {
      Objects.requireNonNull(drainTime, "drainTime");
      Objects.requireNonNull(restartTime, "restartTime");
      Objects.requireNonNull(rejoinTime, "rejoinTime");
      this.drain = nonNegative(drainTime, "drainTime");
      this.restart = nonNegative(restartTime, "restartTime");
      this.rejoin = nonNegative(rejoinTime, "rejoinTime");
      return this;
    }

    /**
     * The reader VC's initial scan time (default 60 s).
     *
     * @param d how long a new reader VC stays in data state {@code add} before it serves
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} if null or negative
     */
    public Builder readerInitialScan(Duration d) {
      Objects.requireNonNull(d, "d");
      this.readerInitialScan = nonNegative(d, "readerInitialScan");
      return this;
    }

    /**
     * Service stop, drop and failover times (default 2 s, 5 s, 10 s).
     *
     * @param stopTime how long {@code STOP SERVICE} holds its caller, zero or more
     * @param dropTime how long after a drop its data's GC is traced, zero or more
     * @param failoverTime from {@code COMPLETE REPLICATION TO LATEST} to the VC being ready,
     *     positive
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a time that is null or out of range
     */
    public Builder serviceTimes(Duration stopTime, Duration dropTime, Duration failoverTime) {
      Objects.requireNonNull(stopTime, "stopTime");
      Objects.requireNonNull(dropTime, "dropTime");
      Objects.requireNonNull(failoverTime, "failoverTime");
      this.serviceStop = nonNegative(stopTime, "stopTime");
      this.drop = nonNegative(dropTime, "dropTime");
      this.failover = positive(failoverTime, "failoverTime");
      return this;
    }

    /**
     * The faults to inject (default none).
     *
     * @param plan the planned and random faults; {@link #build()} refuses one naming a cluster
     *     the deployment does not have
     * @return this builder
     */
    public Builder faults(FaultPlan plan) {
      this.faults = Objects.requireNonNull(plan, "plan");
      return this;
    }

    /**
     * The approval gate's initial policy (default: approve everything).
     *
     * @param policy what the gate answers until a test changes it
     * @return this builder
     */
    public Builder approvals(ApprovalGate policy) {
      this.approvalPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Counts {@code SET CLUSTER SETTING version} arriving through the SQL facade (a wire client,
     * such as the JDBC adapter driven by an executor) as explicitly requested, for invariant 8.
     *
     * @return this builder
     */
    public Builder acceptSqlFinalizations() {
      this.acceptSqlFinalizations = true;
      return this;
    }

    /**
     * Allows a starting state the product could not be in (a standby behind the primary, a
     * reader without a replicating VC, a VC above its binaries ...), for tests of the rules. The
     * monitor records what is broken at the start time.
     *
     * @return this builder
     */
    public Builder allowInconsistentStart() {
      this.allowInconsistentStart = true;
      return this;
    }

    /**
     * The deployment id used with the journal (default {@code simulated-pcr}).
     *
     * @param id the id the journal, the lease and the executor's id are keyed by
     * @return this builder
     */
    public Builder deploymentId(String id) {
      this.deploymentId = Objects.requireNonNull(id, "id");
      return this;
    }

    Timing timing() {
      return new Timing(finalizationStep, drain, restart, rejoin, readerInitialScan, serviceStop,
          drop, failover, failbackCatchUp);
    }

    /**
     * Builds the deployment.
     *
     * @return a deployment at its start time, its planned faults installed
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} naming the problem: a count, name or
     *     version that is malformed, an unknown series (always), and, unless
     *     {@link #allowInconsistentStart()}, a standby behind the primary, a standby on a series
     *     the primary cannot upgrade to directly, a reader VC without a replicating VC or on a
     *     series before 24.3, a VC its binaries cannot run, an application VC above its system VC
     */
    public SimulatedDeployment build() {
      if (primaryNodes < 1 || standbyNodes < 1) {
        throw invalid("each cluster needs at least one node, got primaryNodes=" + primaryNodes
            + ", standbyNodes=" + standbyNodes);
      }
      name(primaryName, "primary cluster name");
      name(standbyName, "standby cluster name");
      if (primaryName.equals(standbyName)) {
        throw invalid("both clusters are named '" + primaryName + "'; give them distinct names");
      }
      name(appVc, "application VC name");
      if (appVc.equals(VirtualClusterInfo.SYSTEM)) {
        throw invalid("the application VC cannot be named 'system'");
      }
      ReleaseSeries s;
      try {
        s = ReleaseSeries.parse(series);
      } catch (VersionFormatException e) {
        throw invalid("series: " + e.getMessage());
      }
      known(s, "series");
      BinaryVersion pb = primaryBinaryText == null ? defaultFor(s)
          : parseBinary(primaryBinaryText, "primaryBinary");
      BinaryVersion sb = standbyBinaryText == null ? defaultFor(s)
          : parseBinary(standbyBinaryText, "standbyBinary");
      known(pb.series(), "the primary binary " + pb);
      known(sb.series(), "the standby binary " + sb);
      ClusterVersion pv = version(primaryVersionText, pb.clusterVersion(), "primaryVersion");
      ClusterVersion pav = version(primaryAppVersionText, pv, "primaryAppVersion");
      ClusterVersion sv = version(standbyVersionText, sb.clusterVersion(), "standbyVersion");
      ClusterVersion rv = version(readerVersionText, sv, "readerVersion");
      for (FaultPlan.Planned p : faults.planned()) {
        String c = faultCluster(p.fault());
        if (c != null && !c.equals(primaryName) && !c.equals(standbyName)) {
          throw invalid("a planned fault names cluster '" + c + "'; the deployment has '"
              + primaryName + "' and '" + standbyName + "'");
        }
      }
      namesKnown(localities.keySet(), "localities");
      namesKnown(settings.keySet(), "settings");
      namesKnown(finalizationDurations.keySet(), "finalizationDuration");
      namesKnown(stopDurations.keySet(), "serviceStopDuration");
      if (!allowInconsistentStart) {
        consistent(pb, sb, pv, nonVirtualizedPrimary ? pv : pav, sv, rv);
      }
      return new SimulatedDeployment(this, new Resolved(pb, sb, pv, pav, sv, rv));
    }

    /**
     * Refuses a per-cluster or per-VC knob keyed {@code cluster} or {@code cluster/vc} that names
     * a cluster the deployment does not have, or a VC it could never have, so that a misspelt
     * name is not silently never used.
     */
    private void namesKnown(Set<String> keys, String what) {
      List<String> vcs = List.of(VirtualClusterInfo.SYSTEM, appVc,
          VirtualClusterInfo.readerNameFor(appVc));
      for (String key : new TreeSet<>(keys)) {
        int slash = key.indexOf('/');
        String cluster = slash < 0 ? key : key.substring(0, slash);
        if (!cluster.equals(primaryName) && !cluster.equals(standbyName)) {
          throw invalid(what + " names cluster '" + cluster + "'; the deployment has '"
              + primaryName + "' and '" + standbyName + "'");
        }
        if (slash >= 0 && !vcs.contains(key.substring(slash + 1))) {
          throw invalid(what + " names VC '" + key.substring(slash + 1) + "' of '" + cluster
              + "'; the deployment's VCs can only be " + vcs);
        }
      }
    }

    private void consistent(BinaryVersion pb, BinaryVersion sb, ClusterVersion pv,
        ClusterVersion pav, ClusterVersion sv, ClusterVersion rv) {
      String allow = "; call allowInconsistentStart() to simulate it anyway";
      if (sb.series().isBefore(pb.series())) {
        throw invalid("the standby is behind the primary: standby binaries " + sb + " are older"
            + " than the primary's " + pb + allow);
      }
      if (replicating && (sv.isBefore(pav) || sv.isBefore(pv))) {
        throw invalid("the standby is behind the primary: the standby system VC at " + sv
            + " is older than the primary (system VC at " + pv + ", replicated VC at " + pav + ")"
            + allow);
      }
      ReleaseSeries primarySeries = pv.reachedSeries().orElse(pv.base());
      if (!sb.series().equals(primarySeries) && catalog.knows(primarySeries)
          && !catalog.isDirectUpgrade(primarySeries, sb.series())) {
        throw invalid("the standby runs " + sb + ", neither the primary's series " + primarySeries
            + " nor one it can upgrade to directly (" + catalog.directTargets(primarySeries) + ")"
            + allow);
      }
      if (reader && !replicating) {
        throw invalid("a reader VC needs a replicating VC to read from, but replicating(false) was"
            + " set" + allow);
      }
      if (reader && !catalog.find(sb.series()).map(i -> i.has(Feature.READER_VC)).orElse(false)) {
        throw invalid("a reader VC needs standby binaries of 24.3 or later (READ VIRTUAL CLUSTER"
            + " arrived in 24.3); the standby runs " + sb + allow);
      }
      if (!nonVirtualizedPrimary && pav.isAfter(pv)) {
        throw invalid("the primary application VC at " + pav + " is above its system VC at " + pv
            + allow);
      }
      if (reader && rv.isAfter(sv)) {
        throw invalid("the reader VC at " + rv + " is above the standby system VC at " + sv + allow);
      }
      runnable("primary", pb, List.of(pv, pav));
      runnable("standby", sb, reader ? List.of(sv, pav, rv) : List.of(sv, pav));
    }

    private void runnable(String cluster, BinaryVersion b, List<ClusterVersion> versions) {
      ReleaseSeries min = catalog.minSupported(b.series());
      for (ClusterVersion v : versions) {
        if (v.isAfter(b.clusterVersion())) {
          throw invalid("the " + cluster + " runs " + b + ", which cannot run a VC at " + v
              + "; call allowInconsistentStart() to simulate it anyway");
        }
        if (!v.isAtLeast(min)) {
          throw invalid("the " + cluster + " runs " + b + ", whose minimum supported version is "
              + min + ", but a VC is at " + v + "; call allowInconsistentStart() to simulate it"
              + " anyway");
        }
      }
    }

    private static String faultCluster(Fault f) {
      if (f instanceof Fault.NodeFailsToRestart x) {
        return x.cluster();
      } else if (f instanceof Fault.NodeRejoinsLate x) {
        return x.cluster();
      } else if (f instanceof Fault.NodeDies x) {
        return x.cluster();
      } else if (f instanceof Fault.TransientSqlErrors x) {
        return x.cluster();
      } else if (f instanceof Fault.ExternalFinalization x) {
        return x.cluster();
      } else if (f instanceof Fault.ExternalReenablesAutoUpgrade x) {
        return x.cluster();
      } else if (f instanceof Fault.VcStalls x) {
        return x.cluster();
      } else if (f instanceof Fault.ShowVersionBlocks x) {
        return x.cluster();
      } else if (f instanceof Fault.LicenceThrottled x) {
        return x.cluster();
      } else if (f instanceof Fault.ReaderStatementIgnored x) {
        return x.cluster();
      }
      return null;
    }

    private BinaryVersion defaultFor(ReleaseSeries s) {
      BinaryVersion b = binaries.get(s);
      return b != null ? b : latestKnownBinary(s);
    }

    private void known(ReleaseSeries s, String what) {
      if (!catalog.knows(s)) {
        throw invalid("unknown series " + s + " (" + what + "): the release catalog knows "
            + catalog.series() + "; add it with ReleaseCatalog.builtIn().toBuilder()");
      }
    }

    private ClusterVersion version(String text, ClusterVersion dflt, String what) {
      if (text == null) {
        return dflt;
      }
      ClusterVersion v;
      try {
        v = ClusterVersion.parse(text);
      } catch (VersionFormatException e) {
        throw invalid(what + ": " + e.getMessage());
      }
      known(v.base(), what + " " + v);
      return v;
    }

    private static BinaryVersion parseBinary(String text, String what) {
      try {
        return BinaryVersion.parse(text);
      } catch (VersionFormatException e) {
        throw invalid(what + ": " + e.getMessage());
      }
    }

    private static void name(String n, String what) {
      if (n == null || !n.matches(VirtualClusterInfo.NAME_PATTERN)) {
        throw invalid(what + " " + (n == null ? "null" : "'" + n + "'") + " is invalid: use 1-100"
            + " characters of a-z, 0-9 and '-', not starting or ending with '-'");
      }
    }

    private static Duration nonNegative(Duration d, String what) {
      if (d == null || d.isNegative()) {
        throw invalid(what + " must be zero or positive, got " + d);
      }
      return d;
    }

    private static Duration positive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw invalid(what + " must be positive, got " + d);
      }
      return d;
    }

    private static PcrUpgradeException invalid(String message) {
      return new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
          "invalid simulated deployment: " + message);
    }
  }
}
