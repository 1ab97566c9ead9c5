package io.github.pcrupgrade.testkit.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.event.UpgradeListener;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.TraceEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a fault test needs to prove besides the run's outcome: that its fault fired (a completed run
 * with a clean monitor also follows from a fault that never fired) and what the executor did about
 * it. The evidence comes from two records the executor does not write: the simulation's trace
 * ({@code fault} lines when a fault is applied, {@code error} lines when an injected SQL error is
 * raised, {@code port} lines for every port call, {@code node} lines for what nodes did) and the
 * run's events, recorded by {@link #events()}.
 */
final class FaultEvidence {

  private FaultEvidence() {}

  /** A listener that acts once, on the first event of a type for a step, and says when it did. */
  static final class Injection implements UpgradeListener {
    private final Class<? extends UpgradeEvent> type;
    private final String stepId;
    private final Consumer<UpgradeEvent> action;
    private Instant firedAt;

    private Injection(Class<? extends UpgradeEvent> type, String stepId,
        Consumer<UpgradeEvent> action) {
      this.type = type;
      this.stepId = stepId;
      this.action = action;
    }

    @Override
    public void onEvent(UpgradeEvent e) {
      if (firedAt == null && type.isInstance(e) && stepId.equals(stepOf(e))) {
        firedAt = e.at();
        action.accept(e);
      }
    }

    /** When the action ran; fails the test when it never did. */
    Instant firedAt() {
      assertThat(firedAt).as("the injection on %s of step %s fired", type.getSimpleName(),
          stepId).isNotNull();
      return firedAt;
    }
  }

  /** Runs {@code action} once, on the first event of {@code type} for step {@code stepId}. */
  static Injection on(Class<? extends UpgradeEvent> type, String stepId,
      Consumer<UpgradeEvent> action) {
    return new Injection(type, stepId, action);
  }

  /** Every event of the runs it listens to, in order. */
  static final class Events implements UpgradeListener {
    private final List<UpgradeEvent> all = new ArrayList<>();

    @Override
    public void onEvent(UpgradeEvent e) {
      all.add(e);
    }

    /** Every event so far, in order. */
    List<UpgradeEvent> all() {
      return List.copyOf(all);
    }

    /** Every wait the run reported, in order. */
    List<UpgradeEvent.Waiting> waits() {
      return all.stream().filter(e -> e instanceof UpgradeEvent.Waiting)
          .map(e -> (UpgradeEvent.Waiting) e).toList();
    }

    /** The waits the run reported for a step. */
    List<UpgradeEvent.Waiting> waitsFor(String stepId) {
      return waits().stream().filter(w -> w.step().id().equals(stepId)).toList();
    }

    /** When the step was first started; fails the test when it never was. */
    Instant started(String stepId) {
      return all.stream().filter(e -> e instanceof UpgradeEvent.StepStarted s
              && s.step().id().equals(stepId)).map(UpgradeEvent::at).findFirst()
          .orElseThrow(() -> new AssertionError("step " + stepId + " never started: " + all));
    }

    /** When the step was found done; fails the test when it never was. */
    Instant done(String stepId) {
      return all.stream().filter(e -> e instanceof UpgradeEvent.StepDone s
              && s.step().id().equals(stepId)).map(UpgradeEvent::at).findFirst()
          .orElseThrow(() -> new AssertionError("step " + stepId + " never done: " + all));
    }
  }

  static Events events() {
    return new Events();
  }

  /** The trace lines of a kind on a cluster ("" for deployment-wide) whose detail has a text. */
  static List<TraceEvent> traced(SimulatedDeployment d, String cluster, String kind,
      String detailPart) {
    return d.trace().stream().filter(t -> t.kind().equals(kind) && t.cluster().equals(cluster)
        && t.detail().contains(detailPart)).toList();
  }

  /** The one trace line as described; fails the test unless there is exactly one. */
  static TraceEvent tracedOnce(SimulatedDeployment d, String cluster, String kind,
      String detailPart) {
    List<TraceEvent> found = traced(d, cluster, kind, detailPart);
    assertThat(found).as("trace lines [%s] %s containing '%s'", cluster, kind, detailPart)
        .hasSize(1);
    return found.get(0);
  }

  /**
   * The port calls on a cluster whose description has a text, e.g. {@code "drop"}; the
   * simulation traces every call as it arrives, before it takes effect or fails.
   */
  static List<TraceEvent> portCalls(SimulatedDeployment d, String cluster, String what) {
    return traced(d, cluster, "port", what);
  }

  private static String stepOf(UpgradeEvent e) {
    return e instanceof UpgradeEvent.StepStarted s ? s.step().id()
        : e instanceof UpgradeEvent.StepDone s ? s.step().id() : "";
  }
}
