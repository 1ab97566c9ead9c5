package io.github.pcrupgrade.testkit.internal.sql;

/**
 * One lexical token of a SQL text.
 *
 * @param type what kind of token it is
 * @param value the token's meaning: an unquoted identifier folded to lower case, a quoted
 *     identifier or string literal with its escapes resolved, a number's digits, a placeholder's
 *     index digits, or an operator's characters
 * @param position the zero-based offset of the token's first character in the SQL text
 * @param end the offset just after the token's last character
 */
public record Token(TokenType type, String value, int position, int end) {

  /** True for an unquoted identifier equal to {@code keyword} (given in lower case). */
  public boolean isKeyword(String keyword) {
    return type == TokenType.IDENTIFIER && value.equals(keyword);
  }

  /** True for the operator or punctuation {@code op}. */
  public boolean isOperator(String op) {
    return type == TokenType.OPERATOR && value.equals(op);
  }
}
