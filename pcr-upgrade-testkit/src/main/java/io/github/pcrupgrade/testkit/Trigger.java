package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.time.Duration;
import java.util.Objects;

/** When a planned {@link Fault} fires. Counting starts when the deployment is built. */
public sealed interface Trigger {

  /**
   * At a virtual time, {@code afterStart} after the deployment's start instant. A time already
   * past when the fault is planned fires at the next advance of the clock.
   *
   * @param afterStart how long after the deployment's start, zero or more
   */
  record AtTime(Duration afterStart) implements Trigger {
    /**
     * Checks the offset.
     *
     * @param afterStart how long after the deployment's start
     * @throws NullPointerException if {@code afterStart} is null
     * @throws IllegalArgumentException if {@code afterStart} is negative
     */
    public AtTime {
      Objects.requireNonNull(afterStart, "afterStart");
      if (afterStart.isNegative()) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "afterStart must not be negative");
      }
    }
  }

  /**
   * When the {@code n}-th node restart (1-based) begins, in {@code cluster} or, when
   * {@code cluster} is empty, in either cluster. Counted are restarts through the {@code
   * NodeUpgrader} (not a call that finds the node on the target already, live or restarting,
   * which does nothing), before the node drains; a fault it fires applies to that same restart.
   *
   * @param n which restart, from 1
   * @param cluster the cluster's name, or empty for both clusters together
   */
  record OnNodeRestart(int n, String cluster) implements Trigger {
    /**
     * Checks the components.
     *
     * @param n which restart, from 1
     * @param cluster the cluster's name, or empty
     * @throws NullPointerException if {@code cluster} is null
     * @throws IllegalArgumentException if {@code n} is below 1
     */
    public OnNodeRestart {
      Objects.requireNonNull(cluster, "cluster");
      if (n < 1) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "n is 1-based, got " + n);
      }
    }
  }

  /**
   * When the {@code n}-th port call (1-based; inspector, operations, node upgrader) begins,
   * counted over both clusters and every caller; a fault it fires applies before the call acts.
   *
   * @param n which port call, from 1
   */
  record OnPortCall(int n) implements Trigger {
    /**
     * Checks the count.
     *
     * @param n which port call, from 1
     * @throws IllegalArgumentException if {@code n} is below 1
     */
    public OnPortCall {
      if (n < 1) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "n is 1-based, got " + n);
      }
    }
  }

  /**
   * When a finalization begins in {@code vc} of {@code cluster}, whoever started it (a port call,
   * a SQL session, auto-finalization, an operator fault). Fires at most once.
   *
   * @param cluster the cluster's name
   * @param vc the VC's name
   */
  record OnFinalizationStart(String cluster, String vc) implements Trigger {
    /**
     * Checks that no component is null.
     *
     * @param cluster the cluster's name
     * @param vc the VC's name
     * @throws NullPointerException if either is null
     */
    public OnFinalizationStart {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(vc, "vc");
    }
  }

  /**
   * An {@link AtTime}.
   *
   * @param afterStart how long after the deployment's start
   * @return the trigger
   */
  static Trigger at(Duration afterStart) {
    return new AtTime(afterStart);
  }

  /**
   * An {@link OnNodeRestart} counting restarts in both clusters.
   *
   * @param n which restart, from 1
   * @return the trigger
   */
  static Trigger onNodeRestart(int n) {
    return new OnNodeRestart(n, "");
  }

  /**
   * An {@link OnNodeRestart} counting restarts in one cluster.
   *
   * @param n which restart in that cluster, from 1
   * @param cluster the cluster's name
   * @return the trigger
   */
  static Trigger onNodeRestart(int n, String cluster) {
    return new OnNodeRestart(n, cluster);
  }

  /**
   * An {@link OnPortCall}.
   *
   * @param n which port call, from 1
   * @return the trigger
   */
  static Trigger onPortCall(int n) {
    return new OnPortCall(n);
  }

  /**
   * An {@link OnFinalizationStart}.
   *
   * @param cluster the cluster's name
   * @param vc the VC's name
   * @return the trigger
   */
  static Trigger onFinalizationStart(String cluster, String vc) {
    return new OnFinalizationStart(cluster, vc);
  }
}
