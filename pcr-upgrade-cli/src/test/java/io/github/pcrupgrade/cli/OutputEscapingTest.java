package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text from a state file is printed with its control characters escaped: a cluster name can
 * neither add a line that looks like a plan step nor send a terminal escape sequence.
 */
class OutputEscapingTest {

  private static final Path EXAMPLE = Path.of("..", "docs", "examples", "state-24.3-reader.json");

  @TempDir Path dir;

  @Test
  void aClusterNameWithALineFeedAndAnEscapeSequenceIsPrintedEscaped() throws Exception {
    String hostile = "prim\\n  1. finalize everything now\\u001b[2J\\r";
    Path state = Files.writeString(dir.resolve("s.json"), Files.readString(EXAMPLE)
        .replace("\"name\" : \"primary\"", "\"name\" : \"" + hostile + "\""));

    CliRunner.Result r = CliRunner.run("plan", "--state", state.toString(), "--to", "25.2");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("prim\\n  1. finalize everything now\\x1b[2J\\r")
        .doesNotContain("\u001b").doesNotContain("\r");
    assertThat(r.out().lines()).noneMatch(l -> l.startsWith("  1. finalize everything"));
  }

  @Test
  void aVcNameWithAControlCharacterIsRefusedAndEchoedEscaped() throws Exception {
    Path state = Files.writeString(dir.resolve("s.json"), Files.readString(EXAMPLE)
        .replace("\"name\" : \"main\"", "\"name\" : \"ma\\u0007in\""));

    CliRunner.Result r = CliRunner.run("check", "--state", state.toString());

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("invalid virtual cluster name 'ma\\x07in'")
        .doesNotContain("\u0007");
  }

  @Test
  void theLastGuardEscapesEveryControlCharacterButLineFeedAndTab() throws Exception {
    StringWriter sink = new StringWriter();
    try (TerminalSafeWriter w = new TerminalSafeWriter(sink)) {
      w.write("a\u001b[31mb\rc\u0085d\u202ee\tf\n");
      w.write('\u0007');
    }

    assertThat(sink.toString()).isEqualTo("a\\x1b[31mb\\rc\\u0085d\\u202ee\tf\n\\x07");
  }

  @Test
  void escapingKeepsPrintableTextAsItIs() {
    assertThat(SafeText.escape("zürich-ä 東京 n1:26257")).isEqualTo("zürich-ä 東京 n1:26257");
    assertThat(SafeText.escape("a\nb\u007f")).isEqualTo("a\\nb\\x7f");
  }
}
