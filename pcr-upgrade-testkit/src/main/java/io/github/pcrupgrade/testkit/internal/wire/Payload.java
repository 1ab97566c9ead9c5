package io.github.pcrupgrade.testkit.internal.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads the body of one frontend message; every read past its end is a {@link ProtocolViolation}. */
final class Payload {
  private final ByteBuffer buf;

  Payload(byte[] body) {
    this.buf = ByteBuffer.wrap(body);
  }

  int int32() throws ProtocolViolation {
    need(4);
    return buf.getInt();
  }

  short int16() throws ProtocolViolation {
    need(2);
    return buf.getShort();
  }

  byte int8() throws ProtocolViolation {
    need(1);
    return buf.get();
  }

  byte[] bytes(int n) throws ProtocolViolation {
    if (n < 0) {
      throw new ProtocolViolation("invalid length " + n + " in message");
    }
    need(n);
    byte[] out = new byte[n];
    buf.get(out);
    return out;
  }

  String cstring() throws ProtocolViolation {
    int start = buf.position();
    for (int i = start; i < buf.limit(); i++) {
      if (buf.get(i) == 0) {
        String s = new String(buf.array(), start, i - start, StandardCharsets.UTF_8);
        buf.position(i + 1);
        return s;
      }
    }
    throw new ProtocolViolation("unterminated string in message");
  }

  /** Everything not read yet. */
  byte[] rest() {
    byte[] out = new byte[buf.remaining()];
    buf.get(out);
    return out;
  }

  boolean hasRemaining() {
    return buf.hasRemaining();
  }

  private void need(int n) throws ProtocolViolation {
    if (buf.remaining() < n) {
      throw new ProtocolViolation("message is truncated");
    }
  }
}
