package io.github.pcrupgrade.testkit.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.WireLimits;
import io.github.pcrupgrade.testkit.sql.WireStats;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The simulation's clock ({@link RealTimeDriver}) under a wire front in trouble (issue 18, item 3):
 * it survives a failure inside its own tick (the wire front's node listener runs there), and it
 * keeps moving, with the replicated time, while abusive clients flood an endpoint. Asserted on the
 * simulation's clock and replication status, waiting for conditions with a generous deadline.
 */
class SimulationClockUnderAbuseTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - end).as("waiting until " + what).isNegative();
      Thread.sleep(10);
    }
  }

  private static Instant replicatedTime(SimulatedDeployment d) {
    return d.standby().replicationStatus("main").replicatedTime();
  }

  private static Connection connect(String url) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "root");
    p.setProperty("password", SimulatedPcrServer.DEFAULT_ROOT_PASSWORD);
    p.setProperty("sslmode", "disable");
    p.setProperty("options", "-ccluster=system");
    return DriverManager.getConnection(url, p);
  }

  private static void assertServed(String url) throws SQLException {
    try (Connection c = connect(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW CLUSTER SETTING version")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("24.3");
    }
  }

  @Test
  void theReplicatedTimeKeepsMovingAfterAFailureInsideTheClocksTick() throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d);
        RealTimeDriver clock = RealTimeDriver.start(d, 600, Duration.ofMillis(10))) {
      // Given a node listener (after the wire front's own) that fails once, when armed
      AtomicBoolean armed = new AtomicBoolean();
      List<String> firedOn = new CopyOnWriteArrayList<>();
      d.onNodeChange(() -> {
        if (armed.compareAndSet(true, false)) {
          firedOn.add(Thread.currentThread().getName());
          throw new IllegalStateException("injected failure of a node listener");
        }
      });
      // When a standby node restarts, and its rejoin, inside a tick of the driven clock, fails
      synchronized (d) {
        d.standby().restartNode(2);
        armed.set(true);
      }
      await("the armed listener failed in a tick",
          () -> !firedOn.isEmpty() && clock.failedTicks() == 1);
      assertThat(firedOn).containsExactly("pcr-upgrade-sim-clock");

      // Then the clock goes on: the replicated time moves more than a minute past where it was
      Instant afterFailure = replicatedTime(d);
      Instant nowAfterFailure = d.now();
      await("the replicated time moved on", () -> replicatedTime(d)
          .isAfter(afterFailure.plus(Duration.ofMinutes(1))));
      assertThat(d.now()).isAfter(nowAfterFailure.plus(Duration.ofMinutes(1)));
      assertThat(clock.failedTicks()).isEqualTo(1);
      // and the rejoined node's endpoint serves again
      assertThat(d.standby().isNodeLive(2)).isTrue();
      assertServed(server.nodeJdbcUrl("standby", 2));
    }
  }

  @Test
  void theClockAndTheOtherNodesKeepGoingWhileAbusiveClientsFloodAnEndpoint() throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    WireLimits limits = WireLimits.defaults().withMaxConnections(16);
    List<Socket> abusers = new ArrayList<>();
    try (SimulatedPcrServer server = SimulatedPcrServer.builder(d).limits(limits).start();
        RealTimeDriver clock = RealTimeDriver.start(d, 600, Duration.ofMillis(10))) {
      int port = server.nodePort("primary", 1);
      // When 200 clients declare a startup packet of the largest size and send 8 bytes of it
      for (int i = 0; i < 200; i++) {
        Socket s = new Socket("127.0.0.1", port);
        abusers.add(s);
        try {
          DataOutputStream out = new DataOutputStream(s.getOutputStream());
          out.writeInt(10_000);
          out.write(new byte[8]);
          out.flush();
        } catch (IOException refusedAndClosed) {
          // refused before it could write
        }
      }
      await("16 held and 184 refused", () -> {
        WireStats st = server.nodeStats("primary", 1);
        return st.partialMessages() == 16 && st.refusedConnections() == 184;
      });
      // Then node 1 holds 8 KiB per held connection, not their declared lengths
      WireStats st = server.nodeStats("primary", 1);
      assertThat(st.bufferedBytes()).isEqualTo(16L * 8 * 1024);
      assertThat(st.peakBufferedBytes()).isLessThanOrEqualTo(limits.messageBufferBound());
      // the simulation's clock and the replicated time keep moving
      Instant replicated = replicatedTime(d);
      await("the replicated time moved on",
          () -> replicatedTime(d).isAfter(replicated.plus(Duration.ofMinutes(1))));
      assertThat(clock.failedTicks()).isZero();
      // the other nodes serve, and node 1 serves again once the abusers are gone
      assertServed(server.nodeJdbcUrl("primary", 2));
      for (Socket s : abusers) {
        s.close();
      }
      await("the abusers gone", () -> server.nodeStats("primary", 1).openConnections() == 0);
      assertServed(server.nodeJdbcUrl("primary", 1));
      assertThat(server.nodeStats("primary", 1).bufferedBytes()).isZero();
    } finally {
      for (Socket s : abusers) {
        s.close();
      }
    }
  }
}
