package io.github.pcrupgrade.testkit;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the simulation's event trace: a port call, a statement through the SQL facade, a
 * simulated event (a node restarting, a finalization step, a replication tick that changed
 * something) or a fault. The same seed and the same calls give an equal trace.
 *
 * @param sequence position in the trace, from 0
 * @param at the virtual time it happened
 * @param cluster the cluster concerned, or empty for deployment-wide entries
 * @param kind a short category ({@code port}, {@code sql}, {@code node}, {@code finalization},
 *     {@code replication}, {@code fault}, ...)
 * @param detail what happened
 */
public record TraceEvent(long sequence, Instant at, String cluster, String kind, String detail) {
  /**
   * Checks that no object component is null.
   *
   * @param sequence position in the trace
   * @param at the virtual time it happened
   * @param cluster the cluster concerned, or empty
   * @param kind a short category
   * @param detail what happened
   * @throws NullPointerException if an object component is null
   */
  public TraceEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return "#" + sequence + " " + at + " [" + (cluster.isEmpty() ? "-" : cluster) + "] " + kind
        + ": " + detail;
  }
}
