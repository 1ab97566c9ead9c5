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

  /**
   * Answers every later request with {@code decision}.
   *
   * @param decision {@code APPROVED}, or {@code NOT_NOW} to make the run pause before its next
   *     point of no return
   * @throws NullPointerException if {@code decision} is null
   */
  public void answer(Decision decision) {
    Objects.requireNonNull(decision, "decision");
    setPolicy(r -> decision);
  }

  /**
   * Answers later requests with {@code newPolicy}.
   *
   * @param newPolicy the gate that decides each later request; it must not return null (the
   *     request then fails with a {@link NullPointerException})
   * @throws NullPointerException if {@code newPolicy} is null
   */
  public void setPolicy(ApprovalGate newPolicy) {
    synchronized (lock) {
      this.policy = Objects.requireNonNull(newPolicy, "newPolicy");
    }
  }

  /**
   * Every request asked so far, in order.
   *
   * @return a copy; empty when no run reached a point of no return with approval required
   */
  public List<Request> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }
}
