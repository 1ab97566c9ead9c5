package io.github.pcrupgrade.capturecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.capture.CaptureDifference;
import io.github.pcrupgrade.core.capture.CaptureDocument;
import io.github.pcrupgrade.core.capture.CaptureDocument.ClusterCapture;
import io.github.pcrupgrade.core.capture.CaptureDocument.Column;
import io.github.pcrupgrade.core.capture.CaptureDocument.Exchange;
import io.github.pcrupgrade.json.DocumentType;
import io.github.pcrupgrade.json.JsonDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CaptureCheck#of} (issue 16, item 4, "usable from a user's test suite"): one call that
 * compares a capture with the simulation of the state it shows. An example capture made from the
 * simulation compares clean; an edited one reports exactly its edit.
 */
class CaptureCheckTest {

  private static final String REPLICATION =
      "SHOW VIRTUAL CLUSTER \"main\" WITH REPLICATION STATUS";

  @TempDir Path dir;

  private static Path example(String series) {
    return Path.of("..", "docs", "captures", "simulated-" + series + "-at-rest.json");
  }

  @Test
  void anExampleCaptureOfTheSimulationHasNoDifference() {
    CaptureCheckReport r = CaptureCheck.of(example("25.2"));

    assertThat(r.differences()).isEmpty();
    assertThat(r.matches()).isTrue();
    assertThat(r.origin()).isEqualTo(CaptureDocument.Origin.SIMULATED);
    assertThat(r.statements()).isGreaterThan(10);
    assertThat(r.toText()).startsWith("No difference: the simulation answers the "
        + r.statements() + " recorded statements");
    r.assertNoDifferences();
  }

  @Test
  void anInjectedColumnTypeIsReportedExactlyAndNothingElse() throws Exception {
    // Given the 25.2 example whose standby replication status says its id column is text
    CaptureDocument c = JsonDocuments.read(DocumentType.CAPTURE,
        Files.readString(example("25.2")));
    ClusterCapture s = c.clusters().get(1);
    List<Exchange> edited = new ArrayList<>();
    int edits = 0;
    for (Exchange e : s.exchanges()) {
      if (e.sql().equals(REPLICATION) && e.virtualCluster().equals("system")) {
        List<Column> cols = new ArrayList<>(e.columns().orElseThrow());
        cols.set(0, new Column(cols.get(0).name(), "text"));
        edited.add(new Exchange(e.virtualCluster(), e.sql(), Optional.of(cols), e.rows(),
            Optional.empty()));
        edits++;
      } else {
        edited.add(e);
      }
    }
    assertThat(edits).as("the example holds the statement edited").isEqualTo(1);
    Path file = dir.resolve("edited.json");
    Files.writeString(file, JsonDocuments.write(DocumentType.CAPTURE, new CaptureDocument(
        c.schemaVersion(), CaptureDocument.Origin.REAL, c.capturedAt(), c.tool(), c.redacted(),
        List.of(c.clusters().get(0), new ClusterCapture(s.role(), s.name(),
            s.parameterStatus(), edited)))));

    // When it is checked
    CaptureCheckReport r = CaptureCheck.of(file);

    // Then exactly that difference is reported, and a test using the report fails with it
    assertThat(r.differences()).containsExactly(new CaptureDifference(
        CaptureDifference.Kind.COLUMN_TYPE, "standby", "system", REPLICATION, "column id",
        "text", "int8"));
    assertThat(r.source()).isEqualTo(file.toString());
    assertThatThrownBy(r::assertNoDifferences).isInstanceOf(AssertionError.class)
        .hasMessageContaining("1 difference(s) between " + file)
        .hasMessageContaining("COLUMN_TYPE cluster 'standby' VC 'system' " + REPLICATION
            + " column id: recorded text, answered int8")
        .hasMessageContaining("the simulation is wrong there");
  }

  @Test
  void aMissingFileIsATypedErrorNamingIt() {
    Path missing = dir.resolve("nowhere.json");

    assertThatThrownBy(() -> CaptureCheck.of(missing)).isInstanceOf(PcrUpgradeException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void controlCharactersFromTheCaptureAreEscapedInTheText() {
    assertThat(CaptureCheckReport.escape("a\nb\u001b[31m")).isEqualTo("a\\u000ab\\u001b[31m");
  }
}
