package io.github.pcrupgrade.testkit.executor;

import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fast;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.fastOptions;
import static io.github.pcrupgrade.testkit.executor.ExecutorFixtures.to;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.event.UpgradeEvent;
import io.github.pcrupgrade.core.exec.HaltReason;
import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.testkit.Fault;
import io.github.pcrupgrade.testkit.Ports;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.StallingReaderInspector;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import io.github.pcrupgrade.core.plan.StepKind;

/**
 * A reader VC that answers 08000 for a while after its re-creation or after an upgrade (a known
 * 26.2 behaviour, crdb-pcr-sql-facts 10.2) does not halt the upgrade of the two clusters; one
 * whose version cannot be inferred halts after readerVcTimeout with the documented remedy. The
 * stalls come from the simulation's {@link Fault.VcStalls} and, where a stall must start at a
 * given inspection, from {@link StallingReaderInspector}.
 */
class ExecutorStalledReaderTest {

  @Test
  void aReaderStallingTenMinutesOnceRecreatedIsAwaitedAndTheUpgradeCompletes() {
    // Given: once the run dropped the old reader, the next reader stalls 10 minutes when it
    // first serves (the simulation's fault)
    SimulatedDeployment d = SimulatedDeployment.builder().nodes(3, 3).series("24.3")
        .primaryBinary("v24.3.20").standbyBinary("v24.3.20").reader(true).seed(7).build();
    boolean[] injected = new boolean[1];
    FaultEvidence.Events events = FaultEvidence.events();

    // When
    RunResult r = d.ports("A").executor().executorId("A").options(fast()).listener(events)
        .listener(e -> {
      if (e instanceof UpgradeEvent.StepDone done && done.step().kind() == StepKind.DROP_READER
          && !injected[0]) {
        injected[0] = true;
        d.inject(new Fault.VcStalls("standby", "main-readonly", Duration.ofMinutes(10)));
      }
    }).build().run(to("25.2"));

    // Then
    assertThat(injected[0]).isTrue();
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    assertThat(d.trace()).anyMatch(t -> t.detail().contains("main-readonly")
        && t.detail().contains("stall"));
    // the run waited for the re-created reader to answer, as long as it stalled
    java.util.List<UpgradeEvent.Waiting> waits = events.waits().stream()
        .filter(w -> w.awaiting().contains("main-readonly")).toList();
    assertThat(waits).as("waits for the reader: %s", events.waits()).isNotEmpty();
    assertThat(waits.get(waits.size() - 1).waitedSoFar())
        .isGreaterThanOrEqualTo(Duration.ofMinutes(9));
    d.monitor().assertClean();
  }

  @Test
  void aReaderAnswering08000ForTenMinutesAfterItsRecreationDoesNotHaltATwoHopUpgrade() {
    // Given: 24.3 -> 25.2 -> 25.4 with a reader VC, which stalls 10 minutes once re-created
    SimulatedDeployment d = SimulatedDeployment.builder().nodes(3, 3).series("24.3")
        .primaryBinary("v24.3.20").standbyBinary("v24.3.20").reader(true).seed(7).build();
    Ports p = d.ports("A");
    StallingReaderInspector standby = new StallingReaderInspector(d, p.standbyInspector(),
        "main-readonly", Duration.ofMinutes(10));

    // When
    RunResult r = p.executor().executorId("A").options(fast())
        .standby(standby, p.standbyOperations()).build().run(to("25.4"));

    // Then
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    assertThat(standby.stalledInspections()).isPositive();
    d.monitor().assertClean();
  }

  @Test
  void aReaderThatStallsAfterAnUpgradeOfItsNodesDoesNotHaltTheRestartsOfTheNextHop() {
    // Given: once the first standby node runs 25.4 (the second hop), the reader (re-created by
    // this run at 25.2) answers 08000 for 10 minutes, while the other standby nodes still have to
    // restart; invariant 5 needs the reader's version for each of them
    SimulatedDeployment d = SimulatedDeployment.builder().nodes(3, 3).series("24.3")
        .primaryBinary("v24.3.20").standbyBinary("v24.3.20").reader(true).seed(7).build();
    Ports p = d.ports("A");
    StallingReaderInspector standby = new StallingReaderInspector(d, p.standbyInspector(),
        "main-readonly", Duration.ofMinutes(10), s -> s.nodes().stream()
            .anyMatch(n -> n.binary().series().toString().equals("25.4")));

    // When
    RunResult r = p.executor().executorId("A").options(fast())
        .standby(standby, p.standbyOperations()).build().run(to("25.4"));

    // Then: the run went on with the reader's version inferred from the journal
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    assertThat(standby.stalledInspections()).isPositive();
    assertThat(d.journal().history(d.deploymentId())).anyMatch(e -> e.entry().event()
        == JournalEvent.FACT && e.entry().detail().startsWith("reader-created main-readonly "));
    d.monitor().assertClean();
  }

  @Test
  void aStalledReaderThisRunDidNotCreateHaltsAfterReaderVcTimeoutNamingItAndTheRemedy() {
    // Given: the reader that existed before the run stops answering once the first standby node
    // runs 25.2, and does not recover; its version is needed for the next standby restart
    SimulatedDeployment d = SimulatedDeployment.builder().nodes(3, 3).series("24.3")
        .primaryBinary("v24.3.20").standbyBinary("v24.3.20").reader(true).seed(7).build();
    Ports p = d.ports("A");
    StallingReaderInspector standby = new StallingReaderInspector(d, p.standbyInspector(),
        "main-readonly", Duration.ofDays(1), s -> s.nodes().stream()
            .anyMatch(n -> n.binary().series().toString().equals("25.2")));

    // When
    RunResult r = p.executor().executorId("A")
        .options(fastOptions().readerVcTimeout(Duration.ofMinutes(15)).build())
        .standby(standby, p.standbyOperations()).build().run(to("25.2"));

    // Then
    assertThat(r.haltReason()).as(r.toString()).contains(HaltReason.PRECONDITION_NOT_MET);
    assertThat(r.message()).contains("reader VC 'main-readonly' on 'standby' is shared but has"
        + " not answered for PT", "SQLSTATE 08000",
        "ALTER VIRTUAL CLUSTER \"main-readonly\" STOP SERVICE",
        "ALTER VIRTUAL CLUSTER \"main-readonly\" START SERVICE SHARED");
    // halted once readerVcTimeout had passed, and no later than one (maximum) poll after it
    Matcher silent = Pattern.compile("not answered for (PT\\S+?)[,;. ]").matcher(r.message());
    assertThat(silent.find()).as(r.message()).isTrue();
    assertThat(Duration.parse(silent.group(1))).isBetween(Duration.ofMinutes(15),
        Duration.ofMinutes(15).plusSeconds(5));
    d.monitor().assertClean();
  }
}
