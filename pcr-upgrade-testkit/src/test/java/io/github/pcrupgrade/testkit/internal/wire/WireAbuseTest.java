package io.github.pcrupgrade.testkit.internal.wire;

import static io.github.pcrupgrade.testkit.internal.wire.WireTestSupport.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import io.github.pcrupgrade.testkit.sql.WireLimits;
import io.github.pcrupgrade.testkit.sql.WireStats;

/**
 * The wire front under abuse (issue 18, item 3): declared lengths that never arrive, oversized and
 * truncated messages, a flood of connections, slow senders. Every abusive client is a raw socket;
 * "other clients keep being served" is shown through pgjdbc. Memory is shown with the server's own
 * accounting of buffered message bytes ({@link WireStats}), never with the JVM's heap or a timer.
 */
class WireAbuseTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final int MIB = 1 << 20;

  private final List<AutoCloseable> open = new ArrayList<>();
  private WireServer server;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private WireServer start(WireLimits limits, AtomicLong ticker) throws IOException {
    WireServer.Builder b = WireServer.builder(new FakeCluster("v25.4.3")).limits(limits);
    if (ticker != null) {
      b.ticker(ticker::get);
    }
    server = b.build().start();
    return server;
  }

  private RawClient raw() throws IOException {
    RawClient c = new RawClient(server);
    open.add(c);
    return c;
  }

  private void assertServedThroughPgjdbc() throws SQLException {
    try (Connection c = connect(server, "system"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(1);
    }
  }

  /** Waits, up to a generous deadline, until the server's stats satisfy {@code condition}. */
  private WireStats awaitStats(String what, Predicate<WireStats> condition)
      throws InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    WireStats s = server.stats();
    while (!condition.test(s)) {
      assertThat(System.nanoTime() - end).as("waiting for " + what + "; last " + s).isNegative();
      Thread.sleep(10);
      s = server.stats();
    }
    return s;
  }

  /** A message header declaring {@code length} (length word included) and the first bytes. */
  private static byte[] header(char type, int length, int firstBytes) {
    byte[] b = new byte[5 + firstBytes];
    b[0] = (byte) type;
    b[1] = (byte) (length >>> 24);
    b[2] = (byte) (length >>> 16);
    b[3] = (byte) (length >>> 8);
    b[4] = (byte) length;
    Arrays.fill(b, 5, b.length, (byte) ' ');
    return b;
  }

  // ------------------------------------------------------------------ memory

  @Test
  void aDeclaredLengthIsNotAllocatedBeforeItsBytesArrive() throws Exception {
    // Given a server whose limits allow 1 MiB messages on 41 connections
    WireLimits limits = WireLimits.defaults().withMaxConnections(41);
    start(limits, null);
    // When 40 logged-in clients each declare a 1 MiB query and send 8 bytes of it (the incident:
    // 400 such connections exhausted a 256 MB heap when each declaration was allocated at once)
    for (int i = 0; i < 40; i++) {
      RawClient c = raw();
      c.login();
      c.out.write(header('Q', MIB, 8));
      c.out.flush();
    }
    WireStats s = awaitStats("40 partial messages", st -> st.partialMessages() == 40);
    // Then the server holds at most its initial 8 KiB buffer per connection, not 40 MiB
    assertThat(s.bufferedBytes()).isLessThanOrEqualTo(40L * 8 * 1024).isGreaterThan(0);
    assertThat(s.peakBufferedBytes()).isLessThan(MIB);
    // and another client is still served on the one slot left
    assertServedThroughPgjdbc();
  }

  @Test
  void theIncidentReplayedAgainstTheDefaultsHoldsHalfAMebibyte() throws Exception {
    // Given a server with the default limits (64 connections, 1 MiB messages)
    start(WireLimits.defaults(), null);
    // When 400 clients try to log in and declare a 1 MiB query, sending 8 bytes of it
    int refused = 0;
    for (int i = 0; i < 400; i++) {
      RawClient c = raw();
      RawClient.Message first = c.startLegacy();
      if (first.type() == 'E') {
        assertThat(first.sqlState()).isEqualTo("53300");
        refused++;
        continue;
      }
      c.finishLogin();
      c.out.write(header('Q', MIB, 8));
      c.out.flush();
    }
    // Then 64 are held, 336 refused, and the 64 hold 64 x 8 KiB = 512 KiB, not 64 MiB (nor the
    // 400 MiB that exhausted a 256 MB heap before)
    WireStats s = awaitStats("64 partial messages", st -> st.partialMessages() == 64);
    assertThat(refused).isEqualTo(336);
    assertThat(s.refusedConnections()).isEqualTo(336);
    assertThat(s.bufferedBytes()).isEqualTo(64L * 8 * 1024);
    assertThat(s.peakBufferedBytes()).isEqualTo(64L * 8 * 1024);
    // and a pgjdbc client is served once one of them goes away
    open.get(0).close();
    awaitStats("a slot free", st -> st.openConnections() == 63);
    assertServedThroughPgjdbc();
  }

  @Test
  void bufferedBytesStayWithinTheStatedBoundEvenWhenMessagesAreNearlyComplete() throws Exception {
    // Given a server with 8 connections of at most 64 KiB messages: the stated bound is
    // 2 x 8 x 64 KiB = 1 MiB of message buffers
    WireLimits limits = WireLimits.defaults().withMaxConnections(8)
        .withMaxMessageSize(64 * 1024);
    start(limits, null);
    assertThat(limits.messageBufferBound()).isEqualTo(MIB);
    // When 7 clients send all but the last byte of a largest message, and 200 more try to connect
    int body = 64 * 1024 - 4;
    for (int i = 0; i < 7; i++) {
      RawClient c = raw();
      c.login();
      c.out.write(header('Q', 64 * 1024, body - 1));
      c.out.flush();
    }
    for (int i = 0; i < 200; i++) {
      RawClient c = raw();
      try {
        c.out.writeInt(10_000);
        c.out.write(new byte[1000]);
        c.out.flush();
      } catch (IOException refusedAndClosed) {
        // a refused client may find the connection closed before it has written
      }
    }
    WireStats s = awaitStats("8 partial messages and the others refused",
        st -> st.partialMessages() == 8 && st.refusedConnections() == 199);
    // Then the buffers hold the bytes that arrived (7 x ~64 KiB, and 8 KiB for the partial
    // startup packet) and never more than the bound
    assertThat(s.bufferedBytes()).isGreaterThanOrEqualTo(7L * (body - 1) + 1000)
        .isLessThanOrEqualTo(7L * 64 * 1024 + 8 * 1024);
    assertThat(s.peakBufferedBytes()).isLessThanOrEqualTo(limits.messageBufferBound());
    // and when one of them completes its query, it is answered and its buffer is released
    RawClient first = (RawClient) open.get(0);
    first.out.write(new byte[] {0});
    first.out.flush();
    List<RawClient.Message> answer = first.readUntilReady();
    assertThat(answer).extracting(RawClient.Message::type).contains('I');
    awaitStats("7 partial messages", st -> st.partialMessages() == 7);
  }

  // ------------------------------------------------------------------ sizes and truncation

  @Test
  void aMessageOverTheMaximumIsAProtocolViolationAndTheLargestAllowedIsServed()
      throws Exception {
    start(WireLimits.defaults().withMaxMessageSize(4096), null);
    // Given a logged-in client, when it declares a query one byte over the maximum
    RawClient over = raw();
    over.login();
    over.out.write(header('Q', 4097, 0));
    over.out.flush();
    // Then it gets FATAL 08P01 invalid message length and is closed
    List<RawClient.Message> got = over.readUntilClosed();
    assertThat(got).hasSize(1);
    assertThat(got.get(0).severity()).isEqualTo("FATAL");
    assertThat(got.get(0).sqlState()).isEqualTo("08P01");
    assertThat(got.get(0).text()).isEqualTo("invalid message length 4097");
    // When another sends a query of exactly the maximum, it is answered
    RawClient exact = raw();
    exact.login();
    byte[] sql = new byte[4096 - 4];
    Arrays.fill(sql, (byte) ' ');
    byte[] select = "SELECT 1".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(select, 0, sql, 0, select.length);
    sql[sql.length - 1] = 0;
    exact.send('Q', sql);
    assertThat(exact.readUntilReady()).extracting(RawClient.Message::type)
        .containsExactly('T', 'D', 'C', 'Z');
    assertServedThroughPgjdbc();
    assertThat(server.stats().failedConnections()).isZero();
  }

  @Test
  void aStartupPacketOverPostgresBoundIsRefusedAndOneAtTheBoundLogsIn() throws Exception {
    start(WireLimits.defaults(), null);
    // PostgreSQL's MAX_STARTUP_PACKET_LENGTH is 10,000 bytes, length word included
    byte[] atBound = padded(10_000);
    assertThat(atBound).hasSize(10_000);
    RawClient ok = raw();
    ok.out.write(atBound);
    ok.out.flush();
    assertThat(ok.read().type()).isEqualTo('R');
    ok.finishLogin();

    RawClient tooLong = raw();
    tooLong.out.write(padded(10_001));
    tooLong.out.flush();
    List<RawClient.Message> got = tooLong.readUntilClosed();
    assertThat(got).extracting(RawClient.Message::sqlState).containsExactly("08P01");
    assertThat(got.get(0).text()).isEqualTo("invalid length of startup packet");
    assertServedThroughPgjdbc();
  }

  /** A startup packet of exactly {@code total} bytes for {@code legacy}, padded by a parameter. */
  private static byte[] padded(int total) {
    int base = RawClient.startupPacket("legacy", "x", "").length;
    return RawClient.startupPacket("legacy", "x", "y".repeat(total - base));
  }

  @Test
  void truncatedMessagesEndOnlyTheirConnection() throws Exception {
    start(WireLimits.defaults(), null);
    // A query whose text has no terminating NUL: the payload is truncated
    RawClient unterminated = raw();
    unterminated.login();
    unterminated.send('Q', "SELECT 1".getBytes(StandardCharsets.US_ASCII));
    List<RawClient.Message> got = unterminated.readUntilClosed();
    assertThat(got).extracting(RawClient.Message::sqlState).containsExactly("08P01");
    assertThat(got.get(0).text()).isEqualTo("unterminated string in message");
    // A message cut short by the client closing its side: the server closes without a word
    RawClient cut = raw();
    cut.login();
    cut.out.write(header('Q', 100, 10));
    cut.out.flush();
    cut.socket.shutdownOutput();
    assertThat(cut.readUntilClosed()).isEmpty();
    // A startup packet cut short the same way
    RawClient cutStartup = raw();
    cutStartup.out.write(Arrays.copyOf(RawClient.startupPacket("legacy"), 12));
    cutStartup.out.flush();
    cutStartup.socket.shutdownOutput();
    assertThat(cutStartup.readUntilClosed()).isEmpty();
    awaitStats("every truncated connection closed, nothing buffered",
        st -> st.openConnections() == 0 && st.bufferedBytes() == 0);
    assertServedThroughPgjdbc();
    assertThat(server.stats().failedConnections()).isZero();
  }

  @Test
  void aQueryNestedTooDeeplyGetsStackDepthExceededAndTheSessionGoesOn() throws Exception {
    start(WireLimits.defaults(), null);
    try (Connection c = connect(server, "system"); Statement s = c.createStatement()) {
      // Given a query nested far deeper than the parser's stack (500,000 parentheses)
      String deep = "SELECT " + "(".repeat(500_000) + "1" + ")".repeat(500_000);
      // Then it fails as in PostgreSQL, and the same session serves the next query
      assertThatThrownBy(() -> s.executeQuery(deep)).isInstanceOfSatisfying(PSQLException.class,
          e -> {
            assertThat(e.getSQLState()).isEqualTo("54001");
            assertThat(e.getMessage()).contains("stack depth limit exceeded");
          });
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        assertThat(rs.next()).isTrue();
      }
    }
    assertThat(server.stats().failedConnections()).isZero();
  }

  // ------------------------------------------------------------------ connection cap

  @Test
  void aThousandConnectionsTheCapRefusesCleanlyAndTheAdmittedAreServed() throws Exception {
    // Given a cap of 50 connections, 30 of them held by clients stuck inside a startup packet
    start(WireLimits.defaults().withMaxConnections(50), null);
    for (int i = 0; i < 30; i++) {
      RawClient stuck = raw();
      stuck.out.writeInt(10_000);
      stuck.out.write(new byte[8]);
      stuck.out.flush();
    }
    // When 970 more clients log in, one after another
    int admitted = 0;
    int refused = 0;
    for (int i = 0; i < 970; i++) {
      RawClient c = raw();
      RawClient.Message first = c.startLegacy();
      if (first.type() == 'R') {
        // Then the ones admitted log in and are served
        c.finishLogin();
        assertThat(c.query("SELECT 1")).extracting(RawClient.Message::type)
            .containsExactly('T', 'D', 'C', 'Z');
        admitted++;
      } else {
        // and the others get FATAL 53300 sorry, too many clients already, then the end of stream
        assertThat(first.type()).isEqualTo('E');
        assertThat(first.severity()).isEqualTo("FATAL");
        assertThat(first.sqlState()).isEqualTo("53300");
        assertThat(first.text()).isEqualTo("sorry, too many clients already");
        assertThat(c.readUntilClosed()).isEmpty();
        c.close();
        refused++;
      }
    }
    assertThat(admitted).isEqualTo(20);
    assertThat(refused).isEqualTo(950);
    assertThat(server.stats().refusedConnections()).isEqualTo(950);
    assertThat(server.stats().openConnections()).isEqualTo(50);
    // A pgjdbc client is refused the same way while the server is full
    assertThatThrownBy(this::assertServedThroughPgjdbc).isInstanceOfSatisfying(
        PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("53300"));
    // and is served once the stuck clients go away
    for (int i = 0; i < 30; i++) {
      open.get(i).close();
    }
    awaitStats("the stuck clients gone", st -> st.openConnections() == 20);
    assertServedThroughPgjdbc();
    assertThat(server.stats().failedConnections()).isZero();
  }

  // ------------------------------------------------------------------ slow senders

  @Test
  void aClientTricklingItsStartupIsCutByTheStartupTimeoutWhileOthersAreServed()
      throws Exception {
    // Given a server whose timeouts run on a ticker the test moves (startup timeout 10 s)
    AtomicLong ticker = new AtomicLong();
    start(WireLimits.defaults().withStartupTimeout(Duration.ofSeconds(10)), ticker);
    RawClient slow = raw();
    awaitStats("the slow client accepted", st -> st.openConnections() == 1);
    byte[] startup = RawClient.startupPacket("legacy");
    // When a client trickles its startup packet, a byte every 4 s of ticker time
    for (int i = 0; i < 2; i++) {
      slow.out.write(startup[i]);
      slow.out.flush();
      ticker.addAndGet(Duration.ofSeconds(4).toNanos());
    }
    // Then others connect and are served meanwhile
    assertServedThroughPgjdbc();
    // and once 10 s have passed since it was accepted, although bytes kept coming, it is closed
    // without a message (PostgreSQL's authentication_timeout)
    slow.out.write(startup[2]);
    slow.out.flush();
    ticker.addAndGet(Duration.ofSeconds(3).toNanos());
    assertThat(slow.readUntilClosed()).isEmpty();
    assertThat(server.stats().timedOutConnections()).isEqualTo(1);
    assertServedThroughPgjdbc();
  }

  @Test
  void aSessionTricklingAQueryIsCutByTheIdleTimeoutWhileOthersAreServed() throws Exception {
    // Given a server with an idle timeout of 60 s on a ticker the test moves
    AtomicLong ticker = new AtomicLong();
    start(WireLimits.defaults().withIdleTimeout(Duration.ofSeconds(60)), ticker);
    RawClient slow = raw();
    slow.login();
    // When a logged-in client trickles a query, a few bytes every 20 s
    slow.out.write(header('Q', 100, 3));
    slow.out.flush();
    awaitStats("the query begun", st -> st.partialMessages() == 1);
    ticker.addAndGet(Duration.ofSeconds(20).toNanos());
    slow.out.write(new byte[] {' ', ' '});
    slow.out.flush();
    ticker.addAndGet(Duration.ofSeconds(20).toNanos());
    // and another session starts at 40 s and runs a query
    try (Connection other = connect(server, "system"); Statement s = other.createStatement()) {
      assertThat(s.execute("SELECT 1")).isTrue();
      ticker.addAndGet(Duration.ofSeconds(25).toNanos());
      // Then at 65 s the trickler gets FATAL 57P05 and is closed, as PostgreSQL's
      // idle_session_timeout
      List<RawClient.Message> got = slow.readUntilClosed();
      assertThat(got).extracting(RawClient.Message::sqlState).containsExactly("57P05");
      assertThat(got.get(0).text())
          .isEqualTo("terminating connection due to idle-session timeout");
      // while the other session, idle for 25 s only, is still served
      try (ResultSet rs = s.executeQuery("SELECT 2")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(2);
      }
    }
    assertThat(server.stats().timedOutConnections()).isEqualTo(1);
  }

  @Test
  void withoutAnIdleTimeoutAnIdleSessionIsNeverCut() throws Exception {
    AtomicLong ticker = new AtomicLong();
    start(WireLimits.defaults(), ticker);
    try (Connection c = connect(server, "system"); Statement s = c.createStatement()) {
      ticker.addAndGet(Duration.ofDays(30).toNanos());
      // a statement after a month of ticker time is served
      assertThat(s.execute("SELECT 1")).isTrue();
    }
    assertThat(server.stats().timedOutConnections()).isZero();
  }

  // ------------------------------------------------------------------ validation

  @Test
  void limitsOutOfRangeAreTypedErrorsNamingTheLimit() {
    WireLimits d = WireLimits.defaults();
    assertThat(d).isEqualTo(new WireLimits(64, MIB, Duration.ofSeconds(60), Duration.ZERO));
    assertInvalid(() -> d.withMaxConnections(0), "maxConnections must be between 1 and 100000");
    assertInvalid(() -> d.withMaxConnections(100_001), "maxConnections");
    assertInvalid(() -> d.withMaxMessageSize(1023), "maxMessageSize must be between 1024 bytes");
    assertInvalid(() -> d.withMaxMessageSize((1 << 30) + 1), "maxMessageSize");
    assertInvalid(() -> d.withStartupTimeout(Duration.ofMillis(9)),
        "startupTimeout must be between 10 ms and 1 day");
    assertThatThrownBy(() -> d.withStartupTimeout(null))
        .isInstanceOf(NullPointerException.class).hasMessage("startupTimeout");
    assertInvalid(() -> d.withIdleTimeout(Duration.ofMillis(-1)),
        "idleTimeout must be 0 (none) or between 10 ms and 1 day");
    assertInvalid(() -> d.withIdleTimeout(Duration.ofDays(2)), "idleTimeout");
    assertInvalid(() -> WireServer.builder(new FakeCluster("v25.4.3")).maxMessageSize(10),
        "maxMessageSize");
    assertThat(d.withMaxConnections(1).withMaxConnections(100_000).maxConnections())
        .isEqualTo(100_000);
    assertThat(d.withIdleTimeout(Duration.ofMillis(10)).idleTimeout())
        .isEqualTo(Duration.ofMillis(10));
  }

  private static void assertInvalid(Runnable r, String message) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(PcrUpgradeException.class, e -> {
      assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
      assertThat(e.getMessage()).contains(message);
    });
  }
}
