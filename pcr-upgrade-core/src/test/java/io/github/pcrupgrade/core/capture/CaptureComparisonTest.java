package io.github.pcrupgrade.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.capture.CaptureDifference.Kind;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The comparison of two captures (issue 16, item 4): each kind of difference is reported once,
 * where it is, and values that differ only in content (ids, times, hosts) are not differences.
 */
class CaptureComparisonTest {

  @SafeVarargs
  private static Exchange rows(String sql, List<Column> cols, List<String>... rows) {
    return new Exchange("system", sql, Optional.of(cols), Optional.of(List.of(rows)),
        Optional.empty());
  }

  private static Exchange error(String sql, String state) {
    return new Exchange("system", sql, Optional.empty(), Optional.empty(),
        Optional.of(new ErrorAnswer(state, "message of " + state, Optional.empty())));
  }

  private static CaptureDocument doc(Exchange... exchanges) {
    return new CaptureDocument(1, CaptureDocument.Origin.REAL,
        Instant.parse("2026-05-29T12:00:00Z"), "test", true, List.of(new ClusterCapture(
            "primary", "p", Map.of(), List.of(exchanges))));
  }

  private static final List<Column> ID_AT = List.of(new Column("id", "uuid"),
      new Column("at", "timestamptz"));

  @Test
  void answersThatDifferOnlyInTheirValuesAreNoDifference() {
    CaptureDocument a = doc(rows("q", ID_AT, List.of("00000000-0000-4000-8000-000000000001",
        "2026-05-29 12:00:00.123456+00:00")), error("e", "42501"));
    CaptureDocument b = doc(rows("q", ID_AT, List.of("6a5f6f0e-1d2c-4b7a-9f3e-2f1c0d9e8b7a",
        "2030-01-01 00:00:00+00:00")), error("e", "42501"));

    assertThat(CaptureComparison.compare(a, b)).isEmpty();
  }

  @Test
  void eachKindOfDifferenceIsReportedWhereItIs() {
    CaptureDocument a = doc(
        rows("types", List.of(new Column("n", "int8")), List.of("1")),
        rows("shape", List.of(new Column("n", "text")), Arrays.asList((String) null)),
        rows("count", List.of(new Column("n", "int8")), List.of("1"), List.of("2")),
        rows("names", List.of(new Column("n", "int8")), List.of("1")),
        error("code", "42501"),
        error("outcome", "42501"),
        rows("missing", List.of(new Column("n", "int8")), List.of("1")));
    CaptureDocument b = doc(
        rows("types", List.of(new Column("n", "text")), List.of("1")),
        rows("shape", List.of(new Column("n", "text")), List.of("x")),
        rows("count", List.of(new Column("n", "int8")), List.of("1")),
        rows("names", List.of(new Column("m", "int8")), List.of("1")),
        error("code", "42704"),
        rows("outcome", List.of(new Column("n", "int8")), List.of("1")),
        rows("extra", List.of(new Column("n", "int8")), List.of("1")));

    List<CaptureDifference> d = CaptureComparison.compare(a, b);

    assertThat(d).extracting(CaptureDifference::kind, CaptureDifference::sql,
        CaptureDifference::where, CaptureDifference::recorded, CaptureDifference::answered)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.COLUMN_TYPE, "types", "column n", "int8",
                "text"),
            org.assertj.core.groups.Tuple.tuple(Kind.VALUE_SHAPE, "shape", "column n row 1",
                "NULL", "TEXT"),
            org.assertj.core.groups.Tuple.tuple(Kind.ROW_COUNT, "count", "", "2", "1"),
            org.assertj.core.groups.Tuple.tuple(Kind.COLUMNS, "names", "", "[n]", "[m]"),
            org.assertj.core.groups.Tuple.tuple(Kind.ERROR_CODE, "code", "", "42501", "42704"),
            org.assertj.core.groups.Tuple.tuple(Kind.OUTCOME, "outcome", "", "error 42501",
                "rows"),
            org.assertj.core.groups.Tuple.tuple(Kind.MISSING_ANSWER, "missing", "", "rows",
                "no answer"),
            org.assertj.core.groups.Tuple.tuple(Kind.MISSING_ANSWER, "extra", "", "not recorded",
                "rows"));
  }

  @Test
  void aClusterOnlyTheAnsweredCaptureHasIsReportedAsNotRecorded() {
    Exchange version = rows("SHOW CLUSTER SETTING version", List.of(new Column("version",
        "text")), List.of("24.3"));
    CaptureDocument recorded = doc(version);
    CaptureDocument answered = new CaptureDocument(1, CaptureDocument.Origin.SIMULATED,
        Instant.parse("2026-05-29T12:00:00Z"), "test", true, List.of(
            new ClusterCapture("primary", "p", Map.of(), List.of(version)),
            new ClusterCapture("standby", "s", Map.of(), List.of(version))));

    assertThat(CaptureComparison.compare(recorded, answered)).extracting(
        CaptureDifference::kind, CaptureDifference::cluster, CaptureDifference::recorded,
        CaptureDifference::answered).containsExactly(org.assertj.core.groups.Tuple.tuple(
            Kind.MISSING_ANSWER, "standby", "not recorded", "rows"));
  }

  @Test
  void aStatementRecordedTwiceIsComparedOccurrenceByOccurrence() {
    List<Column> v = List.of(new Column("version", "text"));
    CaptureDocument a = doc(rows("v", v, List.of("24.3")), rows("v", v, List.of("")));
    CaptureDocument b = doc(rows("v", v, List.of("25.2")), rows("v", v, List.of("x")));

    assertThat(CaptureComparison.compare(a, b)).extracting(CaptureDifference::kind,
        CaptureDifference::recorded).containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.VALUE_SHAPE, "EMPTY"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "42|INTEGER", "-7|INTEGER", "1695922878030920020.0000000000|DECIMAL", "t|BOOLEAN",
      "f|BOOLEAN", "00000000-0000-4000-8000-000000000001|UUID",
      "2026-05-29 12:00:00.123456+00:00|TIMESTAMP", "2026-05-29 12:00:00|TIMESTAMP",
      "00:00:10|INTERVAL", "1 day 02:00:00|INTERVAL", "{\"a\": 1}|JSON", "replicating|TEXT",
      "host-1:26257|TEXT", "24.3|DECIMAL", "24.2-upgrading-to-24.3-step-004|TEXT"})
  void theShapeOfATextFormIsItsKind(String text, ValueShape shape) {
    assertThat(ValueShape.of(text)).isEqualTo(shape);
  }
}
