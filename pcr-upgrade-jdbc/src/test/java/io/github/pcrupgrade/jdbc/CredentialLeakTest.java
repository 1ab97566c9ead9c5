package io.github.pcrupgrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import io.github.pcrupgrade.testkit.sql.SqlUser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Credentials never appear in what the adapters produce: exception messages, every cause's
 * {@code toString} and stack trace, SLF4J output (this class runs in its own surefire execution
 * with every logger at TRACE, and System.err captured), pgjdbc's java.util.logging output and the
 * settings' {@code toString}. Several operations fail on purpose with distinctive passwords.
 */
class CredentialLeakTest {

  private static final String ROOT_PASSWORD = "Zq9-correct-horse-7731";
  private static final String WRONG_PASSWORD = "Xw4-wrong-battery-5512";
  private static final String VIEWER_PASSWORD = "Vv2-viewer-staple-9043";

  @Test
  void noPasswordAppearsInAnythingTheAdaptersProduce() throws Exception {
    StringBuilder produced = new StringBuilder();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    List<String> julRecords = new ArrayList<>();
    Handler jul = new Handler() {
      @Override
      public void publish(LogRecord r) {
        julRecords.add(r.getLevel() + " " + r.getLoggerName() + " " + r.getMessage() + " "
            + java.util.Arrays.toString(r.getParameters()) + " " + r.getThrown());
      }

      @Override
      public void flush() { }

      @Override
      public void close() { }
    };
    Logger pgjdbc = Logger.getLogger("org.postgresql");
    Level oldLevel = pgjdbc.getLevel();
    pgjdbc.setLevel(Level.ALL);
    pgjdbc.addHandler(jul);
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    SimulatedDeployment d = SimulatedDeployment.builder().reader(true).build();
    try (SimulatedPcrServer server = SimulatedPcrServer.builder(d).rootPassword(ROOT_PASSWORD)
        .user(SqlUser.withoutAdmin("viewer", VIEWER_PASSWORD)).start()) {
      // Given: clusters with a wrong password, a right one (in the URL), and a user without admin
      ClusterConnectionSettings wrong = settings("primary",
          server.jdbcUrl("primary"), "root", WRONG_PASSWORD);
      ClusterConnectionSettings right = ClusterConnectionSettings.builder("standby")
          .url("postgresql://root:" + ROOT_PASSWORD + "@127.0.0.1:" + server.port("standby")
              + "/defaultdb?sslmode=disable")
          .connectTimeout(Duration.ofSeconds(30)).build();
      ClusterConnectionSettings viewer = settings("standby", server.jdbcUrl("standby"), "viewer",
          VIEWER_PASSWORD);
      produced.append(wrong).append(right).append(viewer);

      // When: operations fail in every way they can
      try (CockroachCluster w = cluster(d, wrong, ClusterRole.PRIMARY);
          CockroachCluster r = cluster(d, right, ClusterRole.STANDBY);
          CockroachCluster v = cluster(d, viewer, ClusterRole.STANDBY)) {
        record(produced, () -> w.inspector().inspect());
        record(produced, () -> w.operations().readVersion("main"));
        record(produced, () -> r.operations().readVersion("no-such-vc"));
        record(produced, () -> r.operations().readVersion("main"));
        record(produced, () -> {
          r.operations().dropVirtualCluster("main-readonly");
          return null;
        });
        record(produced, () -> {
          r.operations().finalizeVersion("system", io.github.pcrupgrade.core.version.ReleaseSeries
              .of(26, 2));
          return null;
        });
        record(produced, () -> r.inspector().inspect());
        record(produced, () -> v.inspector().inspect());
        record(produced, () -> ClusterConnectionSettings.builder("x")
            .url("postgresql://root:" + ROOT_PASSWORD + "@db:port/defaultdb").build());
        record(produced, () -> ClusterConnectionSettings.builder("x")
            .url("ftp://root:" + ROOT_PASSWORD + "@db/defaultdb").build());
      }
      server.statements().forEach(s -> produced.append(s).append('\n'));
    } finally {
      System.err.flush();
      System.setErr(originalErr);
      pgjdbc.removeHandler(jul);
      pgjdbc.setLevel(oldLevel);
    }
    String logs = err.toString(StandardCharsets.UTF_8);
    produced.append(logs).append(String.join("\n", julRecords));

    // Then: something was produced (the failures happened and were logged) and no password is in it
    assertThat(produced).contains("28P01").contains("42501").contains("55000")
        .contains("service unavailable for target tenant (no-such-vc)");
    assertThat(logs).as("TRACE logging of the adapters and HikariCP").isNotBlank();
    assertThat(produced.toString())
        .doesNotContain(ROOT_PASSWORD)
        .doesNotContain(WRONG_PASSWORD)
        .doesNotContain(VIEWER_PASSWORD);
  }

  private static ClusterConnectionSettings settings(String name, String url, String user,
      String password) {
    return ClusterConnectionSettings.builder(name).url(url).user(user).password(() -> password)
        .connectTimeout(Duration.ofSeconds(30)).build();
  }

  private static CockroachCluster cluster(SimulatedDeployment d, ClusterConnectionSettings s,
      ClusterRole role) {
    return CockroachCluster.builder(s, role).clock(d.clock()).sleeper(d.sleeper()).seed(1)
        .readAttempts(1).build();
  }

  /** Runs {@code op}; appends its result, or its exception with every cause and stack trace. */
  private static void record(StringBuilder out, Supplier<Object> op) {
    try {
      out.append(op.get()).append('\n');
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        out.append(t).append('\n').append(t.getMessage()).append('\n');
        if (t instanceof java.sql.SQLException s && s.getNextException() != null) {
          out.append(s.getNextException()).append('\n');
        }
      }
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      out.append(trace).append('\n');
    }
  }
}
