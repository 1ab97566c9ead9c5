package io.github.pcrupgrade.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.plan.ExecutionFacts;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.plan.VcSettings;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reading an upgrade's memory from the journal (RunMemory's documented fact format): only records
 * since the deployment's last completed run count, facts of every kind are read back, a fact this
 * version cannot read is skipped without losing the others, and the memory reaches the request.
 */
class RunMemoryHistoryTest {

  private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
  private static final ReleaseSeries S25_1 = ReleaseSeries.parse("25.1");

  private static long seq;

  private static JournalRecord record(JournalEvent event, String detail) {
    return new JournalRecord(++seq, Instant.EPOCH,
        new JournalEntry("d", "r", "p", "", event, detail));
  }

  private static JournalRecord fact(String detail) {
    return record(JournalEvent.FACT, detail);
  }

  @Test
  void anEmptyHistoryIsAnUpgradeNotStarted() {
    RunMemory m = RunMemory.of(List.of());

    assertThat(m.started()).isFalse();
    assertThat(m.settings()).isEmpty();
    assertThat(m.readers()).isEmpty();
    assertThat(m.facts()).isEqualTo(ExecutionFacts.NONE);
  }

  @Test
  void everyKindOfFactIsReadBack() {
    RunMemory m = RunMemory.of(List.of(
        record(JournalEvent.RUN_STARTED, ""),
        fact("settings PRIMARY main false 24.3"),
        fact("settings STANDBY system true -"),
        fact("reader main-readonly"),
        fact("finalized PRIMARY main 25.1 " + AT)));

    assertThat(m.started()).isTrue();
    assertThat(m.settings()).containsExactly(
        new VcSettings(ClusterRole.PRIMARY, "main", new FinalizationSettings(false, "24.3")),
        new VcSettings(ClusterRole.STANDBY, "system", new FinalizationSettings(true, "")));
    assertThat(m.readers()).containsExactly("main-readonly");
    assertThat(m.finalizedAt(ClusterRole.PRIMARY, "main", S25_1)).contains(AT);
    assertThat(m.finalizedAt(ClusterRole.STANDBY, "main", S25_1)).isEmpty();
    assertThat(m.owners()).isEmpty();
  }

  @Test
  void onlyRecordsSinceTheLastCompletedRunCount() {
    RunMemory m = RunMemory.of(List.of(
        record(JournalEvent.RUN_STARTED, ""),
        fact("settings PRIMARY main false 24.3"),
        fact("reader old-readonly"),
        fact("finalized PRIMARY main 24.3 " + AT),
        record(JournalEvent.RUN_COMPLETED, ""),
        fact("reader main-readonly")));

    assertThat(m.started()).isFalse();
    assertThat(m.settings()).isEmpty();
    assertThat(m.readers()).containsExactly("main-readonly");
    assertThat(m.finalizedAt(ClusterRole.PRIMARY, "main", ReleaseSeries.parse("24.3"))).isEmpty();
  }

  @Test
  void aRunStartedAfterTheLastCompletedOneIsAnUpgradeStarted() {
    RunMemory m = RunMemory.of(List.of(
        record(JournalEvent.RUN_STARTED, ""),
        record(JournalEvent.RUN_COMPLETED, ""),
        record(JournalEvent.RUN_STARTED, ""),
        record(JournalEvent.RUN_HALTED, "")));

    assertThat(m.started()).isTrue();
  }

  @Test
  void factsAreReadFromFactRecordsOnly() {
    RunMemory m = RunMemory.of(List.of(
        record(JournalEvent.STEP_DONE, "reader main-readonly"),
        record(JournalEvent.RUN_HALTED, "settings PRIMARY main false 24.3")));

    assertThat(m.readers()).isEmpty();
    assertThat(m.settings()).isEmpty();
  }

  @Test
  void aFactThatCannotBeReadIsSkippedAndTheOthersKept() {
    List<JournalRecord> h = new ArrayList<>();
    h.add(fact("settings SIDEWAYS main false 24.3"));
    h.add(fact("finalized PRIMARY main not-a-series " + AT));
    h.add(fact("settings PRIMARY"));
    h.add(fact("something-new x y"));
    h.add(fact("reader main-readonly"));

    RunMemory m = RunMemory.of(h);

    assertThat(m.readers()).containsExactly("main-readonly");
    assertThat(m.facts()).isEqualTo(ExecutionFacts.NONE);
    assertThat(m.settings()).isEmpty();
  }

  @Test
  void theFactsWrittenAreTheFactsReadBack() {
    VcSettings s = new VcSettings(ClusterRole.PRIMARY, "main",
        new FinalizationSettings(false, "24.3"));
    String settings = RunMemory.settingsFact(s, Optional.empty());

    assertThat(settings).isEqualTo("settings PRIMARY main false 24.3");
    assertThat(RunMemory.readerFact("main-readonly")).isEqualTo("reader main-readonly");
    assertThat(RunMemory.finalizedFact(ClusterRole.STANDBY, "main", S25_1, AT))
        .isEqualTo("finalized STANDBY main 25.1 " + AT);
    RunMemory m = RunMemory.of(List.of(fact(settings),
        fact(RunMemory.finalizedFact(ClusterRole.STANDBY, "main", S25_1, AT))));
    assertThat(m.settings()).containsExactly(s);
    assertThat(m.finalizedAt(ClusterRole.STANDBY, "main", S25_1)).contains(AT);
  }

  @Test
  void theMemoryReachesTheRequestAndAnEmptyMemoryLeavesItAsItWas() {
    DeploymentSnapshot now = DeploymentSnapshot.builder().build();
    UpgradeRequest request = UpgradeRequest.to("25.2").build();
    RunMemory m = RunMemory.of(List.of(
        fact("settings PRIMARY main false 24.3"),
        fact("reader main-readonly"),
        fact("finalized PRIMARY main 25.1 " + AT)));

    UpgradeRequest with = m.applyTo(request, now);

    assertThat(with.originalSettings()).contains(List.of(new VcSettings(ClusterRole.PRIMARY,
        "main", new FinalizationSettings(false, "24.3"))));
    assertThat(with.originalReaderVcs()).contains(List.of("main-readonly"));
    assertThat(with.facts().finalizedAt(ClusterRole.PRIMARY, "main", S25_1)).contains(AT);
    UpgradeRequest same = RunMemory.EMPTY.applyTo(request, now);
    assertThat(same.originalSettings()).isEqualTo(request.originalSettings());
    assertThat(same.originalReaderVcs()).isEqualTo(request.originalReaderVcs());
  }
}
