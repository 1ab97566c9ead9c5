package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.capture.CaptureDocument;
import io.github.pcrupgrade.core.capture.CaptureDocument.ClusterCapture;
import io.github.pcrupgrade.core.capture.CaptureDocument.Column;
import io.github.pcrupgrade.core.capture.CaptureDocument.ErrorAnswer;
import io.github.pcrupgrade.core.capture.CaptureDocument.Exchange;
import io.github.pcrupgrade.json.DocumentType;
import io.github.pcrupgrade.json.JsonDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code pcr-upgrade capture compare FILE} (issue 16, item 4): the simulation built from the state
 * a capture shows answers the recorded statements; the four example captures compare clean; a
 * deliberately edited capture shows exactly the edits; a bad file exits 3 naming it.
 */
class CaptureCompareCommandTest {

  private static final String REPLICATION =
      "SHOW VIRTUAL CLUSTER \"main\" WITH REPLICATION STATUS";
  private static final String TELEMETRY = "SHOW CLUSTER SETTING diagnostics.reporting.enabled";

  @TempDir Path dir;

  private static Path example(String series) {
    return Path.of("..", "docs", "captures", "simulated-" + series + "-at-rest.json");
  }

  @ParameterizedTest
  @ValueSource(strings = {"24.3", "25.2", "25.4", "26.2"})
  void theExampleCapturesCompareClean(String series) {
    CliRunner.Result r = CliRunner.run(Map.of(), "capture", "compare",
        example(series).toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("No difference");
  }

  private static final String UNKNOWN = "SHOW CLUSTER SETTING no.such.setting";

  /**
   * The 25.4 example with one more exchange on the primary: an unknown setting refused with
   * {@code sqlState} (the product answers XXUUU {@code unknown setting: "<name>"},
   * crdb-pcr-sql-facts 9, the table of errors).
   */
  private Path withRefusal(String sqlState) throws Exception {
    CaptureDocument c = JsonDocuments.read(DocumentType.CAPTURE,
        Files.readString(example("25.4")));
    ClusterCapture p = c.clusters().get(0);
    List<Exchange> exchanges = new ArrayList<>(p.exchanges());
    exchanges.add(new Exchange("system", UNKNOWN, Optional.empty(), Optional.empty(),
        Optional.of(new ErrorAnswer(sqlState, "unknown setting: \"no.such.setting\"",
            Optional.empty()))));
    Path file = dir.resolve("refusal-" + sqlState + ".json");
    Files.writeString(file, JsonDocuments.write(DocumentType.CAPTURE, new CaptureDocument(
        c.schemaVersion(), c.origin(), c.capturedAt(), c.tool(), c.redacted(), List.of(
            new ClusterCapture(p.role(), p.name(), p.parameterStatus(), exchanges),
            c.clusters().get(1)))));
    return file;
  }

  @Test
  void aRecordedRefusalWithTheProductsSqlStateComparesClean() throws Exception {
    CliRunner.Result r = CliRunner.run(Map.of(), "capture", "compare",
        withRefusal("XXUUU").toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
  }

  @Test
  void anEditedErrorCodeIsTheOnlyDifference() throws Exception {
    CliRunner.Result r = CliRunner.run(Map.of(), "capture", "compare",
        withRefusal("42704").toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("1 difference(s)").contains("ERROR_CODE cluster 'primary' VC"
        + " 'system' " + UNKNOWN + ": recorded 42704, answered XXUUU");
  }

  @Test
  void anEditedCaptureShowsExactlyItsEdits() throws Exception {
    // Given the 25.4 example with three edits on the standby: the type of the replication
    // status's id column, the shape of its failover_time (NULL -> a decimal), and the main VC's
    // telemetry read turned into a 42501 error
    CaptureDocument c = JsonDocuments.read(DocumentType.CAPTURE,
        Files.readString(example("25.4")));
    List<ClusterCapture> clusters = new ArrayList<>();
    clusters.add(c.clusters().get(0));
    ClusterCapture s = c.clusters().get(1);
    List<Exchange> edited = new ArrayList<>();
    int replicationEdits = 0;
    int telemetryEdits = 0;
    for (Exchange e : s.exchanges()) {
      if (e.sql().equals(REPLICATION) && e.virtualCluster().equals("system")) {
        List<Column> cols = new ArrayList<>(e.columns().orElseThrow());
        int id = indexOf(cols, "id");
        int failover = indexOf(cols, "failover_time");
        cols.set(id, new Column("id", "text"));
        List<String> row = new ArrayList<>(e.rows().orElseThrow().get(0));
        assertThat(row.get(failover)).isNull();
        row.set(failover, "1695922878030920020.0000000000");
        edited.add(new Exchange(e.virtualCluster(), e.sql(), Optional.of(cols),
            Optional.of(List.of(row)), Optional.empty()));
        replicationEdits++;
      } else if (e.sql().equals(TELEMETRY) && e.virtualCluster().equals("system")) {
        edited.add(new Exchange(e.virtualCluster(), e.sql(), Optional.empty(), Optional.empty(),
            Optional.of(new ErrorAnswer("42501", "user root does not have VIEWCLUSTERSETTING"
                + " privilege", Optional.empty()))));
        telemetryEdits++;
      } else {
        edited.add(e);
      }
    }
    assertThat(replicationEdits).isEqualTo(1);
    assertThat(telemetryEdits).isEqualTo(1);
    clusters.add(new ClusterCapture(s.role(), s.name(), s.parameterStatus(), edited));
    Path file = dir.resolve("edited.json");
    Files.writeString(file, JsonDocuments.write(DocumentType.CAPTURE, new CaptureDocument(
        c.schemaVersion(), c.origin(), c.capturedAt(), c.tool(), c.redacted(), clusters)));

    // When it is compared
    CliRunner.Result r = CliRunner.run(Map.of(), "capture", "compare", file.toString());

    // Then exactly those three differences are reported
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("3 difference(s)");
    assertThat(r.out()).contains("COLUMN_TYPE cluster 'standby' VC 'system' " + REPLICATION
        + " column id: recorded text, answered int8");
    assertThat(r.out()).contains("VALUE_SHAPE cluster 'standby' VC 'system' " + REPLICATION
        + " column failover_time row 1: recorded DECIMAL, answered NULL");
    assertThat(r.out()).contains("OUTCOME cluster 'standby' VC 'system' " + TELEMETRY
        + ": recorded error 42501, answered rows");
  }

  private static int indexOf(List<Column> cols, String name) {
    for (int i = 0; i < cols.size(); i++) {
      if (cols.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no column " + name);
  }

  @Test
  void aCaptureOfAnotherFormatVersionExitsThreeNamingTheFile() throws Exception {
    Path file = dir.resolve("newer.json");
    Files.writeString(file, Files.readString(example("24.3"))
        .replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"));

    CliRunner.Result r = CliRunner.run(Map.of(), "capture", "compare", file.toString());

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains(file.toString()).contains("schemaVersion 2");
  }

  @Test
  void aTruncatedCaptureExitsThreeNamingTheFile() throws Exception {
    Path file = dir.resolve("truncated.json");
    String text = Files.readString(example("24.3"));
    Files.writeString(file, text.substring(0, text.length() / 3));

    CliRunner.Result r = CliRunner.run(Map.of(), "capture", "compare", file.toString());

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains(file.toString());
  }
}
