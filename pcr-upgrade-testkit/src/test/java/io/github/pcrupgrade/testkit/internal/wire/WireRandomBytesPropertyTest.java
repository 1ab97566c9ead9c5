package io.github.pcrupgrade.testkit.internal.wire;

import static io.github.pcrupgrade.testkit.internal.wire.WireTestSupport.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static io.github.pcrupgrade.testsupport.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.github.pcrupgrade.testkit.sql.WireLimits;

/**
 * Random bytes at the wire front (QuickTheories): whatever a client sends, before or after logging
 * in, raw or framed as a message of any frontend type, the server answers or closes the connection
 * once the client has finished sending, its handler never throws (no uncaught exception on the
 * server's threads, no connection counted as failed, no {@code XX000}), and a pgjdbc client is
 * still served afterwards.
 */
class WireRandomBytesPropertyTest {

  /** Frontend message types, and a few that are not. */
  private static final char[] TYPES = "QPBDECHSXpdcfF!\0".toCharArray();

  private final Queue<Throwable> uncaught = new ConcurrentLinkedQueue<>();
  private ExecutorService threads;
  private WireServer server;

  @BeforeEach
  void start() throws IOException {
    AtomicInteger n = new AtomicInteger();
    threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "wire-property-" + n.incrementAndGet());
      t.setDaemon(true);
      t.setUncaughtExceptionHandler((th, e) -> uncaught.add(e));
      return t;
    });
    server = WireServer.builder(new FakeCluster("v25.4.3")).executor(threads)
        .limits(WireLimits.defaults().withMaxMessageSize(4096)).build().start();
  }

  @AfterEach
  void stop() {
    server.close();
    threads.shutdownNow();
  }

  @Test
  void whateverAClientSendsTheServerAnswersOrClosesAndKeepsServingOthers() {
    qt(200)
        .forAll(integers().between(0, 2), integers().between(0, TYPES.length - 1),
            lists().of(integers().between(0, 255)).ofSizeBetween(0, 300))
        .checkAssert((mode, type, bytes) -> {
          byte[] body = new byte[bytes.size()];
          for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (int) bytes.get(i);
          }
          List<RawClient.Message> answer = sendThenReadUntilClosed(mode, TYPES[type], body);
          // never an internal error
          assertThat(answer).extracting(RawClient.Message::sqlState).doesNotContain("XX000");
          assertThat(uncaught).isEmpty();
          assertThat(server.stats().failedConnections()).isZero();
          assertStillServed();
        });
  }

  /**
   * Mode 0: the bytes as they are, as the first thing on a new connection. Mode 1: the same after
   * logging in. Mode 2: after logging in, the bytes framed as one message of {@code type} with a
   * correct length. Then the client closes its sending side and reads until the server closes,
   * which the read deadline of {@link RawClient} bounds.
   */
  private List<RawClient.Message> sendThenReadUntilClosed(int mode, char type, byte[] body) {
    try (RawClient c = new RawClient(server)) {
      if (mode > 0) {
        c.login();
      }
      try {
        if (mode == 2) {
          c.send(type, body);
        } else {
          c.out.write(body);
          c.out.flush();
        }
        c.socket.shutdownOutput();
      } catch (SocketException closedEarly) {
        // the server may close before every byte is written (a protocol violation)
      }
      return c.readUntilClosed();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void assertStillServed() {
    try (Connection c = connect(server, "system"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      assertThat(rs.next()).isTrue();
    } catch (SQLException e) {
      throw new AssertionError("a pgjdbc client is no longer served", e);
    }
  }
}
