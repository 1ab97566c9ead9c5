package io.github.pcrupgrade.testkit.internal.wire;

import java.util.List;
import java.util.Objects;

/** What executing one statement produced. */
sealed interface StatementResult {

  /** Rows; values are Java values matching the column types (see {@link PgCodec}). */
  record Rows(List<Column> columns, List<List<Object>> rows) implements StatementResult {
    public Rows {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }
  }

  /** A statement without rows, completed with {@code tag} (e.g. {@code SET CLUSTER SETTING}). */
  record Command(String tag) implements StatementResult {
    public Command {
      Objects.requireNonNull(tag, "tag");
    }
  }
}
