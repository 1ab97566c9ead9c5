package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.io.BufferedReader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServeSimCommandTest {

  /** How long the test waits for the server at most; it goes on as soon as the server is ready. */
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void servesTheStateFileToAnyPostgresClient() throws Exception {
    // Given serve-sim running until its standard input closes (no wall-clock duration to race)
    try (SimServer sim = new SimServer(SimServer.EXAMPLE)) {
      // When it has printed its URL (waiting for that, not for a fixed time)
      String url = sim.await("(primary)  JDBC");
      // Then any PostgreSQL client reads the state file's deployment through it
      readsTheVersion(url);
      // And it stops once its standard input closes
      assertThat(sim.stop()).isZero();
      assertThat(sim.output()).contains("(standby)  libpq postgresql://root@127.0.0.1:")
          .contains("Stopped. Invariant monitor: no violation recorded");
    }
  }

  @Test
  void forAGivenDurationItStopsOnItsOwn() throws Exception {
    // Given serve-sim told to serve for 1 s, with a standard input that never closes
    StringWriter out = new StringWriter();
    PipedWriter stdin = new PipedWriter();
    CliContext ctx = new CliContext(new BufferedReader(new PipedReader(stdin)),
        new PrintWriter(out, true), new PrintWriter(new StringWriter()), Map.of(),
        Clock.systemUTC());
    Path state = Path.of("..", "docs", "examples", "state-24.3-reader.json");
    try {
      // When it runs
      int exit = CompletableFuture.supplyAsync(() ->
              Main.run(ctx, "serve-sim", "--state", state.toString(), "--for", "1s"))
          .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

      // Then it stops by itself
      assertThat(exit).isZero();
      assertThat(out.toString()).contains("Stopped. Invariant monitor:");
    } finally {
      stdin.close();
    }
  }

  private static void readsTheVersion(String url) throws Exception {
    assertThat(url).startsWith("jdbc:postgresql://127.0.0.1:");
    Properties p = new Properties();
    p.setProperty("user", "root");
    p.setProperty("password", SimulatedPcrServer.DEFAULT_ROOT_PASSWORD);
    p.setProperty("options", "-ccluster=main");
    try (Connection c = DriverManager.getConnection(url, p); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW CLUSTER SETTING version")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("24.3");
    }
  }
}
