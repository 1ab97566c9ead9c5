package io.github.pcrupgrade.testkit.internal.sql;

/**
 * The SQL text is not well formed (SQLSTATE {@code 42601}). The message follows CockroachDB's
 * shape, {@code at or near "<token>": syntax error[: <detail>]}; {@link #position()} is the
 * zero-based offset where the problem was found and {@link #sourceMarker()} draws it.
 */
public final class SqlSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int position;
  private final String sql;

  public SqlSyntaxException(String message, int position, String sql) {
    super(message);
    this.position = position;
    this.sql = sql;
  }

  /** Zero-based offset in the SQL text where the error was found. */
  public int position() {
    return position;
  }

  /** The SQL text with a caret under the error position, as CockroachDB prints in DETAIL. */
  public String sourceMarker() {
    int lineStart = sql.lastIndexOf('\n', Math.max(0, position - 1)) + 1;
    int lineEnd = sql.indexOf('\n', position);
    String line = sql.substring(lineStart, lineEnd < 0 ? sql.length() : lineEnd);
    return "source SQL:\n" + line + "\n" + " ".repeat(Math.max(0, position - lineStart)) + "^";
  }
}
