package io.github.pcrupgrade.core.exec;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.ErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.Condition;
import io.github.pcrupgrade.core.plan.ExecutionFacts;
import io.github.pcrupgrade.core.plan.PlanResult;
import io.github.pcrupgrade.core.plan.PlanStep;
import io.github.pcrupgrade.core.plan.Planner;
import io.github.pcrupgrade.core.plan.StepKind;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.plan.VcSettings;
import io.github.pcrupgrade.core.rules.RuleCategory;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.spi.ClusterInspector;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.core.spi.NodeUpgrader;
import io.github.pcrupgrade.core.spi.Scheduler;
import io.github.pcrupgrade.core.spi.Sleeper;
import io.github.pcrupgrade.core.spi.UpgradeJournal;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Steps one at a time, for orchestrators that drive the steps themselves (a workflow engine whose
 * activities run in other processes, hours apart; an operator's reconcile loop). The same
 * implementation as the {@link UpgradeExecutor}'s (one class acts on a step for both), with the
 * same guards, offered as calls that each return promptly: {@link #plan} (the plan to follow, made
 * with the journal's memory), {@link #act} (returns when the step's statement or node upgrader call
 * has returned) and {@link #observe} (whether the step's done-condition holds now). Waiting is the
 * orchestrator's: it observes again later, on its own schedule.
 *
 * <h2>Safety contract</h2>
 * <ol>
 *   <li><b>Lease.</b> The orchestrator takes the deployment's lease through the journal
 *       ({@link #acquireLease}, or {@link UpgradeJournal#acquireLease} itself) and passes it to
 *       every call. Each call first renews it and refuses without a valid one: a lease never taken,
 *       expired, released or taken over by another holder fails with the journal's
 *       {@code LEASE_LOST}, another deployment's with {@code INVALID_ARGUMENT}. The renewed lease
 *       is returned in every result: pass that one on. A call whose port call runs longer than a
 *       third of the lease's TTL renews the lease meanwhile. Only one holder acts at a time
 *       (invariant 9), also against an {@link UpgradeExecutor} on the same journal.
 *   <li><b>Plan first.</b> {@link #plan} records, on the upgrade's first plan, the finalization
 *       settings and reader VCs found before anything changed and the topology planned for, in the
 *       journal; every later plan of any process restores those settings at the end. The request
 *       must carry no {@link ExecutionFacts} (they are read from the journal: facts given by hand
 *       could add a wait for nothing or skip one), and its original settings are replaced by the
 *       journal's where it has them.
 *   <li><b>Acting re-checks everything.</b> {@link #act} inspects both clusters afresh, refuses
 *       when a data-safety invariant is broken ({@link StepRefusal#INVARIANT_VIOLATED}) or the
 *       topology differs from the one planned for ({@link StepRefusal#TOPOLOGY_CHANGED}; the API's
 *       own reader drop and create excepted), answers {@link StepOutcome#ALREADY_DONE} without
 *       acting when the step's done-condition holds, refuses a step that is not in the plan passed
 *       ({@link StepRefusal#NOT_IN_PLAN}) or not in a fresh plan made now with the journal's memory
 *       ({@link StepRefusal#NOT_IN_FRESH_PLAN}, naming the difference), answers
 *       {@link StepOutcome#UNDER_WAY} without acting when the action visibly took effect already,
 *       refuses when the step's precondition (and before a restart or finalization the health
 *       gate) does not hold ({@link StepRefusal#PRECONDITION_NOT_MET}), renews the lease, journals
 *       {@code STEP_STARTED}, and sends the action through the ports. Acting twice on a step is
 *       therefore safe. Steps need not be taken in plan order by this API, but every refusal
 *       above still applies; the recommended loop re-plans after every step and acts on the
 *       fresh plan's first step.
 *   <li><b>Observing</b> inspects, applies the same invariant and topology checks, records the
 *       observations later steps depend on (the moment the primary's replicated VC was first seen
 *       final at a series the plan awaits, the reader VC the API created) and journals
 *       {@code STEP_DONE} the first time a step is seen done.
 *   <li><b>What stays the orchestrator's:</b> waiting between observations, the pause between
 *       node restarts (the executor's {@code settleTime}; the health gate still refuses a restart
 *       while any node is down or draining), the approval of a point of no return
 *       ({@link PlanStep#pointOfNoReturn()}), cancellation (it simply stops calling), retrying a
 *       {@code TRANSIENT} failure, and releasing the lease. A port error propagates as the port threw it (a
 *       {@code PcrUpgradeException}, {@code TRANSIENT} when a retry is expected to pass): the
 *       action may or may not have taken effect, and the next {@link #act} judges that from the
 *       deployment. The executor's re-send of a finalization or STOP SERVICE that stopped moving
 *       is not offered here: such a step stays {@link StepOutcome#UNDER_WAY}; run the
 *       {@link UpgradeExecutor} to resume it.
 * </ol>
 *
 * <p>Thread-safe: it holds no state between calls (the journal holds it), so any number of
 * instances, in any processes, may serve one deployment, one call at a time under the lease.
 */
public final class StepApi {

  private final String deploymentId;
  private final ClusterInspector primaryInspector;
  private final ClusterInspector standbyInspector;
  private final ClusterOperations primaryOps;
  private final ClusterOperations standbyOps;
  private final NodeUpgrader nodeUpgrader;
  private final UpgradeJournal journal;
  private final Clock clock;
  private final BlockingCalls calls;
  private final ExecutorOptions options;
  private final Planner planner;
  private final Rules rules;

  private StepApi(Builder b) {
    this.deploymentId = b.deploymentId;
    this.primaryInspector = b.primaryInspector;
    this.standbyInspector = b.standbyInspector;
    this.primaryOps = b.primaryOps;
    this.standbyOps = b.standbyOps;
    this.nodeUpgrader = b.nodeUpgrader;
    this.journal = b.journal;
    Scheduler scheduler = b.scheduler != null ? b.scheduler
        : b.inline ? Scheduler.inline(b.clock, b.sleeper)
        : Scheduler.system(r -> {
          Thread t = new Thread(r, "pcr-upgrade-" + b.deploymentId + "-step");
          t.setDaemon(true);
          return t;
        });
    this.clock = scheduler.clock();
    this.options = b.options;
    this.calls = new BlockingCalls(scheduler, b.options);
    this.planner = new Planner(b.catalog);
    this.rules = new Rules(b.catalog);
  }

  /**
   * Starts building a step API.
   *
   * @return a new builder; the ports, the node upgrader and the journal are required
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The deployment this API acts on.
   *
   * @return the id its journal records and its lease are kept under
   */
  public String deploymentId() {
    return deploymentId;
  }

  /**
   * Takes the deployment's lease for {@code holderId} for {@link ExecutorOptions#leaseTtl()}
   * (the journal's {@link UpgradeJournal#acquireLease}; taking one's own live lease renews it).
   *
   * @param holderId the orchestrator's id, unique among everything that may act on the
   *     deployment, and the same in every process of one orchestrator that shares the lease
   * @return the lease, to pass to the first call; each call returns the renewed one
   * @throws PcrUpgradeException {@code LEASE_HELD} while another holder has it;
   *     {@code INVALID_ARGUMENT} for a blank {@code holderId}
   */
  public Lease acquireLease(String holderId) {
    return journal.acquireLease(deploymentId, holderId, options.leaseTtl());
  }

  /**
   * Gives the lease up (when the orchestrator is done, or pauses for long). Does nothing when
   * the lease is no longer the current one.
   *
   * @param lease the lease as the last call returned it
   */
  public void releaseLease(Lease lease) {
    journal.releaseLease(Objects.requireNonNull(lease, "lease"));
  }

  /**
   * Inspects both clusters now, as the library judges them: the replicating VC's version
   * inferred, and a reader VC this upgrade created inferred at its series while it does not
   * answer. Reads only; needs no lease.
   *
   * @return both clusters as observed now
   * @throws PcrUpgradeException from an inspector that cannot read its cluster, naming it
   */
  public DeploymentSnapshot inspect() {
    return CreatedReaders.of(journal.history(deploymentId)).infer(rawInspect());
  }

  /**
   * What the journal recorded for the current upgrade (finalization observations). Reads only;
   * needs no lease.
   *
   * @return the facts the executor and this API evaluate conditions with; none before the
   *     first finalization was observed
   */
  public ExecutionFacts facts() {
    return RunMemory.of(journal.history(deploymentId)).facts();
  }

  /**
   * Whether {@code condition} holds now: evaluated on a fresh {@link #inspect()} with the
   * journal's {@link #facts()}, as the executor evaluates it. Reads only; needs no lease.
   *
   * @param condition a step's done-condition or precondition, for example from a plan
   * @return true when it holds now
   * @throws PcrUpgradeException from an inspector that cannot read its cluster
   */
  public boolean holds(Condition condition) {
    Objects.requireNonNull(condition, "condition");
    List<JournalRecord> history = journal.history(deploymentId);
    DeploymentSnapshot s = CreatedReaders.of(history).infer(rawInspect());
    return condition.holds(s, RunMemory.of(history).facts());
  }

  /**
   * The plan to follow now, made from a fresh inspection with the journal's memory, exactly as
   * the executor plans (a refusal is returned as data). On the upgrade's first plan it journals
   * the run's start, the settings and reader VCs found and the topology; when the plan is empty
   * (the target is reached and the settings are restored) it journals the upgrade's completion.
   *
   * @param lease the deployment's lease, as {@link #acquireLease} or the previous call returned
   *     it; renewed by this call
   * @param request the target and options, without {@link ExecutionFacts}
   * @return the plan to follow (empty when there is nothing left to do), or the planner's
   *     refusal with its violations
   * @throws PcrUpgradeException {@code LEASE_LOST} without a valid lease; {@code INVALID_ARGUMENT}
   *     for a request that carries facts or a lease of another deployment;
   *     {@link StepRefusal#INVARIANT_VIOLATED}, {@link StepRefusal#TOPOLOGY_CHANGED}
   */
  public PlanResult plan(Lease lease, UpgradeRequest request) {
    requireNoFacts(request);
    Call c = begin(lease, "plan");
    PlanResult r = c.plan(request, Optional.empty());
    if (r.isRefused()) {
      return r;
    }
    UpgradePlan plan = r.plan().orElseThrow();
    if (plan.isEmpty()) {
      if (c.memory.started()) {
        c.journal("", JournalEvent.RUN_COMPLETED, "upgrade to " + request.target()
            + " completed (step API)");
      }
      return r;
    }
    if (!c.memory.started() || c.memory.settings().isEmpty()) {
      c.journal("", JournalEvent.RUN_STARTED, "upgrade to " + request.target()
          + " (step API, " + plan.steps().size() + " steps)");
      for (VcSettings v : UpgradeRequest.originalsIn(c.snapshot)) {
        c.journal("", JournalEvent.FACT, RunMemory.settingsFact(v,
            c.snapshot.cluster(v.cluster()).clusterId()));
      }
      for (VirtualClusterInfo reader : c.snapshot.standby().readerVcs()) {
        c.journal("", JournalEvent.FACT, RunMemory.readerFact(reader.name()));
      }
    }
    if (c.topology.isEmpty()) {
      c.journal("", JournalEvent.FACT, TopologyFact.of(Topology.of(c.snapshot)));
    }
    return r;
  }

  /**
   * Acts on step {@code stepId} of {@code plan}: returns when its statement or node upgrader
   * call has returned, or at once when there is nothing to send; see the class documentation for
   * every check made first.
   *
   * @param lease the deployment's lease, as the previous call returned it
   * @param request the request {@code plan} was made for (a fresh plan is made from it)
   * @param plan the orchestrator's plan, from {@link #plan}
   * @param stepId the step's id
   * @return the step as the fresh plan gives it, what was done
   *     ({@link StepOutcome#SENT}, {@link StepOutcome#ALREADY_DONE},
   *     {@link StepOutcome#UNDER_WAY} or {@link StepOutcome#NOTHING_TO_SEND}) and the renewed
   *     lease
   * @throws PcrUpgradeException with a {@link StepRefusal} code, {@code LEASE_LOST},
   *     {@code INVALID_ARGUMENT}, {@code PLAN_REFUSED}, or the port's own error
   */
  public StepResult act(Lease lease, UpgradeRequest request, UpgradePlan plan, String stepId) {
    requireNoFacts(request);
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(stepId, "stepId");
    Call c = begin(lease, "act on " + stepId);
    c.requireTopology();
    PlanStep mine = plan.step(stepId).orElseThrow(() -> refused(StepRefusal.NOT_IN_PLAN,
        "step '" + stepId + "' is not in the plan passed (" + plan.steps().size()
            + " steps); pass the plan the id came from"));
    c.recordObservations(plan);
    if (mine.done().holds(c.snapshot, c.memory.facts())) {
      c.journal(stepId, JournalEvent.STEP_ALREADY_DONE, mine.description());
      return new StepResult(mine, StepOutcome.ALREADY_DONE, c.lease);
    }
    PlanResult fresh = c.plan(request, Optional.of(plan));
    if (fresh.isRefused()) {
      throw new PcrUpgradeException(CoreErrorCode.PLAN_REFUSED, "a fresh plan is refused: "
          + fresh.refusal().stream().map(Violation::toString).collect(Collectors.joining("; "))
          + "; nothing was done");
    }
    UpgradePlan now = fresh.plan().orElseThrow();
    PlanStep step = now.step(stepId).orElseThrow(() -> refused(StepRefusal.NOT_IN_FRESH_PLAN,
        "step '" + stepId + "' (" + mine.description() + ") is not in a fresh plan made now"
            + " with the journal's memory: " + PlanDifference.describe(plan, now)
            + ". Nothing was done; plan again and take the new plan's first step"));
    if (StepActions.underWay(step, c.snapshot)) {
      return new StepResult(step, StepOutcome.UNDER_WAY, c.lease);
    }
    List<String> problems = new java.util.ArrayList<>();
    if (!step.precondition().holds(c.snapshot, c.memory.facts())) {
      problems.add("precondition not met: " + step.precondition().describe());
    }
    if (StepActions.gated(step)) {
      problems.addAll(StepActions.health(c.snapshot, options));
    }
    if (!problems.isEmpty()) {
      throw refused(StepRefusal.PRECONDITION_NOT_MET, "before step " + stepId + " ("
          + step.description() + "): " + String.join("; ", problems)
          + ". Nothing was done; wait or fix it, then act again");
    }
    if (step.kind() == StepKind.AWAIT_REPLICATION
        || step.kind() == StepKind.AWAIT_READER_SERVING) {
      return new StepResult(step, StepOutcome.NOTHING_TO_SEND, c.lease);
    }
    c.renew(); // right before acting: the inspection and the checks took time
    c.journal(stepId, JournalEvent.STEP_STARTED, step.description());
    c.send(step, now);
    return new StepResult(step, StepOutcome.SENT, c.lease);
  }

  /**
   * Whether step {@code stepId} of {@code plan} is done now: its done-condition holds on a fresh
   * inspection with the journal's facts and, for a node step, the node is live and not draining.
   * Records what later steps depend on and journals {@code STEP_DONE} the first time.
   *
   * @param lease the deployment's lease, as the previous call returned it; renewed by this call
   * @param plan the orchestrator's plan the step comes from
   * @param stepId the step's id
   * @return whether the step is done, what is still awaited, and the renewed lease
   * @throws PcrUpgradeException {@link StepRefusal#NOT_IN_PLAN}, {@code LEASE_LOST},
   *     {@code INVALID_ARGUMENT} for a lease of another deployment,
   *     {@link StepRefusal#INVARIANT_VIOLATED}, {@link StepRefusal#TOPOLOGY_CHANGED},
   *     {@link StepRefusal#NOT_PLANNED}
   */
  public StepObservation observe(Lease lease, UpgradePlan plan, String stepId) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(stepId, "stepId");
    Call c = begin(lease, "observe " + stepId);
    c.requireTopology();
    PlanStep step = plan.step(stepId).orElseThrow(() -> refused(StepRefusal.NOT_IN_PLAN,
        "step '" + stepId + "' is not in the plan passed; pass the plan the id came from"));
    c.recordObservations(plan);
    boolean done = step.done().holds(c.snapshot, c.memory.facts())
        && StepActions.nodeBack(step, c.snapshot);
    if (!done) {
      String node = step.nodeId().flatMap(id -> c.snapshot.cluster(step.cluster()).node(id))
          .map(n -> " (node " + n.id() + " is " + n.liveness() + " on " + n.binary()
              + (n.draining() ? ", draining" : "") + ")").orElse("");
      return new StepObservation(step, false, step.done().describe() + node, c.lease);
    }
    if (!c.journaledDone(stepId)) {
      if (step.kind() == StepKind.CREATE_READER) {
        String reader = VirtualClusterInfo.readerNameFor(step.virtualCluster().orElseThrow());
        c.snapshot.standby().vc(reader).ifPresent(vc -> c.journal(stepId, JournalEvent.FACT,
            CreatedReaders.fact(vc, step.version().orElseThrow(), clock.instant())));
      }
      c.journal(stepId, JournalEvent.STEP_DONE, step.description());
    }
    return new StepObservation(step, true, "", c.lease);
  }

  private static void requireNoFacts(UpgradeRequest request) {
    Objects.requireNonNull(request, "request");
    if (!request.facts().equals(ExecutionFacts.NONE)) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, "the request carries"
          + " execution facts; the step API reads them from the journal, where they are recorded"
          + " from observations (facts given by hand can add a wait for nothing, or skip one)."
          + " Pass the request without facts");
    }
  }

  private static PcrUpgradeException refused(ErrorCode code, String message) {
    return new PcrUpgradeException(code, message);
  }

  private DeploymentSnapshot rawInspect() {
    return new DeploymentSnapshot(primaryInspector.inspect(), standbyInspector.inspect())
        .withInferredReplicatedVersions();
  }

  /** Renews the lease, reads the journal, inspects, checks the invariants and the topology. */
  private Call begin(Lease lease, String what) {
    Objects.requireNonNull(lease, "lease");
    if (!lease.deploymentId().equals(deploymentId)) {
      throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT, "the lease passed is of"
          + " deployment '" + lease.deploymentId() + "', not of '" + deploymentId + "'; take"
          + " this deployment's lease and pass it");
    }
    Call c = new Call(journal.renewLease(lease, options.leaseTtl()), what);
    List<JournalRecord> history = journal.history(deploymentId);
    c.memory = RunMemory.of(history);
    c.begunSteps = FinalizationObservations.begunSteps(history);
    DeploymentSnapshot s = CreatedReaders.of(history).infer(c.blocking("", "inspecting the"
        + " deployment", options.settingTimeout().multipliedBy(2).plus(options.pollInterval()),
        this::rawInspect));
    List<Violation> broken = rules.check(s).violations().stream()
        .filter(v -> v.isError() && (v.code().category() == RuleCategory.INVARIANT
            || v.code().category() == RuleCategory.SNAPSHOT
            || v.code().category() == RuleCategory.IDENTITY))
        .toList();
    if (!broken.isEmpty()) {
      throw new PcrUpgradeException(StepRefusal.INVARIANT_VIOLATED, broken.stream()
          .map(Violation::toString).collect(Collectors.joining("\n"))
          + "\nNothing was done; fix the deployment as each violation's remediation says");
    }
    c.snapshot = s;
    c.topology = TopologyFact.latest(history);
    c.guardTopology(history);
    return c;
  }

  /** One call: its lease, its view of the deployment and of the journal. */
  private final class Call {
    private Lease lease;
    private final String runId;
    private RunMemory memory;
    private Set<String> begunSteps = Set.of();
    private DeploymentSnapshot snapshot;
    private Optional<TopologyFact.Recorded> topology = Optional.empty();
    private String planId = "";

    Call(Lease lease, String what) {
      this.lease = lease;
      this.runId = "steps-" + lease.holderId() + "-" + lease.generation();
    }

    void renew() {
      lease = journal.renewLease(lease, options.leaseTtl());
    }

    void journal(String stepId, JournalEvent event, String detail) {
      journal.append(new JournalEntry(deploymentId, runId, planId, stepId, event, detail));
    }

    PlanResult plan(UpgradeRequest request, Optional<UpgradePlan> orchestrators) {
      PlanResult r = planner.plan(snapshot, memory.applyTo(request, snapshot));
      if (r.isPlanned()) {
        UpgradePlan p = r.plan().orElseThrow();
        planId = Integer.toHexString(p.stepIds().hashCode());
        List<UpgradePlan> plans = orchestrators.map(o -> List.of(o, p)).orElse(List.of(p));
        if (recordObservations(plans)) {
          return plan(request, orchestrators);
        }
      }
      return r;
    }

    void recordObservations(UpgradePlan plan) {
      recordObservations(List.of(plan));
    }

    /** Records a due finalization observation (FinalizationObservations); true when it did. */
    boolean recordObservations(List<UpgradePlan> plans) {
      Optional<FinalizationObservations.Due> due =
          FinalizationObservations.due(snapshot, memory.facts(), plans, begunSteps);
      if (due.isEmpty()) {
        return false;
      }
      String vc = due.get().virtualCluster();
      ReleaseSeries series = due.get().series();
      Instant at = blocking("", "read the primary's cluster time", options.settingTimeout(),
          primaryOps::clusterTime);
      journal("", JournalEvent.FACT, RunMemory.finalizedFact(ClusterRole.PRIMARY, vc, series, at));
      memory = new RunMemory(memory.settings(), memory.readers(),
          memory.facts().withFinalization(ClusterRole.PRIMARY, vc, series, at), true,
          memory.owners());
      return true;
    }

    void requireTopology() {
      if (topology.isEmpty()) {
        throw refused(StepRefusal.NOT_PLANNED, "no plan of the current upgrade of '"
            + deploymentId + "' was made through the step API, so the original settings and"
            + " the topology were never recorded; call plan(lease, request) first");
      }
    }

    /**
     * Compares the topology recorded with the one seen now. Reader VCs are compared too, unless
     * one of the API's own reader steps (drop, create) was journaled since the topology was
     * recorded: the readers seen now are then taken over and recorded.
     */
    void guardTopology(List<JournalRecord> history) {
      if (topology.isEmpty()) {
        return;
      }
      Topology planned = topology.get().topology();
      Topology now = Topology.of(snapshot);
      boolean readerStep = history.subList(topology.get().index() + 1, history.size()).stream()
          .anyMatch(r -> r.entry().event() == JournalEvent.STEP_STARTED
              && (r.entry().stepId().contains(":reader-drop:")
                  || r.entry().stepId().contains(":reader-create:")));
      List<String> changes = planned.changesTo(now, readerStep);
      if (!changes.isEmpty()) {
        throw refused(StepRefusal.TOPOLOGY_CHANGED, "the deployment is no longer the one this"
            + " upgrade planned for: " + String.join("; ", changes) + ". Nothing was done and"
            + " nothing was judged done (planned for: " + planned + ")");
      }
      if (readerStep && !planned.changesTo(now, false).isEmpty()) {
        journal("", JournalEvent.FACT, TopologyFact.of(planned.withReadersOf(now)));
      }
    }

    boolean journaledDone(String stepId) {
      List<JournalRecord> history = journal.history(deploymentId);
      for (int i = history.size() - 1; i >= 0; i--) {
        JournalEvent e = history.get(i).entry().event();
        if (e == JournalEvent.RUN_COMPLETED) {
          return false;
        }
        if (e == JournalEvent.STEP_DONE && history.get(i).entry().stepId().equals(stepId)) {
          return true;
        }
      }
      return false;
    }

    /** Sends the step's action, judging a refusal against a fresh snapshot (port contract). */
    void send(PlanStep step, UpgradePlan now) {
      ClusterOperations ops = step.cluster() == ClusterRole.PRIMARY ? primaryOps : standbyOps;
      DeploymentSnapshot seen = snapshot;
      try {
        blocking(step.id(), "step " + step.id() + " (" + step.description() + ")",
            StepActions.timeout(step.kind(), options).plus(options.pollInterval()), () -> {
              StepActions.act(step, seen, ops, nodeUpgrader, id -> refused(
                  StepRefusal.NOT_IN_FRESH_PLAN, "node " + id + " of '" + step.clusterName()
                      + "' is no longer in the cluster; plan again"));
              return null;
            });
      } catch (PcrUpgradeException e) {
        if (e.code() == CoreErrorCode.TRANSIENT || e.code() instanceof StepRefusal
            || e.code() == CoreErrorCode.LEASE_LOST
            || !StepActions.underWay(step, rawInspect())) {
          throw e;
        }
        // refused because an earlier call's action already took effect: the step is under way
      }
    }

    /** A port call through the scheduler, renewing the lease while it runs, bounded. */
    <T> T blocking(String stepId, String what, Duration bound,
        java.util.concurrent.Callable<T> call) {
      try {
        return calls.run(what, bound, call, new BlockingCalls.Watch() {
          @Override
          public void heartbeat() {
            renew();
          }

          @Override
          public boolean cancelled() {
            return false;
          }
        });
      } catch (BlockingCalls.Abandoned a) {
        journal(stepId, JournalEvent.STEP_OUTCOME_UNKNOWN, what + " was abandoned after "
            + a.ran + " (it ran past its bound " + bound + "); what it did is unknown");
        throw refused(StepRefusal.OUTCOME_UNKNOWN, what + " did not return within " + bound
            + " (the step's timeout plus one poll interval); it was abandoned and may still"
            + " complete: observe the step, and plan again before acting");
      }
    }
  }

  /** Builds a {@link StepApi}; every port is required. */
  public static final class Builder {
    private String deploymentId = "default";
    private ClusterInspector primaryInspector;
    private ClusterInspector standbyInspector;
    private ClusterOperations primaryOps;
    private ClusterOperations standbyOps;
    private NodeUpgrader nodeUpgrader;
    private UpgradeJournal journal;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Scheduler scheduler;
    private boolean inline;
    private ExecutorOptions options = ExecutorOptions.defaults();
    private ReleaseCatalog catalog = ReleaseCatalog.builtIn();

    private Builder() {}

    /**
     * The deployment's id in the journal and the lease (default {@code default}); the same as the
     * executor's, so that either can resume what the other began.
     *
     * @param id not blank
     * @return this builder
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} for a blank id
     */
    public Builder deploymentId(String id) {
      Objects.requireNonNull(id, "id");
      if (id.isBlank()) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "deploymentId must not be blank");
      }
      this.deploymentId = id;
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
     * The journal that holds the upgrade's state and lease (required): the one every process of
     * the orchestrator, and any executor of the deployment, uses.
     *
     * @param upgradeJournal the journal
     * @return this builder
     */
    public Builder journal(UpgradeJournal upgradeJournal) {
      this.journal = Objects.requireNonNull(upgradeJournal, "upgradeJournal");
      return this;
    }

    /**
     * As {@link UpgradeExecutor.Builder#clock}: calls then run inline.
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
     * As {@link UpgradeExecutor.Builder#sleeper}: calls then run inline.
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
     * Time and the tasks port calls run on while the lease is renewed (as
     * {@link UpgradeExecutor.Builder#scheduler}); default {@link Scheduler#system} with daemon
     * threads named {@code pcr-upgrade-<deployment>-step}.
     *
     * @param s the scheduler
     * @return this builder
     */
    public Builder scheduler(Scheduler s) {
      this.scheduler = Objects.requireNonNull(s, "scheduler");
      return this;
    }

    /**
     * The options used: {@code leaseTtl}, the step timeouts that bound each port call,
     * {@code pollInterval}, {@code maxReplicationLag} of the health gate.
     *
     * @param executorOptions the options (default {@link ExecutorOptions#defaults()})
     * @return this builder
     */
    public Builder options(ExecutorOptions executorOptions) {
      this.options = Objects.requireNonNull(executorOptions, "executorOptions");
      return this;
    }

    /**
     * The release catalog the planner and the rules judge series with (default
     * {@link ReleaseCatalog#builtIn()}); give the executor of the same deployment the same one.
     *
     * @param releaseCatalog the catalog
     * @return this builder
     */
    public Builder catalog(ReleaseCatalog releaseCatalog) {
      this.catalog = Objects.requireNonNull(releaseCatalog, "releaseCatalog");
      return this;
    }

    /**
     * Builds the API.
     *
     * @return a new step API; thread-safe
     * @throws PcrUpgradeException {@code INVALID_ARGUMENT} naming a missing port
     */
    public StepApi build() {
      for (Object[] p : new Object[][] {{primaryInspector, "primary(inspector, operations)"},
          {standbyInspector, "standby(inspector, operations)"}, {nodeUpgrader, "nodeUpgrader"},
          {journal, "journal"}}) {
        if (p[0] == null) {
          throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
              "a step API needs " + p[1]);
        }
      }
      return new StepApi(this);
    }
  }
}
