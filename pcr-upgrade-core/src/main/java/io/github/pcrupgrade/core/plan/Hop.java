package io.github.pcrupgrade.core.plan;

import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A group of steps of a plan: one direct major upgrade {@code from -> to}, the completion of one
 * whose finalizations are done, a patch upgrade, or a rollback.
 *
 * @param id a label for the hop ({@code 24.3-25.2}, {@code patch-v25.2.4}, ...)
 * @param kind what the hop is
 * @param from the series the hop starts from; empty for a COMPLETION hop (no longer observable)
 * @param to the series the hop ends at (for ROLLBACK: the series rolled back to)
 * @param binary the binaries the hop's nodes end up running
 * @param cluster the only cluster the hop acts on; empty when it acts on both in PCR order
 * @param steps the steps, in order
 */
public record Hop(
    String id,
    HopKind kind,
    Optional<ReleaseSeries> from,
    ReleaseSeries to,
    BinaryTarget binary,
    Optional<ClusterRole> cluster,
    List<PlanStep> steps) {

  /**
   * Copies the list.
   *
   * @param id not null
   * @param kind not null
   * @param from not null; may be empty
   * @param to not null
   * @param binary not null
   * @param cluster not null; may be empty
   * @param steps not null
   */
  public Hop {
    Objects.requireNonNull(steps, "steps");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(binary, "binary");
    Objects.requireNonNull(cluster, "cluster");
    steps = List.copyOf(steps);
  }

  /**
   * A heading a person understands.
   *
   * @return {@code 24.3 -> 25.2}, {@code complete the upgrade to 25.2}, {@code patch to v25.2.4}
   *     or {@code roll back from 25.2 to v24.3.12}, followed by {@code (primary only)} or
   *     {@code (standby only)} for a hop that acts on one cluster
   */
  public String title() {
    String scope = cluster.map(r -> " (" + r.name().toLowerCase(java.util.Locale.ROOT) + " only)")
        .orElse("");
    return switch (kind) {
      case MAJOR -> from.map(f -> f + " -> ").orElse("") + to + scope;
      case COMPLETION -> "complete the upgrade to " + to + scope;
      case PATCH -> "patch to " + binary + scope;
      case ROLLBACK -> "roll back" + from.map(f -> " from " + f).orElse("") + " to " + binary
          + scope;
    };
  }
}
