package io.github.pcrupgrade.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * The last guard on the command's output: every control character except the line feed and the
 * tab is written escaped (see {@link SafeText}), so no text that reached the output, whichever
 * path it took (a rendered plan quoting a state file, a server's error message), can move the
 * cursor, rewrite a line with a carriage return or send a terminal escape sequence. Line feeds
 * inside values are escaped where the values are read ({@link SafeText#escape}).
 */
final class TerminalSafeWriter extends FilterWriter {

  TerminalSafeWriter(Writer out) {
    super(out);
  }

  @Override
  public void write(int c) throws IOException {
    char ch = (char) c;
    if (ch == '\n' || ch == '\t') {
      out.write(c);
    } else {
      out.write(SafeText.escape(String.valueOf(ch)));
    }
  }

  @Override
  public void write(char[] cbuf, int off, int len) throws IOException {
    write(new String(cbuf, off, len), 0, len);
  }

  @Override
  public void write(String str, int off, int len) throws IOException {
    int start = off;
    int end = off + len;
    for (int i = off; i < end; i++) {
      char ch = str.charAt(i);
      if (ch != '\n' && ch != '\t' && !SafeText.escape(String.valueOf(ch)).equals(
          String.valueOf(ch))) {
        out.write(str, start, i - start);
        out.write(SafeText.escape(String.valueOf(ch)));
        start = i + 1;
      }
    }
    out.write(str, start, end - start);
  }
}
