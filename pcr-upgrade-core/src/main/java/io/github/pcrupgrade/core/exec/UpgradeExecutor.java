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
import io.github.pcrupgrade.core.spi.FinalizationSetting;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.core.spi.NodeUpgrader;
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
 * exceptions. Before the first mutating step it takes the deployment's lease and renews it before
 * every further one, so that a second executor can never act at the same time.
 *
 * <p>One executor runs one deployment; {@link #run} may be called again (sequentially) to resume.
 * Not meant to be called from two threads at once (the lease would refuse the second anyway).
 */
public final class UpgradeExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(UpgradeExecutor.class);
  private static final int TRANSIENT_RETRIES = 3;
  /** Polls at the poll interval before a wait starts backing off. */
  private static final int STEADY_POLLS = 60;

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
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.listeners = List.copyOf(b.listeners);
    this.options = b.options;
    this.planner = new Planner(b.catalog);
    this.rules = new Rules(b.catalog);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The deployment this executor acts on. */
  public String deploymentId() {
    return deploymentId;
  }

  /** Inspects both clusters now (the snapshot every run starts from). */
  public DeploymentSnapshot inspect() {
    return new DeploymentSnapshot(primaryInspector.inspect(), standbyInspector.inspect())
        .withInferredReplicatedVersions();
  }

  /** Takes the deployment to the request's target; see the class documentation. */
  public RunResult run(UpgradeRequest request) {
    return run(request, new CancelHandle());
  }

  /** Takes the deployment to the request's target; {@code cancel} stops it within a poll. */
  public RunResult run(UpgradeRequest request, CancelHandle cancel) {
    Objects.requireNonNull(request, "request");
    return new Run(cancel, memory -> planner.plan(memory.snapshot, remember(request, memory)),
        "upgrade to " + request.target()).execute();
  }

  /**
   * Rolls back the binaries of each cluster whose system VC has not begun finalizing (the planner's
   * {@code planRollback}), with the same safety as an upgrade.
   */
  public RunResult rollback(CancelHandle cancel) {
    return new Run(cancel, memory -> asPlan(planner.planRollback(memory.snapshot), memory.snapshot),
        "rollback").execute();
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
    UpgradeRequest.Builder b = request.toBuilder().facts(memory.memory.facts());
    if (!memory.memory.settings().isEmpty()) {
      b.originalSettings(memory.memory.settings());
    }
    if (!memory.memory.readers().isEmpty()) {
      b.originalReaderVcs(memory.memory.readers());
    }
    return b.build();
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

  /** One invocation of {@link #run}: its state lives here, not in the executor. */
  private final class Run {
    private final CancelHandle cancel;
    private final Function<Observed, PlanResult> plan;
    private final String summary;
    private final String runId;
    private final Instant started;
    private RunMemory memory = RunMemory.EMPTY;
    private UpgradePlan initial;
    private List<String> expected = List.of();
    private int cursor;
    private Lease lease;
    private Instant renewedAt = Instant.MIN;

    Run(CancelHandle cancel, Function<Observed, PlanResult> plan, String summary) {
      this.cancel = Objects.requireNonNull(cancel, "cancel");
      this.plan = plan;
      this.summary = summary;
      this.runId = executorId + "-" + runs.incrementAndGet();
      this.started = clock.instant();
    }

    RunResult execute() {
      try {
        return loop();
      } catch (Stop stop) {
        return stop.result;
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
      memory = RunMemory.of(call(() -> journal.history(deploymentId), "read the journal"));
      Observed seen = observe();
      PlanResult first = planned(seen);
      initial = first.plan().orElseThrow();
      expected = initial.stepIds();
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
        seen = observe();
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
        }
      }
    }

    /** Acts on one step and waits until it is done. */
    private void perform(PlanStep step, Observed seen) {
      StepRef ref = ref(step);
      takeOrRenewLease();
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
      Instant begin = clock.instant();
      emit(new UpgradeEvent.StepStarted(runId, clock.instant(), progress(), ref));
      journalAppend(step.id(), JournalEvent.STEP_STARTED, step.description());
      if (underWay(step, seen.snapshot)) {
        LOG.info("{} - {} is already under way (an earlier run acted); waiting for it",
            step.clusterName(), step.description());
      } else {
        actOrFindUnderWay(step, seen.snapshot);
      }
      awaitDone(step, ref);
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
        act(step, snapshot);
      } catch (PcrUpgradeException e) {
        if (e.code() == CoreErrorCode.TRANSIENT || !underWay(step, observe().snapshot)) {
          throw e;
        }
        LOG.info("{} - {} was refused ({}), but it is already under way; waiting for it",
            step.clusterName(), step.description(), e.getMessage());
      }
    }

    /**
     * Whether the step's action visibly took effect already, so that acting again would repeat
     * it: a finalization in progress towards the step's series, a reader VC being dropped or gone,
     * a reader VC that exists (its precondition was its absence), a reader VC stopping.
     */
    private boolean underWay(PlanStep step, DeploymentSnapshot s) {
      ClusterSnapshot c = s.cluster(step.cluster());
      Optional<VirtualClusterInfo> vc = step.virtualCluster().flatMap(c::vc);
      return switch (step.kind()) {
        case FINALIZE_VC -> vc.flatMap(v -> v.version().known())
            .filter(ClusterVersion::isTransitional)
            .flatMap(ClusterVersion::upgradingTo)
            .filter(to -> step.version().map(t -> !to.isAfter(t)).orElse(false)).isPresent();
        case DROP_READER -> vc.map(v -> v.dataState() == DataState.DROPPING).orElse(true);
        case CREATE_READER -> step.virtualCluster()
            .flatMap(m -> c.vc(VirtualClusterInfo.readerNameFor(m))).isPresent();
        case STOP_READER -> vc.map(v -> v.serviceMode() == ServiceMode.STOPPING
            || v.serviceMode() == ServiceMode.NONE).orElse(true);
        default -> false;
      };
    }

    private void act(PlanStep step, DeploymentSnapshot snapshot) {
      ClusterOperations ops = ops(step.cluster());
      String vc = step.virtualCluster().orElse("");
      switch (step.kind()) {
        case PIN_FINALIZATION -> ops.setFinalizationSetting(vc, step.setting().orElseThrow(),
            step.settingValue().orElseThrow());
        case UNPIN_FINALIZATION -> ops.resetFinalizationSetting(vc, step.setting().orElseThrow());
        case RESTART_NODE -> nodeUpgrader.upgrade(step.clusterName(), node(snapshot, step),
            step.binary().orElseThrow());
        case ROLLBACK_NODE -> nodeUpgrader.rollback(step.clusterName(), node(snapshot, step),
            step.binary().orElseThrow());
        case FINALIZE_VC -> ops.finalizeVersion(vc, step.version().orElseThrow());
        case STOP_READER -> ops.stopService(vc);
        case DROP_READER -> ops.dropVirtualCluster(vc);
        case CREATE_READER -> ops.createReaderVirtualCluster(vc);
        case RESTORE_SETTINGS -> restore(ops, vc, snapshot.cluster(step.cluster()).vc(vc),
            step.restoreTo().orElseThrow());
        case AWAIT_REPLICATION, AWAIT_READER_SERVING -> { }
      }
    }

    private void restore(ClusterOperations ops, String vc, Optional<VirtualClusterInfo> now,
        io.github.pcrupgrade.core.model.FinalizationSettings to) {
      var current = now.flatMap(VirtualClusterInfo::settings);
      if (current.map(s -> s.autoUpgradeEnabled() != to.autoUpgradeEnabled()).orElse(true)) {
        ops.setFinalizationSetting(vc, FinalizationSetting.AUTO_UPGRADE_ENABLED,
            Boolean.toString(to.autoUpgradeEnabled()));
      }
      if (current.map(s -> !s.preserveDowngradeOption().equals(to.preserveDowngradeOption()))
          .orElse(true)) {
        if (to.preserveDowngradeOption().isEmpty()) {
          ops.resetFinalizationSetting(vc, FinalizationSetting.PRESERVE_DOWNGRADE_OPTION);
        } else {
          ops.setFinalizationSetting(vc, FinalizationSetting.PRESERVE_DOWNGRADE_OPTION,
              to.preserveDowngradeOption());
        }
      }
    }

    private NodeInfo node(DeploymentSnapshot snapshot, PlanStep step) {
      int id = step.nodeId().orElseThrow();
      return snapshot.cluster(step.cluster()).node(id).orElseThrow(() -> halt(
          HaltReason.STATE_DIVERGED, "node " + id + " of '" + step.clusterName()
              + "' is no longer in the cluster", List.of(), null));
    }

    /** Waits for the step's precondition and, before restarts and finalizations, the health gate. */
    private void awaitPrecondition(PlanStep step, StepRef ref) {
      boolean gated = step.kind() == StepKind.RESTART_NODE || step.kind() == StepKind.FINALIZE_VC
          || step.kind() == StepKind.ROLLBACK_NODE;
      Instant begin = clock.instant();
      Duration wait = options.pollInterval();
      while (true) {
        Observed seen = observe();
        List<String> problems = new ArrayList<>();
        if (!step.precondition().holds(seen.snapshot, memory.facts())) {
          problems.add("precondition not met: " + step.precondition().describe());
        }
        if (gated) {
          problems.addAll(health(seen.snapshot, step));
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
        wait = pause(wait, begin);
      }
    }

    /** The health gate: every node live and not draining, ranges healthy, replication lag bounded. */
    private List<String> health(DeploymentSnapshot s, PlanStep step) {
      List<String> problems = new ArrayList<>();
      for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
        for (NodeInfo n : c.memberNodes()) {
          if (!n.isHealthy()) {
            problems.add("'" + c.name() + "' node " + n.id() + " is " + n.liveness()
                + (n.draining() ? " and draining" : ""));
          }
        }
        if (!c.health().isHealthy()) {
          problems.add("'" + c.name() + "' has " + c.health().underReplicatedRanges()
              + " under-replicated and " + c.health().unavailableRanges() + " unavailable ranges");
        }
      }
      s.standbyReplicatingVc().flatMap(VirtualClusterInfo::replication)
          .flatMap(r -> r.lag()).filter(lag -> lag.compareTo(options.maxReplicationLag()) > 0)
          .ifPresent(lag -> problems.add("replication lag " + lag + " exceeds "
              + options.maxReplicationLag()));
      return problems;
    }

    private void awaitDone(PlanStep step, StepRef ref) {
      Duration timeout = timeout(step.kind());
      Instant begin = clock.instant();
      Duration wait = options.pollInterval();
      while (true) {
        checkCancelled();
        Observed seen = observe();
        if (step.done().holds(seen.snapshot, memory.facts()) && nodeBack(step, seen.snapshot)) {
          return;
        }
        Duration waited = Duration.between(begin, clock.instant());
        if (waited.compareTo(timeout) >= 0) {
          throw halt(HaltReason.TIMEOUT, "step " + step.id() + " (" + step.description()
              + ") was not done after " + waited + ": still waiting for "
              + step.done().describe() + nodeDetail(step, seen.snapshot), List.of(), null);
        }
        emit(new UpgradeEvent.Waiting(runId, clock.instant(), progress(), ref,
            step.done().describe(), waited, timeout));
        wait = pause(wait, begin);
      }
    }

    /** For node steps: the node must also be live and not draining before the step counts. */
    private boolean nodeBack(PlanStep step, DeploymentSnapshot s) {
      if (step.nodeId().isEmpty()) {
        return true;
      }
      return s.cluster(step.cluster()).node(step.nodeId().get()).map(NodeInfo::isHealthy)
          .orElse(false);
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
      return switch (kind) {
        case PIN_FINALIZATION, UNPIN_FINALIZATION, RESTORE_SETTINGS -> options.settingTimeout();
        case RESTART_NODE, ROLLBACK_NODE -> options.nodeRestartTimeout();
        case FINALIZE_VC -> options.finalizationTimeout();
        case AWAIT_REPLICATION -> options.replicationTimeout();
        case STOP_READER, DROP_READER, CREATE_READER, AWAIT_READER_SERVING ->
            options.readerVcTimeout();
      };
    }

    /** Inspects, records first observations of finalizations, and re-checks the invariants. */
    private Observed observe() {
      DeploymentSnapshot s = inspectWithRetry();
      recordFinalizations(s);
      List<Violation> broken = rules.check(s).violations().stream()
          .filter(v -> v.isError() && (v.code().category() == RuleCategory.INVARIANT
              || v.code().category() == RuleCategory.SNAPSHOT))
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
          return inspect();
        } catch (PcrUpgradeException e) {
          if (e.code() != CoreErrorCode.TRANSIENT || attempt > TRANSIENT_RETRIES) {
            throw halt(HaltReason.PORT_FAILURE, "inspecting the deployment failed: "
                + e.getMessage(), List.of(), e);
          }
          sleep(options.pollInterval());
        } catch (RuntimeException e) {
          throw halt(HaltReason.PORT_FAILURE, "inspecting the deployment failed unexpectedly: "
              + e, List.of(), e);
        }
      }
    }

    /**
     * The first time the primary's replicated VC is seen final at a series, remember the primary's
     * cluster time: the reader VC is re-created only after the replicated time passes it.
     */
    private void recordFinalizations(DeploymentSnapshot s) {
      Optional<VirtualClusterInfo> replicated = s.replicatedPrimaryVc();
      if (replicated.isEmpty() || initial == null) {
        return;
      }
      Optional<ClusterVersion> v = replicated.get().version().known();
      if (v.isEmpty() || !v.get().isFinal()) {
        return;
      }
      ReleaseSeries series = v.get().base();
      String vc = replicated.get().name();
      if (memory.finalizedAt(ClusterRole.PRIMARY, vc, series).isPresent()
          || !planAwaits(series)) {
        return;
      }
      Instant at = call(primaryOps::clusterTime, "read the primary's cluster time");
      journalAppend("", JournalEvent.FACT,
          RunMemory.finalizedFact(ClusterRole.PRIMARY, vc, series, at));
      memory = new RunMemory(memory.settings(), memory.readers(),
          memory.facts().withFinalization(ClusterRole.PRIMARY, vc, series, at), true);
    }

    private boolean planAwaits(ReleaseSeries series) {
      return initial.steps().stream().anyMatch(st -> st.kind() == StepKind.AWAIT_REPLICATION
          && st.version().map(series::equals).orElse(false));
    }

    /** On a deployment's first run, the settings and reader VCs found before anything changed. */
    private void rememberOriginals(DeploymentSnapshot s) {
      if (memory.started() && !memory.settings().isEmpty()) {
        return;
      }
      List<VcSettings> found = new ArrayList<>();
      List<String> readers = new ArrayList<>();
      for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
        for (VirtualClusterInfo vc : c.virtualClusters()) {
          vc.settings().ifPresent(st -> found.add(new VcSettings(c.role(), vc.name(), st)));
          if (vc.kind() == io.github.pcrupgrade.core.model.VcKind.READER) {
            readers.add(vc.name());
          }
        }
      }
      found.forEach(v -> journalAppend("", JournalEvent.FACT, RunMemory.settingsFact(v)));
      readers.forEach(r -> journalAppend("", JournalEvent.FACT, RunMemory.readerFact(r)));
      memory = new RunMemory(found, new java.util.LinkedHashSet<>(readers), memory.facts(), true);
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

    private void takeOrRenewLease() {
      try {
        lease = lease == null
            ? journal.acquireLease(deploymentId, executorId, options.leaseTtl())
            : journal.renewLease(lease, options.leaseTtl());
        renewedAt = clock.instant();
      } catch (PcrUpgradeException e) {
        HaltReason reason = e.code() == CoreErrorCode.LEASE_HELD ? HaltReason.LEASE_HELD
            : e.code() == CoreErrorCode.LEASE_LOST ? HaltReason.LEASE_LOST
            : HaltReason.PORT_FAILURE;
        Lease lost = lease;
        lease = null;
        throw halt(reason, e.getMessage() + (lost == null ? ""
            : "; this executor (generation " + lost.generation() + ") stopped before acting"),
            List.of(), e);
      }
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
      return new Stop(new RunResult(runId, RunStatus.PAUSED, Optional.empty(), reason,
          Optional.ofNullable(initial), progress(), List.of(),
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
          "cancelled at " + progress() + "; run again to resume", Optional.ofNullable(initial),
          progress(), List.of(), Duration.between(started, clock.instant()), Optional.empty()));
    }

    /**
     * Sleeps {@code wait} and returns the next wait of a wait that began at {@code begin}: the
     * poll interval for the first {@value #STEADY_POLLS} polls (most waits - a restart, a
     * finalization, a reader VC's scan - end within them, and a coarser poll would only add its
     * overshoot to every step), then doubling, bounded by the maximum poll interval.
     */
    private Duration pause(Duration wait, Instant begin) {
      sleep(wait);
      if (Duration.between(begin, clock.instant())
          .compareTo(options.pollInterval().multipliedBy(STEADY_POLLS)) < 0) {
        return options.pollInterval();
      }
      Duration next = wait.multipliedBy(2);
      return next.compareTo(options.maxPollInterval()) > 0 ? options.maxPollInterval() : next;
    }

    /**
     * Sleeps {@code d}, in slices no longer than a third of the lease's time to live, renewing the
     * lease between slices: a wait longer than the lease (a slow restart, a replication wait)
     * must not lose it, and a lost lease is noticed within the wait, before acting again.
     */
    private void sleep(Duration d) {
      Duration slice = options.leaseTtl().dividedBy(3);
      Duration left = d;
      do {
        checkCancelled();
        Duration now = left.compareTo(slice) > 0 ? slice : left;
        try {
          sleeper.sleep(now);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw cancelled();
        }
        left = left.minus(now);
        checkCancelled();
        if (lease != null && !clock.instant().isBefore(renewedAt.plus(slice))) {
          takeOrRenewLease();
        }
      } while (!left.isZero() && !left.isNegative());
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
      return new StepRef(s.id(), s.kind().name(), s.clusterName(), s.virtualCluster(),
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
    private String executorId = "executor";
    private ClusterInspector primaryInspector;
    private ClusterInspector standbyInspector;
    private ClusterOperations primaryOps;
    private ClusterOperations standbyOps;
    private NodeUpgrader nodeUpgrader;
    private UpgradeJournal journal;
    private ApprovalGate approvalGate = ApprovalGate.APPROVE_ALL;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private final List<UpgradeListener> listeners = new ArrayList<>();
    private ExecutorOptions options = ExecutorOptions.defaults();
    private ReleaseCatalog catalog = ReleaseCatalog.builtIn();

    private Builder() {}

    /** The deployment's id in the journal and the lease (default {@code default}). */
    public Builder deploymentId(String id) {
      this.deploymentId = nonBlank(id, "deploymentId");
      return this;
    }

    /** This executor's unique id, the lease holder (default {@code executor}). */
    public Builder executorId(String id) {
      this.executorId = nonBlank(id, "executorId");
      return this;
    }

    public Builder primary(ClusterInspector inspector, ClusterOperations operations) {
      this.primaryInspector = Objects.requireNonNull(inspector, "inspector");
      this.primaryOps = Objects.requireNonNull(operations, "operations");
      return this;
    }

    public Builder standby(ClusterInspector inspector, ClusterOperations operations) {
      this.standbyInspector = Objects.requireNonNull(inspector, "inspector");
      this.standbyOps = Objects.requireNonNull(operations, "operations");
      return this;
    }

    public Builder nodeUpgrader(NodeUpgrader upgrader) {
      this.nodeUpgrader = Objects.requireNonNull(upgrader, "upgrader");
      return this;
    }

    public Builder journal(UpgradeJournal upgradeJournal) {
      this.journal = Objects.requireNonNull(upgradeJournal, "upgradeJournal");
      return this;
    }

    public Builder approvalGate(ApprovalGate gate) {
      this.approvalGate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /** The clock all waits and timeouts are measured on (default UTC system clock). */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** How the executor waits; must advance {@link #clock} (default real sleep). */
    public Builder sleeper(Sleeper s) {
      this.sleeper = Objects.requireNonNull(s, "sleeper");
      return this;
    }

    public Builder listener(UpgradeListener listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    public Builder options(ExecutorOptions executorOptions) {
      this.options = Objects.requireNonNull(executorOptions, "executorOptions");
      return this;
    }

    public Builder catalog(ReleaseCatalog releaseCatalog) {
      this.catalog = Objects.requireNonNull(releaseCatalog, "releaseCatalog");
      return this;
    }

    /**
     * Builds the executor.
     *
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
