package io.github.pcrupgrade.core.plan;

import io.github.pcrupgrade.core.rules.Violation;
import java.util.List;
import java.util.Objects;

/**
 * A plan to roll back an unfinished major upgrade: one ROLLBACK hop per cluster that can still be
 * rolled back (the primary's first), and a verdict for each cluster saying why it is or is not.
 *
 * @param clusters the verdict for each cluster, primary first
 * @param hops the rollback hops, in order; each acts on one cluster only
 * @param warnings what the rules found in the snapshot
 * @param notes what an operator should know
 */
public record RollbackPlan(
    List<ClusterRollback> clusters, List<Hop> hops, List<Violation> warnings, List<String> notes) {
  /**
   * Copies the lists.
   *
   * @param clusters not null
   * @param hops not null; empty when nothing is rolled back
   * @param warnings not null; may be empty
   * @param notes not null; may be empty
   */
  public RollbackPlan {
    Objects.requireNonNull(clusters, "clusters");
    Objects.requireNonNull(hops, "hops");
    Objects.requireNonNull(warnings, "warnings");
    Objects.requireNonNull(notes, "notes");
    clusters = List.copyOf(clusters);
    hops = List.copyOf(hops);
    warnings = List.copyOf(warnings);
    notes = List.copyOf(notes);
  }

  /**
   * Every step, in order.
   *
   * @return an immutable list of the hops' steps, concatenated; empty when nothing is rolled back
   */
  public List<PlanStep> steps() {
    return hops.stream().flatMap(h -> h.steps().stream()).toList();
  }

  /**
   * Whether nothing is rolled back.
   *
   * @return true when there is no hop; {@link #clusters()} says why for each cluster
   */
  public boolean isEmpty() {
    return hops.isEmpty();
  }
}
