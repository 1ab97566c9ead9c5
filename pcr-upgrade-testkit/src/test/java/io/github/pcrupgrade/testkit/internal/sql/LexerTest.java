package io.github.pcrupgrade.testkit.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {

  @Test
  void nonAsciiDigitsAreASyntaxErrorNotAnEndlessLoop() {
    // Regression: a Unicode digit looked like a number start but was never consumed.
    assertThatThrownBy(() -> new Lexer().tokenize("SELECT \u0663"))
        .isInstanceOf(SqlSyntaxException.class);
  }

  @Test
  void foldsUnquotedIdentifiersAndKeepsQuotedOnes() {
    List<Token> t = new Lexer().tokenize("SeLeCt \"Mixed\"\"Q\" e'a\\nb' $12 ->> :: 1.5e3");
    assertThat(t).extracting(Token::type).containsExactly(TokenType.IDENTIFIER,
        TokenType.QUOTED_IDENTIFIER, TokenType.STRING, TokenType.PLACEHOLDER, TokenType.OPERATOR,
        TokenType.OPERATOR, TokenType.NUMBER, TokenType.EOF);
    assertThat(t).extracting(Token::value).containsExactly("select", "Mixed\"Q", "a\nb", "12",
        "->>", "::", "1.5e3", "");
  }

  @Test
  void unsupportedStatementsAreTypedAndSyntaxErrorsSayWhere() {
    Parser p = new Parser();
    assertThat(p.parse("SHOW SCHEDULES").get(0).statement())
        .isEqualTo(new Statement.Unsupported("SHOW SCHEDULES"));
    assertThat(p.parse("SHOW JOBS").get(0).statement()).isEqualTo(new Statement.ShowJobs());
    assertThatThrownBy(() -> p.parse("SELECT 1 FROM"))
        .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("at or near \"EOF\": syntax error");
          assertThat(e.position()).isEqualTo(13);
        });
  }
}
