package io.github.pcrupgrade.testkit.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL text into {@link Token}s. Unquoted identifiers fold to lower case; double-quoted
 * identifiers keep their case ({@code ""} escapes a quote); string literals use {@code ''} escapes
 * ({@code e'...'} also understands backslash escapes); comments ({@code --} to end of line and
 * nestable {@code /* *}{@code /}) are skipped. Anything else raises {@link SqlSyntaxException}.
 * Stateless and thread-safe.
 */
public final class Lexer {

  private static final String SINGLE_CHAR_OPERATORS = "=()*,.;+-/<>~!@#%^&|?[]{}:";

  /** Tokens of {@code sql}, always ending with one {@link TokenType#EOF} token. */
  public List<Token> tokenize(String sql) {
    return new Run(sql).all();
  }

  private static final class Run {
    private final String sql;
    private final List<Token> out = new ArrayList<>();
    private int i;

    Run(String sql) {
      this.sql = sql;
    }

    List<Token> all() {
      while (true) {
        skipBlanks();
        if (i >= sql.length()) {
          out.add(new Token(TokenType.EOF, "", sql.length(), sql.length()));
          return out;
        }
        out.add(next());
      }
    }

    private void skipBlanks() {
      while (i < sql.length()) {
        char c = sql.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (sql.startsWith("--", i)) {
          int nl = sql.indexOf('\n', i);
          i = nl < 0 ? sql.length() : nl + 1;
        } else if (sql.startsWith("/*", i)) {
          skipBlockComment();
        } else {
          return;
        }
      }
    }

    private void skipBlockComment() {
      int start = i;
      int depth = 0;
      while (i < sql.length()) {
        if (sql.startsWith("/*", i)) {
          depth++;
          i += 2;
        } else if (sql.startsWith("*/", i)) {
          depth--;
          i += 2;
          if (depth == 0) {
            return;
          }
        } else {
          i++;
        }
      }
      throw error(start, "unterminated comment");
    }

    private Token next() {
      int start = i;
      char c = sql.charAt(i);
      if ((c == 'e' || c == 'E') && i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
        i++;
        return string(start, true);
      }
      if (Character.isLetter(c) || c == '_') {
        while (i < sql.length() && isIdentPart(sql.charAt(i))) {
          i++;
        }
        return token(
            TokenType.IDENTIFIER, sql.substring(start, i).toLowerCase(Locale.ROOT), start);
      }
      if (c == '"') {
        return quotedIdentifier(start);
      }
      if (c == '\'') {
        return string(start, false);
      }
      if (isDigit(i) || (c == '.' && i + 1 < sql.length() && isDigit(i + 1))) {
        return number(start);
      }
      if (c == '$') {
        i++;
        while (i < sql.length() && isDigit(i)) {
          i++;
        }
        if (i == start + 1 || i - start > 6) {
          throw error(start, "invalid placeholder");
        }
        return token(TokenType.PLACEHOLDER, sql.substring(start + 1, i), start);
      }
      for (String op : new String[] {"->>", "->", "::", "<=", ">=", "<>", "!=", "||"}) {
        if (sql.startsWith(op, i)) {
          i += op.length();
          return token(TokenType.OPERATOR, op, start);
        }
      }
      if (SINGLE_CHAR_OPERATORS.indexOf(c) >= 0) {
        i++;
        return token(TokenType.OPERATOR, String.valueOf(c), start);
      }
      throw error(start, "invalid character");
    }

    private boolean isDigit(int at) {
      char c = sql.charAt(at);
      return c >= '0' && c <= '9';
    }

    private static boolean isIdentPart(char c) {
      return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private Token quotedIdentifier(int start) {
      StringBuilder b = new StringBuilder();
      i++;
      while (true) {
        if (i >= sql.length()) {
          throw error(start, "unterminated quoted identifier");
        }
        char c = sql.charAt(i++);
        if (c == '"') {
          if (i < sql.length() && sql.charAt(i) == '"') {
            b.append('"');
            i++;
          } else {
            break;
          }
        } else {
          b.append(c);
        }
      }
      if (b.length() == 0) {
        throw error(start, "zero-length delimited identifier");
      }
      return token(TokenType.QUOTED_IDENTIFIER, b.toString(), start);
    }

    private Token string(int start, boolean escapes) {
      StringBuilder b = new StringBuilder();
      i++;
      while (true) {
        if (i >= sql.length()) {
          throw error(start, "unterminated string");
        }
        char c = sql.charAt(i++);
        if (c == '\'') {
          if (i < sql.length() && sql.charAt(i) == '\'') {
            b.append('\'');
            i++;
          } else {
            break;
          }
        } else if (c == '\\' && escapes) {
          if (i >= sql.length()) {
            throw error(start, "unterminated string");
          }
          char e = sql.charAt(i++);
          switch (e) {
            case 'n' -> b.append('\n');
            case 't' -> b.append('\t');
            case 'r' -> b.append('\r');
            case 'b' -> b.append('\b');
            case 'f' -> b.append('\f');
            default -> b.append(e);
          }
        } else {
          b.append(c);
        }
      }
      return token(TokenType.STRING, b.toString(), start);
    }

    private Token number(int start) {
      while (i < sql.length() && isDigit(i)) {
        i++;
      }
      if (i < sql.length() && sql.charAt(i) == '.' && !sql.startsWith("..", i)) {
        i++;
        while (i < sql.length() && isDigit(i)) {
          i++;
        }
      }
      if (i < sql.length() && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
        int mark = i;
        i++;
        if (i < sql.length() && (sql.charAt(i) == '+' || sql.charAt(i) == '-')) {
          i++;
        }
        if (i < sql.length() && isDigit(i)) {
          while (i < sql.length() && isDigit(i)) {
            i++;
          }
        } else {
          i = mark;
        }
      }
      if (i < sql.length() && (Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_')) {
        throw error(start, "trailing junk after numeric literal");
      }
      return token(TokenType.NUMBER, sql.substring(start, i), start);
    }

    private Token token(TokenType type, String value, int start) {
      return new Token(type, value, start, i);
    }

    private SqlSyntaxException error(int at, String detail) {
      int end = Math.min(sql.length(), at + 20);
      String near = sql.substring(at, end);
      return new SqlSyntaxException(
          "at or near \"" + near + "\": syntax error: " + detail, at, sql);
    }
  }
}
