package io.github.pcrupgrade.core.plan;

import io.github.pcrupgrade.core.rules.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Renders plans for people: a numbered text tree (hop, then steps with their estimates; points of
 * no return marked; the expected total) and a Mermaid flowchart of the same plan (titled with the
 * expected total). Pure and deterministic: the same plan gives the same
 * text, so renderings can be compared with golden files.
 */
public final class PlanRendering {

  /** The mark of a point of no return in the text rendering. */
  public static final String NO_RETURN_MARK = "<< POINT OF NO RETURN";

  private PlanRendering() { }

  /**
   * A numbered tree: {@code 1. <hop>}, then {@code 1.1 [<step id>] <description>}.
   *
   * @param plan the plan
   * @return lines ending in {@code \n}: the target, the expected duration when every step has an
   *     estimate, the tree ({@code (nothing to do)} for an empty plan), then the errors, warnings
   *     and notes, each list only when it is not empty
   */
  public static String text(UpgradePlan plan) {
    Objects.requireNonNull(plan, "plan");
    StringBuilder b = new StringBuilder();
    b.append("Upgrade plan to ").append(plan.target()).append('\n');
    plan.estimatedDuration().ifPresent(d -> b.append("Expected duration: ").append(human(d))
        .append(" (from the step estimates)\n"));
    if (plan.isEmpty()) {
      b.append("(nothing to do)\n");
    }
    tree(b, plan.hops());
    list(b, "Errors", plan.errors().stream().map(Violation::toString).toList());
    list(b, "Warnings", plan.warnings().stream().map(Violation::toString).toList());
    list(b, "Notes", plan.notes());
    return b.toString();
  }

  /**
   * A numbered tree of a rollback plan, with each cluster's verdict.
   *
   * @param plan the rollback plan
   * @return lines ending in {@code \n}: the tree ({@code (nothing is rolled back)} for an empty
   *     plan), then the clusters' verdicts, the warnings and the notes, each list only when it is
   *     not empty
   */
  public static String text(RollbackPlan plan) {
    Objects.requireNonNull(plan, "plan");
    StringBuilder b = new StringBuilder();
    b.append("Rollback plan\n");
    if (plan.isEmpty()) {
      b.append("(nothing is rolled back)\n");
    }
    tree(b, plan.hops());
    list(b, "Clusters", plan.clusters().stream()
        .map(c -> c.verdict() + ": " + c.reason()).toList());
    list(b, "Warnings", plan.warnings().stream().map(Violation::toString).toList());
    list(b, "Notes", plan.notes());
    return b.toString();
  }

  private static void tree(StringBuilder b, List<Hop> hops) {
    int h = 0;
    for (Hop hop : hops) {
      h++;
      b.append(h).append(". ").append(hop.title()).append(" [").append(hop.kind()).append("]\n");
      int i = 0;
      for (PlanStep st : hop.steps()) {
        i++;
        b.append("   ").append(h).append('.').append(i).append(" [").append(st.id()).append("] ")
            .append(st.description());
        st.estimate().ifPresent(d -> b.append("  (~").append(human(d)).append(')'));
        if (st.pointOfNoReturn()) {
          b.append("  ").append(NO_RETURN_MARK);
        }
        b.append('\n');
      }
    }
  }

  private static void list(StringBuilder b, String title, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    b.append(title).append(":\n");
    for (String item : items) {
      b.append("  - ").append(item).append('\n');
    }
  }

  /**
   * A Mermaid flowchart: one subgraph per hop, one node per step linked in order; points of no
   * return are drawn with the {@code noReturn} class.
   *
   * @param plan the plan
   * @return Mermaid source, {@code flowchart TD}, preceded by a front-matter title with the
   *     expected duration when every step has an estimate
   */
  public static String mermaid(UpgradePlan plan) {
    Objects.requireNonNull(plan, "plan");
    StringBuilder b = new StringBuilder();
    plan.estimatedDuration().ifPresent(d -> b.append("---\ntitle: \"Upgrade plan to ")
        .append(escape(plan.target().toString())).append(", expected duration ").append(human(d))
        .append("\"\n---\n"));
    b.append("flowchart TD\n");
    b.append("  classDef noReturn fill:#fdd,stroke:#c00,stroke-width:2px\n");
    List<String> ids = new ArrayList<>();
    List<String> noReturn = new ArrayList<>();
    int h = 0;
    int n = 0;
    for (Hop hop : plan.hops()) {
      h++;
      b.append("  subgraph h").append(h).append("[\"").append(h).append(". ")
          .append(escape(hop.title())).append("\"]\n");
      int i = 0;
      for (PlanStep st : hop.steps()) {
        i++;
        n++;
        String id = "s" + n;
        ids.add(id);
        if (st.pointOfNoReturn()) {
          noReturn.add(id);
        }
        b.append("    ").append(id).append("[\"").append(h).append('.').append(i).append(' ')
            .append(escape(label(st))).append("\"]\n");
      }
      b.append("  end\n");
    }
    for (int i = 1; i < ids.size(); i++) {
      b.append("  ").append(ids.get(i - 1)).append(" --> ").append(ids.get(i)).append('\n');
    }
    if (!noReturn.isEmpty()) {
      b.append("  class ").append(String.join(",", noReturn)).append(" noReturn\n");
    }
    return b.toString();
  }

  /**
   * A duration for people, to the second: {@code 45s}, {@code 4m}, {@code 32m15s},
   * {@code 1h}, {@code 2h5m7s}, {@code 0s}.
   *
   * @param duration zero or more; fractions of a second are dropped
   * @return hours, minutes and seconds, each only when not zero
   */
  public static String human(Duration duration) {
    long s = java.util.Objects.requireNonNull(duration, "duration").toSeconds();
    StringBuilder b = new StringBuilder();
    if (s >= 3600) {
      b.append(s / 3600).append('h');
    }
    if (s % 3600 >= 60) {
      b.append(s % 3600 / 60).append('m');
    }
    if (s % 60 != 0 || s == 0) {
      b.append(s % 60).append('s');
    }
    return b.toString();
  }

  /** A short label: the action, cluster, subject and version. */
  static String label(PlanStep st) {
    String cluster = st.cluster().name().toLowerCase(Locale.ROOT);
    String vc = st.virtualCluster().orElse("");
    return switch (st.kind()) {
      case PIN_FINALIZATION -> "pin " + cluster + "/" + vc + ": "
          + st.setting().orElseThrow().settingName() + " = " + st.settingValue().orElse("");
      case UNPIN_FINALIZATION -> "reset preserve_downgrade_option " + cluster + "/" + vc;
      case RESTART_NODE -> "restart " + cluster + " n" + st.nodeId().orElseThrow() + " onto "
          + st.binary().orElseThrow();
      case ROLLBACK_NODE -> "roll back " + cluster + " n" + st.nodeId().orElseThrow() + " onto "
          + st.binary().orElseThrow();
      case FINALIZE_VC -> "finalize " + cluster + "/" + vc + " to " + st.version().orElseThrow();
      case AWAIT_REPLICATION -> "await replication of " + cluster + "/" + vc + " past "
          + st.version().orElseThrow() + " finalization";
      case STOP_READER -> "stop reader " + cluster + "/" + vc;
      case DROP_READER -> "drop reader " + cluster + "/" + vc;
      case CREATE_READER -> "re-create reader of " + cluster + "/" + vc + " at "
          + st.version().orElseThrow();
      case AWAIT_READER_SERVING -> "await reader " + cluster + "/" + vc + " serving at "
          + st.version().orElseThrow();
      case RESTORE_SETTINGS -> "restore settings " + cluster + "/" + vc;
    };
  }

  private static String escape(String s) {
    return s.replace("\"", "#quot;");
  }
}
