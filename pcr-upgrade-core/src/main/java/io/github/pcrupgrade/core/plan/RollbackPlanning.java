package io.github.pcrupgrade.core.plan;

import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** One rollback planning run (docs: roll back = re-roll the previous binary, before finalizing). */
final class RollbackPlanning {

  private final Rules rules;
  private final DeploymentSnapshot s;

  RollbackPlanning(Rules rules, DeploymentSnapshot snapshot) {
    this.rules = rules;
    this.s = snapshot.withInferredReplicatedVersions();
  }

  RollbackPlan run() {
    List<ClusterRollback> verdicts = new ArrayList<>();
    List<Hop> hops = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Judged primary = judge(s.primary(), Optional.empty());
    Judged standby = judge(s.standby(), Optional.of(primary));
    for (Judged j : List.of(primary, standby)) {
      verdicts.add(j.verdict());
      j.hop().ifPresent(hops::add);
    }
    notes.add("Rolling back the primary does not roll back the standby: each cluster is judged and"
        + " rolled back on its own, the primary first.");
    notes.add("Rollbacks need no finalization. Finalization settings are left pinned; restore them"
        + " with the next upgrade plan or by hand.");
    return new RollbackPlan(verdicts, hops, rules.check(s).violations(), notes);
  }

  private record Judged(ClusterRollback verdict, Optional<Hop> hop, Optional<ReleaseSeries> at) { }

  private Judged judge(ClusterSnapshot c, Optional<Judged> primary) {
    VirtualClusterInfo sys = c.systemVc();
    Optional<ClusterVersion> v = sys.version().known();
    if (v.isEmpty()) {
      return no(c, RollbackVerdict.FINALIZATION_BEGUN, "the version of its system VC is unknown ("
          + sys.version().evidence() + "), so whether finalization has begun cannot be told; it"
          + " is not rolled back blindly");
    }
    if (v.get().isTransitional()) {
      return no(c, RollbackVerdict.FINALIZATION_BEGUN, "its system VC is at " + v.get()
          + ": finalization has begun, after which a major upgrade cannot be rolled back; only a"
          + " restore from a backup into a cluster on the previous version goes back");
    }
    ReleaseSeries a = v.get().base();
    List<NodeInfo> upgraded = c.memberNodes().stream()
        .filter(n -> n.binary().series().isAfter(a)).toList();
    if (upgraded.isEmpty()) {
      ClusterSnapshot other = c.role() == ClusterRole.PRIMARY ? s.standby() : s.primary();
      Optional<ClusterVersion> otherSys = other.systemVc().version().known();
      if (otherSys.isPresent() && otherSys.get().isBefore(v.get())) {
        return no(c, RollbackVerdict.FINALIZATION_BEGUN, "its system VC is finalized at " + a
            + " while '" + other.name() + "' is at " + otherSys.get() + ": a finalized upgrade"
            + " cannot be rolled back");
      }
      return no(c, RollbackVerdict.NOTHING_TO_ROLL_BACK, "every node runs a " + a + " binary,"
          + " the series of its system VC: there is no unfinished upgrade to roll back");
    }
    if (primary.isPresent() && primary.get().verdict().verdict() != RollbackVerdict.ROLL_BACK) {
      ClusterSnapshot p = s.primary();
      boolean primaryAhead = p.memberNodes().stream().anyMatch(n -> n.binary().series().isAfter(a))
          || p.systemVc().version().known().filter(x -> x.isAfter(a.finalVersion())).isPresent();
      if (primaryAhead) {
        return no(c, RollbackVerdict.BLOCKED_BY_OTHER_CLUSTER, "primary '" + p.name()
            + "' runs newer binaries or VCs than " + a + " and cannot be rolled back ("
            + primary.get().verdict().reason() + "); the standby must stay at least as new as"
            + " the primary");
      }
    }
    Set<BinaryVersion> previous = new TreeSet<>();
    for (NodeInfo n : c.memberNodes()) {
      if (n.binary().series().equals(a)) {
        previous.add(n.binary());
      }
    }
    BinaryTarget back = previous.size() == 1 ? BinaryTarget.exactly(previous.iterator().next())
        : BinaryTarget.anyPatchOf(a);
    String role = c.role().name().toLowerCase(Locale.ROOT);
    List<Condition> pre = new ArrayList<>();
    pre.add(Condition.vcFinalAt(c.role(), VirtualClusterInfo.SYSTEM, a));
    if (primary.isPresent() && primary.get().at().isPresent()) {
      pre.add(Condition.allNodesRun(ClusterRole.PRIMARY,
          BinaryTarget.anyPatchOf(primary.get().at().get())));
    }
    Condition precondition = Condition.allOf(pre);
    List<PlanStep> steps = new ArrayList<>();
    for (NodeInfo n : upgraded) {
      steps.add(new PlanStep("rollback-" + a + ":" + role + ":restart:n" + n.id(),
          StepKind.ROLLBACK_NODE, c.role(), c.name(), Optional.empty(), Optional.of(n.id()),
          Optional.of(back), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), Condition.nodeRuns(c.role(), n.id(), back), precondition, false,
          "Roll '" + c.name() + "' node n" + n.id() + " (" + n.address() + ") back from "
              + n.binary() + " onto " + (back.exact().isPresent() ? back.toString()
                  : "a " + a + " binary (the node upgrader chooses the patch; use the build the"
                      + " cluster ran before)")));
    }
    ReleaseSeries from = upgraded.get(0).binary().series();
    Hop hop = new Hop("rollback-" + from + "-" + a + ":" + role, HopKind.ROLLBACK,
        Optional.of(from), a, back, Optional.of(c.role()), steps);
    return new Judged(new ClusterRollback(c.role(), c.name(), RollbackVerdict.ROLL_BACK,
        upgraded.size() + " node(s) run " + from + " binaries while its system VC is still"
            + " finalized at " + a + ": they are rolled back onto " + back,
        Optional.of(back)), Optional.of(hop), Optional.of(a));
  }

  private static Judged no(ClusterSnapshot c, RollbackVerdict verdict, String reason) {
    return new Judged(new ClusterRollback(c.role(), c.name(), verdict,
        "'" + c.name() + "': " + reason, Optional.empty()), Optional.empty(), Optional.empty());
  }
}
