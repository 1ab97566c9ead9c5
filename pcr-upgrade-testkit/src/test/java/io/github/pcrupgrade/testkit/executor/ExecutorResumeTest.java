package io.github.pcrupgrade.testkit.executor;

import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.deployment;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fast;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.finalizationStarts;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.settings;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.exec.CancelHandle;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.exec.RunStatus;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Cancels an executor at every step boundary (it must stop there, see {@link #cancelAfterStep}),
 * crashes one after every mutating port call (before the journal knows) and before every step's
 * done record, then lets a new executor (a fresh object on the same journal and deployment)
 * finish. The result must be as if nothing had happened: completed,
 * no violation, settings restored, no node restarted twice, no finalization begun twice, no reader
 * VC stopped or dropped twice. (A reader VC created just before the crash, still in its initial
 * scan, shows no version; the planner then drops and re-creates it rather than guess, which is
 * safe and allowed here.)
 */
class ExecutorResumeTest {

  private record Case(String name, Supplier<SimulatedDeployment> deployment, String target) {}

  private static final List<Case> CASES = List.of(
      new Case("one hop with a reader", () -> deployment().nodes(2, 2).reader(true).build(),
          "25.2"),
      new Case("two hops with a reader", () -> deployment().nodes(2, 2).reader(true).build(),
          "25.4"),
      new Case("one hop, non-virtualized primary",
          () -> deployment().nodes(2, 2).nonVirtualizedPrimary(true).build(), "25.2"),
      new Case("patch", () -> deployment().nodes(2, 2).build(), "v24.3.33"));

  @TestFactory
  Stream<DynamicNode> aNewExecutorCompletesWhereverTheLastOneStopped() {
    return CASES.stream().map(c -> {
      SimulatedDeployment reference = c.deployment().get();
      RecordingPorts ref = new RecordingPorts(reference.ports());
      RunResult clean = ref.executor().options(fast()).build().run(to(c.target()));
      assertThat(clean.isCompleted()).as(clean.toString()).isTrue();
      int steps = clean.progress().total();
      List<String> cleanSteps = clean.plan().orElseThrow().stepIds();
      int calls = ref.calls().size();
      int doneRecords = (int) reference.journal().history(reference.deploymentId()).stream()
          .filter(r -> r.entry().event() == JournalEvent.STEP_DONE).count();
      return DynamicContainer.dynamicContainer(c.name(), Stream.of(
          DynamicContainer.dynamicContainer("cancelled at each step boundary",
              IntStream.rangeClosed(1, steps).mapToObj(n -> dynamicTest("after step " + n,
                  () -> cancelAfterStep(c, cleanSteps, n)))),
          DynamicContainer.dynamicContainer("crashed after each port call",
              IntStream.rangeClosed(1, calls).mapToObj(n -> dynamicTest("after call " + n,
                  () -> crash(c, p -> p.crashAfterCall(n))))),
          DynamicContainer.dynamicContainer("crashed before each done record",
              IntStream.rangeClosed(1, doneRecords).mapToObj(n -> dynamicTest("before record " + n,
                  () -> crash(c, p -> p.crashBeforeStepDone(n)))))));
    });
  }

  /**
   * Cancels from the listener as step {@code n} is found done. Before the last step the run must
   * stop there (DESIGN, "Cancellation": nothing new is started after it): CANCELLED at n steps,
   * the journal holding exactly the first n steps as done and the cancellation as the run's last
   * record, no mutating port call after the cancel. After the last step there is nothing left to
   * start, so either outcome is allowed. A new executor then completes from where it stopped.
   */
  private static void cancelAfterStep(Case c, List<String> cleanSteps, int n) {
    // Given
    SimulatedDeployment d = c.deployment().get();
    Map<String, FinalizationSettings> before = settings(d.snapshot());
    RecordingPorts ports = new RecordingPorts(d.ports());
    CancelHandle cancel = new CancelHandle();
    int[] callsAtCancel = {-1};

    // When
    RunResult first = ports.executor().options(fast()).listener(e -> {
      if ((e instanceof UpgradeEvent.StepDone || e instanceof UpgradeEvent.StepAlreadyDone)
          && e.progress().done() == n) {
        callsAtCancel[0] = ports.calls().size();
        cancel.cancel();
      }
    }).build().run(to(c.target()), cancel);

    // Then
    assertThat(callsAtCancel[0]).as("the listener saw step %d done", n).isNotNegative();
    if (n < cleanSteps.size()) {
      assertThat(first.status()).as(first.toString()).isEqualTo(RunStatus.CANCELLED);
      assertThat(first.progress().done()).as(first.toString()).isEqualTo(n);
      assertThat(ports.calls()).as("no port acted after the cancel")
          .hasSize(callsAtCancel[0]);
      List<JournalEntry> journaled = d.journal().history(d.deploymentId()).stream()
          .map(r -> r.entry()).filter(e -> e.runId().equals(first.runId())).toList();
      assertThat(journaled.stream().filter(e -> e.event() == JournalEvent.STEP_DONE
          || e.event() == JournalEvent.STEP_ALREADY_DONE).map(JournalEntry::stepId))
          .as("steps journaled done").containsExactlyElementsOf(cleanSteps.subList(0, n));
      assertThat(journaled.get(journaled.size() - 1).event())
          .isEqualTo(JournalEvent.RUN_CANCELLED);
    } else {
      assertThat(first.status()).as(first.toString())
          .isIn(RunStatus.CANCELLED, RunStatus.COMPLETED);
      assertThat(first.progress().done()).as(first.toString()).isEqualTo(n);
    }
    RunResult second = resumeAndCheck(d, ports, c, before, false);
    assertThat(second.progress().done()).as("the resumed run's steps")
        .isEqualTo(second.progress().total());
    // the steps not yet done, in their order (a wait step, such as the reader serving, may have
    // become done meanwhile and is then not planned again)
    List<String> resumed = second.plan().orElseThrow().stepIds();
    List<String> left = cleanSteps.subList(n, cleanSteps.size());
    assertThat(resumed).as("what the resumed run had left to do")
        .isEqualTo(left.stream().filter(resumed::contains).toList());
  }

  private static void crash(Case c, java.util.function.Consumer<RecordingPorts> arm) {
    // Given
    SimulatedDeployment d = c.deployment().get();
    Map<String, FinalizationSettings> before = settings(d.snapshot());
    RecordingPorts ports = new RecordingPorts(d.ports());
    arm.accept(ports);

    // When
    Throwable crash = catchThrowable(
        () -> ports.executor().options(fast()).build().run(to(c.target())));

    // Then
    assertThat(crash).isInstanceOf(RecordingPorts.Crash.class);
    List<String> calls = ports.calls();
    boolean readerInInitialScan = !calls.isEmpty()
        && calls.get(calls.size() - 1).startsWith("create-reader ");
    resumeAndCheck(d, ports, c, before, readerInInitialScan);
  }

  private static RunResult resumeAndCheck(SimulatedDeployment d, RecordingPorts ports, Case c,
      Map<String, FinalizationSettings> before, boolean readerInInitialScan) {
    RunResult second = ports.noCrash().executor().options(fast()).build().run(to(c.target()));

    assertThat(second.isCompleted()).as(second + "\ncalls: " + ports.calls()).isTrue();
    d.monitor().assertClean();
    assertThat(settings(d.snapshot())).isEqualTo(before);
    assertThat(finalizationStarts(d)).as("finalizations begun")
        .extracting(t -> t.cluster() + " " + t.detail()).doesNotHaveDuplicates();
    assertThat(ports.repeated("restart ")).as("restarted twice").isEmpty();
    if (!readerInInitialScan) {
      assertThat(ports.repeated("drop ")).as("reader dropped twice").isEmpty();
    }
    assertThat(ports.repeated("stop ")).as("reader stopped twice").isEmpty();
    return second;
  }
}
