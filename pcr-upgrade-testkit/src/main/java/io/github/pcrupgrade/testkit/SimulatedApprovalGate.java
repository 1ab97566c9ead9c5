package io.github.pcrupgrade.testkit;

import io.github.pcrupgrade.core.spi.ApprovalGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A configurable {@link ApprovalGate}: it answers with a policy (approve all by default) that a test
 * may change at any time, and records every request. Thread-safe.
 */
public final class SimulatedApprovalGate implements ApprovalGate {

  private final Object lock;
  private ApprovalGate policy;
  private final List<Request> requests = new ArrayList<>();

  SimulatedApprovalGate(Object lock, ApprovalGate policy) {
    this.lock = lock;
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  @Override
  public Decision decide(Request request) {
    Objects.requireNonNull(request, "request");
    synchronized (lock) {
      requests.add(request);
      return Objects.requireNonNull(policy.decide(request), "the gate policy returned null");
    }
  }

  /** Answers every later request with {@code decision}. */
  public void answer(Decision decision) {
    Objects.requireNonNull(decision, "decision");
    setPolicy(r -> decision);
  }

  /** Answers later requests with {@code newPolicy}. */
  public void setPolicy(ApprovalGate newPolicy) {
    synchronized (lock) {
      this.policy = Objects.requireNonNull(newPolicy, "newPolicy");
    }
  }

  /** Every request asked so far, in order. */
  public List<Request> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }
}
