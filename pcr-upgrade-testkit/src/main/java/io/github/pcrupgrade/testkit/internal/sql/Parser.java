package io.github.pcrupgrade.testkit.internal.sql;

import io.github.pcrupgrade.testkit.internal.sql.Expr.ColumnRef;
import io.github.pcrupgrade.testkit.internal.sql.Statement.AlterAction;
import io.github.pcrupgrade.testkit.internal.sql.Statement.Equality;
import io.github.pcrupgrade.testkit.internal.sql.Statement.Join;
import io.github.pcrupgrade.testkit.internal.sql.Statement.SelectItem;
import io.github.pcrupgrade.testkit.internal.sql.Statement.ShowOption;
import io.github.pcrupgrade.testkit.internal.sql.Statement.SimpleAlter;
import io.github.pcrupgrade.testkit.internal.sql.Statement.TableRef;
import io.github.pcrupgrade.testkit.internal.sql.Statement.TransactionVerb;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recursive-descent parser for the supported SQL subset. {@link #parse} returns one {@link
 * ParsedStatement} per {@code ;}-separated statement, or throws {@link SqlSyntaxException}; it
 * never throws anything else. A statement that starts with a SQL statement keyword, lexes, has
 * balanced parentheses and does not end in the middle of an expression, but is not in the
 * subset, becomes {@link Statement.Unsupported}. Stateless and thread-safe.
 */
public final class Parser {

  /** First words of CockroachDB statements; other first words are syntax errors. */
  private static final Set<String> STATEMENT_KEYWORDS =
      Set.of(
          "abort", "alter", "analyze", "backup", "begin", "cancel", "check", "close", "comment",
          "commit", "copy", "create", "deallocate", "declare", "delete", "discard", "drop", "end",
          "execute", "explain", "export", "fetch", "grant", "import", "insert", "listen", "move",
          "pause", "prepare", "reassign", "refresh", "release", "reset", "restore", "resume",
          "revoke", "rollback", "savepoint", "scrub", "select", "set", "show", "start", "table",
          "truncate", "unlisten", "update", "upsert", "use", "values", "with", "notify");

  /** Words that end an expression list, so they are never taken as a bare column alias. */
  private static final Set<String> RESERVED =
      Set.of(
          "from", "where", "group", "order", "limit", "offset", "having", "union", "join", "left",
          "right", "inner", "outer", "on", "using", "and", "or", "not", "as", "with", "for",
          "into", "select", "window", "except", "intersect", "cross", "full", "natural");

  /** Words after SHOW that name a CockroachDB SHOW statement rather than a session variable. */
  private static final Set<String> SHOW_STATEMENTS =
      Set.of(
          "all", "backup", "backups", "changefeed", "columns", "constraints", "create",
          "databases", "default", "enums", "external", "full", "functions", "grants", "indexes",
          "index", "job", "jobs", "keys", "locality", "logical", "partitions", "queries", "range",
          "ranges", "regions", "roles", "savepoint", "schedules", "schemas", "sequences",
          "sessions", "statements", "statistics", "survival", "system", "tables", "trace",
          "transactions", "types", "users", "zone", "zones", "session", "transaction", "time",
          "last", "super", "stats", "histogram", "fingerprints", "experimental_fingerprints",
          "policies", "triggers", "commit", "tenant", "tenants", "virtual", "cluster");

  private final Lexer lexer = new Lexer();

  /** Parses {@code sql}; an empty text (only blanks, comments and {@code ;}) gives an empty list. */
  public List<ParsedStatement> parse(String sql) {
    List<Token> tokens = lexer.tokenize(sql);
    List<ParsedStatement> out = new ArrayList<>();
    int start = 0;
    for (int k = 0; k < tokens.size(); k++) {
      Token t = tokens.get(k);
      if (t.isOperator(";") || t.type() == TokenType.EOF) {
        if (k > start) {
          List<Token> slice = new ArrayList<>(tokens.subList(start, k));
          slice.add(new Token(TokenType.EOF, "", t.position(), t.position()));
          out.add(new Run(sql, slice).statement());
        }
        start = k + 1;
      }
    }
    return out;
  }

  /** A soft failure: the statement is not in the subset (unless the context makes it a syntax error). */
  private static final class Mismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Token at;

    Mismatch(Token at) {
      super(null, null, false, false);
      this.at = at;
    }
  }

  private static final class Run {
    private final String sql;
    private final List<Token> tokens;
    private int p;
    private int maxPlaceholder;

    Run(String sql, List<Token> tokens) {
      this.sql = sql;
      this.tokens = tokens;
    }

    ParsedStatement statement() {
      Token first = tokens.get(0);
      Token last = tokens.get(tokens.size() - 2);
      String text = sql.substring(first.position(), last.end());
      checkParentheses();
      if (first.type() != TokenType.IDENTIFIER || !STATEMENT_KEYWORDS.contains(first.value())) {
        throw syntax(first);
      }
      try {
        Statement s = parseStatement();
        if (peek().type() != TokenType.EOF) {
          throw new Mismatch(peek());
        }
        return new ParsedStatement(s, text, maxPlaceholder);
      } catch (Mismatch m) {
        if (m.at.type() == TokenType.EOF || endsInsideExpression(last)) {
          throw syntax(m.at);
        }
        return new ParsedStatement(new Statement.Unsupported(text), text, maxPlaceholder);
      }
    }

    private static boolean endsInsideExpression(Token last) {
      return last.type() == TokenType.OPERATOR && !last.isOperator(")") && !last.isOperator("*");
    }

    private void checkParentheses() {
      int depth = 0;
      for (Token t : tokens) {
        if (t.isOperator("(")) {
          depth++;
        } else if (t.isOperator(")")) {
          if (--depth < 0) {
            throw syntax(t);
          }
        }
      }
      if (depth != 0) {
        throw syntax(tokens.get(tokens.size() - 1));
      }
    }

    private SqlSyntaxException syntax(Token at) {
      String near = at.type() == TokenType.EOF ? "EOF" : sql.substring(at.position(), at.end());
      return new SqlSyntaxException(
          "at or near \"" + near + "\": syntax error", at.position(), sql);
    }

    // ---- token helpers

    private Token peek() {
      return tokens.get(p);
    }

    private Token peek(int ahead) {
      return tokens.get(Math.min(p + ahead, tokens.size() - 1));
    }

    private Token advance() {
      Token t = tokens.get(p);
      if (t.type() != TokenType.EOF) {
        p++;
      }
      return t;
    }

    private boolean accept(String keyword) {
      if (peek().isKeyword(keyword)) {
        p++;
        return true;
      }
      return false;
    }

    private boolean acceptOp(String op) {
      if (peek().isOperator(op)) {
        p++;
        return true;
      }
      return false;
    }

    private void expect(String keyword) {
      if (!accept(keyword)) {
        throw new Mismatch(peek());
      }
    }

    private void expectOp(String op) {
      if (!acceptOp(op)) {
        throw new Mismatch(peek());
      }
    }

    private boolean atEnd() {
      return peek().type() == TokenType.EOF;
    }

    private String name() {
      Token t = peek();
      if (t.type() == TokenType.IDENTIFIER || t.type() == TokenType.QUOTED_IDENTIFIER) {
        p++;
        return t.value();
      }
      throw new Mismatch(t);
    }

    /** {@code a.b.c} joined with dots. */
    private String dottedName() {
      StringBuilder b = new StringBuilder(name());
      while (acceptOp(".")) {
        b.append('.').append(name());
      }
      return b.toString();
    }

    // ---- statements

    private Statement parseStatement() {
      Token first = advance();
      return switch (first.value()) {
        case "show" -> show();
        case "set" -> set();
        case "reset" -> reset();
        case "alter" -> alter();
        case "drop" -> drop();
        case "select" -> select();
        case "begin" -> begin();
        case "start" -> {
          expect("transaction");
          yield begin();
        }
        case "commit", "end" -> endTransaction(TransactionVerb.COMMIT);
        case "rollback", "abort" -> endTransaction(TransactionVerb.ROLLBACK);
        default -> throw new Mismatch(first);
      };
    }

    private Statement begin() {
      accept("transaction");
      accept("work");
      while (!atEnd()) {
        if (accept("isolation")) {
          expect("level");
          if (accept("read")) {
            if (!accept("committed") && !accept("uncommitted")) {
              throw new Mismatch(peek());
            }
          } else if (accept("repeatable")) {
            expect("read");
          } else if (!accept("serializable") && !accept("snapshot")) {
            throw new Mismatch(peek());
          }
        } else if (accept("read")) {
          if (!accept("only") && !accept("write")) {
            throw new Mismatch(peek());
          }
        } else if (!acceptOp(",")) {
          throw new Mismatch(peek());
        }
      }
      return new Statement.TransactionControl(TransactionVerb.BEGIN);
    }

    private Statement endTransaction(TransactionVerb verb) {
      if (!accept("transaction")) {
        accept("work");
      }
      return new Statement.TransactionControl(verb);
    }

    private boolean acceptVirtualCluster() {
      if (accept("tenant")) {
        return true;
      }
      if (peek().isKeyword("virtual") && peek(1).isKeyword("cluster")) {
        p += 2;
        return true;
      }
      return false;
    }

    private boolean acceptVirtualClusters() {
      if (accept("tenants")) {
        return true;
      }
      if (peek().isKeyword("virtual") && peek(1).isKeyword("clusters")) {
        p += 2;
        return true;
      }
      return false;
    }

    /** A virtual cluster spec: identifier, string literal, placeholder, or {@code [ ... ]} of those. */
    private Expr vcName() {
      if (acceptOp("[")) {
        Expr e = vcName();
        expectOp("]");
        return e;
      }
      Token t = peek();
      switch (t.type()) {
        case IDENTIFIER, QUOTED_IDENTIFIER, STRING -> {
          p++;
          return new Expr.StringLiteral(t.value());
        }
        case PLACEHOLDER -> {
          return placeholder();
        }
        default -> throw new Mismatch(t);
      }
    }

    private Expr placeholder() {
      Token t = advance();
      int index = Integer.parseInt(t.value());
      if (index < 1) {
        throw syntax(t);
      }
      maxPlaceholder = Math.max(maxPlaceholder, index);
      return new Expr.Placeholder(index);
    }

    private Statement show() {
      if (peek().isKeyword("cluster") && peek(1).isKeyword("setting")) {
        p += 2;
        return new Statement.ShowClusterSetting(dottedName());
      }
      if (acceptVirtualClusters()) {
        return new Statement.ShowVirtualClusters(Optional.empty(), showOptions());
      }
      if (acceptVirtualCluster()) {
        Expr name = vcName();
        return new Statement.ShowVirtualClusters(Optional.of(name), showOptions());
      }
      if (peek().isKeyword("transaction")
          && peek(1).isKeyword("isolation")
          && peek(2).isKeyword("level")) {
        p += 3;
        return new Statement.ShowVariable("transaction_isolation");
      }
      if (peek().isKeyword("time") && peek(1).isKeyword("zone")) {
        p += 2;
        return new Statement.ShowVariable("timezone");
      }
      if (peek().isKeyword("system") && peek(1).isKeyword("grants")) {
        p += 2;
        return new Statement.ShowSystemGrants(forNames());
      }
      if (peek().isKeyword("grants") && peek(1).isKeyword("on") && peek(2).isKeyword("role")
          && (peek(3).isKeyword("for") || peek(3).type() == TokenType.EOF)) {
        p += 3;
        return new Statement.ShowRoleGrants(forNames());
      }
      if (peek().isKeyword("jobs") && peek(1).type() == TokenType.EOF) {
        p++;
        return new Statement.ShowJobs();
      }
      Token t = peek();
      if (t.type() == TokenType.IDENTIFIER && SHOW_STATEMENTS.contains(t.value())) {
        throw new Mismatch(t);
      }
      return new Statement.ShowVariable(dottedName());
    }

    /** {@code [FOR <name>[, <name>...]]}, at the end of the statement. */
    private List<String> forNames() {
      List<String> names = new ArrayList<>();
      if (accept("for")) {
        do {
          names.add(name());
        } while (acceptOp(","));
      }
      if (peek().type() != TokenType.EOF) {
        throw new Mismatch(peek());
      }
      return names;
    }

    private Set<ShowOption> showOptions() {
      Set<ShowOption> options = EnumSet.noneOf(ShowOption.class);
      if (!accept("with")) {
        return options;
      }
      do {
        if (accept("replication")) {
          expect("status");
          options.add(ShowOption.REPLICATION_STATUS);
        } else if (accept("capabilities")) {
          options.add(ShowOption.CAPABILITIES);
        } else if (accept("prior")) {
          expect("replication");
          expect("details");
          options.add(ShowOption.PRIOR_REPLICATION_DETAILS);
        } else {
          throw new Mismatch(peek());
        }
      } while (acceptOp(","));
      return options;
    }

    private Statement set() {
      if (peek().isKeyword("cluster") && peek(1).isKeyword("setting")) {
        p += 2;
        String name = dottedName();
        toOrEquals();
        Expr value = accept("default") ? new Expr.Default() : expr();
        return new Statement.SetClusterSetting(name, value);
      }
      accept("session");
      if (peek().isKeyword("time") && peek(1).isKeyword("zone")) {
        p += 2;
        return new Statement.SetVariable("timezone", List.of(setValue()));
      }
      if (peek().isKeyword("characteristics") || peek().isKeyword("transaction")
          || peek().isKeyword("local") || peek().isKeyword("tracing")) {
        throw new Mismatch(peek());
      }
      String name = dottedName();
      toOrEquals();
      List<Expr> values = new ArrayList<>();
      do {
        values.add(setValue());
      } while (acceptOp(","));
      return new Statement.SetVariable(name, values);
    }

    private void toOrEquals() {
      if (!accept("to")) {
        expectOp("=");
      }
    }

    /** A session variable value: DEFAULT, a bare word (taken as a string), or an expression. */
    private Expr setValue() {
      if (accept("default")) {
        return new Expr.Default();
      }
      Token t = peek();
      boolean bareWord =
          (t.type() == TokenType.IDENTIFIER && !t.isKeyword("true") && !t.isKeyword("false")
                  && !t.isKeyword("null"))
              || t.type() == TokenType.QUOTED_IDENTIFIER;
      if (bareWord && !peek(1).isOperator("(") && !peek(1).isOperator(".")) {
        p++;
        return new Expr.StringLiteral(t.value());
      }
      return expr();
    }

    private Statement reset() {
      if (peek().isKeyword("cluster") && peek(1).isKeyword("setting")) {
        p += 2;
        return new Statement.ResetClusterSetting(dottedName());
      }
      if (peek().isKeyword("all")) {
        throw new Mismatch(peek());
      }
      return new Statement.ResetVariable(dottedName());
    }

    private Statement alter() {
      if (!acceptVirtualCluster()) {
        throw new Mismatch(peek());
      }
      Expr name = vcName();
      AlterAction action;
      if (accept("stop")) {
        expect("service");
        action = SimpleAlter.STOP_SERVICE;
      } else if (accept("start")) {
        if (accept("service")) {
          expect("shared");
          action = SimpleAlter.START_SERVICE_SHARED;
        } else {
          expect("replication");
          expect("of");
          Expr source = vcName();
          expect("on");
          Expr uri = stringOrPlaceholder();
          boolean withReader = false;
          if (accept("with")) {
            expect("read");
            expect("virtual");
            expect("cluster");
            withReader = true;
          }
          action = new Statement.StartReplication(source, uri, withReader);
        }
      } else if (accept("set")) {
        expect("replication");
        expect("read");
        expect("virtual");
        expect("cluster");
        action = SimpleAlter.SET_REPLICATION_READ_VIRTUAL_CLUSTER;
      } else if (accept("complete")) {
        expect("replication");
        expect("to");
        expect("latest");
        action = SimpleAlter.COMPLETE_REPLICATION_TO_LATEST;
      } else if (accept("pause")) {
        expect("replication");
        action = SimpleAlter.PAUSE_REPLICATION;
      } else if (accept("resume")) {
        expect("replication");
        action = SimpleAlter.RESUME_REPLICATION;
      } else {
        throw new Mismatch(peek());
      }
      return new Statement.AlterVirtualCluster(name, action);
    }

    private Expr stringOrPlaceholder() {
      Token t = peek();
      if (t.type() == TokenType.STRING) {
        p++;
        return new Expr.StringLiteral(t.value());
      }
      if (t.type() == TokenType.PLACEHOLDER) {
        return placeholder();
      }
      throw new Mismatch(t);
    }

    private Statement drop() {
      if (!acceptVirtualCluster()) {
        throw new Mismatch(peek());
      }
      boolean ifExists = false;
      if (peek().isKeyword("if") && peek(1).isKeyword("exists")) {
        p += 2;
        ifExists = true;
      }
      Expr name = vcName();
      boolean immediate = accept("immediate");
      return new Statement.DropVirtualCluster(name, ifExists, immediate);
    }

    // ---- SELECT

    private Statement select() {
      List<SelectItem> items = new ArrayList<>();
      do {
        items.add(selectItem());
      } while (acceptOp(","));
      Optional<TableRef> from = Optional.empty();
      Optional<Join> join = Optional.empty();
      List<Equality> where = new ArrayList<>();
      List<ColumnRef> groupBy = new ArrayList<>();
      if (accept("from")) {
        from = Optional.of(tableRef());
        if (accept("left")) {
          accept("outer");
          expect("join");
          TableRef right = tableRef();
          expect("using");
          expectOp("(");
          List<String> using = new ArrayList<>();
          do {
            using.add(name());
          } while (acceptOp(","));
          expectOp(")");
          join = Optional.of(new Join(right, using));
        }
      }
      if (accept("where")) {
        do {
          Expr left = expr();
          expectOp("=");
          where.add(new Equality(left, expr()));
        } while (accept("and"));
      }
      if (peek().isKeyword("group") && peek(1).isKeyword("by")) {
        p += 2;
        do {
          groupBy.add(columnRef());
        } while (acceptOp(","));
      }
      return new Statement.Select(items, from, join, where, groupBy);
    }

    private SelectItem selectItem() {
      if (acceptOp("*")) {
        return new SelectItem(null, Optional.empty());
      }
      Expr e = expr();
      if (accept("as")) {
        return new SelectItem(e, Optional.of(name()));
      }
      Token t = peek();
      if ((t.type() == TokenType.IDENTIFIER && !RESERVED.contains(t.value()))
          || t.type() == TokenType.QUOTED_IDENTIFIER) {
        p++;
        return new SelectItem(e, Optional.of(t.value()));
      }
      return new SelectItem(e, Optional.empty());
    }

    private TableRef tableRef() {
      String name = dottedName();
      Optional<String> alias = Optional.empty();
      if (accept("as")) {
        alias = Optional.of(name());
      } else if ((peek().type() == TokenType.IDENTIFIER && !RESERVED.contains(peek().value()))
          || peek().type() == TokenType.QUOTED_IDENTIFIER) {
        alias = Optional.of(name());
      }
      return new TableRef(name, alias);
    }

    private ColumnRef columnRef() {
      String first = name();
      if (acceptOp(".")) {
        return new ColumnRef(first, name());
      }
      return new ColumnRef(null, first);
    }

    // ---- expressions

    private Expr expr() {
      Expr e = unary();
      while (true) {
        if (acceptOp("->>")) {
          e = new Expr.JsonAccess(e, unary(), true);
        } else if (acceptOp("->")) {
          e = new Expr.JsonAccess(e, unary(), false);
        } else {
          return e;
        }
      }
    }

    private Expr unary() {
      if (peek().isOperator("-") && peek(1).type() == TokenType.NUMBER) {
        p++;
        Expr e = postfix(new Expr.NumberLiteral("-" + advance().value()));
        return e;
      }
      return postfix(primary());
    }

    private Expr postfix(Expr e) {
      while (acceptOp("::")) {
        Token t = peek();
        String typeName = name();
        e = new Expr.Cast(e, SqlType.byName(typeName).orElseThrow(() -> new Mismatch(t)));
      }
      return e;
    }

    private Expr primary() {
      Token t = peek();
      switch (t.type()) {
        case NUMBER -> {
          p++;
          return new Expr.NumberLiteral(t.value());
        }
        case STRING -> {
          p++;
          return new Expr.StringLiteral(t.value());
        }
        case PLACEHOLDER -> {
          return placeholder();
        }
        case OPERATOR -> {
          if (acceptOp("(")) {
            Expr e = expr();
            expectOp(")");
            return e;
          }
          throw new Mismatch(t);
        }
        case IDENTIFIER, QUOTED_IDENTIFIER -> {
          return nameExpression();
        }
        default -> throw new Mismatch(t);
      }
    }

    private Expr nameExpression() {
      Token t = peek();
      if (t.type() == TokenType.IDENTIFIER) {
        switch (t.value()) {
          case "true" -> {
            p++;
            return new Expr.BoolLiteral(true);
          }
          case "false" -> {
            p++;
            return new Expr.BoolLiteral(false);
          }
          case "null" -> {
            p++;
            return new Expr.NullLiteral();
          }
          case "current_timestamp" -> {
            if (!peek(1).isOperator("(")) {
              p++;
              return new Expr.FunctionCall("current_timestamp", List.of(), false);
            }
          }
          default -> {
            if (RESERVED.contains(t.value())) {
              throw new Mismatch(t);
            }
          }
        }
      }
      List<String> parts = new ArrayList<>();
      parts.add(name());
      while (acceptOp(".")) {
        parts.add(name());
      }
      if (acceptOp("(")) {
        String fn = String.join(".", parts);
        if (acceptOp("*")) {
          expectOp(")");
          return new Expr.FunctionCall(fn, List.of(), true);
        }
        List<Expr> args = new ArrayList<>();
        if (!acceptOp(")")) {
          do {
            args.add(expr());
          } while (acceptOp(","));
          expectOp(")");
        }
        return new Expr.FunctionCall(fn, args, false);
      }
      if (parts.size() == 1) {
        return new ColumnRef(null, parts.get(0));
      }
      if (parts.size() == 2) {
        return new ColumnRef(parts.get(0), parts.get(1));
      }
      throw new Mismatch(t);
    }
  }
}
