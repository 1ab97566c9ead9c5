package io.github.pcrupgrade.testkit.internal.wire;

import static io.github.pcrupgrade.testkit.internal.wire.WireTestSupport.connect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import io.github.pcrupgrade.testkit.sql.StatementLatency;

class WireProtocolRobustnessTest {

  private WireServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private WireServer start(StatementLatency latency) throws IOException {
    server = WireServer.builder(new FakeCluster("v25.4.3")).latency(latency).build().start();
    return server;
  }

  /** Sends a cleartext-authenticated startup for {@code legacy} and reads until ReadyForQuery. */
  private static void login(DataOutputStream out, DataInputStream in) throws IOException {
    byte[] params = ("user\0legacy\0options\0-ccluster=system\0\0").getBytes(
        StandardCharsets.UTF_8);
    out.writeInt(8 + params.length);
    out.writeInt(196608);
    out.write(params);
    out.flush();
    assertThat(in.readByte()).isEqualTo((byte) 'R');
    in.readFully(new byte[in.readInt() - 4]);
    byte[] pw = "old\0".getBytes(StandardCharsets.UTF_8);
    out.writeByte('p');
    out.writeInt(4 + pw.length);
    out.write(pw);
    out.flush();
    while (true) {
      byte type = in.readByte();
      in.readFully(new byte[in.readInt() - 4]);
      if (type == 'Z') {
        return;
      }
    }
  }

  /** Reads messages until the server closes; returns the SQLSTATE of the first ErrorResponse. */
  private static String errorThenClose(DataInputStream in) throws IOException {
    String code = null;
    while (true) {
      int type = in.read();
      if (type < 0) {
        return code;
      }
      byte[] body = new byte[in.readInt() - 4];
      in.readFully(body);
      if (type == 'E' && code == null) {
        String fields = new String(body, StandardCharsets.UTF_8);
        int c = fields.indexOf("\0C");
        code = fields.substring(c + 2, c + 7);
      }
    }
  }

  private void assertOtherConnectionsStillWork() throws Exception {
    try (Connection c = connect(server, "system"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      assertThat(rs.next()).isTrue();
    }
  }

  @Test
  void unknownMessageTypeClosesOnlyThatConnection() throws Exception {
    start(StatementLatency.none());
    try (Connection healthy = connect(server, "system");
        Socket raw = new Socket("127.0.0.1", server.port())) {
      DataOutputStream out = new DataOutputStream(raw.getOutputStream());
      DataInputStream in = new DataInputStream(raw.getInputStream());
      login(out, in);
      // When a logged-in client sends an unknown message type
      out.writeByte('!');
      out.writeInt(4);
      out.flush();
      // Then it gets 08P01 and is closed, while another connection keeps working
      assertThat(errorThenClose(in)).isEqualTo("08P01");
      assertThat(healthy.isValid(30)).isTrue();
      assertOtherConnectionsStillWork();
    }
  }

  @Test
  void oversizedOrNegativeLengthsAndTruncatedPayloadsAreProtocolViolations() throws Exception {
    start(StatementLatency.none());
    for (int length : new int[] {Integer.MAX_VALUE, -5, 2}) {
      try (Socket raw = new Socket("127.0.0.1", server.port())) {
        DataOutputStream out = new DataOutputStream(raw.getOutputStream());
        DataInputStream in = new DataInputStream(raw.getInputStream());
        login(out, in);
        out.writeByte('Q');
        out.writeInt(length);
        out.flush();
        assertThat(errorThenClose(in)).isEqualTo("08P01");
      }
    }
    try (Socket raw = new Socket("127.0.0.1", server.port())) {
      DataOutputStream out = new DataOutputStream(raw.getOutputStream());
      DataInputStream in = new DataInputStream(raw.getInputStream());
      login(out, in);
      // A Bind whose declared parameter count runs past the end of the message
      out.writeByte('B');
      out.writeInt(4 + 2 + 2 + 2);
      out.write(new byte[] {0, 0, 0, 0, 0, 5});
      out.flush();
      assertThat(errorThenClose(in)).isEqualTo("08P01");
    }
    try (Socket raw = new Socket("127.0.0.1", server.port())) {
      DataOutputStream out = new DataOutputStream(raw.getOutputStream());
      // A startup packet with a garbage length before any login
      out.writeInt(3);
      out.flush();
      assertThat(errorThenClose(new DataInputStream(raw.getInputStream()))).isEqualTo("08P01");
    }
    assertOtherConnectionsStillWork();
  }

  @Test
  void answersSslAndGssEncRequestsWithN() throws Exception {
    start(StatementLatency.none());
    try (Socket raw = new Socket("127.0.0.1", server.port())) {
      DataOutputStream out = new DataOutputStream(raw.getOutputStream());
      DataInputStream in = new DataInputStream(raw.getInputStream());
      out.writeInt(8);
      out.writeInt(80877103);
      out.flush();
      assertThat(in.readByte()).isEqualTo((byte) 'N');
      out.writeInt(8);
      out.writeInt(80877104);
      out.flush();
      assertThat(in.readByte()).isEqualTo((byte) 'N');
      login(out, in);
    }
  }

  @Test
  void cancelRequestInterruptsAnInjectedLatency() throws Exception {
    // Given a server that waits 60 s before each SELECT 42, and says when it started waiting
    CountDownLatch waiting = new CountDownLatch(1);
    start((vc, sql) -> {
      if (!sql.startsWith("SELECT 42")) {
        return Duration.ZERO;
      }
      waiting.countDown();
      return Duration.ofSeconds(60);
    });
    try (Connection c = connect(server, "system"); Statement s = c.createStatement()) {
      CompletableFuture<Throwable> running = CompletableFuture.supplyAsync(() -> {
        try {
          s.executeQuery("SELECT 42");
          return null;
        } catch (Throwable t) {
          return t;
        }
      });
      // When the client cancels while the statement waits
      assertThat(waiting.await(60, TimeUnit.SECONDS)).as("the server started waiting").isTrue();
      long started = System.nanoTime();
      s.cancel();
      Throwable failure = running.get(40, TimeUnit.SECONDS);
      // Then the statement fails with query_canceled well before its 60 s and the session goes on
      assertThat(failure).isInstanceOfSatisfying(PSQLException.class,
          e -> assertThat(e.getSQLState()).isEqualTo("57014"));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(40));
      assertThat(c.isValid(30)).isTrue();
    }
  }

  @Test
  void isValidAndEmptyQueriesGetEmptyQueryResponse() throws Exception {
    start(StatementLatency.none());
    try (Connection c = connect(server, "system"); Statement s = c.createStatement()) {
      assertThat(c.isValid(30)).isTrue();
      assertThat(s.execute("")).isFalse();
      assertThat(s.execute(";")).isFalse();
    }
  }

  @Test
  void closingTheServerClosesOpenConnections() throws Exception {
    // Given an open session
    start(StatementLatency.none());
    try (Connection c = connect(server, "system")) {
      assertThat(c.isValid(30)).isTrue();
      // When the server closes
      server.close();
      // Then the session is no longer usable
      assertThat(c.isValid(30)).isFalse();
    }
  }
}
