package io.github.pcrupgrade.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;

/** Feeds a parser any input: it returns a value or throws a VersionFormatException, nothing else. */
final class ParserFuzzing {

  private ParserFuzzing() {}

  static void onlyVersionFormatException(Function<String, ?> parser, String input) {
    try {
      Object parsed = parser.apply(input);
      assertThat(parsed).isNotNull();
    } catch (Throwable t) {
      assertThat(t).as("parsing %s", input).isExactlyInstanceOf(VersionFormatException.class);
      assertThat(((VersionFormatException) t).input()).isEqualTo(input);
    }
  }
}
