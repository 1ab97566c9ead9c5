package io.github.pcrupgrade.core.exec;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.event.Progress;
import io.github.pcrupgrade.core.event.StepRef;
import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.event.UpgradeListener;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.plan.PlanResult;
import io.github.pcrupgrade.core.plan.RollbackPlan;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.Planner;
import io.github.pcrupgrade.core.plan.StepKind;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.plan.VcSettings;
import io.github.pcrupgrade.core.rules.RuleCategory;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.spi.ApprovalGate;
import io.github.pcrupgrade.core.spi.ClusterInspector;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.core.spi.NodeUpgrader;
import io.github.pcrupgrade.core.spi.Scheduler;
import io.github.pcrupgrade.core.spi.Sleeper;
import io.github.pcrupgrade.core.spi.UpgradeJournal;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries a plan out through the ports, as a reconciler: before every step it inspects both
 * clusters, re-checks the invariants, re-plans from what it sees and acts only when the planner,
 * asked afresh, gives the step the run expects next; it then waits (bounded, with backoff, on the
 * injected clock) until a fresh snapshot shows the step done. Steps found done are recorded as such
 * and skipped, so a run that crashed anywhere is resumed by running again with the same inputs.
 * Anything unexpected halts with a diagnosis; expected stops are {@link RunResult}s, never
 * exceptions. Before it writes anything it takes the deployment's lease (waiting up to
 * {@link ExecutorOptions#leaseWait()} for another holder); it renews it before every inspection
 * round, right before every mutating step and after every wait, and halts with LEASE_LOST the
 * moment a renewal fails, so that a second executor can never act at the same time. Once it has
 * planned, every inspection also compares the topology it planned for (cluster identities, member
 * nodes, VC ids, which cluster serves and which ingests the app VC): a change halts with
 * TOPOLOGY_CHANGED before anything more is done or judged done. {@link #preview} gives the plan a
 * run would start from, and {@link #run(UpgradeRequest, CancelHandle, UpgradePlan)} runs only a
 * confirmed plan.
 *
 * <p>One executor runs one deployment; {@link #run} may be called again (sequentially) to resume.
 * Not meant to be called from two threads at once (the lease would refuse the second anyway).
 */
public final class UpgradeExecutor {

  /** The {@code Next:} line of a paused run (every stopped run's message ends with one). */
  static final String PAUSED_NEXT = "run again once the step may go ahead (the approval given, or"
      + " without stopBeforeFinalization); nothing was done for this step, and the run resumes"
      + " from it.";

  /** The {@code Next:} line of a cancelled run. */
  static final String CANCELLED_NEXT = "run again to resume; a step left in flight is judged from"
      + " the deployment, never repeated blindly.";

  private static final Logger LOG = LoggerFactory.getLogger(UpgradeExecutor.class);
  private static final int TRANSIENT_RETRIES = 3;

  private final String deploymentId;
  private final String executorId;
  private final ClusterInspector primaryInspector;
  private final ClusterInspector standbyInspector;
  private final ClusterOperations primaryOps;
  private final ClusterOperations standbyOps;
  private final NodeUpgrader nodeUpgrader;
  private final UpgradeJournal journal;
  private final ApprovalGate approvalGate;
  private final Clock clock;
  private final Sleeper sleeper;
  private final BlockingCalls calls;
  private final List<UpgradeListener> listeners;
  private final ExecutorOptions options;
  private final Planner planner;
  private final Rules rules;
  private final AtomicLong runs = new AtomicLong();

  private UpgradeExecutor(Builder b) {
    this.deploymentId = b.deploymentId;
    this.executorId = b.executorId;
    this.primaryInspector = b.primaryInspector;
    this.standbyInspector = b.standbyInspector;
    this.primaryOps = b.primaryOps;
    this.standbyOps = b.standbyOps;
    this.nodeUpgrader = b.nodeUpgrader;
    this.journal = b.journal;
    this.approvalGate = b.approvalGate;
    Scheduler scheduler = b.scheduler != null ? b.scheduler
        : b.inline ? Scheduler.inline(b.clock, b.sleeper)
        : Scheduler.system(callThreads(b.deploymentId));
    this.clock = scheduler.clock();
    this.sleeper = scheduler::sleep;
    this.listeners = List.copyOf(b.listeners);
    this.options = b.options;
    this.calls = new BlockingCalls(scheduler, b.options);
    this.planner = new Planner(b.catalog);
    this.rules = new Rules(b.catalog);
  }

  /**
   * Starts building an executor.
   *
   * @return a new builder; the ports, the node upgrader and the journal are required
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Daemon threads named {@code pcr-upgrade-<deployment>-call} for the default scheduler. */
  private static java.util.concurrent.ThreadFactory callThreads(String deploymentId) {
    return r -> {
      Thread t = new Thread(r, "pcr-upgrade-" + deploymentId + "-call");
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * The deployment this executor acts on.
   *
   * @return the id its journal records and its lease are kept under
   */
  public String deploymentId() {
    return deploymentId;
  }

  /**
   * Inspects both clusters now (the snapshot every run starts from). Reads only; takes no lease.
   *
   * @return both clusters as observed now, with the standby's replicating VC's version inferred
   *     where it cannot be read
   * @throws io.github.pcrupgrade.core.PcrUpgradeException from an inspector that cannot read its
   *     cluster, naming the cluster
   */
  public DeploymentSnapshot inspect() {
    return new DeploymentSnapshot(primaryInspector.inspect(), standbyInspector.inspect())
        .withInferredReplicatedVersions();
  }

  /**
   * Takes the deployment to the request's target; see the class documentation. Blocks until the
   * run completes, halts or pauses (hours, for a large deployment).
   *
   * @param request the target and options
   * @return how the run ended; a halt, a pause or a cancellation is a result, never an exception
   */
  public RunResult run(UpgradeRequest request) {
    return run(request, new CancelHandle());
  }

  /**
   * Takes the deployment to the request's target; {@code cancel} stops it within a poll (a port
   * call in flight gets {@code stopGrace} to return first).
   *
   * @param request the target and options
   * @param cancel cancelled from any thread to stop the run
   * @return how the run ended; a halt, a pause or a cancellation is a result, never an exception
   */
  public RunResult run(UpgradeRequest request, CancelHandle cancel) {
    Objects.requireNonNull(request, "request");
    return new Run(cancel, memory -> planner.plan(memory.snapshot, remember(request, memory)),
        "upgrade to " + request.target(), null).execute();
  }

  /**
   * Takes the deployment to the request's target, but only along {@code confirmed}, the plan a
   * person or a tool confirmed (from {@link #preview}): when the plan this run starts from has
   * other steps (the deployment or the journal changed since the preview), it halts with
   * STATE_DIVERGED before doing anything, naming the difference.
   *
   * @param request the request the preview was made with
   * @param cancel cancelled from any thread to stop the run
   * @param confirmed the plan that was confirmed; compared by its step ids
   * @return how the run ended; a halt, a pause or a cancellation is a result, never an exception
   */
  public RunResult run(UpgradeRequest request, CancelHandle cancel, UpgradePlan confirmed) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(confirmed, "confirmed");
    return new Run(cancel, memory -> planner.plan(memory.snapshot, remember(request, memory)),
        "upgrade to " + request.target(), confirmed).execute();
  }

  /**
   * The plan {@link #run} would start from now: made from a fresh inspection with the journal's
   * memory (original settings, reader VCs, observed finalizations) exactly as the executor makes
   * it, so that the plan shown for confirmation is the plan executed, restore steps of an
   * interrupted upgrade included. Reads only: takes no lease, writes nothing.
   *
   * @param request the target and options
   * @return the plan, or the planner's refusal with its violations
   * @throws io.github.pcrupgrade.core.PcrUpgradeException from an inspector or the journal that
   *     cannot be read
   */
  public PlanResult preview(UpgradeRequest request) {
    Objects.requireNonNull(request, "request");
    RunMemory memory = RunMemory.of(journal.history(deploymentId));
    DeploymentSnapshot snapshot = inspect();
    return planner.plan(snapshot, remember(request, new Observed(snapshot, memory)));
  }

  /**
   * Rolls back the binaries of each cluster whose system VC has not begun finalizing (the planner's
   * {@code planRollback}), with the same safety as an upgrade.
   *
   * @param cancel cancelled from any thread to stop the run
   * @return how the run ended; a halt, a pause or a cancellation is a result, never an exception
   */
  public RunResult rollback(CancelHandle cancel) {
    return new Run(cancel, memory -> asPlan(planner.planRollback(memory.snapshot), memory.snapshot),
        "rollback", null).execute();
  }

  /** A rollback plan in the shape the run loop walks; its target is the first cluster's binary. */
  private static PlanResult asPlan(RollbackPlan rollback, DeploymentSnapshot snapshot) {
    BinaryTarget target = rollback.clusters().stream().flatMap(c -> c.binary().stream())
        .findFirst()
        .orElse(BinaryTarget.anyPatchOf(snapshot.primary().lowestBinarySeries()));
    return PlanResult.planned(new UpgradePlan(target, rollback.hops(), rollback.warnings(),
        rollback.notes()));
  }

  private static UpgradeRequest remember(UpgradeRequest request, Observed memory) {
    return memory.memory.applyTo(request, memory.snapshot);
  }

  /** A snapshot together with what the journal remembers. */
  private record Observed(DeploymentSnapshot snapshot, RunMemory memory) {}

  /** Thrown inside a run to end it; never escapes {@link Run#execute}. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient RunResult result;

    Stop(RunResult result) {
      super(null, null, false, false);
      this.result = result;
    }
  }

  /** An inspection failed (after retries); a wait rides it out until its timeout. */
  private static final class InspectionFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InspectionFailed(RuntimeException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  /** One invocation of {@link #run}: its state lives here, not in the executor. */
  private final class Run {
    private final CancelHandle cancel;
    private final Function<Observed, PlanResult> plan;
    private final String summary;
    private final String runId;
    private final Instant started;
    private RunMemory memory = RunMemory.EMPTY;
    private CreatedReaders createdReaders = CreatedReaders.NONE;
    private UpgradePlan initial;
    private List<String> expected = List.of();
    /** The ids of the steps this upgrade's runs journaled as started (any run, this one too). */
    private java.util.Set<String> begunSteps = java.util.Set.of();
    private int cursor;
    private Lease lease;
    private final UpgradePlan confirmed;
    /** The topology the run planned for; null until the run holds the lease and has planned. */
    private Topology topology;
    /** The latest snapshot observed. */
    private DeploymentSnapshot lastSeen;
    /** True while one of the run's own reader steps (drop, create) changes the reader VCs. */
    private boolean readerStepInFlight;

    Run(CancelHandle cancel, Function<Observed, PlanResult> plan, String summary,
        UpgradePlan confirmed) {
      this.cancel = Objects.requireNonNull(cancel, "cancel");
      this.plan = plan;
      this.summary = summary;
      this.confirmed = confirmed;
      this.runId = executorId + "-" + runs.incrementAndGet();
      this.started = clock.instant();
    }

    RunResult execute() {
      try {
        return loop();
      } catch (Stop stop) {
        return stop.result;
      } catch (InspectionFailed e) {
        return halt(HaltReason.PORT_FAILURE, "inspecting the deployment failed: "
            + e.getMessage(), List.of(), e.getCause()).result;
      } finally {
        if (lease != null) {
          try {
            journal.releaseLease(lease);
          } catch (RuntimeException e) {
            LOG.warn("{} - could not release the lease: {}", deploymentId, e.getMessage());
          }
        }
      }
    }

    private RunResult loop() {
      Observed seen = readAndPlan();
      if (!initial.isEmpty()) {
        // The lease comes before the run writes anything: a run that loses the race leaves no
        // trace but its halt (never facts read from a deployment another executor is changing),
        // and what it read before may be stale (a holder it waited for went on acting).
        takeLease();
        seen = readAndPlan();
        topology = Topology.of(seen.snapshot);
      }
      if (confirmed != null && !confirmed.stepIds().equals(expected)) {
        throw halt(HaltReason.STATE_DIVERGED, "the plan this run starts from ("
            + expected.size() + " steps) is not the plan that was confirmed ("
            + confirmed.steps().size() + " steps): " + PlanDifference.describe(confirmed,
                initial) + ". Nothing was done; look at the new plan and confirm it", List.of(),
            null);
      }
      emit(new UpgradeEvent.RunStarted(runId, clock.instant(), progress(), deploymentId,
          planId(), summary + ": " + expected.size() + " steps"));
      if (initial.isEmpty()) {
        return complete();
      }
      journalAppend("", JournalEvent.RUN_STARTED, summary + " (plan " + planId() + ", "
          + expected.size() + " steps)");
      rememberOriginals(seen.snapshot);
      int transientFailures = 0;
      while (true) {
        checkCancelled();
        // before it journals anything (facts, skipped steps, completion): a holder that was
        // frozen while another took over must stop here, not report the other's work as its own
        renewLease();
        seen = awaitReaderAnswers(observe());
        UpgradePlan current = planned(seen).plan().orElseThrow();
        if (current.isEmpty()) {
          skipTo(expected.size());
          return complete();
        }
        PlanStep step = current.steps().get(0);
        int index = expected.indexOf(step.id());
        if (index < 0 || index < cursor) {
          throw halt(HaltReason.STATE_DIVERGED, diverged(step, index), List.of(), null);
        }
        skipTo(index);
        try {
          perform(step, seen);
          transientFailures = 0;
        } catch (PcrUpgradeException e) {
          if (e.code() == CoreErrorCode.TRANSIENT && ++transientFailures <= TRANSIENT_RETRIES) {
            LOG.warn("{} - transient failure in step {}, re-inspecting: {}", deploymentId,
                step.id(), e.getMessage());
            sleep(options.pollInterval());
            continue;
          }
          throw halt(HaltReason.PORT_FAILURE, "step " + step.id() + " (" + step.description()
              + ") failed: " + e.getMessage(), List.of(), e);
        } catch (Stop | InspectionFailed e) {
          throw e;
        } catch (RuntimeException e) {
          throw halt(HaltReason.PORT_FAILURE, "step " + step.id() + " (" + step.description()
              + ") failed unexpectedly: " + e + "; check what the port did, then run again",
              List.of(), e);
        }
      }
    }

    /** Reads the journal's memory, inspects and plans the run afresh. */
    private Observed readAndPlan() {
      List<io.github.pcrupgrade.core.spi.JournalRecord> history =
          call(() -> journal.history(deploymentId), "read the journal");
      memory = RunMemory.of(history);
      begunSteps = FinalizationObservations.begunSteps(history);
      createdReaders = CreatedReaders.of(history);
      Observed seen = awaitReaderAnswers(observe());
      initial = planned(seen).plan().orElseThrow();
      expected = initial.stepIds();
      return seen;
    }

    /**
     * Takes the deployment's lease; while another executor holds it, polls until it is free or
     * {@code leaseWait} has passed on the executor's clock, then halts with LEASE_HELD.
     */
    private void takeLease() {
      Instant begin = clock.instant();
      Duration wait = options.pollInterval();
      while (true) {
        try {
          lease = journal.acquireLease(deploymentId, executorId, options.leaseTtl());
          return;
        } catch (PcrUpgradeException e) {
          Duration waited = Duration.between(begin, clock.instant());
          if (e.code() != CoreErrorCode.LEASE_HELD
              || waited.compareTo(options.leaseWait()) >= 0) {
            throw leaseHalt(e, waited.isZero() ? ""
                : "; waited " + waited + " (leaseWait " + options.leaseWait() + ")");
          }
          LOG.info("{} - waiting for the lease ({} of leaseWait {}): {}", deploymentId, waited,
              options.leaseWait(), e.getMessage());
          wait = pause(wait);
        }
      }
    }

    /** Acts on one step and waits until it is done. */
    private void perform(PlanStep step, Observed seen) {
      StepRef ref = ref(step);
      awaitPrecondition(step, ref);
      if (step.pointOfNoReturn()) {
        if (options.stopBeforeFinalization()) {
          throw pause(ref, "stopped before the point of no return (stopBeforeFinalization);"
              + " the rollback window stays open. Run again without it to finalize");
        }
        if (options.requireApproval()) {
          emit(new UpgradeEvent.ApprovalRequested(runId, clock.instant(), progress(), ref));
          ApprovalGate.Decision d = call(() -> approvalGate.decide(new ApprovalGate.Request(
              deploymentId, step.id(), step.clusterName(), step.virtualCluster().orElse(""),
              step.description())), "ask the approval gate");
          if (d != ApprovalGate.Decision.APPROVED) {
            throw pause(ref, "the approval gate did not approve '" + step.description()
                + "' now; run again to ask again");
          }
        }
      }
      renewLease(); // right before acting: the precondition or the approval gate may have waited
      Instant begin = clock.instant();
      emit(new UpgradeEvent.StepStarted(runId, clock.instant(), progress(), ref));
      journalAppend(step.id(), JournalEvent.STEP_STARTED, step.description());
      checkCancelled();
      readerStepInFlight = step.kind() == StepKind.DROP_READER
          || step.kind() == StepKind.CREATE_READER;
      if (underWay(step, seen.snapshot)) {
        LOG.info("{} - {} is already under way (an earlier run acted); waiting for it",
            step.clusterName(), step.description());
      } else {
        actOrFindUnderWay(step, seen.snapshot);
      }
      awaitDone(step, ref);
      if (readerStepInFlight) {
        // the run's own, journaled change: the reader VCs it planned for are now the new ones
        topology = topology.withReadersOf(Topology.of(lastSeen));
        readerStepInFlight = false;
      }
      if (step.kind() == StepKind.CREATE_READER) {
        rememberCreatedReader(step);
      }
      if (step.kind() == StepKind.RESTART_NODE || step.kind() == StepKind.ROLLBACK_NODE) {
        settle(ref);
      }
      journalAppend(step.id(), JournalEvent.STEP_DONE, step.description());
      cursor++;
      emit(new UpgradeEvent.StepDone(runId, clock.instant(), progress(), ref,
          Duration.between(begin, clock.instant())));
    }

    /**
     * Acts; when the product refuses the action, judges the refusal against a fresh snapshot (the
     * port contract): an action an earlier run already took (a crash after the statement, a
     * connection lost after its effect) is then awaited, not reported as a failure.
     */
    private void actOrFindUnderWay(PlanStep step, DeploymentSnapshot snapshot) {
      try {
        blocking(step.id(), "step " + step.id() + " (" + step.description() + ")",
            timeout(step.kind()).plus(options.pollInterval()), () -> {
              act(step, snapshot);
              return null;
            });
      } catch (PcrUpgradeException e) {
        if (e.code() == CoreErrorCode.TRANSIENT || !underWay(step, observe().snapshot)) {
          throw e;
        }
        LOG.info("{} - {} was refused ({}), but it is already under way; waiting for it",
            step.clusterName(), step.description(), e.getMessage());
      }
    }

    private boolean underWay(PlanStep step, DeploymentSnapshot s) {
      return StepActions.underWay(step, s);
    }

    private void act(PlanStep step, DeploymentSnapshot snapshot) {
      StepActions.act(step, snapshot, ops(step.cluster()), nodeUpgrader, id -> halt(
          HaltReason.STATE_DIVERGED, "node " + id + " of '" + step.clusterName()
              + "' is no longer in the cluster", List.of(), null));
    }

    /** Waits for the step's precondition and, before restarts and finalizations, the health gate. */
    private void awaitPrecondition(PlanStep step, StepRef ref) {
      boolean gated = StepActions.gated(step);
      Instant begin = clock.instant();
      Duration wait = options.pollInterval();
      while (true) {
        List<String> problems = new ArrayList<>();
        Optional<Observed> observed = observeWhileWaiting(problems);
        if (observed.isPresent()) {
          Observed seen = observed.get();
          if (!step.precondition().holds(seen.snapshot, memory.facts())) {
            problems.add("precondition not met: " + step.precondition().describe());
          }
          if (gated) {
            problems.addAll(StepActions.health(seen.snapshot, options));
          }
        }
        if (problems.isEmpty()) {
          return;
        }
        Duration waited = Duration.between(begin, clock.instant());
        if (waited.compareTo(options.healthTimeout()) >= 0) {
          throw halt(HaltReason.PRECONDITION_NOT_MET, "before step " + step.id() + " ("
              + step.description() + "), after waiting " + waited + ": "
              + String.join("; ", problems), List.of(), null);
        }
        emit(new UpgradeEvent.Waiting(runId, clock.instant(), progress(), ref,
            String.join("; ", problems), waited, options.healthTimeout()));
        wait = pause(wait);
      }
    }

    private void awaitDone(PlanStep step, StepRef ref) {
      Duration timeout = timeout(step.kind());
      Instant begin = clock.instant();
      Duration wait = options.pollInterval();
      Resends resends = new Resends(options.resendAfter());
      TargetedPolling polling = new TargetedPolling(step, lastSeen, options.fullSnapshotEvery());
      while (true) {
        checkCancelled();
        List<String> unanswered = new ArrayList<>();
        Optional<java.util.Map<ClusterRole, io.github.pcrupgrade.core.spi.NarrowRead>> narrow =
            polling.next();
        Optional<Observed> seen = narrow.isPresent() ? readNarrowly(narrow.get(), unanswered)
            : observeWhileWaiting(unanswered);
        Optional<String> stuck = Optional.empty();
        if (narrow.isPresent() && seen.isPresent()) {
          // a narrow read is never trusted alone: a step that looks done, or a re-send that is
          // due, is judged again on a full snapshot (invariants, topology, divergence)
          stuck = StuckState.of(step, seen.get().snapshot)
              .filter(st -> resends.due(st, clock.instant()));
          if (isDone(step, seen.get()) || stuck.isPresent()) {
            polling.fullTaken();
            unanswered.clear();
            seen = observeWhileWaiting(unanswered);
            narrow = Optional.empty();
          }
        }
        if (narrow.isEmpty() && seen.isPresent() && isDone(step, seen.get())) {
          return;
        }
        if (narrow.isEmpty() && seen.isPresent()) {
          if (stuck.isPresent()) {
            Optional<String> still = StuckState.of(step, seen.get().snapshot);
            if (still.equals(stuck)) {
              resend(step, seen.get().snapshot, still.get());
            }
          } else {
            resendIfStuck(step, seen.get().snapshot, resends);
          }
        }
        String awaited = unanswered.isEmpty() ? step.done().describe()
            : String.join("; ", unanswered);
        Duration waited = Duration.between(begin, clock.instant());
        if (waited.compareTo(timeout) >= 0) {
          throw halt(HaltReason.TIMEOUT, "step " + step.id() + " (" + step.description()
              + ") was not done after " + waited + ": still waiting for " + awaited
              + seen.map(o -> nodeDetail(step, o.snapshot)).orElse("")
              + (step.kind() == StepKind.AWAIT_READER_SERVING ? ". If the reader is shared but"
                  + " does not answer, its start-up stalled: " + CreatedReaders.remedy(
                  step.clusterName(), step.virtualCluster().orElse("")) : "")
              + (step.kind() == StepKind.CREATE_READER ? ". The statement was sent "
                  + (1 + resends.sent()) + " times and the reader never appeared: it silently"
                  + " does nothing before 24.3.12 / 25.1.6 and while the stream is in its initial"
                  + " scan; upgrade the standby's binaries to a fixed patch, or wait for the"
                  + " initial scan" : ""), List.of(), null);
        }
        emit(new UpgradeEvent.Waiting(runId, clock.instant(), progress(), ref, awaited, waited,
            timeout));
        wait = pause(wait);
      }
    }

    /**
     * The re-send rule (docs/design.md): the run's own statement has returned (this runs only
     * while waiting), so a finalization or STOP SERVICE whose observed state has not moved for
     * {@code resendAfter} is sent again; nothing else would resume it (crdb-pcr-sql-facts 10.1).
     */
    private void resendIfStuck(PlanStep step, DeploymentSnapshot s, Resends resends) {
      Optional<String> state = StuckState.of(step, s);
      if (state.isEmpty() || !resends.due(state.get(), clock.instant())) {
        return;
      }
      resend(step, s, state.get());
    }

    private void resend(PlanStep step, DeploymentSnapshot s, String state) {
      String why = "the state (" + state + ") has not moved for "
          + options.resendAfter() + " (resendAfter) and the statement is no longer in flight";
      LOG.warn("{} - sending {} again: {}", step.clusterName(), step.description(), why);
      renewLease();
      journalAppend(step.id(), JournalEvent.STEP_STARTED, "again: " + step.description() + "; "
          + why);
      try {
        actOrFindUnderWay(step, s);
      } catch (PcrUpgradeException e) {
        if (e.code() != CoreErrorCode.TRANSIENT) {
          throw e;
        }
        LOG.warn("{} - sending {} again failed transiently, still waiting: {}",
            step.clusterName(), step.description(), e.getMessage());
      }
    }

    /**
     * Runs a port call that may block through the scheduler, renewing the lease while it runs,
     * watching for cancellation and bounding it (docs/design.md). An abandoned call's outcome is
     * journaled as unknown.
     */
    private <T> T blocking(String stepId, String what, Duration bound,
        java.util.concurrent.Callable<T> call) {
      try {
        return calls.run(what, bound, call, new BlockingCalls.Watch() {
          @Override
          public void heartbeat() {
            renewLeaseDuring(stepId, what);
          }

          @Override
          public boolean cancelled() {
            return cancel.isCancelled();
          }
        });
      } catch (BlockingCalls.Abandoned a) {
        journalUnknown(stepId, what + " was abandoned after " + a.ran + " ("
            + (a.why == BlockingCalls.Why.CANCELLED ? "cancelled; stopGrace " + options.stopGrace()
            : "it ran past its bound " + bound) + "); what it did is unknown and is judged from"
            + " the deployment by the next run");
        if (a.why == BlockingCalls.Why.CANCELLED) {
          throw cancelled();
        }
        throw halt(HaltReason.TIMEOUT, what + " did not return within " + bound
            + " (the step's timeout plus one poll interval); it was abandoned and may still"
            + " complete", List.of(), null);
      }
    }

    /** The lease heartbeat during a call; a failed renewal abandons the call and halts. */
    private void renewLeaseDuring(String stepId, String what) {
      if (lease == null) {
        return;
      }
      try {
        lease = journal.renewLease(lease, options.leaseTtl());
      } catch (PcrUpgradeException e) {
        Lease lost = lease;
        lease = null;
        journalUnknown(stepId, what + " was abandoned: the lease was lost while it ran");
        throw leaseHalt(e, "; this executor (generation " + lost.generation() + ") abandoned "
            + what + ", which was in flight and may still complete: judge it from a fresh"
            + " inspection");
      }
    }

    private void journalUnknown(String stepId, String detail) {
      try {
        journal.append(new JournalEntry(deploymentId, runId, planId(), stepId,
            JournalEvent.STEP_OUTCOME_UNKNOWN, detail));
      } catch (RuntimeException e) {
        LOG.warn("{} - could not journal an unknown outcome: {}", deploymentId, e.getMessage());
      }
    }

    /**
     * Journals that this run created the step's reader VC (its id and series), so that while it
     * stalls its version is inferred, not unknown (CreatedReaders).
     */
    private void rememberCreatedReader(PlanStep step) {
      String reader = VirtualClusterInfo.readerNameFor(step.virtualCluster().orElseThrow());
      ReleaseSeries series = step.version().orElseThrow();
      Optional<VirtualClusterInfo> vc = observe().snapshot.standby().vc(reader);
      if (vc.isEmpty()) {
        return;
      }
      Instant at = clock.instant();
      journalAppend(step.id(), JournalEvent.FACT, CreatedReaders.fact(vc.get(), series, at));
      createdReaders = createdReaders.with(vc.get(), series, at);
    }

    /**
     * A reader VC that is shared but does not answer (08000; a 26.2 reader's start-up can stall,
     * crdb-pcr-sql-facts 10.2) and whose version cannot be inferred leaves invariant 5 unjudgeable:
     * wait up to readerVcTimeout for it to answer, then halt naming it and the documented remedy.
     * The reader steps themselves wait for it on their own.
     */
    private Observed awaitReaderAnswers(Observed seen) {
      Optional<VirtualClusterInfo> stalled = CreatedReaders.unanswering(seen.snapshot);
      if (stalled.isEmpty() || nextStepWaitsForReader(stalled.get().name())) {
        return seen;
      }
      Instant begin = clock.instant();
      Duration wait = options.pollInterval();
      while (true) {
        VirtualClusterInfo r = stalled.get();
        Duration waited = Duration.between(begin, clock.instant());
        if (waited.compareTo(options.readerVcTimeout()) >= 0) {
          String cluster = seen.snapshot.standby().name();
          throw halt(HaltReason.PRECONDITION_NOT_MET, "reader VC '" + r.name() + "' on '"
              + cluster + "' is shared but has not answered for " + waited + " (readerVcTimeout "
              + options.readerVcTimeout() + "): " + r.version().evidence() + "; its version"
              + " is needed to judge invariant 5 and this run did not create it. Remedy: "
              + CreatedReaders.remedy(cluster, r.name()), List.of(), null);
        }
        if (expected.size() > cursor) {
          initial.step(expected.get(cursor)).ifPresent(st -> emit(new UpgradeEvent.Waiting(
              runId, clock.instant(), progress(), ref(st), "reader VC '" + r.name()
              + "' to answer (" + r.version().evidence() + ")", waited,
              options.readerVcTimeout())));
        }
        wait = pause(wait);
        Optional<Observed> again = observeWhileWaiting(new ArrayList<>());
        if (again.isEmpty()) {
          continue;
        }
        seen = again.get();
        stalled = CreatedReaders.unanswering(seen.snapshot);
        if (stalled.isEmpty()) {
          return seen;
        }
      }
    }

    private boolean nextStepWaitsForReader(String reader) {
      if (initial == null || cursor >= expected.size()) {
        return false;
      }
      return initial.step(expected.get(cursor)).filter(st ->
          (st.kind() == StepKind.AWAIT_READER_SERVING || st.kind() == StepKind.CREATE_READER
              || st.kind() == StepKind.STOP_READER || st.kind() == StepKind.DROP_READER)
          && st.virtualCluster().map(v -> v.equals(reader)
              || VirtualClusterInfo.readerNameFor(v).equals(reader)).orElse(false)).isPresent();
    }

    private boolean isDone(PlanStep step, Observed seen) {
      return step.done().holds(seen.snapshot, memory.facts()) && nodeBack(step, seen.snapshot);
    }

    /**
     * A narrow read within a wait (TargetedPolling): only what the step's done-condition reads,
     * laid over the latest full snapshot. Never checked against the invariants or the topology
     * and never acted on: a step it shows done is confirmed by a full snapshot first.
     */
    private Optional<Observed> readNarrowly(
        java.util.Map<ClusterRole, io.github.pcrupgrade.core.spi.NarrowRead> reads,
        List<String> problems) {
      DeploymentSnapshot base = lastSeen;
      try {
        DeploymentSnapshot s = blocking("", "reading the deployment narrowly",
            options.settingTimeout().multipliedBy(2).plus(options.pollInterval()),
            () -> new DeploymentSnapshot(narrow(primaryInspector, ClusterRole.PRIMARY, reads, base),
                narrow(standbyInspector, ClusterRole.STANDBY, reads, base))
                .withInferredReplicatedVersions());
        return Optional.of(new Observed(createdReaders.infer(s), memory));
      } catch (Stop s) {
        throw s;
      } catch (RuntimeException e) {
        problems.add("the deployment to answer again (" + e.getMessage() + ")");
        return Optional.empty();
      }
    }

    private io.github.pcrupgrade.core.model.ClusterSnapshot narrow(ClusterInspector inspector,
        ClusterRole role, java.util.Map<ClusterRole, io.github.pcrupgrade.core.spi.NarrowRead> reads,
        DeploymentSnapshot base) {
      io.github.pcrupgrade.core.spi.NarrowRead read = reads.get(role);
      return read == null ? base.cluster(role) : inspector.inspect(read, base.cluster(role));
    }

    /** For node steps: the node must also be live and not draining before the step counts. */
    private boolean nodeBack(PlanStep step, DeploymentSnapshot s) {
      return StepActions.nodeBack(step, s);
    }

    private String nodeDetail(PlanStep step, DeploymentSnapshot s) {
      return step.nodeId().flatMap(id -> s.cluster(step.cluster()).node(id))
          .map(n -> " (node " + n.id() + " is " + n.liveness() + " on " + n.binary()
              + (n.draining() ? ", draining" : "") + ")").orElse("");
    }

    private void settle(StepRef ref) {
      if (options.settleTime().isZero()) {
        return;
      }
      emit(new UpgradeEvent.Waiting(runId, clock.instant(), progress(), ref,
          "the node to settle before the next restart", Duration.ZERO, options.settleTime()));
      Instant until = clock.instant().plus(options.settleTime());
      while (clock.instant().isBefore(until)) {
        checkCancelled();
        Duration left = Duration.between(clock.instant(), until);
        sleep(left.compareTo(options.maxPollInterval()) < 0 ? left : options.maxPollInterval());
      }
    }

    private Duration timeout(StepKind kind) {
      return StepActions.timeout(kind, options);
    }

    /** Inspects, records first observations of finalizations, and re-checks the invariants. */
    private Observed observe() {
      DeploymentSnapshot s = createdReaders.infer(inspectWithRetry());
      guardTopology(s);
      lastSeen = s;
      recordFinalizations(s);
      List<Violation> broken = rules.check(s).violations().stream()
          .filter(v -> v.isError() && (v.code().category() == RuleCategory.INVARIANT
              || v.code().category() == RuleCategory.SNAPSHOT
              || v.code().category() == RuleCategory.IDENTITY))
          .toList();
      if (!broken.isEmpty()) {
        throw halt(HaltReason.INVARIANT_VIOLATED, broken.stream().map(Violation::toString)
            .collect(Collectors.joining("\n")), broken, null);
      }
      return new Observed(s, memory);
    }

    private DeploymentSnapshot inspectWithRetry() {
      for (int attempt = 1; ; attempt++) {
        try {
          // both clusters in one call; SHOW CLUSTER SETTING version alone may block up to about
          // 2 minutes (crdb-pcr-sql-facts 9.1), so the bound is two setting timeouts
          return blocking("", "inspecting the deployment",
              options.settingTimeout().multipliedBy(2).plus(options.pollInterval()),
              UpgradeExecutor.this::inspect);
        } catch (PcrUpgradeException e) {
          if (e.code() != CoreErrorCode.TRANSIENT || attempt > TRANSIENT_RETRIES) {
            throw new InspectionFailed(e);
          }
          pause(options.pollInterval());
        } catch (Stop s) {
          throw s;
        } catch (RuntimeException e) {
          throw new InspectionFailed(e);
        }
      }
    }

    /**
     * Halts with TOPOLOGY_CHANGED when the deployment is no longer the one the run planned for.
     * Called on every inspection once the run has planned, so before every action, before any
     * step is judged already done and within every wait.
     */
    private void guardTopology(DeploymentSnapshot s) {
      if (topology == null) {
        return;
      }
      List<String> changes = topology.changesTo(Topology.of(s), readerStepInFlight);
      if (!changes.isEmpty()) {
        throw halt(HaltReason.TOPOLOGY_CHANGED, "the deployment is no longer the one this run"
            + " planned for: " + String.join("; ", changes) + ". Nothing more was done and no"
            + " step was judged done across the change (planned for: " + topology + ")",
            List.of(), null);
      }
    }

    /**
     * Observes within a wait: a cluster that does not answer (a single node restarting, a lost
     * connection) is one more thing awaited, until the wait's own timeout.
     */
    private Optional<Observed> observeWhileWaiting(List<String> problems) {
      try {
        return Optional.of(observe());
      } catch (InspectionFailed e) {
        problems.add("the deployment to answer again (" + e.getMessage() + ")");
        return Optional.empty();
      }
    }

    /**
     * The first time the primary's replicated VC is seen final at a series, remember the primary's
     * cluster time: the reader VC is re-created only after the replicated time passes it.
     */
    private void recordFinalizations(DeploymentSnapshot s) {
      if (initial == null) {
        return;
      }
      Optional<FinalizationObservations.Due> due =
          FinalizationObservations.due(s, memory.facts(), List.of(initial), begunSteps);
      if (due.isEmpty()) {
        return;
      }
      ReleaseSeries series = due.get().series();
      String vc = due.get().virtualCluster();
      Instant at = call(primaryOps::clusterTime, "read the primary's cluster time");
      journalAppend("", JournalEvent.FACT,
          RunMemory.finalizedFact(ClusterRole.PRIMARY, vc, series, at));
      memory = new RunMemory(memory.settings(), memory.readers(),
          memory.facts().withFinalization(ClusterRole.PRIMARY, vc, series, at), true,
          memory.owners());
    }

    /** On a deployment's first run, the settings and reader VCs found before anything changed. */
    private void rememberOriginals(DeploymentSnapshot s) {
      if (memory.started() && !memory.settings().isEmpty()) {
        return;
      }
      List<VcSettings> found = new ArrayList<>();
      java.util.Map<String, UUID> owners = new java.util.HashMap<>();
      List<String> readers = new ArrayList<>();
      for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
        for (VirtualClusterInfo vc : c.virtualClusters()) {
          vc.settings().ifPresent(st -> found.add(new VcSettings(c.role(), vc.name(), st)));
          c.clusterId().ifPresent(id -> owners.put(c.role() + "/" + vc.name(), id));
          if (vc.kind() == io.github.pcrupgrade.core.model.VcKind.READER) {
            readers.add(vc.name());
          }
        }
      }
      found.forEach(v -> journalAppend("", JournalEvent.FACT, RunMemory.settingsFact(v,
          Optional.ofNullable(owners.get(v.cluster() + "/" + v.virtualCluster())))));
      readers.forEach(r -> journalAppend("", JournalEvent.FACT, RunMemory.readerFact(r)));
      memory = new RunMemory(found, new java.util.LinkedHashSet<>(readers), memory.facts(), true,
          owners);
    }

    private PlanResult planned(Observed seen) {
      PlanResult r;
      try {
        r = plan.apply(seen);
      } catch (RuntimeException e) {
        throw halt(HaltReason.PLAN_REFUSED, "planning failed: " + e.getMessage(), List.of(), e);
      }
      if (r.isRefused()) {
        throw halt(HaltReason.PLAN_REFUSED, r.refusal().stream().map(Violation::toString)
            .collect(Collectors.joining("\n")), r.refusal(), null);
      }
      return r;
    }

    private String diverged(PlanStep step, int index) {
      if (index >= 0) {
        return "step " + step.id() + " (" + step.description() + ") was done earlier in this run"
            + " but is needed again: the deployment changed under the executor (an external"
            + " actor?). Nothing was done; run again to re-plan from the current state";
      }
      return "the planner, asked from the current state, now wants step " + step.id() + " ("
          + step.description() + "), which the run's plan does not contain: the deployment"
          + " changed under the executor (an external finalization, failover or settings"
          + " change?). Nothing was done; run again to re-plan from the current state";
    }

    private void skipTo(int index) {
      while (cursor < index) {
        PlanStep done = initial.step(expected.get(cursor)).orElseThrow();
        journalAppend(done.id(), JournalEvent.STEP_ALREADY_DONE, done.description());
        cursor++;
        emit(new UpgradeEvent.StepAlreadyDone(runId, clock.instant(), progress(), ref(done)));
      }
    }

    /** Renews the lease taken at the start of the run, or halts before acting. */
    private void renewLease() {
      try {
        lease = journal.renewLease(lease, options.leaseTtl());
      } catch (PcrUpgradeException e) {
        Lease lost = lease;
        lease = null;
        throw leaseHalt(e, "; this executor (generation " + lost.generation()
            + ") stopped before acting");
      }
    }

    private Stop leaseHalt(PcrUpgradeException e, String detail) {
      HaltReason reason = e.code() == CoreErrorCode.LEASE_HELD ? HaltReason.LEASE_HELD
          : e.code() == CoreErrorCode.LEASE_LOST ? HaltReason.LEASE_LOST
          : HaltReason.PORT_FAILURE;
      return halt(reason, e.getMessage() + detail, List.of(), e);
    }

    private RunResult complete() {
      journalAppend("", JournalEvent.RUN_COMPLETED, summary + " completed");
      Duration took = Duration.between(started, clock.instant());
      emit(new UpgradeEvent.Completed(runId, clock.instant(), progress(), took));
      return new RunResult(runId, RunStatus.COMPLETED, Optional.empty(),
          "completed: " + summary + " (" + expected.size() + " steps)",
          Optional.ofNullable(initial), progress(), List.of(), took, Optional.empty());
    }

    private Stop halt(HaltReason reason, String diagnosis, List<Violation> violations,
        Throwable cause) {
      String message = diagnosis + "\nNext: " + reason.whatToDo() + ".";
      try {
        journal.append(new JournalEntry(deploymentId, runId, planId(), "",
            JournalEvent.RUN_HALTED, reason + ": " + message));
      } catch (RuntimeException e) {
        LOG.warn("{} - could not journal the halt: {}", deploymentId, e.getMessage());
      }
      emit(new UpgradeEvent.Halted(runId, clock.instant(), progress(), reason.name(), message));
      return new Stop(new RunResult(runId, RunStatus.HALTED, Optional.of(reason), message,
          Optional.ofNullable(initial), progress(), violations,
          Duration.between(started, clock.instant()), Optional.ofNullable(cause)));
    }

    private Stop pause(StepRef ref, String reason) {
      journalAppend(ref.id(), JournalEvent.RUN_PAUSED, reason);
      emit(new UpgradeEvent.Paused(runId, clock.instant(), progress(), ref, reason));
      return new Stop(new RunResult(runId, RunStatus.PAUSED, Optional.empty(), reason
          + "\nNext: " + PAUSED_NEXT, Optional.ofNullable(initial), progress(), List.of(),
          Duration.between(started, clock.instant()), Optional.empty()));
    }

    private void checkCancelled() {
      if (cancel.isCancelled() || Thread.currentThread().isInterrupted()) {
        throw cancelled();
      }
    }

    private Stop cancelled() {
      try {
        journal.append(new JournalEntry(deploymentId, runId, planId(), "",
            JournalEvent.RUN_CANCELLED, "cancelled by the caller"));
      } catch (RuntimeException e) {
        LOG.warn("{} - could not journal the cancellation: {}", deploymentId, e.getMessage());
      }
      emit(new UpgradeEvent.Cancelled(runId, clock.instant(), progress()));
      return new Stop(new RunResult(runId, RunStatus.CANCELLED, Optional.empty(),
          "cancelled at " + progress() + "; run again to resume\nNext: " + CANCELLED_NEXT,
          Optional.ofNullable(initial),
          progress(), List.of(), Duration.between(started, clock.instant()), Optional.empty()));
    }

    /** Sleeps {@code wait} and returns the next, doubled wait, bounded by maxPollInterval. */
    private Duration pause(Duration wait) {
      sleep(wait);
      Duration next = wait.multipliedBy(2);
      return next.compareTo(options.maxPollInterval()) > 0 ? options.maxPollInterval() : next;
    }

    /** Sleeps, then renews a held lease: waits for a step may last far longer than its TTL. */
    private void sleep(Duration d) {
      checkCancelled();
      try {
        sleeper.sleep(d);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw cancelled();
      }
      checkCancelled();
      if (lease != null) {
        renewLease();
      }
    }

    private void journalAppend(String stepId, JournalEvent event, String detail) {
      call(() -> journal.append(new JournalEntry(deploymentId, runId, planId(), stepId, event,
          detail)), "write the journal");
    }

    private <T> T call(java.util.function.Supplier<T> port, String what) {
      try {
        return port.get();
      } catch (Stop s) {
        throw s;
      } catch (RuntimeException e) {
        throw halt(HaltReason.PORT_FAILURE, "could not " + what + ": " + e.getMessage(),
            List.of(), e);
      }
    }

    private String planId() {
      return initial == null ? "" : Integer.toHexString(initial.stepIds().hashCode());
    }

    private Progress progress() {
      return new Progress(Math.min(cursor, expected.size()), expected.size());
    }

    private ClusterOperations ops(ClusterRole role) {
      return role == ClusterRole.PRIMARY ? primaryOps : standbyOps;
    }

    private StepRef ref(PlanStep s) {
      return new StepRef(s.id(), s.kind(), s.clusterName(), s.virtualCluster(),
          s.nodeId(), s.description(), s.pointOfNoReturn());
    }

    private void emit(UpgradeEvent event) {
      for (UpgradeListener l : listeners) {
        try {
          l.onEvent(event);
        } catch (RuntimeException e) {
          LOG.warn("{} - listener {} failed on {}: {}", deploymentId, l,
              event.getClass().getSimpleName(), e.toString());
        }
      }
    }
  }

  /** Builds an executor; every port is required except the approval gate and listeners. */
  public static final class Builder {
    private String deploymentId = "default";
    private String executorId = "executor-" + UUID.randomUUID();
    private ClusterInspector primaryInspector;
    private ClusterInspector standbyInspector;
    private ClusterOperations primaryOps;
    private ClusterOperations standbyOps;
    private NodeUpgrader nodeUpgrader;
    private UpgradeJournal journal;
    private ApprovalGate approvalGate = ApprovalGate.APPROVE_ALL;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Scheduler scheduler;
    private boolean inline;
    private final List<UpgradeListener> listeners = new ArrayList<>();
    private ExecutorOptions options = ExecutorOptions.defaults();
    private ReleaseCatalog catalog = ReleaseCatalog.builtIn();

    private Builder() {}

    /**
     * The deployment's id in the journal and the lease (default {@code default}).
     *
     * @param id not blank; the same for every executor and step API of the deployment
     * @return this builder
     * @throws io.github.pcrupgrade.core.PcrUpgradeException {@code INVALID_ARGUMENT} for a blank
     *     id
     */
    public Builder deploymentId(String id) {
      Objects.requireNonNull(id, "id");
      this.deploymentId = nonBlank(id, "deploymentId");
      return this;
    }

    /**
     * This executor's id, the lease holder: unique among all executors that may act on the
     * deployment (default {@code executor-<random UUID>}). Two executors with one id would count as
     * one holder, so never share an id between processes.
     *
     * @param id not blank
     * @return this builder
     * @throws io.github.pcrupgrade.core.PcrUpgradeException {@code INVALID_ARGUMENT} for a blank
     *     id
     */
    public Builder executorId(String id) {
      Objects.requireNonNull(id, "id");
      this.executorId = nonBlank(id, "executorId");
      return this;
    }

    /**
     * The primary cluster's ports (required).
     *
     * @param inspector observes the primary
     * @param operations changes the primary
     * @return this builder
     */
    public Builder primary(ClusterInspector inspector, ClusterOperations operations) {
      this.primaryInspector = Objects.requireNonNull(inspector, "inspector");
      this.primaryOps = Objects.requireNonNull(operations, "operations");
      return this;
    }

    /**
     * The standby cluster's ports (required).
     *
     * @param inspector observes the standby
     * @param operations changes the standby
     * @return this builder
     */
    public Builder standby(ClusterInspector inspector, ClusterOperations operations) {
      this.standbyInspector = Objects.requireNonNull(inspector, "inspector");
      this.standbyOps = Objects.requireNonNull(operations, "operations");
      return this;
    }

    /**
     * How nodes get their new binary (required), for both clusters.
     *
     * @param upgrader the host's node upgrader
     * @return this builder
     */
    public Builder nodeUpgrader(NodeUpgrader upgrader) {
      this.nodeUpgrader = Objects.requireNonNull(upgrader, "upgrader");
      return this;
    }

    /**
     * Where runs are recorded and the lease is kept (required). Every executor of one deployment
     * must share it, or the lease protects nothing.
     *
     * @param upgradeJournal the journal
     * @return this builder
     */
    public Builder journal(UpgradeJournal upgradeJournal) {
      this.journal = Objects.requireNonNull(upgradeJournal, "upgradeJournal");
      return this;
    }

    /**
     * Asked before each finalization when {@link ExecutorOptions#requireApproval()} is set
     * (default {@link ApprovalGate#APPROVE_ALL}).
     *
     * @param gate the gate
     * @return this builder
     */
    public Builder approvalGate(ApprovalGate gate) {
      this.approvalGate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /**
     * The clock all waits and timeouts are measured on (default UTC system clock). Replaces a
     * {@link #scheduler} given before: calls then run inline over this clock and the sleeper.
     *
     * @param c the clock
     * @return this builder
     */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      this.scheduler = null;
      this.inline = true;
      return this;
    }

    /**
     * How the executor waits; must advance {@link #clock} (default real sleep). Replaces a
     * {@link #scheduler} given before: calls then run inline over the clock and this sleeper.
     *
     * @param s the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper s) {
      this.sleeper = Objects.requireNonNull(s, "sleeper");
      this.scheduler = null;
      this.inline = true;
      return this;
    }

    /**
     * Time and concurrency for the executor (docs/design.md): its clock, its waits, and the
     * tasks its blocking port calls run on while the run renews the lease and watches for
     * cancellation. Replaces {@link #clock} and {@link #sleeper}. Default: {@link Scheduler#system}
     * with daemon threads named {@code pcr-upgrade-<deployment>-call}; when only a clock or a
     * sleeper is given, {@link Scheduler#inline} over them (calls then run on the run's thread,
     * with no heartbeat during a call).
     *
     * @param s the scheduler; thread-safe, as its contract requires
     * @return this builder
     */
    public Builder scheduler(Scheduler s) {
      this.scheduler = Objects.requireNonNull(s, "scheduler");
      return this;
    }

    /**
     * Adds a listener; called with every event, in the order added. May be called several times.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(UpgradeListener listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Timeouts, poll intervals and behaviour switches (default {@link ExecutorOptions#defaults()}).
     *
     * @param executorOptions the options
     * @return this builder
     */
    public Builder options(ExecutorOptions executorOptions) {
      this.options = Objects.requireNonNull(executorOptions, "executorOptions");
      return this;
    }

    /**
     * The release catalog the planner and the rules judge series with (default
     * {@link ReleaseCatalog#builtIn()}); extend it when a release ships after this library.
     *
     * @param releaseCatalog the catalog
     * @return this builder
     */
    public Builder catalog(ReleaseCatalog releaseCatalog) {
      this.catalog = Objects.requireNonNull(releaseCatalog, "releaseCatalog");
      return this;
    }

    /**
     * Builds the executor.
     *
     * @return a new executor; it keeps no reference to this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} naming a missing port
     */
    public UpgradeExecutor build() {
      require(primaryInspector, "primary(inspector, operations)");
      require(standbyInspector, "standby(inspector, operations)");
      require(nodeUpgrader, "nodeUpgrader");
      require(journal, "journal");
      return new UpgradeExecutor(this);
    }

    private static void require(Object o, String what) {
      if (o == null) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "an executor needs " + what);
      }
    }

    private static String nonBlank(String s, String name) {
      if (s == null || s.isBlank()) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, name + " must not be blank");
      }
      return s;
    }
  }
}
