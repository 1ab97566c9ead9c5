package io.github.pcrupgrade.testsupport;

import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The edge cases jqwik mixed in by default come up in the Gens that replace it: without them a
 * property could pass while never seeing equal values, empty or blank strings or odd characters.
 */
class GensTest {

  @Test
  void anyStringYieldsTheEmptyStringBlanksAndEverySpecialCharacterAlone() {
    List<String> seen = new ArrayList<>();
    qt().forAll(Gens.anyString(0, 80)).checkAssert(seen::add);

    assertThat(seen).contains("").anyMatch(s -> !s.isEmpty() && s.isBlank())
        .anyMatch(s -> s.length() == 80)
        .anyMatch(s -> s.chars().anyMatch(c -> Character.isSurrogate((char) c)));
    assertThat(seen).anyMatch(s -> s.equals("\u0000")).anyMatch(s -> s.equals("\n"));
  }

  @Test
  void aNonEmptyAnyStringNeverYieldsTheEmptyString() {
    qt().forAll(Gens.anyString(1, 30)).checkAssert(s -> assertThat(s).hasSizeBetween(1, 30));
  }

  @Test
  void triplesOftenHoldEqualValuesThatAreDistinctObjects() {
    List<List<StringBuilder>> seen = new ArrayList<>();
    qt().forAll(Gens.triples(integers().between(0, Integer.MAX_VALUE).map(i -> new StringBuilder()
            .append(i)), b -> new StringBuilder(b))).checkAssert(seen::add);

    long allEqual = seen.stream().filter(t -> same(t.get(0), t.get(1)) && same(t.get(1), t.get(2)))
        .count();
    assertThat(allEqual).isGreaterThan(seen.size() / 20);
    assertThat(seen).allSatisfy(t -> assertThat(t.get(0)).isNotSameAs(t.get(1)));
  }

  @Test
  void aFailingStringShrinksToTheCharThatFailsItAndPrintsEscaped() {
    // Given a property that fails on any string with a double quote
    // When it runs, Then the report shows the quote alone, escaped, not a long string around it
    assertThatThrownBy(() -> qt().forAll(Gens.anyString(0, 80))
            .check(s -> s.indexOf('"') < 0))
        .hasMessageContaining("Smallest found falsifying value(s) :-" + System.lineSeparator()
            + "\"\\\"\" (length 1)");
  }

  @Test
  void literalEscapesControlCharactersQuotesAndSurrogates() {
    assertThat(Gens.literal("a\u0000\"\\\n\ud800")).isEqualTo(
        "\"a\\u0000\\\"\\\\\\u000a\\ud800\" (length 6)");
  }

  @Test
  void withEdgeCasesYieldsEachEdgeCase() {
    List<Integer> seen = new ArrayList<>();
    qt().forAll(Gens.withEdgeCases(integers().between(1_000, 2_000_000), 7, 13))
        .checkAssert(seen::add);

    assertThat(seen).contains(7, 13);
  }

  private static boolean same(StringBuilder a, StringBuilder b) {
    return a.toString().equals(b.toString());
  }
}
