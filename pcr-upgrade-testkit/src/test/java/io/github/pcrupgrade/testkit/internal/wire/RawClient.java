package io.github.pcrupgrade.testkit.internal.wire;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A client speaking the wire protocol byte by byte, for abuse tests: every read waits at most 30 s
 * (a generous deadline, never a fixed sleep), after which the test fails.
 */
final class RawClient implements AutoCloseable {
  static final int READ_DEADLINE_MILLIS = 30_000;

  /** One backend message. */
  record Message(char type, byte[] body) {
    /** The SQLSTATE of an ErrorResponse. */
    String sqlState() {
      return field('C');
    }

    /** The message text of an ErrorResponse. */
    String text() {
      return field('M');
    }

    String severity() {
      return field('S');
    }

    private String field(char code) {
      if (type != 'E' && type != 'N') {
        return null;
      }
      int i = 0;
      while (i < body.length && body[i] != 0) {
        int end = i + 1;
        while (end < body.length && body[end] != 0) {
          end++;
        }
        if (body[i] == code) {
          return new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
        }
        i = end + 1;
      }
      return null;
    }
  }

  final Socket socket;
  final DataOutputStream out;
  final DataInputStream in;

  RawClient(WireServer server) throws IOException {
    this(server.port());
  }

  RawClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(READ_DEADLINE_MILLIS);
    out = new DataOutputStream(socket.getOutputStream());
    in = new DataInputStream(socket.getInputStream());
  }

  /** The bytes of a StartupMessage for {@code user} on the system VC, plus extra parameters. */
  static byte[] startupPacket(String user, String... extra) {
    StringBuilder params = new StringBuilder("user\0" + user + "\0options\0-ccluster=system\0");
    for (String e : extra) {
      params.append(e).append('\0');
    }
    params.append('\0');
    byte[] p = params.toString().getBytes(StandardCharsets.UTF_8);
    byte[] packet = new byte[8 + p.length];
    int length = packet.length;
    packet[0] = (byte) (length >>> 24);
    packet[1] = (byte) (length >>> 16);
    packet[2] = (byte) (length >>> 8);
    packet[3] = (byte) length;
    packet[4] = 0;
    packet[5] = 3;
    packet[6] = 0;
    packet[7] = 0;
    System.arraycopy(p, 0, packet, 8, p.length);
    return packet;
  }

  /** Sends a startup as the cleartext user {@code legacy} and returns the first answer. */
  Message startLegacy() throws IOException {
    out.write(startupPacket("legacy"));
    out.flush();
    return read();
  }

  /** Logs in as {@code legacy} (cleartext, password {@code old}) until ReadyForQuery. */
  void login() throws IOException {
    Message first = startLegacy();
    if (first.type() != 'R') {
      throw new IllegalStateException("login refused: " + first.sqlState() + " " + first.text());
    }
    finishLogin();
  }

  /** After the server asked for a password: sends it and reads until ReadyForQuery. */
  void finishLogin() throws IOException {
    send('p', "old\0".getBytes(StandardCharsets.UTF_8));
    readUntilReady();
  }

  void send(char type, byte[] body) throws IOException {
    out.writeByte(type);
    out.writeInt(body.length + 4);
    out.write(body);
    out.flush();
  }

  /** A simple query; returns the messages up to and including ReadyForQuery. */
  List<Message> query(String sql) throws IOException {
    send('Q', (sql + "\0").getBytes(StandardCharsets.UTF_8));
    return readUntilReady();
  }

  List<Message> readUntilReady() throws IOException {
    List<Message> all = new ArrayList<>();
    Message m;
    do {
      m = read();
      all.add(m);
      if (m.type() == 'E' && "FATAL".equals(m.severity())) {
        throw new IllegalStateException("FATAL " + m.sqlState() + " " + m.text());
      }
    } while (m.type() != 'Z');
    return all;
  }

  Message read() throws IOException {
    char type = (char) in.readUnsignedByte();
    int length = in.readInt();
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return new Message(type, body);
  }

  /**
   * Reads every message until the server closes the connection; a reset after the server closed
   * counts as closed. Fails (SocketTimeoutException) if the server neither closes nor answers
   * within the read deadline.
   */
  List<Message> readUntilClosed() throws IOException {
    List<Message> all = new ArrayList<>();
    while (true) {
      int type;
      try {
        type = in.read();
      } catch (SocketException reset) {
        return all;
      }
      if (type < 0) {
        return all;
      }
      try {
        int length = in.readInt();
        byte[] body = new byte[length - 4];
        in.readFully(body);
        all.add(new Message((char) type, body));
      } catch (EOFException | SocketException cut) {
        return all;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
