package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.time.Duration;
import java.util.Objects;

/** When a planned {@link Fault} fires. Counting starts when the deployment is built. */
public sealed interface Trigger {

  /** At a virtual time, {@code afterStart} after the deployment's start instant. */
  record AtTime(Duration afterStart) implements Trigger {
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
   * {@code cluster} is empty, in either cluster.
   */
  record OnNodeRestart(int n, String cluster) implements Trigger {
    public OnNodeRestart {
      Objects.requireNonNull(cluster, "cluster");
      if (n < 1) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "n is 1-based, got " + n);
      }
    }
  }

  /** When the {@code n}-th port call (1-based; inspector, operations, node upgrader) begins. */
  record OnPortCall(int n) implements Trigger {
    public OnPortCall {
      if (n < 1) {
        throw new PcrUpgradeException(CoreErrorCode.INVALID_ARGUMENT,
            "n is 1-based, got " + n);
      }
    }
  }

  /** When a finalization begins in {@code vc} of {@code cluster}, whoever started it. */
  record OnFinalizationStart(String cluster, String vc) implements Trigger {
    public OnFinalizationStart {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(vc, "vc");
    }
  }

  static Trigger at(Duration afterStart) {
    return new AtTime(afterStart);
  }

  static Trigger onNodeRestart(int n) {
    return new OnNodeRestart(n, "");
  }

  static Trigger onNodeRestart(int n, String cluster) {
    return new OnNodeRestart(n, cluster);
  }

  static Trigger onPortCall(int n) {
    return new OnPortCall(n);
  }

  static Trigger onFinalizationStart(String cluster, String vc) {
    return new OnFinalizationStart(cluster, vc);
  }
}
