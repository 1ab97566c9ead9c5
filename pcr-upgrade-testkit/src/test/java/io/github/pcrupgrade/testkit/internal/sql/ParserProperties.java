package io.github.pcrupgrade.testkit.internal.sql;

import static io.github.pcrupgrade.testsupport.Gens.anyString;
import static io.github.pcrupgrade.testsupport.Gens.pick;
import static io.github.pcrupgrade.testsupport.Gens.withEdgeCases;
import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class ParserProperties {

  private final Parser parser = new Parser();
  private final Lexer lexer = new Lexer();

  static final List<String> SUPPORTED = List.of(
      "SHOW CLUSTER SETTING cluster.auto_upgrade.enabled",
      "SHOW CLUSTER SETTING version",
      "SET CLUSTER SETTING version = '25.4'",
      "SET CLUSTER SETTING cluster.auto_upgrade.enabled TO false",
      "SET CLUSTER SETTING cluster.preserve_downgrade_option = $1",
      "SET CLUSTER SETTING cluster.auto_upgrade.enabled = DEFAULT",
      "SET CLUSTER SETTING version = crdb_internal.node_executable_version()",
      "RESET CLUSTER SETTING cluster.preserve_downgrade_option",
      "SHOW VIRTUAL CLUSTERS",
      "SHOW TENANTS",
      "SHOW VIRTUAL CLUSTER main WITH REPLICATION STATUS",
      "SHOW TENANT $1 WITH REPLICATION STATUS",
      "SHOW VIRTUAL CLUSTERS WITH CAPABILITIES",
      "ALTER VIRTUAL CLUSTER main STOP SERVICE",
      "ALTER TENANT main START SERVICE SHARED",
      "ALTER VIRTUAL CLUSTER main SET REPLICATION READ VIRTUAL CLUSTER",
      "ALTER VIRTUAL CLUSTER main COMPLETE REPLICATION TO LATEST",
      "ALTER VIRTUAL CLUSTER main PAUSE REPLICATION",
      "ALTER VIRTUAL CLUSTER main RESUME REPLICATION",
      "ALTER VIRTUAL CLUSTER main START REPLICATION OF main ON 'postgresql://x' "
          + "WITH READ VIRTUAL CLUSTER",
      "DROP VIRTUAL CLUSTER IF EXISTS \"main-readonly\" IMMEDIATE",
      "DROP TENANT main",
      "SET allow_unsafe_internals = on",
      "SET SESSION application_name TO 'x'",
      "SHOW allow_unsafe_internals",
      "SHOW TRANSACTION ISOLATION LEVEL",
      "BEGIN",
      "COMMIT",
      "ROLLBACK",
      "SELECT 1",
      "SELECT sum((metrics->>'ranges.underreplicated')::DECIMAL)::INT AS under FROM "
          + "crdb_internal.kv_store_status GROUP BY node_id",
      "SELECT node_id AS id, ifnull(is_live, false) FROM crdb_internal.gossip_liveness "
          + "LEFT JOIN crdb_internal.gossip_nodes USING (node_id) WHERE node_id = $1",
      "SELECT crdb_internal.release_series(crdb_internal.node_executable_version()), now(), "
          + "current_timestamp, cluster_logical_timestamp(), version(), count(*)");

  @Test
  void arbitraryTextEitherParsesOrIsATypedSyntaxError() {
    qt().forAll(anyString(0, 80)).checkAssert(this::parsesOrIsATypedSyntaxError);
  }

  private void parsesOrIsATypedSyntaxError(String sql) {
    try {
      parser.parse(sql);
    } catch (SqlSyntaxException expected) {
      assertThat(expected.position()).isBetween(0, sql.length());
      assertThat(expected.sourceMarker()).contains("^");
    }
  }

  private static Gen<String> sqlish() {
    Gen<String> words = pick("SELECT", "SHOW", "SET", "ALTER", "VIRTUAL",
        "CLUSTER", "(", ")", "'x'", "\"q\"", "$1", "::", "->>", ",", ";", "=", "1.5", "FROM",
        "crdb_internal.gossip_nodes", "WITH", "--c\n", "/*", "*/", "e'\\''", "GROUP", "BY", "*");
    return lists().of(words).ofSizeBetween(0, 12).map(l -> String.join(" ", l));
  }

  @Test
  void tokenSoupEitherParsesOrIsATypedSyntaxError() {
    qt().forAll(sqlish()).checkAssert(this::parsesOrIsATypedSyntaxError);
  }

  @Test
  void quotedIdentifiersRoundTrip() {
    qt().forAll(anyString(1, 30)).checkAssert(value -> {
      List<Token> tokens = lexer.tokenize(SqlText.quoteIdentifier(value));
      assertThat(tokens).hasSize(2);
      assertThat(tokens.get(0).type()).isEqualTo(TokenType.QUOTED_IDENTIFIER);
      assertThat(tokens.get(0).value()).isEqualTo(value);
    });
  }

  @Test
  void stringLiteralsRoundTrip() {
    qt().forAll(anyString(0, 30)).checkAssert(value -> {
      List<Token> tokens = lexer.tokenize(SqlText.quoteLiteral(value));
      assertThat(tokens).hasSize(2);
      assertThat(tokens.get(0).type()).isEqualTo(TokenType.STRING);
      assertThat(tokens.get(0).value()).isEqualTo(value);
    });
  }

  @Test
  void quotedVirtualClusterNamesReachTheAst() {
    qt().forAll(anyString(1, 30)).checkAssert(name -> {
      Statement st = parser.parse("DROP VIRTUAL CLUSTER " + SqlText.quoteIdentifier(name))
          .get(0).statement();
      assertThat(st).isEqualTo(
          new Statement.DropVirtualCluster(new Expr.StringLiteral(name), false, false));
    });
  }

  /** A supported statement (by its index) and the seed that scrambles it. */
  record Variant(int form, long seed) {
    @Override
    public String toString() {
      return "'" + SUPPORTED.get(form) + "' scrambled with seed " + seed + " to '"
          + scramble(SUPPORTED.get(form), seed) + "'";
    }
  }

  private static Gen<Variant> variants() {
    return integers().between(0, SUPPORTED.size() - 1).zip(
        withEdgeCases(longs().all(), 0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE), Variant::new);
  }

  /** Random keyword case and random blanks/comments between tokens, keeping literals intact. */
  static String scramble(String sql, long seed) {
    Random r = new Random(seed);
    List<Token> tokens = new Lexer().tokenize(sql);
    StringBuilder b = new StringBuilder();
    String[] blanks = {" ", "  ", "\t", "\n", " /* c */ ", " -- c\n"};
    for (Token t : tokens) {
      if (t.type() == TokenType.EOF) {
        break;
      }
      String text = sql.substring(t.position(), t.end());
      if (t.type() == TokenType.IDENTIFIER) {
        StringBuilder w = new StringBuilder();
        for (char ch : text.toCharArray()) {
          w.append(r.nextBoolean() ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
        }
        text = w.toString();
      }
      b.append(blanks[r.nextInt(blanks.length)]).append(text);
    }
    return b.append(r.nextBoolean() ? ";" : "").append(blanks[r.nextInt(2)]).toString();
  }

  @Test
  void caseAndBlankVariantsParseToTheSameAst() {
    qt().forAll(variants()).checkAssert(v -> {
      String original = SUPPORTED.get(v.form());
      String variant = scramble(original, v.seed());
      Statement scrambled = parser.parse(variant).get(0).statement();
      assertThat(scrambled).isEqualTo(parser.parse(original).get(0).statement());
    });
  }

  @Test
  void everySupportedFormParsesToATypedStatement() {
    // Every form, as jqwik did exhaustively: there are fewer forms than examples
    for (String sql : SUPPORTED) {
      parsesToATypedStatement(sql);
    }
  }

  private void parsesToATypedStatement(String sql) {
    List<ParsedStatement> parsed = parser.parse(sql);
    assertThat(parsed).hasSize(1);
    assertThat(parsed.get(0).text()).as(sql).isEqualTo(sql);
    boolean unsupportedByDesign = sql.contains("CAPABILITIES");
    assertThat(parsed.get(0).statement() instanceof Statement.Unsupported).as(sql).isFalse();
    assertThat(unsupportedByDesign || !sql.toLowerCase(Locale.ROOT).isEmpty()).isTrue();
  }
}
