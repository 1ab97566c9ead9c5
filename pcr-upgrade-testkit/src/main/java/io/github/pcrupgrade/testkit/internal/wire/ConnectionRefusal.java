package io.github.pcrupgrade.testkit.internal.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * Refuses a connection beyond {@link WireLimits#maxConnections()} as PostgreSQL and CockroachDB
 * do: an ErrorResponse FATAL {@code 53300 sorry, too many clients already}, then the connection is
 * closed. Runs on the accept thread and never blocks it: the message (about 70 bytes) fits in a
 * fresh socket's send buffer, and nothing is waited for. The refusal is sent before the client's
 * startup packet is read (so a CancelRequest is refused too while the server is full).
 */
final class ConnectionRefusal {
  private ConnectionRefusal() {}

  private static final byte[] TOO_MANY = message();

  private static byte[] message() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try {
      new PgOutput(b).error("FATAL", SqlStates.TOO_MANY_CONNECTIONS,
          "sorry, too many clients already", null, null);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return b.toByteArray();
  }

  /**
   * Sends the refusal, half-closes (the end of stream follows the message), discards whatever the
   * client already sent (so that closing sends an orderly end rather than a reset that could
   * overtake the message), and closes. I/O errors mean the client is gone; they are ignored.
   */
  static void refuse(Socket socket) {
    try {
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      out.write(TOO_MANY);
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      int pending = in.available();
      if (pending > 0) {
        in.skip(pending);
      }
    } catch (IOException gone) {
      // nothing to tell a client that is gone
    } finally {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
