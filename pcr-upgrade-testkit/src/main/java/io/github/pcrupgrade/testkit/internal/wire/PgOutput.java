package io.github.pcrupgrade.testkit.internal.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes backend messages to a buffered stream; {@link #flush()} sends them. */
final class PgOutput {
  private final OutputStream out;

  PgOutput(OutputStream out) {
    this.out = out;
  }

  /** Builder of one message body. */
  static final class Body {
    private final ByteArrayOutputStream b = new ByteArrayOutputStream();

    Body int32(int v) {
      b.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
      return this;
    }

    Body int16(int v) {
      b.writeBytes(ByteBuffer.allocate(2).putShort((short) v).array());
      return this;
    }

    Body int8(int v) {
      b.write(v);
      return this;
    }

    Body bytes(byte[] v) {
      b.writeBytes(v);
      return this;
    }

    Body cstring(String s) {
      b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      b.write(0);
      return this;
    }
  }

  void send(char type, Body body) throws IOException {
    byte[] payload = body.b.toByteArray();
    out.write(type);
    out.write(ByteBuffer.allocate(4).putInt(payload.length + 4).array());
    out.write(payload);
  }

  void raw(int b) throws IOException {
    out.write(b);
  }

  void flush() throws IOException {
    out.flush();
  }

  void authentication(int code, byte[] data) throws IOException {
    send('R', new Body().int32(code).bytes(data));
  }

  void authenticationSasl(List<String> mechanisms) throws IOException {
    Body b = new Body().int32(10);
    mechanisms.forEach(b::cstring);
    b.int8(0);
    send('R', b);
  }

  void parameterStatus(String name, String value) throws IOException {
    send('S', new Body().cstring(name).cstring(value));
  }

  void backendKeyData(int pid, int secret) throws IOException {
    send('K', new Body().int32(pid).int32(secret));
  }

  void readyForQuery(char status) throws IOException {
    send('Z', new Body().int8(status));
  }

  void rowDescription(List<Column> columns, List<Short> formats) throws IOException {
    Body b = new Body().int16(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      b.cstring(c.name()).int32(0).int16(0).int32(c.type().oid()).int16(c.type().typeLength())
          .int32(-1).int16(format(formats, i));
    }
    send('T', b);
  }

  static short format(List<Short> formats, int column) {
    if (formats.isEmpty()) {
      return 0;
    }
    return formats.size() == 1 ? formats.get(0) : formats.get(column);
  }

  void dataRow(List<Column> columns, List<Object> values, List<Short> formats) throws IOException {
    Body b = new Body().int16(values.size());
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      if (v == null) {
        b.int32(-1);
        continue;
      }
      byte[] bytes = format(formats, i) == 1
          ? PgCodec.binary(columns.get(i).type(), v)
          : PgCodec.text(v).getBytes(StandardCharsets.UTF_8);
      b.int32(bytes.length).bytes(bytes);
    }
    send('D', b);
  }

  void commandComplete(String tag) throws IOException {
    send('C', new Body().cstring(tag));
  }

  void parameterDescription(List<Integer> oids) throws IOException {
    Body b = new Body().int16(oids.size());
    oids.forEach(b::int32);
    send('t', b);
  }

  void empty(char type) throws IOException {
    send(type, new Body());
  }

  void error(String severity, String code, String message, String detail, String hint)
      throws IOException {
    Body b = new Body();
    b.int8('S').cstring(severity).int8('V').cstring(severity).int8('C').cstring(code)
        .int8('M').cstring(message);
    if (detail != null) {
      b.int8('D').cstring(detail);
    }
    if (hint != null) {
      b.int8('H').cstring(hint);
    }
    b.int8(0);
    send('E', b);
  }
}
