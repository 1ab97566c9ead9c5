package io.github.pcrupgrade.testkit.internal.sql;

import java.util.List;
import java.util.Objects;

/** A scalar expression of the supported SQL subset. Immutable. */
public sealed interface Expr {

  /** A string literal ({@code 'x'}), or an identifier used where a name value is expected. */
  record StringLiteral(String value) implements Expr {
    public StringLiteral {
      Objects.requireNonNull(value, "value");
    }
  }

  /** An unsigned or negated numeric literal, kept as its digits ({@code 42}, {@code -1.5}). */
  record NumberLiteral(String digits) implements Expr {
    public NumberLiteral {
      Objects.requireNonNull(digits, "digits");
    }
  }

  /** {@code TRUE} or {@code FALSE}. */
  record BoolLiteral(boolean value) implements Expr {}

  /** {@code NULL}. */
  record NullLiteral() implements Expr {}

  /** {@code DEFAULT}, only in {@code SET ... = DEFAULT}. */
  record Default() implements Expr {}

  /** A placeholder {@code $index}, 1-based. */
  record Placeholder(int index) implements Expr {
    public Placeholder {
      if (index < 1) {
        throw new IllegalArgumentException("placeholder index starts at 1, got " + index);
      }
    }
  }

  /** A column reference, optionally qualified by a table name or alias ({@code null} if not). */
  record ColumnRef(String table, String column) implements Expr {
    public ColumnRef {
      Objects.requireNonNull(column, "column");
    }
  }

  /**
   * A function call. {@code name} is lower case and qualified as written
   * ({@code crdb_internal.release_series}); {@code star} is true for {@code count(*)}.
   * {@code current_timestamp} written without parentheses is a call with no arguments.
   */
  record FunctionCall(String name, List<Expr> args, boolean star) implements Expr {
    public FunctionCall {
      Objects.requireNonNull(name, "name");
      args = List.copyOf(args);
    }
  }

  /** {@code target->key} ({@code asText} false) or {@code target->>key} ({@code asText} true). */
  record JsonAccess(Expr target, Expr key, boolean asText) implements Expr {
    public JsonAccess {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(key, "key");
    }
  }

  /** {@code operand::type}. */
  record Cast(Expr operand, SqlType type) implements Expr {
    public Cast {
      Objects.requireNonNull(operand, "operand");
      Objects.requireNonNull(type, "type");
    }
  }
}
