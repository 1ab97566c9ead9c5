package io.github.pcrupgrade.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.capture.CaptureDocument;
import io.github.pcrupgrade.core.capture.CaptureDocument.ClusterCapture;
import io.github.pcrupgrade.core.capture.CaptureDocument.Column;
import io.github.pcrupgrade.core.capture.CaptureDocument.ErrorAnswer;
import io.github.pcrupgrade.core.capture.CaptureDocument.Exchange;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The capture document (docs/capture.md) through pcr-upgrade-json, and its bad input. */
class CaptureJsonTest {

  private static CaptureDocument sample() {
    return new CaptureDocument(1, CaptureDocument.Origin.SIMULATED,
        Instant.parse("2026-01-05T12:00:00Z"), "pcr-upgrade capture", true,
        List.of(new ClusterCapture("primary", "primary", Map.of("server_version", "13.0.0"),
            List.of(new Exchange("system", "SHOW CLUSTER SETTING version",
                    Optional.of(List.of(new Column("version", "text"))),
                    Optional.of(List.of(Arrays.asList("24.3"), Arrays.asList((String) null))),
                    Optional.empty()),
                new Exchange("system", "SELECT crdb_internal.cluster_id()", Optional.empty(),
                    Optional.empty(), Optional.of(new ErrorAnswer("42501",
                        "Access to crdb_internal and system is restricted.",
                        Optional.of("hint"))))))));
  }

  @Test
  void aCaptureRoundTrips() {
    String json = JsonDocuments.write(DocumentType.CAPTURE, sample());

    assertThat(JsonDocuments.read(DocumentType.CAPTURE, json)).isEqualTo(sample());
    assertThat(json).contains("\"schemaVersion\" : 1").contains("\"origin\" : \"SIMULATED\"")
        .contains("null");
  }

  @Test
  void aCaptureOfAnotherFormatVersionIsATypedError() {
    String json = JsonDocuments.write(DocumentType.CAPTURE, sample())
        .replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 7");

    PcrUpgradeException e = catchThrowableOfType(
        () -> JsonDocuments.read(DocumentType.CAPTURE, json), PcrUpgradeException.class);

    assertThat(e.code()).isEqualTo(JsonErrorCode.UNSUPPORTED_SCHEMA_VERSION);
    assertThat(e.getMessage()).startsWith("capture document, line 2")
        .contains("schemaVersion 7 is newer");
  }

  @Test
  void aTruncatedCaptureIsATypedErrorNamingWhere() {
    String json = JsonDocuments.write(DocumentType.CAPTURE, sample());
    String truncated = json.substring(0, json.indexOf("SELECT crdb_internal"));

    PcrUpgradeException e = catchThrowableOfType(
        () -> JsonDocuments.read(DocumentType.CAPTURE, truncated), PcrUpgradeException.class);

    assertThat(e.code()).isEqualTo(JsonErrorCode.MALFORMED_DOCUMENT);
    assertThat(e.getMessage()).startsWith("capture document, line").contains("not JSON");
  }
}
