package io.github.pcrupgrade.testkit.internal.sql;

/** Quoting helpers whose output the {@link Lexer} reads back to the same value. */
public final class SqlText {
  private SqlText() {}

  /** {@code value} as a double-quoted identifier. */
  public static String quoteIdentifier(String value) {
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }

  /** {@code value} as a single-quoted string literal. */
  public static String quoteLiteral(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
