package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The redrawn progress line: a carriage return, the text, blanks over a longer predecessor. */
class StatusLineTest {

  @Test
  void aShorterLineBlanksWhatRemainsOfTheLongerOne() {
    StringWriter out = new StringWriter();
    StatusLine line = new StatusLine(new PrintWriter(out));

    line.show("progress 1/4");
    line.show("ok");

    assertThat(out.toString()).isEqualTo("\rprogress 1/4" + "\rok" + " ".repeat(10));
  }

  @Test
  void clearingBlanksTheLineAndReturnsToItsStartOnlyWhenSomethingIsShown() {
    StringWriter out = new StringWriter();
    StatusLine line = new StatusLine(new PrintWriter(out));

    line.clear();
    line.show("abc");
    line.clear();
    line.clear();

    assertThat(out.toString()).isEqualTo("\rabc" + "\r   \r");
  }

  @Test
  void controlCharactersInTheTextAreEscapedSoOnlyItsOwnCarriageReturnReachesTheTerminal() {
    StringWriter out = new StringWriter();
    StatusLine line = new StatusLine(new PrintWriter(out));

    line.show("step \u001b[2J\rx\n");

    assertThat(out.toString()).startsWith("\r").doesNotContain("\u001b").doesNotContain("\n");
    assertThat(out.toString().substring(1)).doesNotContain("\r");
  }
}
