package io.github.pcrupgrade.testkit.internal.wire;

import io.github.pcrupgrade.testkit.internal.sql.SqlType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A recorded result: its columns and its rows, each value in the text form the server sent
 * ({@code null} for SQL NULL). Served in text format as recorded; a client asking for binary gets
 * the value parsed as its column's type.
 *
 * @param columns the result's columns, in order
 * @param rows the rows; each as long as {@code columns}
 */
public record RecordedAnswer(List<RecordedColumn> columns, List<List<String>> rows) {

  public RecordedAnswer {
    columns = List.copyOf(columns);
    List<List<String>> copy = new ArrayList<>();
    for (List<String> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("a recorded row has " + row.size() + " values for "
            + columns.size() + " columns");
      }
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = List.copyOf(copy);
  }

  /**
   * A recorded column.
   *
   * @param name the column label
   * @param type its type (which gives the OID sent in RowDescription)
   */
  public record RecordedColumn(String name, SqlType type) {
    public RecordedColumn {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /** The result the connection sends. */
  StatementResult.Rows toResult() {
    List<Column> cols = columns.stream().map(c -> new Column(c.name(), c.type())).toList();
    List<List<Object>> values = new ArrayList<>();
    for (List<String> row : rows) {
      List<Object> out = new ArrayList<>();
      for (String v : row) {
        out.add(v == null ? null : new RecordedText(v));
      }
      values.add(Collections.unmodifiableList(out));
    }
    return new StatementResult.Rows(cols, values);
  }
}
