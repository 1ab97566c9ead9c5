package io.github.pcrupgrade.testkit.internal.sql;

import java.util.Objects;

/**
 * One statement of a SQL text.
 *
 * @param statement the typed statement
 * @param text the statement's source text, without the terminating {@code ;}
 * @param placeholderCount the highest placeholder index used ({@code $3} gives 3), 0 if none
 */
public record ParsedStatement(Statement statement, String text, int placeholderCount) {
  public ParsedStatement {
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(text, "text");
  }
}
