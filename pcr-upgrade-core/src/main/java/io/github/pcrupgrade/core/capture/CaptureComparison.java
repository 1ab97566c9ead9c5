package io.github.pcrupgrade.core.capture;

import io.github.pcrupgrade.core.capture.CaptureDifference.Kind;
import io.github.pcrupgrade.core.capture.CaptureDocument.ClusterCapture;
import io.github.pcrupgrade.core.capture.CaptureDocument.Column;
import io.github.pcrupgrade.core.capture.CaptureDocument.ErrorAnswer;
import io.github.pcrupgrade.core.capture.CaptureDocument.Exchange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares the answers of two captures statement by statement: a recorded capture and the
 * answers another deployment (the simulation) gave to the same statements. Reported: a statement
 * answered on one side only, rows against an error, column names, column types, the number of
 * rows, each value's {@link ValueShape} and an error's SQLSTATE. Not compared: the values
 * themselves (times, ids, hosts differ between deployments), error messages and hints, and
 * ParameterStatus values. A pure function of its arguments.
 */
public final class CaptureComparison {

  private CaptureComparison() {}

  /**
   * Every difference between {@code recorded} and {@code answered}, clusters matched by role and
   * exchanges by VC, statement and occurrence, in the recorded order.
   *
   * @param recorded the reference capture, usually of a real deployment
   * @param answered the capture to judge against it, usually the simulation's answers to the
   *     same statements
   * @return the differences, immutable, in the recorded order (each cluster's answers that
   *     {@code recorded} lacks after its recorded ones, then those of a cluster only
   *     {@code answered} has); empty when the two agree on everything compared
   */
  public static List<CaptureDifference> compare(CaptureDocument recorded,
      CaptureDocument answered) {
    Objects.requireNonNull(recorded, "recorded");
    Objects.requireNonNull(answered, "answered");
    List<CaptureDifference> out = new ArrayList<>();
    Map<String, ClusterCapture> other = new LinkedHashMap<>();
    answered.clusters().forEach(c -> other.put(c.role(), c));
    for (ClusterCapture c : recorded.clusters()) {
      ClusterCapture o = other.remove(c.role());
      Map<String, Exchange> theirs = o == null ? new LinkedHashMap<>() : byOccurrence(o);
      for (Map.Entry<String, Exchange> e : byOccurrence(c).entrySet()) {
        Exchange mine = e.getValue();
        Exchange their = theirs.remove(e.getKey());
        if (their == null) {
          out.add(new CaptureDifference(Kind.MISSING_ANSWER, c.role(), mine.virtualCluster(),
              mine.sql(), "", outcome(mine), "no answer"));
        } else {
          compare(c.role(), mine, their, out);
        }
      }
      notRecorded(c.role(), theirs.values(), out);
    }
    // A cluster only the answered capture has: everything it answered was never recorded.
    other.values().forEach(o -> notRecorded(o.role(), byOccurrence(o).values(), out));
    return List.copyOf(out);
  }

  private static void notRecorded(String cluster, Collection<Exchange> extras,
      List<CaptureDifference> out) {
    for (Exchange extra : extras) {
      out.add(new CaptureDifference(Kind.MISSING_ANSWER, cluster, extra.virtualCluster(),
          extra.sql(), "", "not recorded", outcome(extra)));
    }
  }

  private static Map<String, Exchange> byOccurrence(ClusterCapture c) {
    Map<String, Exchange> out = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Exchange e : c.exchanges()) {
      String key = e.virtualCluster() + '\u0000' + e.sql().trim();
      int n = seen.merge(key, 1, Integer::sum);
      out.put(key + '\u0000' + n, e);
    }
    return out;
  }

  private static String outcome(Exchange e) {
    return e.error().map(x -> "error " + x.sqlState()).orElse("rows");
  }

  private static void compare(String cluster, Exchange mine, Exchange their,
      List<CaptureDifference> out) {
    String vc = mine.virtualCluster();
    String sql = mine.sql();
    Optional<ErrorAnswer> myError = mine.error();
    Optional<ErrorAnswer> theirError = their.error();
    if (myError.isPresent() != theirError.isPresent()) {
      out.add(new CaptureDifference(Kind.OUTCOME, cluster, vc, sql, "", outcome(mine),
          outcome(their)));
      return;
    }
    if (myError.isPresent()) {
      if (!myError.get().sqlState().equals(theirError.get().sqlState())) {
        out.add(new CaptureDifference(Kind.ERROR_CODE, cluster, vc, sql, "",
            myError.get().sqlState(), theirError.get().sqlState()));
      }
      return;
    }
    List<Column> mineCols = mine.columns().orElse(List.of());
    List<Column> theirCols = their.columns().orElse(List.of());
    List<String> myNames = mineCols.stream().map(Column::name).toList();
    List<String> theirNames = theirCols.stream().map(Column::name).toList();
    if (!myNames.equals(theirNames)) {
      out.add(new CaptureDifference(Kind.COLUMNS, cluster, vc, sql, "", myNames.toString(),
          theirNames.toString()));
      return;
    }
    for (int i = 0; i < mineCols.size(); i++) {
      if (!mineCols.get(i).type().equals(theirCols.get(i).type())) {
        out.add(new CaptureDifference(Kind.COLUMN_TYPE, cluster, vc, sql,
            "column " + myNames.get(i), mineCols.get(i).type(), theirCols.get(i).type()));
      }
    }
    List<List<String>> myRows = mine.rows().orElse(List.of());
    List<List<String>> theirRows = their.rows().orElse(List.of());
    if (myRows.size() != theirRows.size()) {
      out.add(new CaptureDifference(Kind.ROW_COUNT, cluster, vc, sql, "",
          Integer.toString(myRows.size()), Integer.toString(theirRows.size())));
    }
    for (int r = 0; r < Math.min(myRows.size(), theirRows.size()); r++) {
      for (int i = 0; i < myNames.size(); i++) {
        ValueShape a = ValueShape.of(value(myRows.get(r), i));
        ValueShape b = ValueShape.of(value(theirRows.get(r), i));
        if (a != b) {
          out.add(new CaptureDifference(Kind.VALUE_SHAPE, cluster, vc, sql,
              "column " + myNames.get(i) + " row " + (r + 1), a.name(), b.name()));
        }
      }
    }
  }

  private static String value(List<String> row, int i) {
    return i < row.size() ? row.get(i) : null;
  }
}
