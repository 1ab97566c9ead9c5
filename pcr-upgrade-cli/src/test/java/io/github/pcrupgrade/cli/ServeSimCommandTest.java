package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ServeSimCommandTest {

  @Test
  void servesTheStateFileToAnyPostgresClient() throws Exception {
    StringWriter out = new StringWriter();
    CliContext ctx = new CliContext(new BufferedReader(new StringReader("")),
        new PrintWriter(out, true), new PrintWriter(new StringWriter()), Map.of(),
        Clock.systemUTC());
    Path state = Path.of("..", "docs", "examples", "state-24.3-reader.json");
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
        Main.run(ctx, "serve-sim", "--state", state.toString(), "--for", "3s"));

    String url = null;
    for (int i = 0; i < 1500 && url == null; i++) { // up to 30 s: six node endpoints start
      Matcher m = Pattern.compile("\\(primary\\)  JDBC  (\\S+)").matcher(out.toString());
      url = m.find() ? m.group(1) : null;
      Thread.sleep(20);
    }
    assertThat(url).as(out.toString()).startsWith("jdbc:postgresql://127.0.0.1:");
    Properties p = new Properties();
    p.setProperty("user", "root");
    p.setProperty("password", SimulatedPcrServer.DEFAULT_ROOT_PASSWORD);
    p.setProperty("options", "-ccluster=main");
    try (Connection c = DriverManager.getConnection(url, p); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW CLUSTER SETTING version")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("24.3");
    }
    assertThat(exit.get()).isZero();
    assertThat(out.toString()).contains("(standby)  libpq postgresql://root@127.0.0.1:")
        .contains("Stopped. Invariant monitor: no violation recorded");
  }
}
