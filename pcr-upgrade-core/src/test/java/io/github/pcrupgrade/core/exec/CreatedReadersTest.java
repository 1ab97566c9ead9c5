package io.github.pcrupgrade.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.Provenance;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.spi.JournalEntry;
import io.github.pcrupgrade.core.spi.JournalEvent;
import io.github.pcrupgrade.core.spi.JournalRecord;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A reader VC cannot be finalized, so one this upgrade created at series X stays at X; while it is
 * {@code shared} and does not answer (a 26.2 reader's stalled start-up, crdb-pcr-sql-facts 10.2)
 * its version is INFERRED at X from the journal. Only the incarnation the run created (same VC id),
 * only while it is shared and unanswering, and only facts since the last completed run.
 */
class CreatedReadersTest {

  private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
  private static final ReleaseSeries S26_2 = ReleaseSeries.parse("26.2");
  private static final DeploymentSnapshot AT_REST = DeploymentSnapshot.builder()
      .readerVc(true).build();
  private static final VirtualClusterInfo READER = AT_REST.standby().readerVcs().get(0);

  private static JournalRecord record(JournalEvent event, String detail) {
    return new JournalRecord(1, Instant.EPOCH, new JournalEntry("d", "r", "p", "", event, detail));
  }

  private static DeploymentSnapshot reader(UnaryOperator<VirtualClusterInfo> change) {
    ClusterSnapshot sb = AT_REST.standby();
    return AT_REST.with(sb.withVc(READER.name(), change));
  }

  private static DeploymentSnapshot unanswering() {
    return reader(v -> v.withState(DataState.READY, ServiceMode.SHARED)
        .withVersion(VersionReading.unknown("connection refused")));
  }

  private static VersionReading readerVersion(DeploymentSnapshot s) {
    return s.standby().vc(READER.name()).orElseThrow().version();
  }

  private static CreatedReaders created() {
    return CreatedReaders.of(List.of(record(JournalEvent.FACT,
        CreatedReaders.fact(READER, S26_2, AT))));
  }

  @Test
  void theFactNamesTheReaderItsIdItsSeriesAndTheInstant() {
    assertThat(CreatedReaders.fact(READER, S26_2, AT)).isEqualTo(
        "reader-created " + READER.name() + " " + READER.id() + " 26.2 " + AT);
  }

  @Test
  void anUnansweringSharedReaderThisRunCreatedIsInferredAtItsSeries() {
    DeploymentSnapshot s = created().infer(unanswering());

    VersionReading v = readerVersion(s);
    assertThat(v.provenance()).isEqualTo(Provenance.INFERRED);
    assertThat(v.version()).isEqualTo(ClusterVersion.finalOf(S26_2));
    assertThat(v.evidence()).contains("26.2", AT.toString(), "connection refused");
    assertThat(CreatedReaders.unanswering(s)).isEmpty();
    // the rest of the deployment is untouched
    assertThat(s.primary()).isEqualTo(AT_REST.primary());
  }

  @Test
  void aReaderRecordedWithWithIsInferredToo() {
    DeploymentSnapshot s = CreatedReaders.NONE.with(READER, S26_2, AT).infer(unanswering());

    assertThat(readerVersion(s).provenance()).isEqualTo(Provenance.INFERRED);
  }

  @Test
  void nothingIsInferredForAReaderThisRunDidNotCreate() {
    DeploymentSnapshot s = unanswering();

    assertThat(CreatedReaders.NONE.infer(s)).isSameAs(s);
    assertThat(CreatedReaders.unanswering(s)).map(VirtualClusterInfo::name)
        .contains(READER.name());
  }

  @Test
  void anotherIncarnationOfTheReaderIsNotInferred() {
    DeploymentSnapshot s = unanswering();
    CreatedReaders other = CreatedReaders.NONE.with(new VirtualClusterInfo(READER.id() + 1,
        READER.name(), READER.kind(), READER.dataState(), READER.serviceMode(), READER.version(),
        READER.settings(), READER.replication()), S26_2, AT);

    assertThat(readerVersion(other.infer(s)).provenance()).isEqualTo(Provenance.UNKNOWN);
  }

  @Test
  void aReaderThatAnswersOrIsNotSharedIsNotInferred() {
    DeploymentSnapshot answering = reader(v -> v.withState(DataState.READY, ServiceMode.SHARED)
        .withVersion(VersionReading.observed(ClusterVersion.parse("25.4"))));
    DeploymentSnapshot stopped = reader(v -> v.withState(DataState.READY, ServiceMode.NONE)
        .withVersion(VersionReading.unknown("not serving")));
    DeploymentSnapshot stopping = reader(v -> v.withState(DataState.READY, ServiceMode.STOPPING)
        .withVersion(VersionReading.unknown("stopping")));

    assertThat(readerVersion(created().infer(answering)).provenance())
        .isEqualTo(Provenance.OBSERVED);
    assertThat(readerVersion(created().infer(stopped)).provenance())
        .isEqualTo(Provenance.UNKNOWN);
    assertThat(readerVersion(created().infer(stopping)).provenance())
        .isEqualTo(Provenance.UNKNOWN);
    assertThat(CreatedReaders.unanswering(stopped)).isEmpty();
    assertThat(CreatedReaders.unanswering(answering)).isEmpty();
  }

  @Test
  void aVcOfAnotherKindWithTheReadersNameIsNotInferred() {
    // a fact naming 'main' (not a reader) must never give the replicating VC a version
    VirtualClusterInfo main = AT_REST.standby().vc("main").orElseThrow();
    DeploymentSnapshot s = AT_REST.with(AT_REST.standby().withVc("main",
        v -> v.withState(DataState.READY, ServiceMode.SHARED)
            .withVersion(VersionReading.unknown("no answer"))));

    DeploymentSnapshot out = CreatedReaders.NONE.with(main, S26_2, AT).infer(s);

    assertThat(out.standby().vc("main").orElseThrow().version().provenance())
        .isEqualTo(Provenance.UNKNOWN);
  }

  @Test
  void onlyFactsSinceTheLastCompletedRunCount() {
    CreatedReaders before = CreatedReaders.of(List.of(
        record(JournalEvent.FACT, CreatedReaders.fact(READER, S26_2, AT)),
        record(JournalEvent.RUN_COMPLETED, "")));

    assertThat(readerVersion(before.infer(unanswering())).provenance())
        .isEqualTo(Provenance.UNKNOWN);
  }

  @Test
  void factsThatCannotBeReadOrAreNotFactsAreIgnored() {
    String good = CreatedReaders.fact(READER, S26_2, AT);
    for (JournalRecord r : List.of(
        record(JournalEvent.STEP_DONE, good),
        record(JournalEvent.FACT, good + " extra"),
        record(JournalEvent.FACT, good.replace("reader-created", "reader-dropped")),
        record(JournalEvent.FACT, good.replace(" " + READER.id() + " ", " x ")),
        record(JournalEvent.FACT, good.replace("26.2", "twenty")),
        record(JournalEvent.FACT, good.replace(AT.toString(), "yesterday")))) {
      assertThat(readerVersion(CreatedReaders.of(List.of(r)).infer(unanswering())).provenance())
          .as(r.entry().detail()).isEqualTo(Provenance.UNKNOWN);
    }
  }

  @Test
  void theRemedyStopsAndStartsTheReaderQuoted() {
    assertThat(CreatedReaders.remedy("standby", "main-readonly"))
        .contains("on 'standby'", "ALTER VIRTUAL CLUSTER \"main-readonly\" STOP SERVICE",
            "ALTER VIRTUAL CLUSTER \"main-readonly\" START SERVICE SHARED");
  }
}
