package io.github.pcrupgrade.testkit.internal.wire;

import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.testkit.internal.sql.Expr;
import io.github.pcrupgrade.testkit.internal.sql.SqlType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Evaluates and types expressions against a row of a {@link Relation}; handles the aggregates
 * {@code sum} and {@code count} over a group. One per statement execution.
 */
final class Evaluator {

  /** Columns visible to expressions; a column may be reached through two qualifiers (USING). */
  record RelColumn(String qualifier, String altQualifier, String name, SqlType type) {}

  private final WireBackend backend;
  private final Session session;
  private final List<Object> params;
  private final List<Integer> paramOids;
  private final List<RelColumn> columns;
  private Instant statementTime;

  Evaluator(WireBackend backend, Session session, List<Object> params, List<Integer> paramOids,
      List<RelColumn> columns) {
    this.backend = backend;
    this.session = session;
    this.params = params;
    this.paramOids = paramOids;
    this.columns = columns;
  }

  // ---- typing and naming

  SqlType typeOf(Expr e) {
    if (e instanceof Expr.NumberLiteral n) {
      return isIntegral(n.digits()) ? SqlType.INT8 : SqlType.DECIMAL;
    } else if (e instanceof Expr.BoolLiteral) {
      return SqlType.BOOL;
    } else if (e instanceof Expr.Placeholder p) {
      return paramType(p.index());
    } else if (e instanceof Expr.ColumnRef c) {
      return columns.get(resolve(c)).type();
    } else if (e instanceof Expr.JsonAccess j) {
      return j.asText() ? SqlType.STRING : SqlType.JSONB;
    } else if (e instanceof Expr.Cast c) {
      return c.type();
    } else if (e instanceof Expr.FunctionCall f) {
      return functionType(f);
    }
    return SqlType.STRING; // string literal, NULL, DEFAULT
  }

  /** The column name CockroachDB gives an unaliased projection. */
  static String nameOf(Expr e) {
    if (e instanceof Expr.ColumnRef c) {
      return c.column();
    } else if (e instanceof Expr.FunctionCall f) {
      return f.name().substring(f.name().lastIndexOf('.') + 1);
    } else if (e instanceof Expr.Cast c) {
      return c.operand() instanceof Expr.ColumnRef
              || c.operand() instanceof Expr.FunctionCall
              || c.operand() instanceof Expr.Cast
          ? nameOf(c.operand())
          : c.type().sqlName().toLowerCase(java.util.Locale.ROOT);
    }
    return "?column?";
  }

  private static boolean isIntegral(String digits) {
    return digits.chars().allMatch(ch -> Character.isDigit(ch) || ch == '-');
  }

  private SqlType paramType(int index) {
    int oid = index <= paramOids.size() ? paramOids.get(index - 1) : 0;
    return switch (oid) {
      case PgCodec.OID_INT2, PgCodec.OID_INT4, PgCodec.OID_INT8 -> SqlType.INT8;
      case PgCodec.OID_BOOL -> SqlType.BOOL;
      case PgCodec.OID_FLOAT4, PgCodec.OID_FLOAT8 -> SqlType.FLOAT8;
      case PgCodec.OID_NUMERIC -> SqlType.DECIMAL;
      default -> SqlType.STRING;
    };
  }

  private SqlType functionType(Expr.FunctionCall f) {
    return switch (f.name()) {
      case "version", "crdb_internal.node_executable_version", "crdb_internal.release_series" ->
          SqlType.STRING;
      case "crdb_internal.cluster_id" -> SqlType.UUID;
      case "now", "current_timestamp" -> SqlType.TIMESTAMPTZ;
      case "cluster_logical_timestamp" -> SqlType.DECIMAL;
      case "count" -> SqlType.INT8;
      case "sum" -> f.args().size() == 1 && typeOf(f.args().get(0)) == SqlType.FLOAT8
          ? SqlType.FLOAT8
          : SqlType.DECIMAL;
      case "ifnull", "coalesce" -> f.args().isEmpty() ? SqlType.STRING : firstNonNullType(f.args());
      default -> throw unknownFunction(f);
    };
  }

  private SqlType firstNonNullType(List<Expr> args) {
    for (Expr a : args) {
      if (!(a instanceof Expr.NullLiteral)) {
        return typeOf(a);
      }
    }
    return SqlType.STRING;
  }

  static boolean containsAggregate(Expr e) {
    if (e instanceof Expr.FunctionCall f) {
      return isAggregate(f) || f.args().stream().anyMatch(Evaluator::containsAggregate);
    } else if (e instanceof Expr.Cast c) {
      return containsAggregate(c.operand());
    } else if (e instanceof Expr.JsonAccess j) {
      return containsAggregate(j.target()) || containsAggregate(j.key());
    }
    return false;
  }

  private static boolean isAggregate(Expr.FunctionCall f) {
    return f.name().equals("sum") || f.name().equals("count");
  }

  int resolve(Expr.ColumnRef ref) {
    int found = -1;
    for (int i = 0; i < columns.size(); i++) {
      RelColumn c = columns.get(i);
      boolean qualifierOk = ref.table() == null || ref.table().equals(c.qualifier())
          || ref.table().equals(c.altQualifier());
      if (c.name().equals(ref.column()) && qualifierOk) {
        if (found >= 0) {
          throw new WireSqlException("42702",
              "column reference \"" + ref.column() + "\" is ambiguous");
        }
        found = i;
      }
    }
    if (found < 0) {
      String shown = ref.table() == null ? ref.column() : ref.table() + "." + ref.column();
      throw new WireSqlException(SqlStates.UNDEFINED_COLUMN,
          "column \"" + shown + "\" does not exist");
    }
    return found;
  }

  // ---- evaluation

  /** Evaluates {@code e} on {@code row}; aggregates run over {@code group} (null outside GROUP BY). */
  Object eval(Expr e, List<Object> row, List<List<Object>> group) {
    if (e instanceof Expr.StringLiteral s) {
      return s.value();
    } else if (e instanceof Expr.NumberLiteral n) {
      return isIntegral(n.digits()) ? parseLongOrDecimal(n.digits()) : new BigDecimal(n.digits());
    } else if (e instanceof Expr.BoolLiteral b) {
      return b.value();
    } else if (e instanceof Expr.Placeholder p) {
      return param(p.index());
    } else if (e instanceof Expr.ColumnRef c) {
      int index = resolve(c);
      return row == null ? null : row.get(index);
    } else if (e instanceof Expr.Cast c) {
      return cast(eval(c.operand(), row, group), c.type());
    } else if (e instanceof Expr.JsonAccess j) {
      return json(eval(j.target(), row, group), eval(j.key(), row, group), j.asText());
    } else if (e instanceof Expr.FunctionCall f) {
      return call(f, row, group);
    }
    return null; // NULL, DEFAULT
  }

  private static Object parseLongOrDecimal(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException tooBig) {
      return new BigDecimal(digits);
    }
  }

  Object param(int index) {
    if (index > params.size()) {
      throw new WireSqlException(SqlStates.UNDEFINED_PARAMETER,
          "no value provided for placeholder: $" + index);
    }
    return params.get(index - 1);
  }

  private Object call(Expr.FunctionCall f, List<Object> row, List<List<Object>> group) {
    switch (f.name()) {
      case "count", "sum" -> {
        if (group == null) {
          throw new WireSqlException(SqlStates.GROUPING_ERROR,
              "aggregate functions are not allowed here");
        }
        return aggregate(f, group);
      }
      default -> { }
    }
    List<Object> args = f.args().stream().map(a -> eval(a, row, group)).toList();
    return switch (f.name()) {
      case "version" -> arity(f, 0, () -> session.info.buildString());
      case "crdb_internal.node_executable_version" ->
          arity(f, 0, () -> session.info.nodeExecutableVersion());
      case "crdb_internal.cluster_id" ->
          arity(f, 0, () -> backend.clusterId(session.virtualCluster));
      case "now", "current_timestamp" -> arity(f, 0, () -> PgCodec.micros(statementTime()));
      case "cluster_logical_timestamp" -> arity(f, 0, () -> PgCodec.hlc(statementTime()));
      case "crdb_internal.release_series" -> arity(f, 1, () -> releaseSeries(args.get(0)));
      case "ifnull", "coalesce" -> {
        if (f.name().equals("ifnull") && args.size() != 2) {
          throw unknownSignature(f);
        }
        yield args.stream().filter(a -> a != null).findFirst().orElse(null);
      }
      default -> throw unknownFunction(f);
    };
  }

  private Instant statementTime() {
    if (statementTime == null) {
      statementTime = backend.now();
    }
    return statementTime;
  }

  private Object arity(Expr.FunctionCall f, int n, java.util.function.Supplier<Object> body) {
    if (f.args().size() != n || f.star()) {
      throw unknownSignature(f);
    }
    return body.get();
  }

  private static Object releaseSeries(Object arg) {
    if (arg == null) {
      return null;
    }
    String text = arg.toString();
    try {
      ClusterVersion v = ClusterVersion.parse(text);
      return v.upgradingTo().orElse(v.base()).toString();
    } catch (PcrUpgradeException e) {
      throw new WireSqlException(SqlStates.INVALID_PARAMETER_VALUE,
          "invalid version \"" + text + "\"");
    }
  }

  private Object aggregate(Expr.FunctionCall f, List<List<Object>> group) {
    if (f.args().stream().anyMatch(Evaluator::containsAggregate)) {
      throw new WireSqlException(SqlStates.GROUPING_ERROR,
          "aggregate function calls cannot be nested");
    }
    if (f.name().equals("count")) {
      if (f.star()) {
        return (long) group.size();
      }
      if (f.args().size() != 1) {
        throw unknownSignature(f);
      }
      return group.stream().filter(r -> eval(f.args().get(0), r, null) != null).count();
    }
    if (f.args().size() != 1 || f.star()) {
      throw unknownSignature(f);
    }
    boolean floating = typeOf(f.args().get(0)) == SqlType.FLOAT8;
    BigDecimal sum = null;
    for (List<Object> r : group) {
      Object v = eval(f.args().get(0), r, null);
      if (v != null) {
        BigDecimal d = (BigDecimal) cast(v, SqlType.DECIMAL);
        sum = sum == null ? d : sum.add(d);
      }
    }
    if (sum == null) {
      return null;
    }
    return floating ? (Object) sum.doubleValue() : sum;
  }

  private static Object json(Object target, Object key, boolean asText) {
    if (target == null || key == null) {
      return null;
    }
    if (!(target instanceof Json j)) {
      throw new WireSqlException(SqlStates.UNDEFINED_FUNCTION,
          "unsupported binary operator: <" + typeName(target) + "> " + (asText ? "->>" : "->")
              + " <" + typeName(key) + ">");
    }
    Object v;
    if (j.value() instanceof Map<?, ?> m && key instanceof String k) {
      v = m.get(k);
    } else if (j.value() instanceof List<?> l && key instanceof Long idx) {
      v = idx >= 0 && idx < l.size() ? l.get(idx.intValue()) : null;
    } else {
      return null;
    }
    if (v == null) {
      return null;
    }
    if (!asText) {
      return new Json(v);
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Number n) {
      return Json.number(n);
    }
    return v instanceof Boolean ? v.toString() : new Json(v).render();
  }

  private static String typeName(Object v) {
    return v instanceof String ? "string" : v instanceof Long ? "int" : "unknown";
  }

  static Object cast(Object v, SqlType t) {
    if (v == null) {
      return null;
    }
    try {
      return switch (t) {
        case INT8 -> {
          if (v instanceof Long) {
            yield v;
          }
          if (v instanceof Boolean b) {
            yield b ? 1L : 0L;
          }
          yield toDecimal(v).setScale(0, RoundingMode.HALF_UP).longValueExact();
        }
        case DECIMAL -> toDecimal(v);
        case FLOAT8 -> v instanceof Double ? v : toDecimal(v).doubleValue();
        case STRING -> v instanceof String ? v
            : v instanceof Boolean b ? b.toString() : PgCodec.text(v);
        case BOOL -> v instanceof Boolean ? v
            : v instanceof Long l ? (Object) (l != 0) : PgCodec.parseBool(v.toString());
        default -> {
          if (t == SqlType.JSONB && v instanceof Json) {
            yield v;
          }
          if ((t == SqlType.TIMESTAMPTZ && v instanceof Instant)
              || (t == SqlType.UUID && v instanceof java.util.UUID)
              || (t == SqlType.INTERVAL && v instanceof java.time.Duration)
              || (t == SqlType.TIMESTAMP && v instanceof java.time.LocalDateTime)) {
            yield v;
          }
          throw new WireSqlException(SqlStates.FEATURE_NOT_SUPPORTED,
              "cast to " + t.sqlName() + " is not supported by the simulation");
        }
      };
    } catch (NumberFormatException | ArithmeticException e) {
      throw new WireSqlException(SqlStates.INVALID_TEXT_REPRESENTATION,
          "could not parse \"" + PgCodec.text(v) + "\" as type " + t.sqlName().toLowerCase(
              java.util.Locale.ROOT));
    }
  }

  private static BigDecimal toDecimal(Object v) {
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (v instanceof Long l) {
      return BigDecimal.valueOf(l);
    }
    if (v instanceof Double d) {
      return BigDecimal.valueOf(d);
    }
    if (v instanceof Json j && j.value() instanceof Number n) {
      return new BigDecimal(Json.number(n));
    }
    return new BigDecimal(v.toString().trim());
  }

  /** SQL equality for WHERE: numbers numerically, text against numbers by parsing; NULL never matches. */
  static boolean sqlEquals(Object a, Object b) {
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof Boolean || b instanceof Boolean) {
      try {
        return cast(a, SqlType.BOOL).equals(cast(b, SqlType.BOOL));
      } catch (WireSqlException e) {
        return false;
      }
    }
    boolean aNum = a instanceof Number;
    boolean bNum = b instanceof Number;
    if (aNum || bNum) {
      try {
        return toDecimal(a).compareTo(toDecimal(b)) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    if (a instanceof Json ja && b instanceof Json jb) {
      return ja.render().equals(jb.render());
    }
    return PgCodec.text(a).equals(PgCodec.text(b));
  }

  private static WireSqlException unknownFunction(Expr.FunctionCall f) {
    return new WireSqlException(SqlStates.UNDEFINED_FUNCTION,
        "unknown function: " + f.name() + "()");
  }

  private WireSqlException unknownSignature(Expr.FunctionCall f) {
    return new WireSqlException(SqlStates.UNDEFINED_FUNCTION,
        "unknown signature: " + f.name() + "(" + (f.star() ? "*" : String.join(", ",
            f.args().stream().map(a -> typeOf(a).sqlName().toLowerCase(java.util.Locale.ROOT))
                .toList())) + ")");
  }
}
