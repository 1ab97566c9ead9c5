package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Properties of what the command prints: escaped text, scrubbed secrets. */
class SafeOutputProperties {

  @Test
  void escapedTextHasNoControlCharacterAndPrintableTextIsKept() {
    qt().forAll(strings().betweenCodePoints(0, 0x3000).ofLengthBetween(0, 40))
        .checkAssert(s -> {
          String e = SafeText.escape(s);
          assertThat(e.chars()).noneMatch(SafeOutputProperties::isControl);
          if (s.chars().noneMatch(SafeOutputProperties::isControl)) {
            assertThat(e).isEqualTo(s);
          }
        });
  }

  @Test
  void theOutputWriterLetsOnlyLineFeedsAndTabsThrough() {
    qt().forAll(strings().betweenCodePoints(0, 0x3000).ofLengthBetween(0, 40))
        .checkAssert(s -> {
          StringWriter sink = new StringWriter();
          try (TerminalSafeWriter w = new TerminalSafeWriter(sink)) {
            w.write(s);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          assertThat(sink.toString().chars())
              .noneMatch(c -> c != '\n' && c != '\t' && isControl(c));
          assertThat(sink.toString().chars().filter(c -> c == '\n').count())
              .isEqualTo(s.chars().filter(c -> c == '\n').count());
        });
  }

  @Test
  void noPartOfAPasswordSurvivesScrubbingWhateverItHolds() {
    qt().forAll(strings().betweenCodePoints(0x21, 0x7e).ofLengthBetween(8, 20))
        .checkAssert(pw -> {
          String url = "postgresql://admin:" + pw + "@db.example:26257/defaultdb";
          Secrets secrets = Secrets.of(new String[] {"check", "--primary", url}, Map.of());
          String message = "cannot parse '" + url + "' (the part '" + pw + "')";

          String scrubbed = secrets.scrub(message);

          assertThat(scrubbed).doesNotContain(pw).contains("****");
        });
  }

  @Test
  void aPasswordVariableIsScrubbedAndAUserNameIsNot() {
    Secrets secrets = Secrets.of(new String[] {"--primary", "postgresql://root@h:26257/x"},
        Map.of("PCR_UPGRADE_PASSWORD", "hunter42", "HOME", "/home/me"));

    assertThat(secrets.scrub("user root, password hunter42, home /home/me"))
        .isEqualTo("user root, password ****, home /home/me");
  }

  private static boolean isControl(int c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
        || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
  }
}
