package io.github.pcrupgrade.testkit.chaos;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.exec.CancelHandle;
import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.HaltReason;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.ReplicationState;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.PlanResult;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.rules.FailbackVerdict;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.spi.ApprovalGate;
import io.github.pcrupgrade.core.spi.InFlight;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.testkit.Fault;
import io.github.pcrupgrade.testkit.FaultPlan;
import io.github.pcrupgrade.testkit.FiredFault;
import io.github.pcrupgrade.testkit.MonitorViolation;
import io.github.pcrupgrade.testkit.Ports;
import io.github.pcrupgrade.testkit.SimulatedCluster;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.SimulatedSqlException;
import io.github.pcrupgrade.testkit.TraceEvent;
import io.github.pcrupgrade.testkit.Trigger;
import io.github.pcrupgrade.testkit.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays one {@link ChaosScenario} on a fresh simulated deployment and judges it: builds the
 * deployment, runs the prefix, installs the trouble, runs the executor (a crashed instance is
 * followed by a new one on the same journal; a second executor and an operator considering a fast
 * failback run beside it as tasks of the same virtual timeline), clears the trouble, reruns, and
 * applies the oracle ({@link ChaosCampaign} states it). Runs on the calling thread, which becomes
 * the first task of the deployment's {@link VirtualScheduler}. One use per instance.
 */
final class ChaosRun {

  private static final String FIRST = "chaos-1";
  private static final String RESUMED = "chaos-2";
  private static final String CONTENDER = "chaos-contender";
  private static final String RERUN = "chaos-rerun";
  private static final String PREFIX = "chaos-prefix";
  /** How long the run waits for a task beside it (a contender, an operator) to end. */
  private static final Duration TASK_LIMIT = Duration.ofHours(24);

  private final ChaosScenario sc;
  private final ChaosSettings settings;
  private final ReleaseCatalog catalog;
  private final TroubleLog log = new TroubleLog();
  private final List<String> failures = new ArrayList<>();
  private final List<String> excused = new ArrayList<>();
  private SimulatedDeployment d;
  private VirtualScheduler s;
  private boolean failbackDone;
  private String detail = "";

  ChaosRun(ChaosScenario scenario, ChaosSettings settings, ReleaseCatalog catalog) {
    this.sc = scenario;
    this.settings = settings;
    this.catalog = catalog;
  }

  ChaosRunResult execute() {
    long wallStart = System.nanoTime();
    d = build();
    s = d.scheduler();
    Instant t0 = d.now();
    Map<String, FinalizationSettings> before = settingsOf(d.snapshot());
    Set<String> readers = sc.deployment().reader()
        ? Set.of(ChaosGenerator.STANDBY + "/" + ChaosGenerator.READER) : Set.of();
    String outcome;
    String rerun = "";
    UpgradeRequest request = null;
    try {
      request = UpgradeRequest.to(sc.target()).seededRandomOrder(sc.seed()).build();
    } catch (PcrUpgradeException e) {
      outcome = "REFUSED " + e.code();
      detail = firstLine(e.getMessage());
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        failures.add("the request '" + sc.target() + "' was refused with " + e.code()
            + " but no message saying what was wrong");
      }
      return result(outcome, rerun, t0, wallStart);
    }
    prefix();
    PlanResult preview = new ChaosPorts(d.ports(RERUN), RERUN, ChaosPorts.Trouble.none(), log,
        0, sc.deployment().onInterruptedFinalization()).executor()
        .options(settings.options(false, Duration.ZERO)).build().preview(request);
    boolean refused = preview.isRefused();
    if (sc.targetKind() == ChaosScenario.TargetKind.INVALID && !refused) {
      failures.add("the invalid target '" + sc.target() + "' was planned: "
          + preview.plan().map(p -> p.steps().size() + " steps").orElse(""));
    }

    installFaults();
    CancelHandle cancel = new CancelHandle();
    if (sc.denyApproval() > 0) {
      AtomicInteger asked = new AtomicInteger();
      d.approvalGate().setPolicy(r -> {
        if (asked.incrementAndGet() == sc.denyApproval()) {
          log.fired(TroubleKind.APPROVAL_DENIED);
          return ApprovalGate.Decision.NOT_NOW;
        }
        return ApprovalGate.Decision.APPROVED;
      });
    }
    Optional<InFlight<RunResult>> contender = sc.contenderAfter().map(after ->
        s.start("contending executor", () -> {
          s.sleep(after);
          log.fired(TroubleKind.CONTENDING_EXECUTOR);
          return new ChaosPorts(d.ports(CONTENDER), CONTENDER, ChaosPorts.Trouble.none(), log,
              sc.seed() ^ 3, sc.deployment().onInterruptedFinalization()).executor()
              .options(settings.options(sc.requireApproval(), sc.contenderLeaseWait())).build()
              .run(requestOrNull(), new CancelHandle());
        }));
    Optional<InFlight<Void>> failback = sc.failbackAttemptAfter().map(after ->
        s.start("operator considering a fast failback", () -> {
          s.sleep(after);
          considerFailback();
          return null;
        }));
    this.pendingRequest = request;

    List<RunResult> results = new ArrayList<>();
    RunResult main;
    ChaosPorts first = new ChaosPorts(d.ports(FIRST), FIRST, new ChaosPorts.Trouble(
        sc.cancelAtPortCall(), cancel, sc.crashAtPortCall(), sc.crashAfterEffect(),
        sc.transientErrorProbability(), sc.dropConnectionOfStatement(), sc.dropAfter()), log,
        sc.seed() ^ 1, sc.deployment().onInterruptedFinalization());
    try {
      main = first.executor().options(settings.options(sc.requireApproval(), Duration.ZERO))
          .build().run(request, cancel);
    } catch (ChaosCrash crash) {
      String id = sc.resumeUnderSameId() ? FIRST : RESUMED;
      Duration wait = sc.resumeUnderSameId() ? Duration.ZERO
          : settings.leaseTtl().multipliedBy(2);
      ChaosPorts second = new ChaosPorts(d.ports(id), id, new ChaosPorts.Trouble(0, null, 0,
          false, sc.transientErrorProbability(), 0, Duration.ZERO), log, sc.seed() ^ 2,
          sc.deployment().onInterruptedFinalization());
      main = second.executor().options(settings.options(sc.requireApproval(), wait)).build()
          .run(request, new CancelHandle());
    }
    results.add(main);
    outcome = describe(main);
    detail = main.violations().isEmpty() ? firstLine(main.message())
        : main.violations().stream().map(v -> v.code().name()).distinct().sorted()
            .collect(java.util.stream.Collectors.joining(", "));
    contender.ifPresent(c -> await(c, "the contending executor").ifPresent(r -> {
      results.add(r);
      wellFormed("the contending executor", r, refused);
    }));
    failback.ifPresent(f -> await(f, "the operator considering a fast failback"));
    wellFormed("the run", main, refused);
    if (refused) {
      // refused when planned, or stopped earlier by the trouble (a failed inspection, a
      // cancellation, a lease held): never completed, and nothing changed
      if (main.status() == RunStatus.COMPLETED) {
        failures.add("a target the planner refuses ended COMPLETED");
      }
      if (!log.mutations().isEmpty()) {
        failures.add("a refused request changed the deployment: " + log.mutations());
      }
    }

    boolean outsideActor = outsideActorStruck();
    boolean topologyChanged = failbackDone || fired(Fault.ExternalFailover.class)
        || results.stream().anyMatch(r -> r.haltReason().orElse(null)
            == HaltReason.TOPOLOGY_CHANGED);
    if (main.status() == RunStatus.COMPLETED && !refused) {
      atTarget("the run", request, before, topologyChanged || outsideActor);
    }

    // the trouble is cleared: the faults end, the gate approves, an operator restarts dead nodes
    d.clearFaults();
    d.approvalGate().setPolicy(ApprovalGate.APPROVE_ALL);
    reviveNodes();
    try {
      s.sleep(settings.clearSettle());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add("interrupted while the deployment settled");
    }
    if (!refused) {
      RunResult again = rerun(request);
      rerun = describe(again);
      wellFormed("the rerun", again, false);
      boolean actorBroke = !excusedMonitorRecords().isEmpty();
      if (again.status() == RunStatus.COMPLETED) {
        atTarget("the rerun", request, before, topologyChanged || outsideActor);
      } else if (!topologyChanged && !actorBroke) {
        failures.add("after the trouble was cleared, the rerun ended " + again + "");
      }
    }

    judgeMonitor(outsideActor || topologyChanged);
    for (String e : EffectCount.excess(d.trace(), readers)) {
      failures.add("more effect than the plan needs: " + e);
    }
    Duration took = Duration.between(t0, d.now());
    if (took.compareTo(settings.virtualBound()) > 0) {
      failures.add("the run took " + took + " of virtual time, over the bound of "
          + settings.virtualBound());
    }
    ChaosRunResult r = result(outcome, rerun, t0, wallStart);
    drain();
    return r;
  }

  private UpgradeRequest pendingRequest;

  /** The deployment the run played on (after {@link #execute()}), for a closer look. */
  SimulatedDeployment deployment() {
    return d;
  }

  private UpgradeRequest requestOrNull() {
    return pendingRequest;
  }

  private ChaosRunResult result(String outcome, String rerun, Instant t0, long wallStart) {
    Map<TroubleKind, Integer> fired = new EnumMap<>(TroubleKind.class);
    fired.putAll(log.fired());
    if (d != null) {
      for (FiredFault f : d.firedFaults()) {
        fired.merge(TroubleKind.of(f.fault()), 1, Integer::sum);
      }
      if (sc.deployment().slowFinalization().isPresent() && d.trace().stream().anyMatch(
          t -> t.kind().equals("finalization") && t.detail().contains(": finalizing "))) {
        fired.merge(TroubleKind.SLOW_FINALIZATION, 1, Integer::sum);
      }
      if (sc.deployment().slowStopService().isPresent() && d.trace().stream().anyMatch(
          t -> t.kind().equals("service") && t.detail().equals(ChaosGenerator.READER
              + " stopping"))) {
        fired.merge(TroubleKind.SLOW_STOP_SERVICE, 1, Integer::sum);
      }
    }
    return new ChaosRunResult(sc, outcome, detail, rerun, fired, excused, failures,
        d == null ? Duration.ZERO : Duration.between(t0, d.now()),
        Duration.ofNanos(System.nanoTime() - wallStart));
  }

  // ---------------------------------------------------------------- building and trouble

  private SimulatedDeployment build() {
    ChaosScenario.Deployment g = sc.deployment();
    SimulatedDeployment.Builder b = SimulatedDeployment.builder()
        .seed(sc.seed())
        .deploymentId("chaos-" + sc.campaignSeed() + "-" + sc.run())
        .nodes(g.primaryNodes(), g.standbyNodes())
        .series(io.github.pcrupgrade.core.version.BinaryVersion.parse(g.binary()).series()
            .toString())
        .primaryBinary(g.binary())
        .standbyBinary(g.binary())
        .reader(g.reader())
        .nonVirtualizedPrimary(g.nonVirtualizedPrimary())
        .onInterruptedFinalization(g.onInterruptedFinalization())
        .localities(ChaosGenerator.PRIMARY, localities("p", g.primaryNodes(),
            g.primaryLocalities()))
        .localities(ChaosGenerator.STANDBY, localities("s", g.standbyNodes(),
            g.standbyLocalities()));
    g.slowFinalization().ifPresent(t -> {
      b.finalizationDuration(ChaosGenerator.PRIMARY, "system", t);
      b.finalizationDuration(ChaosGenerator.STANDBY, "system", t);
      if (!g.nonVirtualizedPrimary()) {
        b.finalizationDuration(ChaosGenerator.PRIMARY, ChaosGenerator.APP, t);
      }
    });
    g.slowStopService().ifPresent(t -> b.serviceStopDuration(ChaosGenerator.STANDBY,
        ChaosGenerator.READER, t));
    return b.build();
  }

  private static String[] localities(String region, int nodes, int count) {
    String[] out = new String[nodes];
    for (int i = 0; i < nodes; i++) {
      out[i] = "region=" + region + ",zone=z" + (i % count);
    }
    return out;
  }

  /** Runs {@code prefixSteps} steps of a clean upgrade to the prefix target, then stops it. */
  private void prefix() {
    if (sc.prefixTarget().isEmpty()) {
      return;
    }
    CancelHandle stop = new CancelHandle();
    AtomicInteger done = new AtomicInteger();
    new ChaosPorts(d.ports(PREFIX), PREFIX, ChaosPorts.Trouble.none(), new TroubleLog(), 0,
        sc.deployment().onInterruptedFinalization()).executor()
        .options(settings.options(false, Duration.ZERO))
        .listener(e -> {
          if ((e instanceof UpgradeEvent.StepDone || e instanceof UpgradeEvent.StepAlreadyDone)
              && done.incrementAndGet() >= sc.prefixSteps()) {
            stop.cancel();
          }
        }).build().run(UpgradeRequest.to(sc.prefixTarget().get()).seededRandomOrder(sc.seed())
            .build(), stop);
  }

  /** Plans the scenario's faults with their triggers moved to count from now. */
  private void installFaults() {
    List<TraceEvent> trace = d.trace();
    long portCalls = trace.stream().filter(t -> t.kind().equals("port")).count();
    Map<String, Integer> restarts = new TreeMap<>();
    int allRestarts = 0;
    for (TraceEvent t : trace) {
      if (t.kind().equals("node") && t.detail().matches("n\\d+ draining \\(.*")) {
        restarts.merge(t.cluster(), 1, Integer::sum);
        allRestarts++;
      }
    }
    Duration elapsed = Duration.between(SimulatedDeployment.DEFAULT_START, d.now());
    for (FaultPlan.Planned p : sc.faults()) {
      Trigger t = p.trigger();
      Trigger moved;
      if (t instanceof Trigger.AtTime a) {
        moved = new Trigger.AtTime(elapsed.plus(a.afterStart()));
      } else if (t instanceof Trigger.OnPortCall c) {
        moved = new Trigger.OnPortCall((int) (portCalls + c.n()));
      } else if (t instanceof Trigger.OnNodeRestart r) {
        int so = r.cluster().isEmpty() ? allRestarts : restarts.getOrDefault(r.cluster(), 0);
        moved = new Trigger.OnNodeRestart(so + r.n(), r.cluster());
      } else {
        moved = t;
      }
      d.inject(moved, p.fault());
    }
  }

  /**
   * An operator who, after a failover, asks the library whether a fast failback is allowed, and
   * fails back only when it is (invariant 7: never from a newer cluster into an older one).
   */
  private void considerFailback() {
    DeploymentSnapshot now = d.snapshot();
    if (!now.isFailedOver()) {
      return;
    }
    log.fired(TroubleKind.FAST_FAILBACK_ATTEMPT);
    FailbackVerdict verdict = new Rules(catalog).mayFastFailBack(now);
    if (!verdict.allowed()) {
      return;
    }
    SimulatedCluster original = d.cluster(ChaosGenerator.PRIMARY);
    String vc = sc.deployment().nonVirtualizedPrimary() ? "system" : ChaosGenerator.APP;
    try {
      original.stopService(vc);
      original.startReplicationOf(vc, vc, ChaosGenerator.STANDBY);
      failbackDone = true;
    } catch (SimulatedSqlException e) {
      // the product refused (a check of its own): the operator leaves it
    }
  }

  private void reviveNodes() {
    for (SimulatedCluster c : List.of(d.primary(), d.standby())) {
      for (int id : c.nodeIds()) {
        if (!c.isNodeLive(id)) {
          c.restartNode(id);
        }
      }
    }
  }

  /** The rerun after the trouble: with the roles as the clusters now play them. */
  private RunResult rerun(UpgradeRequest request) {
    Ports p = d.ports(RERUN);
    if (isStandbyNow(d.primary().name()) && !isStandbyNow(d.standby().name())) {
      p = new Ports(p.deploymentId(), p.standbyInspector(), p.primaryInspector(),
          p.standbyOperations(), p.primaryOperations(), p.nodeUpgrader(), p.journal(),
          p.approvalGate(), p.clock(), p.sleeper(), p.scheduler());
    }
    return new ChaosPorts(p, RERUN, ChaosPorts.Trouble.none(), log, 0,
        sc.deployment().onInterruptedFinalization()).executor()
        .options(settings.options(false, settings.leaseTtl().multipliedBy(2))).build()
        .run(request, new CancelHandle());
  }

  private boolean isStandbyNow(String cluster) {
    DeploymentSnapshot truth = d.trueSnapshot();
    ClusterSnapshot c = truth.primary().name().equals(cluster) ? truth.primary()
        : truth.standby();
    return c.virtualClusters().stream().anyMatch(v -> v.replication().map(
        r -> r.state() == ReplicationState.REPLICATING
            || r.state() == ReplicationState.INITIALIZING).orElse(false));
  }

  private <T> Optional<T> await(InFlight<T> f, String what) {
    Instant limit = d.now().plus(TASK_LIMIT);
    try {
      while (!f.await(Duration.ofHours(1))) {
        if (!d.now().isBefore(limit)) {
          failures.add(what + " had not ended after " + TASK_LIMIT + " of virtual time");
          f.abandon();
          return Optional.empty();
        }
      }
      return Optional.ofNullable(f.result());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add("interrupted while waiting for " + what);
      return Optional.empty();
    } catch (RuntimeException | ChaosCrash e) {
      failures.add(what + " failed unexpectedly: " + e);
      return Optional.empty();
    }
  }

  /** Lets tasks still parked (an abandoned statement) end, so that no thread is left behind. */
  private void drain() {
    try {
      s.sleep(Duration.ofMinutes(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- the oracle

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String describe(RunResult r) {
    return r.status() + r.haltReason().map(h -> " " + h).orElse("");
  }

  /** A run's result is typed and says what to do next. */
  private void wellFormed(String who, RunResult r, boolean refused) {
    if (r.status() == RunStatus.COMPLETED) {
      return;
    }
    if (r.status() == RunStatus.HALTED && r.haltReason().isEmpty()) {
      failures.add(who + " halted without a typed reason: " + r);
    }
    if (!r.message().contains("Next:")) {
      failures.add(who + " ended " + describe(r) + " without a 'Next:' line: " + r.message());
    }
  }

  /** The deployment is at the request's target; the original settings are back. */
  private void atTarget(String who, UpgradeRequest request, Map<String, FinalizationSettings>
      before, boolean lenientSettings) {
    BinaryTarget target = request.target();
    ClusterVersion finalVersion = target.series().finalVersion();
    DeploymentSnapshot truth = d.trueSnapshot();
    for (ClusterSnapshot c : List.of(truth.primary(), truth.standby())) {
      for (NodeInfo n : c.nodes()) {
        if (!target.isSatisfiedBy(n.binary())) {
          failures.add(who + " COMPLETED but node " + n.id() + " of '" + c.name() + "' runs "
              + n.binary() + ", not " + target);
        }
      }
      boolean streaming = c.virtualClusters().stream().anyMatch(v -> v.replication().map(
          r -> r.state() == ReplicationState.REPLICATING
              || r.state() == ReplicationState.INITIALIZING).orElse(false));
      for (VirtualClusterInfo v : c.virtualClusters()) {
        if (v.kind() == VcKind.READER && !streaming) {
          // a reader left behind by a failover reads nothing and stops updating (crdb-pcr-sql-facts
          // 4: it remains with LATEST); it is no longer part of the upgrade
          continue;
        }
        v.version().known().filter(x -> !x.equals(finalVersion)).ifPresent(x -> failures.add(
            who + " COMPLETED but VC '" + v.name() + "' of '" + c.name() + "' is at " + x
                + ", not " + finalVersion));
      }
    }
    if (!lenientSettings) {
      // compared where both show them: a VC that does not answer now (a reader whose startup
      // stalled after it was re-created, seed 1 run 8069) shows no settings
      Map<String, FinalizationSettings> after = new TreeMap<>(settingsOf(d.snapshot()));
      Map<String, FinalizationSettings> was = new TreeMap<>(before);
      was.keySet().retainAll(after.keySet());
      after.keySet().retainAll(before.keySet());
      if (!after.equals(was)) {
        failures.add(who + " COMPLETED but the finalization settings are " + after
            + ", not the original " + was);
      }
    }
  }

  private boolean fired(Class<? extends Fault> kind) {
    return d.firedFaults().stream().anyMatch(f -> kind.isInstance(f.fault()));
  }

  /** An operator finalized a VC or re-enabled auto-upgrade by hand, or failed over. */
  private boolean outsideActorStruck() {
    return fired(Fault.ExternalFinalization.class)
        || fired(Fault.ExternalReenablesAutoUpgrade.class)
        || fired(Fault.ExternalFailover.class);
  }

  /**
   * The monitor's records an outside actor caused: a finalization an operator began by hand, or
   * one auto-upgrade began after an operator re-enabled it in that cluster; and every record
   * after the first of those (the deployment is then out of the library's hands).
   */
  private List<MonitorViolation> excusedMonitorRecords() {
    List<MonitorViolation> out = new ArrayList<>();
    Instant since = null;
    for (MonitorViolation v : d.monitor().violations()) {
      boolean actor = v.kind() == MonitorViolation.Kind.UNREQUESTED_FINALIZATION
          && (v.message().contains("an operator by hand")
              || v.message().contains("auto-upgrade") && (reenabledBefore(v.cluster(), v.at())
                  || failedOverBefore(v.at())));
      if (actor && since == null) {
        since = v.at();
      }
      if (since != null && !v.at().isBefore(since)) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * An operator failed over before {@code at}: the promoted VC serves with the settings it had
   * replicated, auto-upgrade on when the pin had not been replicated yet, and the run that pinned
   * stops at the topology change before it could act again (seed 1, runs 1573 and 2283).
   */
  private boolean failedOverBefore(Instant at) {
    return d.firedFaults().stream().anyMatch(f -> f.fault() instanceof Fault.ExternalFailover
        && !f.at().isAfter(at));
  }

  private boolean reenabledBefore(String cluster, Instant at) {
    return d.firedFaults().stream().anyMatch(f -> f.fault()
        instanceof Fault.ExternalReenablesAutoUpgrade x && x.cluster().equals(cluster)
        && !f.at().isAfter(at));
  }

  private void judgeMonitor(boolean outsideActor) {
    List<MonitorViolation> byActor = excusedMonitorRecords();
    for (MonitorViolation v : d.monitor().violations()) {
      if (byActor.contains(v)) {
        excused.add("monitor: " + v);
      } else {
        failures.add("the monitor recorded: " + v);
      }
    }
    for (Violation w : d.monitor().procedureWarnings()) {
      if (outsideActor) {
        excused.add("procedure warning: " + w.code() + ": " + w.message());
      } else {
        failures.add("procedure warning: " + w.code() + ": " + w.message());
      }
    }
  }

  private static Map<String, FinalizationSettings> settingsOf(DeploymentSnapshot s) {
    Map<String, FinalizationSettings> all = new TreeMap<>();
    for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
      for (VirtualClusterInfo vc : c.virtualClusters()) {
        vc.settings().ifPresent(st -> all.put(c.name() + "/" + vc.name(), st));
      }
    }
    return all;
  }
}
