package io.github.pcrupgrade.testkit.internal.sql;

/** The kinds of token the {@link Lexer} produces. */
public enum TokenType {
  /** An unquoted identifier or keyword, folded to lower case. Keywords are not reserved here. */
  IDENTIFIER,
  /** A double-quoted identifier, kept exactly (with {@code ""} turned into {@code "}). */
  QUOTED_IDENTIFIER,
  /** A string literal ({@code '...'} or {@code e'...'}), escapes resolved. */
  STRING,
  /** An unsigned numeric literal such as {@code 42}, {@code 1.5} or {@code 1e3}. */
  NUMBER,
  /** A placeholder {@code $n}; the value is {@code n}. */
  PLACEHOLDER,
  /** An operator or punctuation: {@code = -> ->> :: ( ) , . * ;} and other operator characters. */
  OPERATOR,
  /** The end of the input. */
  EOF
}
