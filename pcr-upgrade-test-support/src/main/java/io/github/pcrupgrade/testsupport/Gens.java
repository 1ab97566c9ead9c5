package io.github.pcrupgrade.testsupport;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Building blocks for this module's QuickTheories generators.
 *
 * <p>QuickTheories skews towards the bounds of each range, but unlike jqwik it mixes in no other
 * edge cases (equal values, empty and one-element lists, special characters). The generators
 * here make those explicit: {@link #withEdgeCases}, {@link #anyString} and {@link #triples}.
 */
public final class Gens {

  /** Characters that break naive string handling: controls, blanks, surrogates, wide digits. */
  public static final List<Character> SPECIAL_CHARS = List.of(
      '\u0000', '\u0001', '\t', '\n', '\r', ' ', '\u007f', '\u0085', '\u00a0', '\u2028',
      '\u0663', '\uff13', '\ud800', '\udbff', '\udc00', '\ufeff', '\ufffe', '\uffff',
      '"', '\'', '\\', '%', '@', '/', ':', '?', '#', '=', '&', ';', '-', '.');

  /** Edge cases come up in about one example in this many. */
  private static final int EDGE_ONE_IN = 8;

  private Gens() {}

  /** Mostly {@code gen}, with the given edge cases mixed into about one example in eight. */
  @SafeVarargs
  public static <T> Gen<T> withEdgeCases(Gen<T> gen, T... edgeCases) {
    return frequency(EDGE_ONE_IN - 1, gen, 1, Generate.pick(Arrays.asList(edgeCases)));
  }

  /** {@code a} with weight {@code wa}, {@code b} with weight {@code wb}. */
  public static <T> Gen<T> frequency(int wa, Gen<T> a, int wb, Gen<T> b) {
    return Generate.frequency(Pair.of(wa, a), Pair.of(wb, b));
  }

  /** Three generators by weight. */
  public static <T> Gen<T> frequency(int wa, Gen<T> a, int wb, Gen<T> b, int wc, Gen<T> c) {
    return Generate.frequency(Pair.of(wa, a), Pair.of(wb, b), Pair.of(wc, c));
  }

  /** Any of the values, equally likely. */
  @SafeVarargs
  public static <T> Gen<T> pick(T... values) {
    return Generate.pick(Arrays.asList(values));
  }

  /** Any char of the alphabet. */
  public static Gen<Character> charsOf(String alphabet) {
    List<Character> chars = new ArrayList<>();
    for (char c : alphabet.toCharArray()) {
      chars.add(c);
    }
    return Generate.pick(chars);
  }

  /** Any UTF-16 code unit (lone surrogates included), special characters made likely. */
  public static Gen<Character> anyChar() {
    return withEdgeCases(integers().between(0, Character.MAX_VALUE).map(i -> (char) i.intValue()),
        SPECIAL_CHARS.toArray(new Character[0]));
  }

  /**
   * Strings of {@code chars} with a length in [min, max]; the shortest lengths made likely.
   *
   * <p>Each drawn char carries a number that drops it when below 3 (3% of chars are dropped).
   * Shrinking moves that number to 0, so a failing string can shrink by losing any of its chars,
   * not only its last ones: QuickTheories shrinks a list by shortening it from the end.
   */
  public static Gen<String> strings(Gen<Character> chars, int min, int max) {
    Gen<Integer> lengths = withEdgeCases(integers().between(min, max),
        min, Math.min(min + 1, max));
    Gen<DroppableChar> element = integers().between(0, 99).zip(chars, DroppableChar::new);
    return lists().of(element).ofSizes(lengths).map(l -> join(l, min))
        .describedAs(Gens::literal);
  }

  /** A drawn char and the number that keeps it (3 or more) or drops it. */
  private record DroppableChar(int keep, char c) {}

  /** The kept chars, or the first {@code min} of all when fewer than {@code min} are kept. */
  private static String join(List<DroppableChar> chars, int min) {
    StringBuilder kept = new StringBuilder(chars.size());
    chars.stream().filter(d -> d.keep() >= 3).forEach(d -> kept.append(d.c()));
    if (kept.length() >= min) {
      return kept.toString();
    }
    StringBuilder first = new StringBuilder(min);
    chars.stream().limit(min).forEach(d -> first.append(d.c()));
    return first.toString();
  }

  /**
   * Any string of length in [min, max]: any code units, blank strings, special characters, one
   * special character alone (jqwik's string edge cases).
   */
  public static Gen<String> anyString(int min, int max) {
    Gen<String> blank = strings(pick(' ', '\t', '\n'), Math.max(min, 1), Math.max(min, 3))
        .map(s -> s.length() > max ? s.substring(0, max) : s);
    Gen<String> oneSpecial = pick(SPECIAL_CHARS.toArray(new Character[0]))
        .map(c -> String.valueOf(c).repeat(Math.max(min, 1)).substring(0, Math.max(min, 1)));
    Gen<String> edge = max == 0 ? Generate.constant("") : frequency(1, blank, 2, oneSpecial);
    return frequency(EDGE_ONE_IN - 1, strings(anyChar(), min, max), 1, edge)
        .describedAs(Gens::literal);
  }

  /**
   * {@code s} as a Java string literal, so that a failure report shows control characters,
   * surrogates and blanks as escapes instead of printing them raw, with the length.
   */
  public static String literal(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        b.append(c);
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
    }
    return b.append('"').append(" (length ").append(s.length()).append(')').toString();
  }

  /** Three values of {@code gen}, often equal: b a copy of a, c a copy of a or b. */
  public static <T> Gen<List<T>> triples(Gen<T> gen, UnaryOperator<T> copy) {
    Gen<Integer> shape = integers().between(0, 9);
    return gen.zip(gen, gen, shape, (a, b, c, s) -> switch (s) {
      case 0 -> List.of(a, copy.apply(a), copy.apply(a));
      case 1 -> List.of(a, copy.apply(a), c);
      case 2 -> List.of(a, b, copy.apply(b));
      case 3 -> List.of(a, b, copy.apply(a));
      default -> List.of(a, b, c);
    });
  }

  /** Two values of {@code gen}, often equal: b a copy of a. */
  public static <T> Gen<List<T>> pairs(Gen<T> gen, UnaryOperator<T> copy) {
    return triples(gen, copy).map(t -> t.subList(0, 2));
  }
}
