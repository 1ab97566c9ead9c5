package io.github.pcrupgrade.core.plan;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.catalog.Feature;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.catalog.UpgradePath;
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
import io.github.pcrupgrade.core.rules.CheckResult;
import io.github.pcrupgrade.core.rules.FailbackVerdict;
import io.github.pcrupgrade.core.rules.PinnedSettings;
import io.github.pcrupgrade.core.rules.RuleCategory;
import io.github.pcrupgrade.core.rules.RuleCode;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/** One planning run: decides, from one snapshot and one request, the remaining steps. */
final class UpgradePlanning {

  private static final PinSetting AUTO = PinSetting.AUTO_UPGRADE_ENABLED;
  private static final PinSetting PRESERVE = PinSetting.PRESERVE_DOWNGRADE_OPTION;
  private static final ReleaseSeries UNKNOWN_READER_VERSION = ReleaseSeries.of(0, 0);

  private final ReleaseCatalog catalog;
  private final Rules rules;
  private final DeploymentSnapshot s;
  private final UpgradeRequest req;
  private final BinaryTarget finalTarget;
  private final ReleaseSeries target;
  private final List<Violation> warnings = new ArrayList<>();
  private final List<Violation> refusal = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  /** Each step kind's estimate from the request, looked up once per planning run. */
  private final Map<StepKind, Optional<Duration>> estimates = new EnumMap<>(StepKind.class);
  /** The text of the last series the steps' ids and descriptions named (a hop names two, often). */
  private ReleaseSeries textSeries;
  private String textOfSeries;
  /** The last series {@link #awaitDone} was asked for (a run has one PCR context), and its answer. */
  private ReleaseSeries awaitSeries;
  private Condition awaitCondition;
  /**
   * The VC_FINAL_AT and SETTING_EQUALS conditions built so far: conditions are values, and one
   * VC's finalization or pin is the done condition of one step and the precondition of others.
   */
  private final List<FinalAt> finalAts = new ArrayList<>();
  private final List<SettingIs> settingIs = new ArrayList<>();
  /** The start of the restart steps' descriptions, per cluster. */
  private final String primaryRestartText;
  private final String standbyRestartText;
  /** The settings a restore step put back last, and their text. */
  private FinalizationSettings restoreSettings;
  private String restoreSettingsText;
  /** The binary target the restart steps' descriptions named last, and its text. */
  private BinaryTarget onto;
  private String ontoText;
  /** The restart order of the snapshot's primary and standby, computed once per planning run. */
  private List<NodeInfo> primaryOrder;
  private List<NodeInfo> standbyOrder;

  UpgradePlanning(ReleaseCatalog catalog, Rules rules, DeploymentSnapshot snapshot,
      UpgradeRequest request) {
    this.catalog = catalog;
    this.rules = rules;
    this.s = snapshot.withInferredReplicatedVersions();
    this.req = request;
    this.finalTarget = request.target();
    this.target = finalTarget.series();
    this.primaryRestartText = "Restart '" + s.primary().name() + "' node n";
    this.standbyRestartText = "Restart '" + s.standby().name() + "' node n";
  }

  PlanResult run() {
    CheckResult check = rules.check(s, target);
    for (Violation v : check.violations()) {
      RuleCategory cat = v.code().category();
      boolean refuses = v.isError() && (cat == RuleCategory.INVARIANT
          || cat == RuleCategory.SNAPSHOT || cat == RuleCategory.TARGET
          || cat == RuleCategory.IDENTITY
          || v.code() == RuleCode.ONE_WAY_BINARY
          // the product refuses that finalization after every node has been restarted
          || v.code() == RuleCode.LICENCE_MISSING || v.code() == RuleCode.LICENCE_TELEMETRY_OFF);
      if (v.code() == RuleCode.SETTINGS_PINNED_AT_REST && knowsOriginals(v)) {
        continue; // the upgrade that pinned it is in progress and will restore what it found
      }
      (refuses ? refusal : warnings).add(v);
    }
    TargetStage.judge(finalTarget, req.allowOneWayTarget()).ifPresent(v ->
        (v.isError() ? refusal : warnings).add(v));
    if (!refusal.isEmpty()) {
      return PlanResult.refused(refusal);
    }
    Optional<Violation> unplannable = unplannable();
    if (unplannable.isPresent()) {
      return PlanResult.refused(List.of(unplannable.get()));
    }
    refuseNodesPastTarget();
    if (!refusal.isEmpty()) {
      return PlanResult.refused(refusal);
    }
    List<Hop> hops = s.isFailedOver() ? failover() : pcr();
    if (!refusal.isEmpty()) {
      return PlanResult.refused(refusal);
    }
    if (finalTarget.exact().isEmpty()) {
      notes.add(0, "The target names series " + target + " only: each node upgrader chooses the"
          + " " + target + " patch (the planner never guesses the latest patch).");
    }
    List<Hop> nonEmpty = new ArrayList<>(hops.size());
    for (Hop h : hops) {
      if (!h.steps().isEmpty()) {
        nonEmpty.add(h);
      }
    }
    if (nonEmpty.isEmpty()) {
      notes.add("Already at the target " + finalTarget + ": nothing to do.");
    }
    List<Violation> errors = new ArrayList<>();
    List<Violation> lesser = new ArrayList<>();
    for (Violation v : warnings) {
      (v.isError() ? errors : lesser).add(v);
    }
    return PlanResult.planned(new UpgradePlan(finalTarget, nonEmpty, errors, lesser, notes));
  }

  /** Why no plan can be made in this state: a failback running (or swapped URLs), a failover. */
  private Optional<Violation> unplannable() {
    if (s.isFailingBack()) {
      return Optional.of(Violation.of(RuleCode.UNPLANNABLE_STATE,
          s.primary().name(), s.primary().replicatingVc().map(VirtualClusterInfo::name).orElse(null),
          null,
          "the cluster given as primary ('" + s.primary().name() + "') ingests a replication"
              + " stream from the cluster given as standby ('" + s.standby().name() + "'): the"
              + " standby's stream cannot come from the primary, so the primary and standby URLs"
              + " are most likely swapped (or a failback into '" + s.primary().name()
              + "' is running)",
          "give the cluster that serves the app VC as the primary and the one that ingests it as"
              + " the standby; only if a failback is really running, finish or cancel it, then"
              + " plan again (the roles decide the PCR order)"));
    }
    Optional<VirtualClusterInfo> failingOver = s.standby().replicatingVc().filter(v ->
        v.replication().map(r -> r.state() == ReplicationState.PENDING_FAILOVER
            || r.state() == ReplicationState.FAILING_OVER).orElse(false));
    if (failingOver.isPresent()) {
      // the roles are changing: a plan for either topology could be wrong by the time it acts
      return Optional.of(Violation.of(RuleCode.UNPLANNABLE_STATE,
          s.standby().name(), failingOver.get().name(), null,
          "a failover of '" + s.standby().name() + "' VC '" + failingOver.get().name()
              + "' is in progress ('" + failingOver.get().replication().orElseThrow().rawStatus()
              + "'): the roles are changing",
          "wait until the failover completes (SHOW VIRTUAL CLUSTER " + failingOver.get().name()
              + " WITH REPLICATION STATUS shows no stream), then plan again"));
    }
    return Optional.empty();
  }

  /** Refuses a target older than a binary some node already runs. */
  private void refuseNodesPastTarget() {
    for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
      for (NodeInfo n : c.memberNodes()) {
        if (n.binary().series().isAfter(target)) {
          refusal.add(Violation.of(RuleCode.TARGET_IS_DOWNGRADE, c.name(), null, n.id(),
              "target " + finalTarget + " is older than the " + n.binary() + " binary that '"
                  + c.name() + "' node " + n.id() + " already runs",
              "choose a target of " + n.binary().series() + " or later, or roll the node back"
                  + " with Planner.planRollback while its system VC has not begun finalizing"));
        }
      }
    }
  }

  /** True when the request carries the original settings of the violation's VC. */
  private boolean knowsOriginals(Violation v) {
    ClusterRole role = v.cluster().equals(s.primary().name()) ? ClusterRole.PRIMARY
        : ClusterRole.STANDBY;
    return req.originalSettingsOf(role, v.virtualCluster().orElse("")).isPresent();
  }

  // --- PCR order --------------------------------------------------------------------------------

  private List<Hop> pcr() {
    ClusterSnapshot p = s.primary();
    ClusterSnapshot sb = s.standby();
    List<VirtualClusterInfo> pFin = finalizable(p);
    List<VirtualClusterInfo> sFin = finalizable(sb);
    Optional<ReleaseSeries> pBase = base(p, pFin);
    Optional<ReleaseSeries> sBase = base(sb, sFin);
    if (pBase.isEmpty() || sBase.isEmpty()) {
      return List.of();
    }
    ReleaseSeries from = pBase.get().isBefore(sBase.get()) ? pBase.get() : sBase.get();
    Optional<UpgradePath> path = path(from, "the deployment");
    if (path.isEmpty()) {
      return List.of();
    }
    Optional<VirtualClusterInfo> replicating = sb.replicatingVc();
    String source = replicating.flatMap(VirtualClusterInfo::replication)
        .map(r -> r.sourceVirtualCluster())
        .orElseGet(() -> s.replicatedPrimaryVc().map(VirtualClusterInfo::name)
            .orElse(VirtualClusterInfo.SYSTEM));
    List<String> readers = expectedReaders(replicating);
    if (!refusal.isEmpty()) {
      return List.of();
    }
    if (s.isPrimaryNonVirtualized()) {
      notes.add("Primary '" + p.name() + "' is not virtualized: its system VC is the replicated"
          + " one, finalized after the standby's system VC (the docs do not state this order;"
          + " it follows the same rule).");
    }
    List<UpgradePath.Hop> pathHops = path.get().hops();
    List<Draft> hops = new ArrayList<>();
    Pcr ctx = new Pcr(p, sb, pFin, sFin, replicating, source, readers);

    boolean residualReaders = req.readerStrategy() == ReaderStrategy.RECREATE_EACH_HOP
        || pathHops.isEmpty();
    residualHop(ctx, from, residualReaders, pathHops.isEmpty()).ifPresent(hops::add);

    // Reader VC versions at the start of each hop (absent: empty); the residual re-creates.
    List<Optional<ReleaseSeries>> readerAt = new ArrayList<>();
    List<Boolean> readerServing = new ArrayList<>();
    for (String r : readers) {
      boolean recreated = replicating.isPresent() && residualReaders && !readerOk(r, from);
      readerAt.add(recreated ? Optional.of(from) : sb.vc(r).map(this::readerVersion));
      readerServing.add(recreated
          || sb.vc(r).map(v -> v.serviceMode() != ServiceMode.NONE).orElse(false));
    }
    for (int i = 0; i < pathHops.size(); i++) {
      UpgradePath.Hop h = pathHops.get(i);
      boolean first = i == 0;
      boolean last = i == pathHops.size() - 1;
      BinaryTarget bt = last ? finalTarget : BinaryTarget.anyPatchOf(h.to());
      if (!last) {
        notes.add("Intermediate hop " + text(h.from()) + " -> " + text(h.to())
            + ": each node upgrader chooses the " + text(h.to()) + " patch.");
      }
      hops.add(new Draft(text(h.from()) + "-" + text(h.to()), HopKind.MAJOR, Optional.of(h.from()),
          h.to(), bt, Optional.empty(), majorHop(ctx, h.from(), h.to(), bt, first, last, readerAt, readerServing)));
    }
    if (pathHops.isEmpty()) {
      patchHop(List.of(sb, p), Optional.empty()).ifPresent(hops::add);
    }
    List<VirtualClusterInfo> pinOrder = new ArrayList<>(pFin);
    pinOrder.addAll(sFin);
    List<ClusterSnapshot> owners = new ArrayList<>();
    pFin.forEach(v -> owners.add(p));
    sFin.forEach(v -> owners.add(sb));
    return pinAndRestore(hops, pinOrder, owners, Optional.empty());
  }

  /** The rest of the hop that ended at {@code from}: await replication and the reader VC. */
  private Optional<Draft> residualHop(Pcr ctx, ReleaseSeries from, boolean residualReaders,
      boolean finalCreate) {
    List<PlanStep> residual = new ArrayList<>();
    if (ctx.replicating().isPresent()) {
      List<PlanStep> readerSteps = new ArrayList<>();
      if (residualReaders) {
        for (String r : ctx.readers()) {
          if (!readerOk(r, from)) {
            readerSteps.addAll(readerRecreate(ctx, r, from, false,
                Optional.empty(), residualBinaries(ctx.sb()), finalCreate));
          }
        }
      }
      boolean recorded = req.facts().finalizedAt(ClusterRole.PRIMARY, ctx.source(), from).isPresent();
      // the condition is evaluated only when it decides (at rest, nothing is recorded or to do)
      if ((!readerSteps.isEmpty() || recorded) && !awaitDone(ctx, from).holds(s, req.facts())) {
        residual.add(awaitStep(ctx, from));
      }
      residual.addAll(readerSteps);
    }
    if (residual.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Draft("complete-" + from, HopKind.COMPLETION, Optional.empty(), from,
        BinaryTarget.anyPatchOf(from), Optional.empty(), residual));
  }

  /** The clusters and names a PCR run works with. */
  private record Pcr(
      ClusterSnapshot p, ClusterSnapshot sb, List<VirtualClusterInfo> pFin,
      List<VirtualClusterInfo> sFin, Optional<VirtualClusterInfo> replicating, String source,
      List<String> readers) {
    String replicatingName() {
      return replicating.orElseThrow().name();
    }
  }

  private List<PlanStep> majorHop(Pcr ctx, ReleaseSeries a, ReleaseSeries b, BinaryTarget bt,
      boolean first, boolean last, List<Optional<ReleaseSeries>> readerAt,
      List<Boolean> readerServing) {
    // each part is a method of its own: the JIT compiles small methods far better than one big one
    // sized for the hop's steps: a restart per node, and a few more per VC
    List<PlanStep> steps = new ArrayList<>(ctx.p().nodes().size() + ctx.sb().nodes().size() + 16);
    List<VirtualClusterInfo> sTodo = toFinalize(ctx.sFin(), b, first);
    List<VirtualClusterInfo> pTodo = toFinalize(ctx.pFin(), b, first);
    ReleaseSeries min = catalog.minSupported(b);
    if (req.pinningMethod() == PinningMethod.PRESERVE_DOWNGRADE_OPTION) {
      for (VirtualClusterInfo v : pTodo) {
        preservePin(ctx.p(), v, a, b, first).ifPresent(steps::add);
      }
      for (VirtualClusterInfo v : sTodo) {
        preservePin(ctx.sb(), v, a, b, first).ifPresent(steps::add);
      }
    }
    dropUnsupportedReaders(ctx, a, b, min, readerAt, readerServing, steps);
    clustersInOrder(ctx, a, b, bt, first, min, sTodo, pTodo, steps);
    if (ctx.replicating().isEmpty()) {
      return steps;
    }
    if (!(first && awaitDone(ctx, b).holds(s, req.facts()))) {
      steps.add(awaitStep(ctx, b));
    }
    if (req.readerStrategy() == ReaderStrategy.RECREATE_EACH_HOP || last) {
      recreateReaders(ctx, b, bt, first, last, readerAt, readerServing, steps);
    }
    return steps;
  }

  /** A reader whose version the hop's binaries no longer support goes first. */
  private void dropUnsupportedReaders(Pcr ctx, ReleaseSeries a, ReleaseSeries b,
      ReleaseSeries min, List<Optional<ReleaseSeries>> readerAt, List<Boolean> readerServing,
      List<PlanStep> steps) {
    ClusterSnapshot sb = ctx.sb();
    for (int i = 0; i < ctx.readers().size(); i++) {
      String r = ctx.readers().get(i);
      Optional<ReleaseSeries> at = readerAt.get(i);
      if (at.isPresent() && at.get().isBefore(min)) {
        if (readerServing.get(i)) {
          steps.add(readerStep(StepKind.STOP_READER, sb, r, b, "reader-stop",
              Condition.vcNotServing(ClusterRole.STANDBY, r), Condition.ALWAYS,
              "Stop reader VC '" + r + "' on '" + sb.name() + "' before " + b + " binaries, which"
                  + " need every VC at " + min + " or later: ALTER VIRTUAL CLUSTER \"" + r
                  + "\" STOP SERVICE"));
        }
        steps.add(readerStep(StepKind.DROP_READER, sb, r, b, "reader-drop",
            Condition.vcAbsent(ClusterRole.STANDBY, r),
            Condition.vcNotServing(ClusterRole.STANDBY, r),
            "Drop reader VC '" + r + "' on '" + sb.name() + "' for the rest of the upgrade: DROP"
                + " VIRTUAL CLUSTER \"" + r + "\""));
        readerAt.set(i, Optional.empty());
        readerServing.set(i, false);
        notes.add("Reader VC '" + r + "' is dropped before hop " + a + " -> " + b + " (at " + at.get()
            + ", below " + min + ") and re-created at the end: no reads from the standby in"
            + " between.");
      }
    }
  }

  /** The standby's restarts and finalizations, then the primary's. */
  private void clustersInOrder(Pcr ctx, ReleaseSeries a, ReleaseSeries b, BinaryTarget bt,
      boolean first, ReleaseSeries min, List<VirtualClusterInfo> sTodo,
      List<VirtualClusterInfo> pTodo, List<PlanStep> steps) {
    ClusterSnapshot p = ctx.p();
    ClusterSnapshot sb = ctx.sb();
    List<Condition> pins = new ArrayList<>();
    pins.add(Condition.allVcsAtLeast(ClusterRole.STANDBY, min));
    addPins(p, pTodo, a, pins);
    addPins(sb, sTodo, a, pins);
    restarts(sb, text(b), bt, Condition.allOf(pins), first, steps);
    Condition sNodesDone = Condition.allNodesRun(ClusterRole.STANDBY, bt);
    for (VirtualClusterInfo v : sTodo) {
      Condition pre = v.kind() == VcKind.SYSTEM ? sNodesDone
          : finalAt(ClusterRole.STANDBY, VirtualClusterInfo.SYSTEM, b);
      finalize(sb, v, b, pre, first, steps);
    }
    // the primary's restarts wait for its own pins only: the first 1 + pTodo.size() of the above
    List<Condition> pPre = new ArrayList<>();
    pPre.add(Condition.allVcsAtLeast(ClusterRole.PRIMARY, min));
    pPre.add(sNodesDone);
    pPre.addAll(pins.subList(1, 1 + pTodo.size()));
    restarts(p, text(b), bt, Condition.allOf(pPre), first, steps);
    for (VirtualClusterInfo v : pTodo) {
      Condition pre = v.kind() == VcKind.SYSTEM
          ? Condition.allOf(
              finalAt(ClusterRole.STANDBY, VirtualClusterInfo.SYSTEM, b),
              Condition.allNodesRun(ClusterRole.PRIMARY, bt))
          : finalAt(ClusterRole.PRIMARY, VirtualClusterInfo.SYSTEM, b);
      finalize(p, v, b, pre, first, steps);
    }
  }

  /** The reader VCs re-created at the end of the hop to {@code b}. */
  private void recreateReaders(Pcr ctx, ReleaseSeries b, BinaryTarget bt, boolean first,
      boolean last, List<Optional<ReleaseSeries>> readerAt, List<Boolean> readerServing,
      List<PlanStep> steps) {
    boolean wholePending = !first
        || !finalAt(ClusterRole.PRIMARY, ctx.source(), b).holds(s);
    for (int i = 0; i < ctx.readers().size(); i++) {
      String r = ctx.readers().get(i);
      Optional<ReleaseSeries> at = readerAt.get(i);
      if (wholePending || !readerOk(r, b)) {
        Optional<Boolean> servingAtStart =
            at.isEmpty() ? Optional.empty() : Optional.of(readerServing.get(i));
        steps.addAll(readerRecreate(ctx, r, b, wholePending, servingAtStart,
            hopBinaries(ctx.sb(), bt, first), last));
      }
      readerAt.set(i, Optional.of(b));
      readerServing.set(i, true);
    }
  }

  /** The VCs of {@code fin} still to finalize to {@code b} (in the current hop: those not there). */
  private List<VirtualClusterInfo> toFinalize(List<VirtualClusterInfo> fin, ReleaseSeries b,
      boolean first) {
    if (!first) {
      return fin;
    }
    ClusterVersion done = b.finalVersion();
    List<VirtualClusterInfo> out = new ArrayList<>(fin.size());
    for (VirtualClusterInfo v : fin) {
      if (!v.version().known().map(done::equals).orElse(false)) {
        out.add(v);
      }
    }
    return out;
  }

  private Optional<PlanStep> preservePin(ClusterSnapshot c, VirtualClusterInfo v,
      ReleaseSeries a, ReleaseSeries b, boolean first) {
    String value = a.finalVersion().toString();
    if (first) {
      String current = v.settings().map(FinalizationSettings::preserveDowngradeOption).orElse("");
      boolean atA = v.version().known().map(x -> x.equals(a.finalVersion())).orElse(false);
      if (current.equals(value) || !atA || !pinWindowOpen(c, v, b)) {
        return Optional.empty();
      }
    }
    return Optional.of(settingStep(StepKind.PIN_FINALIZATION, c, v.name(),
        b + ":" + role(c) + ":pin:" + v.name(), PRESERVE, value,
        Condition.settingEquals(c.role(), v.name(), PRESERVE, value),
        finalAt(c.role(), v.name(), a), false,
        "Pin finalization in '" + c.name() + "' VC '" + v.name() + "': SET CLUSTER SETTING "
            + PRESERVE.settingName() + " = '" + value + "'"));
  }

  /** True while pinning still matters: before the VC could finalize on its own. */
  private boolean pinWindowOpen(ClusterSnapshot c, VirtualClusterInfo v, ReleaseSeries b) {
    if (v.kind() == VcKind.SYSTEM) {
      for (NodeInfo n : c.memberNodes()) {
        if (!n.binary().series().equals(b)) {
          return true;
        }
      }
      return false;
    }
    return !c.systemVc().version().known().map(x -> x.equals(b.finalVersion())).orElse(false);
  }

  /** Adds to {@code out} what proves each VC of {@code todo} pinned for the hop from {@code a}. */
  private void addPins(ClusterSnapshot c, List<VirtualClusterInfo> todo, ReleaseSeries a,
      List<Condition> out) {
    for (VirtualClusterInfo v : todo) {
      out.add(req.pinningMethod() == PinningMethod.AUTO_UPGRADE_SETTING
          ? settingIs(c.role(), v.name(), AUTO, "false")
          : Condition.settingEquals(c.role(), v.name(), PRESERVE, a.finalVersion().toString()));
    }
  }

  /** Adds to {@code out} the restarts of {@code c}'s nodes onto {@code bt}. */
  private void restarts(ClusterSnapshot c, String hopKey, BinaryTarget bt, Condition pre,
      boolean current, List<PlanStep> out) {
    List<NodeInfo> nodes = ordered(c);
    // what every step of the loop shares is built once (the planner's hot path)
    String idPrefix = hopKey + ":" + role(c) + ":restart:n";
    String textPrefix = c.role() == ClusterRole.PRIMARY ? primaryRestartText : standbyRestartText;
    if (bt != onto) { // both clusters of a hop restart onto the same target
      onto = bt;
      ontoText = ") onto " + binaryText(bt);
    }
    String textSuffix = ontoText;
    Optional<BinaryTarget> binary = Optional.of(bt);
    Optional<Duration> estimate = estimate(StepKind.RESTART_NODE);
    for (NodeInfo n : nodes) {
      if (current && bt.isSatisfiedBy(n.binary())) {
        continue;
      }
      Optional<Integer> node = Optional.of(n.id());
      out.add(new PlanStep(idPrefix + n.id(), StepKind.RESTART_NODE,
          c.role(), c.name(), Optional.empty(), node, binary,
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          Condition.nodeRuns(c.role(), node, binary), pre, false,
          textPrefix + n.id() + " (" + n.address() + textSuffix, estimate));
    }
  }

  /** {@code series} as text ({@code 25.2}): ids and descriptions name a hop's series often. */
  private String text(ReleaseSeries series) {
    if (series != textSeries) {
      textSeries = series;
      textOfSeries = series.toString();
    }
    return textOfSeries;
  }

  /** The request's estimate for a step of {@code kind}; each step is built with it. */
  private Optional<Duration> estimate(StepKind kind) {
    Optional<Duration> known = estimates.get(kind);
    if (known == null) {
      known = Optional.of(req.estimates().of(kind));
      estimates.put(kind, known);
    }
    return known;
  }

  private static String binaryText(BinaryTarget bt) {
    return bt.exact().map(BinaryVersion::toString)
        .orElse("a " + bt.series() + " binary (the node upgrader chooses the patch)");
  }

  /** Member nodes in restart order: all nodes ordered, then the non-members dropped. */
  private List<NodeInfo> ordered(ClusterSnapshot c) {
    if (c == s.primary()) {
      if (primaryOrder == null) {
        primaryOrder = orderedNow(c);
      }
      return primaryOrder;
    }
    if (c == s.standby()) {
      if (standbyOrder == null) {
        standbyOrder = orderedNow(c);
      }
      return standbyOrder;
    }
    return orderedNow(c);
  }

  private List<NodeInfo> orderedNow(ClusterSnapshot c) {
    if (req.nodeOrder() == NodeOrder.BY_ID) {
      return c.memberNodes(); // the snapshot keeps its nodes in id order
    }
    List<NodeInfo> nodes = new ArrayList<>(c.nodes());
    if (req.nodeOrder() == NodeOrder.BY_LOCALITY) {
      nodes.sort(Comparator.comparing(NodeInfo::locality).thenComparingInt(NodeInfo::id));
    } else {
      Collections.shuffle(nodes, new Random(req.seed())); // SEEDED_RANDOM
    }
    nodes.removeIf(n -> !n.isMember());
    return List.copyOf(nodes);
  }

  /** Adds to {@code out} the finalization of {@code v} to {@code b}, unpinned first if needed. */
  private void finalize(ClusterSnapshot c, VirtualClusterInfo v, ReleaseSeries b,
      Condition pre, boolean current, List<PlanStep> out) {
    String preserve = v.settings().map(FinalizationSettings::preserveDowngradeOption).orElse("");
    boolean preserveMethod = req.pinningMethod() == PinningMethod.PRESERVE_DOWNGRADE_OPTION;
    boolean unpin = preserveMethod ? (!current || !preserve.isEmpty() || willPin(c, v, b))
        : current && !preserve.isEmpty();
    Condition unset = settingIs(c.role(), v.name(), PRESERVE, "");
    if (unpin) {
      out.add(settingStep(StepKind.UNPIN_FINALIZATION, c, v.name(),
          b + ":" + role(c) + ":unpin:" + v.name(), PRESERVE, "", unset, pre, preserveMethod,
          "Reset " + PRESERVE.settingName() + " in '" + c.name() + "' VC '" + v.name()
              + "' so it can finalize: RESET CLUSTER SETTING " + PRESERVE.settingName()
              + (preserveMethod ? " (with auto-upgrade on, the product may finalize at once)"
                  : "")));
    }
    out.add(new PlanStep(text(b) + ":" + role(c) + ":finalize:" + v.name(), StepKind.FINALIZE_VC,
        c.role(), c.name(), Optional.of(v.name()), Optional.empty(), Optional.empty(),
        Optional.of(b), Optional.empty(), Optional.empty(), Optional.empty(),
        finalAt(c.role(), v.name(), b), Condition.allOf(pre, unset), true,
        "Finalize '" + c.name() + "' VC '" + v.name() + "' to " + text(b)
            + ": SET CLUSTER SETTING version = '" + text(b) + "'", estimate(StepKind.FINALIZE_VC)));
  }

  /** True when the current hop pins {@code v} with preserve_downgrade_option (set in this run). */
  private boolean willPin(ClusterSnapshot c, VirtualClusterInfo v, ReleaseSeries b) {
    return v.version().known().filter(ClusterVersion::isFinal).isPresent()
        && pinWindowOpen(c, v, b) && !v.version().known().get().equals(b.finalVersion());
  }

  /** What proves the standby caught up with the primary's finalization to {@code b}. */
  private Condition awaitDone(Pcr ctx, ReleaseSeries b) {
    // asked three times per hop (is it done, the await step, the reader steps): built once
    if (!b.equals(awaitSeries)) {
      awaitSeries = b;
      awaitCondition = Condition.replicatedPastFinalization(ClusterRole.STANDBY,
          ctx.replicatingName(), ctx.source(), b);
    }
    return awaitCondition;
  }

  /** {@link Condition#vcFinalAt}, built once per planning run. */
  private Condition finalAt(ClusterRole role, String vc, ReleaseSeries b) {
    for (FinalAt f : finalAts) {
      if (f.role() == role && f.series().equals(b) && f.vc().equals(vc)) {
        return f.condition();
      }
    }
    Condition c = Condition.vcFinalAt(role, vc, b);
    finalAts.add(new FinalAt(role, vc, b, c));
    return c;
  }

  /** {@link Condition#settingEquals}, built once per planning run. */
  private Condition settingIs(ClusterRole role, String vc, PinSetting setting, String value) {
    for (SettingIs e : settingIs) {
      if (e.role() == role && e.setting() == setting && e.value().equals(value)
          && e.vc().equals(vc)) {
        return e.condition();
      }
    }
    Condition c = Condition.settingEquals(role, vc, setting, value);
    settingIs.add(new SettingIs(role, vc, setting, value, c));
    return c;
  }

  /** A built VC_FINAL_AT condition, by what it asserts (read without unwrapping Optionals). */
  private record FinalAt(ClusterRole role, String vc, ReleaseSeries series, Condition condition) { }

  /** A built SETTING_EQUALS condition, by what it asserts. */
  private record SettingIs(ClusterRole role, String vc, PinSetting setting, String value,
      Condition condition) { }

  private PlanStep awaitStep(Pcr ctx, ReleaseSeries b) {
    ClusterSnapshot sb = ctx.sb();
    String m = ctx.replicatingName();
    return new PlanStep(text(b) + ":standby:await-replication:" + m, StepKind.AWAIT_REPLICATION,
        ClusterRole.STANDBY, sb.name(), Optional.of(m), Optional.empty(), Optional.empty(),
        Optional.of(b), Optional.empty(), Optional.empty(), Optional.empty(),
        awaitDone(ctx, b), finalAt(ClusterRole.PRIMARY, ctx.source(), b), false,
        "Wait until '" + sb.name() + "' has replicated VC '" + m + "' past the moment '"
            + ctx.p().name() + "' VC '" + ctx.source() + "' finished finalizing to " + text(b),
        estimate(StepKind.AWAIT_REPLICATION));
  }

  /** The reader is there, at {@code b} or later, and serving. */
  private boolean readerOk(String reader, ReleaseSeries b) {
    return s.standby().vc(reader).filter(v -> v.isServing()
        && v.version().known().filter(x -> x.isAtLeast(b)).isPresent()).isPresent();
  }

  /**
   * The series a reader VC is at: its observed version; for a reader still being created (data
   * state ADD, not yet serving, so its version cannot be read) the standby system VC's, at which
   * it is created.
   */
  private ReleaseSeries readerVersion(VirtualClusterInfo v) {
    return v.version().known().map(this::reached).orElseGet(() -> beingCreated(v)
        ? s.standby().systemVc().version().known().map(this::reached)
            .orElse(UNKNOWN_READER_VERSION)
        : UNKNOWN_READER_VERSION);
  }

  private static boolean beingCreated(VirtualClusterInfo v) {
    return v.dataState() == DataState.ADD && v.version().known().isEmpty();
  }

  /**
   * The steps that re-create {@code reader} at {@code b}. {@code whole}: every step of the
   * sequence is still to come ({@code servingAtStart} says whether the reader will then exist and
   * serve); otherwise the snapshot says which are done.
   */
  private List<PlanStep> readerRecreate(Pcr ctx, String r, ReleaseSeries b, boolean whole,
      Optional<Boolean> servingAtStart, List<BinaryTarget> standbyBinaries, boolean finalCreate) {
    ClusterSnapshot sb = ctx.sb();
    String m = ctx.replicatingName();
    Condition replicated = awaitDone(ctx, b);
    boolean stop;
    boolean drop;
    boolean create;
    boolean serve;
    if (whole) {
      drop = servingAtStart.isPresent();
      stop = servingAtStart.orElse(false);
      create = true;
      serve = true;
    } else {
      Optional<VirtualClusterInfo> now = sb.vc(r);
      boolean recreated = now.map(v -> readerVersion(v).isAtLeast(b)).orElse(false);
      drop = now.isPresent() && !recreated;
      stop = drop && now.get().serviceMode() != ServiceMode.NONE;
      create = !recreated;
      serve = !Condition.vcServingAt(ClusterRole.STANDBY, r, b).holds(s);
    }
    List<PlanStep> out = new ArrayList<>();
    // conditions are values: the steps below share the ones they have in common
    Condition readerAtB = Condition.vcVersionAtLeast(ClusterRole.STANDBY, r, b);
    Condition notServing = Condition.vcNotServing(ClusterRole.STANDBY, r);
    Condition absent = Condition.vcAbsent(ClusterRole.STANDBY, r);
    if (create) {
      checkRecreateSupported(sb, r, b, standbyBinaries, finalCreate);
    }
    if (stop) {
      out.add(readerStep(StepKind.STOP_READER, sb, r, b, "reader-stop",
          Condition.anyOf(notServing, readerAtB),
          replicated,
          "Stop reader VC '" + r + "' on '" + sb.name() + "': ALTER VIRTUAL CLUSTER \"" + r
              + "\" STOP SERVICE"));
    }
    if (drop) {
      out.add(readerStep(StepKind.DROP_READER, sb, r, b, "reader-drop",
          Condition.anyOf(absent, readerAtB),
          notServing,
          "Drop reader VC '" + r + "' on '" + sb.name() + "': DROP VIRTUAL CLUSTER \"" + r
              + "\""));
    }
    if (create) {
      out.add(new PlanStep(text(b) + ":standby:reader-create:" + r, StepKind.CREATE_READER,
          ClusterRole.STANDBY, sb.name(), Optional.of(m), Optional.empty(), Optional.empty(),
          Optional.of(b), Optional.empty(), Optional.empty(), Optional.empty(),
          readerAtB,
          Condition.allOf(absent, Condition.replicationRunning(ClusterRole.STANDBY, m),
              replicated),
          false,
          "Re-create reader VC '" + r + "' on '" + sb.name() + "' at " + text(b)
              + ": ALTER VIRTUAL CLUSTER \"" + m + "\" SET REPLICATION READ VIRTUAL CLUSTER",
          estimate(StepKind.CREATE_READER)));
    }
    if (serve) {
      out.add(readerStep(StepKind.AWAIT_READER_SERVING, sb, r, b, "reader-serving",
          Condition.vcServingAt(ClusterRole.STANDBY, r, b),
          readerAtB,
          "Wait until reader VC '" + r + "' on '" + sb.name() + "' serves at " + text(b)
              + " (data state ready, service shared)"));
    }
    return out;
  }

  private PlanStep readerStep(StepKind kind, ClusterSnapshot sb, String r, ReleaseSeries b,
      String action, Condition done, Condition pre, String description) {
    return new PlanStep(text(b) + ":standby:" + action + ":" + r, kind, ClusterRole.STANDBY, sb.name(),
        Optional.of(r), Optional.empty(), Optional.empty(),
        kind == StepKind.AWAIT_READER_SERVING ? Optional.of(b) : Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), done, pre, false, description,
        estimate(kind));
  }

  /** The binaries the standby's nodes will run at the end of a hop to {@code bt}. */
  private static List<BinaryTarget> hopBinaries(ClusterSnapshot sb, BinaryTarget bt,
      boolean current) {
    List<BinaryTarget> out = new ArrayList<>();
    for (NodeInfo n : sb.memberNodes()) {
      out.add(current && bt.isSatisfiedBy(n.binary()) ? BinaryTarget.exactly(n.binary()) : bt);
    }
    return out;
  }

  private static List<BinaryTarget> residualBinaries(ClusterSnapshot sb) {
    return sb.memberNodes().stream().map(n -> BinaryTarget.exactly(n.binary())).toList();
  }

  /**
   * Refuses (READER_RECREATE_UNSUPPORTED) when a standby node could lack {@code SET REPLICATION
   * READ VIRTUAL CLUSTER} when the reader is re-created.
   */
  private void checkRecreateSupported(ClusterSnapshot sb, String r, ReleaseSeries b,
      List<BinaryTarget> binaries, boolean finalCreate) {
    Set<String> lacking = null;
    ReleaseSeries series = null;
    BinaryTarget judged = null;
    boolean ok = true;
    for (BinaryTarget bt : binaries) {
      if (!bt.equals(judged)) { // nodes mostly share a binary: judge each run of them once
        judged = bt;
        ok = hasSetReplicationRead(bt);
      }
      if (!ok) {
        lacking = lacking == null ? new TreeSet<>() : lacking;
        lacking.add(bt.exact().map(BinaryVersion::toString)
            .orElse("a " + bt.series() + " patch the node upgrader may choose"));
        series = bt.series();
      }
    }
    if (lacking == null) {
      return;
    }
    for (Violation v : refusal) {
      if (v.code() == RuleCode.READER_RECREATE_UNSUPPORTED) {
        return;
      }
    }
    Optional<BinaryVersion> first = catalog.find(series)
        .flatMap(i -> i.firstBinaryWith(Feature.SET_REPLICATION_READ_VC));
    String need = first.map(f -> f + " or a later " + f.series() + " patch")
        .orElse("a binary of 24.3 or later that has it (reader VCs exist only from 24.3 on)");
    String way1 = "(1) " + (finalCreate
        ? "target " + need + " (name the exact binary)"
        : "move the standby to " + need + " first (a patch upgrade)");
    String way2 = finalCreate || req.readerStrategy() == ReaderStrategy.DROP_FOR_DURATION
        ? "(2) drop reader VC '" + r + "' before upgrading (ALTER VIRTUAL CLUSTER \"" + r
            + "\" STOP SERVICE; DROP VIRTUAL CLUSTER \"" + r + "\") and re-create it once the"
            + " standby runs a binary that has the statement"
        : "(2) plan with ReaderStrategy.DROP_FOR_DURATION: the reader is dropped for the"
            + " duration and re-created only at the end, on " + finalTarget;
    refusal.add(Violation.of(RuleCode.READER_RECREATE_UNSUPPORTED, sb.name(), r, null,
        "re-creating reader VC '" + r + "' on '" + sb.name() + "' at " + b + " needs ALTER"
            + " VIRTUAL CLUSTER ... SET REPLICATION READ VIRTUAL CLUSTER, which " + lacking
            + " lack(s): it exists from v24.3.12, v25.1.6 and v25.2.0 on",
        "either " + way1 + ", or " + way2));
  }

  /** True when {@code bt} has SET REPLICATION READ VIRTUAL CLUSTER, whichever patch it names. */
  private boolean hasSetReplicationRead(BinaryTarget bt) {
    if (bt.exact().isPresent()) {
      return catalog.supports(Feature.SET_REPLICATION_READ_VC, bt.exact().get());
    }
    return catalog.find(bt.series()).map(i ->
        Integer.valueOf(0).equals(i.features().get(Feature.SET_REPLICATION_READ_VC))).orElse(false);
  }

  /** The readers to keep: the originals of the request, or the standby's. */
  private List<String> expectedReaders(Optional<VirtualClusterInfo> replicating) {
    ClusterSnapshot sb = s.standby();
    List<String> readers = req.originalReaderVcs().orElseGet(() -> names(sb.readerVcs()));
    List<String> out = new ArrayList<>(readers.size());
    String expected = replicating.map(v -> VirtualClusterInfo.readerNameFor(v.name())).orElse(null);
    for (String r : readers) {
      if (!r.equals(expected)) {
        refusal.add(Violation.of(RuleCode.READER_WITHOUT_REPLICATING_VC, sb.name(), r, null,
            "reader VC '" + r + "' of '" + sb.name() + "' has no replicating VC to be re-created"
                + " from" + replicating.map(v -> " (the stream runs into '" + v.name() + "')")
                    .orElse(" (no stream runs into the standby)"),
            "drop the orphaned reader VC, or repair replication, then plan again"));
      } else if (!out.contains(r)) {
        out.add(r);
      }
    }
    return out;
  }

  private static List<String> names(List<VirtualClusterInfo> vcs) {
    List<String> out = new ArrayList<>(vcs.size());
    for (VirtualClusterInfo v : vcs) {
      out.add(v.name());
    }
    return out;
  }

  // --- failover ---------------------------------------------------------------------------------

  private List<Hop> failover() {
    FailbackVerdict verdict = rules.mayFastFailBack(s);
    notes.add("A failover has happened: '" + s.standby().name() + "' serves the application."
        + " The two clusters are planned independently, without PCR order or reader VC steps.");
    notes.add("Fast failback to '" + s.primary().name() + "' stays refused until '"
        + s.primary().name() + "' is on the same series as '" + s.standby().name()
        + "' (now: " + verdict.reason() + ").");
    for (VirtualClusterInfo r : s.standby().readerVcs()) {
      notes.add("Reader VC '" + r.name() + "' is not re-created after a failover; re-create it"
          + " once replication runs again.");
    }
    List<Hop> out = new ArrayList<>();
    for (ClusterSnapshot c : List.of(s.primary(), s.standby())) {
      List<VirtualClusterInfo> fin = finalizable(c);
      Optional<ReleaseSeries> base = base(c, fin);
      if (base.isEmpty()) {
        continue;
      }
      Optional<UpgradePath> path = path(base.get(), "'" + c.name() + "'");
      if (path.isEmpty()) {
        continue;
      }
      List<Draft> hops = new ArrayList<>();
      List<UpgradePath.Hop> pathHops = path.get().hops();
      for (int i = 0; i < pathHops.size(); i++) {
        UpgradePath.Hop h = pathHops.get(i);
        boolean first = i == 0;
        BinaryTarget bt = i == pathHops.size() - 1 ? finalTarget : BinaryTarget.anyPatchOf(h.to());
        List<PlanStep> steps = new ArrayList<>();
        List<VirtualClusterInfo> todo = toFinalize(fin, h.to(), first);
        if (req.pinningMethod() == PinningMethod.PRESERVE_DOWNGRADE_OPTION) {
          for (VirtualClusterInfo v : todo) {
            preservePin(c, v, h.from(), h.to(), first).ifPresent(steps::add);
          }
        }
        List<Condition> pre = new ArrayList<>();
        pre.add(Condition.allVcsAtLeast(c.role(), catalog.minSupported(h.to())));
        addPins(c, todo, h.from(), pre);
        restarts(c, h.to().toString(), bt, Condition.allOf(pre), first, steps);
        for (VirtualClusterInfo v : todo) {
          Condition fpre = v.kind() == VcKind.SYSTEM ? Condition.allNodesRun(c.role(), bt)
              : finalAt(c.role(), VirtualClusterInfo.SYSTEM, h.to());
          finalize(c, v, h.to(), fpre, first, steps);
        }
        hops.add(new Draft(h.from() + "-" + h.to() + ":" + role(c), HopKind.MAJOR,
            Optional.of(h.from()), h.to(), bt, Optional.of(c.role()), steps));
      }
      if (hops.isEmpty()) {
        patchHop(List.of(c), Optional.of(c.role())).ifPresent(hops::add);
      }
      List<ClusterSnapshot> owners = fin.stream().map(v -> c).toList();
      out.addAll(pinAndRestore(hops, fin, owners, Optional.of(c.role())));
    }
    return out;
  }

  // --- patch, pinning, restore -------------------------------------------------------------------

  private Optional<Draft> patchHop(List<ClusterSnapshot> clusters, Optional<ClusterRole> scope) {
    if (finalTarget.exact().isEmpty()) {
      return Optional.empty();
    }
    BinaryVersion v = finalTarget.exact().get();
    List<PlanStep> steps = new ArrayList<>();
    for (ClusterSnapshot c : clusters) {
      restarts(c, v.toString(), finalTarget,
          Condition.allVcsAtLeast(c.role(), catalog.minSupported(target)), true, steps);
    }
    if (steps.isEmpty()) {
      return Optional.empty();
    }
    notes.add("Patch upgrade within " + target + ": rolling restarts only; no pinning, no"
        + " finalization, no PCR order (minor versions do not matter for PCR).");
    return Optional.of(new Draft("patch-" + v + scope.map(r -> ":" + r.name().toLowerCase(
        Locale.ROOT)).orElse(""), HopKind.PATCH, Optional.of(target), target, finalTarget, scope,
        steps));
  }

  /**
   * Adds the auto-upgrade pins at the start of the first major hop and the restore steps at the
   * end of the last hop.
   */
  private List<Hop> pinAndRestore(List<Draft> hops, List<VirtualClusterInfo> vcs,
      List<ClusterSnapshot> owners, Optional<ClusterRole> scope) {
    // what pinAndRestore needs to know of each VC, by its position in vcs (a few VCs: no sets)
    boolean[] finalized = new boolean[vcs.size()];
    boolean anyFinalized = false;
    for (Draft h : hops) {
      for (PlanStep st : h.steps()) {
        if (st.kind() == StepKind.FINALIZE_VC) {
          int i = indexOf(vcs, owners, st.cluster(), st.virtualCluster().orElse(""));
          if (i >= 0) {
            finalized[i] = true;
          }
          anyFinalized = true;
        }
      }
    }
    // read only when the defaults are to replace a pin left at rest
    boolean[] pinnedAtRest = new boolean[vcs.size()];
    if (req.restoreDefaultSettings()) {
      for (PinnedSettings.PinnedVc p : PinnedSettings.find(s)) {
        ClusterRole role = p.cluster().equals(s.primary().name()) ? ClusterRole.PRIMARY
            : ClusterRole.STANDBY;
        int i = indexOf(vcs, owners, role, p.virtualCluster());
        if (i >= 0) {
          pinnedAtRest[i] = true;
        }
      }
    }
    List<PlanStep> pinSteps = new ArrayList<>();
    List<PlanStep> restoreSteps = new ArrayList<>();
    boolean autoMethod = req.pinningMethod() == PinningMethod.AUTO_UPGRADE_SETTING;
    for (int i = 0; i < vcs.size(); i++) {
      VirtualClusterInfo v = vcs.get(i);
      ClusterSnapshot c = owners.get(i);
      Optional<FinalizationSettings> cur = v.settings();
      boolean pinned = autoMethod && finalized[i]
          && cur.map(FinalizationSettings::autoUpgradeEnabled).orElse(true);
      if (pinned) {
        pinSteps.add(settingStep(StepKind.PIN_FINALIZATION, c, v.name(),
            "pin:" + role(c) + ":" + v.name(), AUTO, "false",
            settingIs(c.role(), v.name(), AUTO, "false"), Condition.ALWAYS, false,
            "Pin auto-finalization in '" + c.name() + "' VC '" + v.name()
                + "': SET CLUSTER SETTING " + AUTO.settingName() + " = false"));
      }
      restoreStep(c, v, finalized[i], pinned, pinnedAtRest[i]).ifPresent(restoreSteps::add);
    }
    if (req.pinningMethod() == PinningMethod.PRESERVE_DOWNGRADE_OPTION && anyFinalized) {
      notes.add(PRESERVE.settingName() + " is set to the current version at the start of each hop"
          + " and reset right before each finalization (finalization clears it).");
    }
    return withPinsAndRestores(hops, pinSteps, restoreSteps, scope);
  }

  /** The step that puts back the settings of {@code v} at the end, when they need putting back. */
  private Optional<PlanStep> restoreStep(ClusterSnapshot c, VirtualClusterInfo v,
      boolean finalized, boolean pinned, boolean pinnedAtRest) {
    Optional<FinalizationSettings> cur = v.settings();
    Optional<VcSettings> given = req.originalSettingsOf(c.role(), v.name());
    // On request, the defaults replace a pin left at rest: in a VC pinned at rest whose original
    // is unknown, and wherever the original itself is a pin (the originals an executor records
    // from a deployment already pinned), so that every re-plan of the run plans the same step.
    boolean toDefaults = req.restoreDefaultSettings() && (given.isEmpty()
        ? pinnedAtRest : isPin(given.get().settings()));
    if (toDefaults) {
      given = Optional.of(new VcSettings(c.role(), v.name(),
          FinalizationSettings.PRODUCT_DEFAULTS));
    }
    Optional<FinalizationSettings> original = given.map(VcSettings::settings).or(() -> cur);
    if (original.isEmpty()) {
      return Optional.empty();
    }
    String preserved = original.get().preserveDowngradeOption();
    String keepPreserve = !preserved.isEmpty()
        && preserved.equals(target.finalVersion().toString()) ? preserved : "";
    FinalizationSettings restore =
        new FinalizationSettings(original.get().autoUpgradeEnabled(), keepPreserve);
    Optional<FinalizationSettings> left = cur.map(x -> new FinalizationSettings(
        !pinned && x.autoUpgradeEnabled(),
        finalized ? "" : x.preserveDowngradeOption()));
    if (left.isPresent() && left.get().equals(restore)) {
      return Optional.empty();
    }
    PlanStep step = new PlanStep("restore:" + role(c) + ":" + v.name(),
        StepKind.RESTORE_SETTINGS, c.role(), c.name(), Optional.of(v.name()), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(restore), Condition.settingsEqual(c.role(), v.name(), restore),
        finalAt(c.role(), v.name(), target), false,
        "Restore the finalization settings of '" + c.name() + "' VC '" + v.name() + "' "
            + (toDefaults ? "to the product's defaults (requested: they were left pinned)"
                : given.isPresent() ? "found before the upgrade began"
                : "found in this snapshot (no original settings were given)")
            + ": " + restoreText(restore), estimate(StepKind.RESTORE_SETTINGS));
    if (given.isEmpty() && cur.isPresent() && !cur.get().autoUpgradeEnabled()) {
      notes.add("'" + c.name() + "' VC '" + v.name() + "' has auto-upgrade off now and no"
          + " original settings were given, so it stays off; pass the settings recorded before"
          + " the upgrade began to restore them.");
    }
    return Optional.of(step);
  }

  /** {@link Condition#describe(FinalizationSettings)}: a run mostly restores the same settings. */
  private String restoreText(FinalizationSettings settings) {
    if (!settings.equals(restoreSettings)) {
      restoreSettings = settings;
      restoreSettingsText = Condition.describe(settings);
    }
    return restoreSettingsText;
  }

  /** {@code hops} with the pins at the start of the first major hop, the restores at the end. */
  private List<Hop> withPinsAndRestores(List<Draft> hops, List<PlanStep> pinSteps,
      List<PlanStep> restoreSteps, Optional<ClusterRole> scope) {
    if (!pinSteps.isEmpty()) {
      for (Draft h : hops) {
        if (h.kind() == HopKind.MAJOR) {
          h.steps().addAll(0, pinSteps);
          break;
        }
      }
    }
    List<Hop> out = new ArrayList<>(hops.size() + 1);
    if (!restoreSteps.isEmpty()) {
      if (hops.isEmpty()) {
        out.add(new Hop("complete-" + target + scope.map(r -> ":" + r.name()
            .toLowerCase(Locale.ROOT)).orElse(""), HopKind.COMPLETION, Optional.empty(), target,
            BinaryTarget.anyPatchOf(target), scope, restoreSteps));
      } else {
        hops.get(hops.size() - 1).steps().addAll(restoreSteps);
      }
    }
    for (Draft h : hops) {
      out.add(h.hop());
    }
    return out;
  }

  /**
   * A hop being planned: its steps are a list the run still adds to (the pins at the start, the
   * restores at the end), copied once into the {@link Hop}.
   */
  private record Draft(String id, HopKind kind, Optional<ReleaseSeries> from, ReleaseSeries to,
      BinaryTarget binary, Optional<ClusterRole> cluster, List<PlanStep> steps) {
    Hop hop() {
      return new Hop(id, kind, from, to, binary, cluster, steps);
    }
  }

  /** The position in {@code vcs} of {@code role}'s VC {@code name}; -1 when it is not there. */
  private static int indexOf(List<VirtualClusterInfo> vcs, List<ClusterSnapshot> owners,
      ClusterRole role, String name) {
    for (int i = 0; i < vcs.size(); i++) {
      if (owners.get(i).role() == role && vcs.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isPin(FinalizationSettings s) {
    return !s.autoUpgradeEnabled() || s.preservesDowngrade();
  }

  private PlanStep settingStep(StepKind kind, ClusterSnapshot c, String vc, String id,
      PinSetting setting, String value, Condition done, Condition pre, boolean ponr,
      String description) {
    return new PlanStep(id, kind, c.role(), c.name(), Optional.of(vc), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of(setting),
        kind == StepKind.PIN_FINALIZATION ? Optional.of(value) : Optional.empty(),
        Optional.empty(), done, pre, ponr, description, estimate(kind));
  }

  // --- helpers ------------------------------------------------------------------------------------

  /** The VCs finalized explicitly: the system VC, then non-replicating application VCs. */
  private static List<VirtualClusterInfo> finalizable(ClusterSnapshot c) {
    List<VirtualClusterInfo> out = new ArrayList<>();
    out.add(c.systemVc());
    for (VirtualClusterInfo v : c.applicationVcs()) {
      if (!v.isReplicating()) {
        out.add(v);
      }
    }
    return out;
  }

  /** The lowest series the cluster's finalizable VCs have reached. */
  private Optional<ReleaseSeries> base(ClusterSnapshot c, List<VirtualClusterInfo> fin) {
    ReleaseSeries min = null;
    for (VirtualClusterInfo v : fin) {
      Optional<ClusterVersion> known = v.version().known();
      if (known.isEmpty()) {
        refusal.add(Violation.of(RuleCode.UNPLANNABLE_STATE, c.name(), v.name(), null,
            "the version of '" + c.name() + "' VC '" + v.name() + "' is unknown ("
                + v.version().evidence() + "), so the planner cannot tell how far the upgrade got",
            "inspect the cluster again so that VC '" + v.name() + "' reports its version"));
        return Optional.empty();
      }
      ReleaseSeries r = reached(known.get());
      if (min == null || r.isBefore(min)) {
        min = r;
      }
    }
    return Optional.of(min);
  }

  private ReleaseSeries reached(ClusterVersion v) {
    return v.reachedSeries().orElseGet(() -> catalog.knows(v.base())
        ? catalog.predecessor(v.base()).orElse(v.base()) : v.base());
  }

  private Optional<UpgradePath> path(ReleaseSeries from, String what) {
    try {
      return Optional.of(catalog.path(from, target));
    } catch (PcrUpgradeException e) {
      RuleCode code = switch (e.code().name()) {
        case "DOWNGRADE" -> RuleCode.TARGET_IS_DOWNGRADE;
        case "UNKNOWN_SERIES" -> RuleCode.TARGET_UNKNOWN;
        default -> RuleCode.TARGET_UNREACHABLE;
      };
      refusal.add(Violation.of(code, "", null, null,
          what + " is at " + from + ": " + e.getMessage(),
          "choose a target reachable from " + from + (catalog.knows(from)
              ? " (direct targets: " + catalog.directTargets(from) + ")" : "")));
      return Optional.empty();
    }
  }

  private static String role(ClusterSnapshot c) {
    return switch (c.role()) {
      case PRIMARY -> "primary";
      case STANDBY -> "standby";
    };
  }
}
