package io.github.pcrupgrade.testkit.internal.wire;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A JSONB value inside the wire layer: {@code value} is a {@code Map<String, ?>}, {@code List<?>},
 * {@code String}, {@code Number}, {@code Boolean} or null (JSON null).
 */
record Json(Object value) {

  /** The JSON text, keys in the map's iteration order (callers pass sorted maps). */
  String render() {
    StringBuilder b = new StringBuilder();
    write(b, value);
    return b.toString();
  }

  private static void write(StringBuilder b, Object v) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof Map<?, ?> m) {
      b.append('{');
      Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        string(b, String.valueOf(e.getKey()));
        b.append(": ");
        write(b, e.getValue());
        if (it.hasNext()) {
          b.append(", ");
        }
      }
      b.append('}');
    } else if (v instanceof List<?> l) {
      b.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          b.append(", ");
        }
        write(b, l.get(i));
      }
      b.append(']');
    } else if (v instanceof Number n) {
      b.append(number(n));
    } else if (v instanceof Boolean bool) {
      b.append(bool);
    } else {
      string(b, v.toString());
    }
  }

  /** A JSON number's text: integral doubles print without a fraction. */
  static String number(Number n) {
    if (n instanceof Double d && !d.isNaN() && !d.isInfinite() && d == Math.rint(d)
        && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return n.toString();
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
