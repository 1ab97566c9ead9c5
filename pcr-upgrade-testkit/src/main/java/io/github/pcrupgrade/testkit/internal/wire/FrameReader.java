package io.github.pcrupgrade.testkit.internal.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.function.LongSupplier;

/**
 * Reads the frontend messages of one connection under the {@link WireLimits}: a declared length is
 * checked against its bound, and never allocated before its bytes arrive (the buffer starts small
 * and doubles as bytes come, every byte accounted in the server's {@link WireCounters}); every read
 * may carry a deadline on the injected ticker, checked after each arrival and at least every {@value
 * #POLL_MILLIS} ms of real time while nothing arrives, so a client trickling bytes is cut.
 *
 * <p>Not thread-safe: the connection's thread reads (a {@link ClientWatch} peeks only while the
 * connection does not read). A message's buffer stays accounted until the next read or {@link
 * #release()}.
 */
final class FrameReader {
  /** A message's buffer starts at this size (or its length, if smaller). */
  static final int INITIAL_BUFFER = 8 * 1024;
  /** PostgreSQL's bound on a startup packet, length word included (MAX_STARTUP_PACKET_LENGTH). */
  static final int MAX_STARTUP_PACKET = 10_000;
  /** How often, at most, a read waiting for bytes looks at its deadline. */
  static final int POLL_MILLIS = 100;

  /** A point on the ticker past which a read gives up. */
  record Deadline(long atNanos, boolean startup) {
    boolean passed(long nowNanos) {
      return nowNanos - atNanos >= 0;
    }
  }

  /** The deadline of a read passed. */
  static final class Timeout extends IOException {
    private static final long serialVersionUID = 1L;
    final boolean startup;

    Timeout(boolean startup) {
      super(startup ? "startup timeout" : "idle-session timeout");
      this.startup = startup;
    }
  }

  /** One message of the query phase: its type byte and its body. */
  record Frame(int type, byte[] body) {}

  private final Socket socket;
  private final InputStream in;
  private final int maxMessageSize;
  private final LongSupplier ticker;
  private final WireCounters counters;
  private final byte[] header = new byte[4];
  private long held;

  FrameReader(Socket socket, InputStream in, int maxMessageSize, LongSupplier ticker,
      WireCounters counters) {
    this.socket = socket;
    this.in = in;
    this.maxMessageSize = maxMessageSize;
    this.ticker = ticker;
    this.counters = counters;
  }

  /** A deadline {@code nanos} from now on the ticker. */
  Deadline after(long nanos, boolean startup) {
    return new Deadline(ticker.getAsLong() + nanos, startup);
  }

  /**
   * The body of a startup-phase packet (StartupMessage, SSLRequest, CancelRequest): a length word,
   * then the body.
   *
   * @throws ProtocolViolation for a length outside 8..{@value #MAX_STARTUP_PACKET}
   */
  byte[] startupPacket(Deadline deadline) throws IOException, ProtocolViolation {
    release();
    fill(header, 0, 4, deadline);
    int length = int32(header);
    if (length < 8 || length > MAX_STARTUP_PACKET) {
      throw new ProtocolViolation("invalid length of startup packet");
    }
    return body(length - 4, deadline);
  }

  /**
   * The next typed message, or null when the client closed the connection between messages.
   *
   * @throws ProtocolViolation for a length below 4 or above the maximum message size
   */
  Frame next(Deadline deadline) throws IOException, ProtocolViolation {
    release();
    if (!fill(header, 0, 1, deadline)) {
      return null;
    }
    int type = header[0] & 0xff;
    fill(header, 0, 4, deadline);
    int length = int32(header);
    if (length < 4 || length > maxMessageSize) {
      throw new ProtocolViolation("invalid message length " + length);
    }
    return new Frame(type, body(length - 4, deadline));
  }

  /** Gives the last message's buffer back to the accounting (its body must no longer be used). */
  void release() {
    if (held > 0) {
      counters.buffer(-held);
      held = 0;
    }
  }

  private byte[] body(int size, Deadline deadline) throws IOException {
    byte[] buf = new byte[Math.min(size, INITIAL_BUFFER)];
    counters.buffer(buf.length);
    held = buf.length;
    int got = 0;
    boolean partial = size > 0;
    if (partial) {
      counters.partial.incrementAndGet();
    }
    try {
      while (got < size) {
        if (got == buf.length) {
          int grown = (int) Math.min(size, 2L * buf.length);
          counters.buffer(grown);
          held += grown;
          byte[] bigger = new byte[grown];
          System.arraycopy(buf, 0, bigger, 0, got);
          counters.buffer(-buf.length);
          held -= buf.length;
          buf = bigger;
        }
        got += readSome(buf, got, buf.length - got, deadline);
      }
      return buf;
    } finally {
      if (partial) {
        counters.partial.decrementAndGet();
      }
    }
  }

  /** Fills {@code len} bytes; false when the stream ended before the first of them. */
  private boolean fill(byte[] b, int off, int len, Deadline deadline) throws IOException {
    int got = 0;
    while (got < len) {
      int n = readOrEnd(b, off + got, len - got, deadline);
      if (n < 0) {
        if (got == 0 && len == 1) {
          return false;
        }
        throw new EOFException("the client closed the connection inside a message");
      }
      got += n;
    }
    return true;
  }

  private int readSome(byte[] b, int off, int len, Deadline deadline) throws IOException {
    int n = readOrEnd(b, off, len, deadline);
    if (n < 0) {
      throw new EOFException("the client closed the connection inside a message");
    }
    return n;
  }

  /** Reads at least one byte (or the end, -1), giving up when the deadline has passed. */
  private int readOrEnd(byte[] b, int off, int len, Deadline deadline) throws IOException {
    while (true) {
      if (deadline != null && deadline.passed(ticker.getAsLong())) {
        throw new Timeout(deadline.startup());
      }
      socket.setSoTimeout(deadline == null ? 0 : POLL_MILLIS);
      try {
        int n = in.read(b, off, len);
        if (n != 0) {
          return n;
        }
      } catch (SocketTimeoutException nothingYet) {
        // look at the deadline again
      }
    }
  }

  private static int int32(byte[] b) {
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }
}
