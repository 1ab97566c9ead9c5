package io.github.pcrupgrade.core.spi;

import io.github.pcrupgrade.core.model.BinaryTarget;
import io.github.pcrupgrade.core.model.NodeInfo;

/**
 * Replaces the binary of one node. Supplied by the host: the library cannot know whether nodes run
 * under systemd, Kubernetes or SSH. The testkit has a simulated one; the CLI runs a command.
 *
 * <p><b>Who calls it, how often:</b> the executor, once per node per hop (one node at a time), from
 * one thread; again for the same node when a run is resumed and the node is not yet on the target.
 *
 * <p><b>Contract:</b> drain the node gracefully (for example {@code cockroach node drain
 * --drain-wait}), swap the binary for one satisfying {@code target} (when the target names only a
 * series, the host chooses the patch), restart the node with its usual flags, and return once the
 * process was started. The executor itself then waits, on its own clock, until the node is live on
 * the new binary and the cluster is healthy. Must be idempotent: a call for a node already running
 * a satisfying binary restarts it at most. Must not touch any other node.
 *
 * <p><b>Errors:</b> a {@code PcrUpgradeException} saying which node failed and how (exit code,
 * timeout). The executor halts; it never moves on to another node after a failure.
 */
public interface NodeUpgrader {

  /**
   * Drains, re-binaries and restarts {@code node} of {@code cluster} onto {@code target}.
   *
   * @param cluster the name of the node's cluster, as its inspector reports it
   * @param node the node as last inspected (id, address, locality, current build)
   * @param target the binary to run: an exact version, or a series whose patch the host chooses
   */
  void upgrade(String cluster, NodeInfo node, BinaryTarget target);

  /**
   * Rolls {@code node} back onto the previous binary {@code target} (same procedure; used only
   * while the cluster's system VC has not begun finalizing).
   *
   * @param cluster the name of the node's cluster, as its inspector reports it
   * @param node the node as last inspected
   * @param target the previous binary to run again
   */
  void rollback(String cluster, NodeInfo node, BinaryTarget target);
}
