package io.github.pcrupgrade.journal.file;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The line format of the file journal: {@code <crc32 as 8 hex digits> <payload>\n}, where the
 * payload is tab-separated fields with backslash, tab, line feed and carriage return escaped
 * ({@code \\ \t \n \r}). The checksum covers the payload's UTF-8 bytes, so a line cut short or
 * damaged is recognised instead of being read as a different record.
 */
final class JournalLines {

  private JournalLines() {}

  /** One line, terminated by {@code \n}, as UTF-8 bytes. */
  static byte[] encode(List<String> fields) {
    StringBuilder payload = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        payload.append('\t');
      }
      escape(fields.get(i), payload);
    }
    byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
    String line = String.format("%08x ", crc(body)) + payload + "\n";
    return line.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The fields of one line (without its {@code \n}), or empty when the checksum does not match or
   * the line is not in the format.
   */
  static Optional<List<String>> decode(byte[] bytes, int from, int to) {
    if (to - from < 9 || bytes[from + 8] != ' ') {
      return Optional.empty();
    }
    long expected;
    try {
      expected = Long.parseLong(new String(bytes, from, 8, StandardCharsets.US_ASCII), 16);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, from + 9, to - from - 9);
    if (crc.getValue() != expected) {
      return Optional.empty();
    }
    String payload = new String(bytes, from + 9, to - from - 9, StandardCharsets.UTF_8);
    return unescapeFields(payload);
  }

  private static long crc(byte[] body) {
    CRC32 crc = new CRC32();
    crc.update(body);
    return crc.getValue();
  }

  private static void escape(String field, StringBuilder out) {
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
  }

  private static Optional<List<String>> unescapeFields(String payload) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    for (int i = 0; i < payload.length(); i++) {
      char c = payload.charAt(i);
      if (c == '\t') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\\') {
        if (++i == payload.length()) {
          return Optional.empty();
        }
        switch (payload.charAt(i)) {
          case '\\' -> field.append('\\');
          case 't' -> field.append('\t');
          case 'n' -> field.append('\n');
          case 'r' -> field.append('\r');
          default -> {
            return Optional.empty();
          }
        }
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return Optional.of(fields);
  }
}
