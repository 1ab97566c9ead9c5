package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input an operator reported ending in exit 10 ("internal error, report it") now exits 3
 * (4 for a cluster that cannot be reached) with one line naming what to fix, and options are
 * checked before anything binds or connects. Exit codes are the README's table.
 */
class BadInputExitCodesTest {

  private static final Path EXAMPLE = Path.of("..", "docs", "examples", "state-24.3-reader.json");

  @TempDir Path dir;

  @Test
  void aStateFileHoldingJsonNullExits3NamingTheFile() throws Exception {
    Path state = Files.writeString(dir.resolve("null.json"), "null");

    CliRunner.Result r = CliRunner.run("plan", "--state", state.toString(), "--to", "25.2");

    assertThat(r.exitCode()).isEqualTo(3);
    assertOneErrorLine(r).contains("null.json").contains("not a JSON object");
  }

  @Test
  void aStateFileWithANullListEntryExits3() throws Exception {
    String text = Files.readString(EXAMPLE).replaceFirst("\"nodes\" : \\[", "\"nodes\" : [ null,");
    Path state = Files.writeString(dir.resolve("s.json"), text);

    CliRunner.Result r = CliRunner.run("check", "--state", state.toString());

    assertThat(r.exitCode()).isEqualTo(3);
    assertOneErrorLine(r).contains("null");
  }

  @Test
  void aUrlWithPort99999Or0Exits3BeforeConnecting() {
    for (String port : new String[] {"99999", "0"}) {
      CliRunner.Result r = CliRunner.run("check",
          "--primary", "postgresql://root@127.0.0.1:" + port + "/defaultdb",
          "--standby", "postgresql://root@127.0.0.1:26258/defaultdb");

      assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
      assertOneErrorLine(r).contains("port " + Integer.parseInt(port)).contains("1 to 65535")
          .doesNotContain("driver instance");
    }
  }

  @Test
  void aClusterThatCannotBeReachedExits4() throws Exception {
    int closed = freePort();

    CliRunner.Result r = CliRunner.run("check",
        "--primary", "postgresql://root:s3cr@t/pw@127.0.0.1:" + closed + "/defaultdb",
        "--standby", "postgresql://root:s3cr@t/pw@127.0.0.1:" + closed + "/defaultdb");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(4);
    assertOneErrorLine(r).doesNotContain("s3cr").doesNotContain("t/pw");
  }

  @Test
  void aPasswordWithAnUnencodedQuestionMarkExits3WithoutEchoingIt() {
    CliRunner.Result r = CliRunner.run("check",
        "--primary", "postgresql://root:hunt?er42@127.0.0.1:26257/defaultdb",
        "--standby", "postgresql://root:hunt?er42@127.0.0.1:26258/defaultdb");

    assertThat(r.exitCode()).isEqualTo(3);
    assertOneErrorLine(r).contains("percent-encoded").doesNotContain("hunt")
        .doesNotContain("er42");
  }

  @Test
  void aMistypedOptionWithAUrlNeverEchoesItsPassword() {
    CliRunner.Result r = CliRunner.run("check", "--primry",
        "postgresql://root:hunter42@127.0.0.1:26257/defaultdb");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).doesNotContain("hunter42");
  }

  @Test
  void serveSimOnABusyPortExits3NamingThePort() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = busy.getLocalPort();
      if (port > 65534) {
        return; // the standby would need port + 1
      }

      CliRunner.Result r = CliRunner.run("serve-sim", "--state", EXAMPLE.toString(),
          "--port", Integer.toString(port), "--for", "1ms");

      assertThat(r.exitCode()).isEqualTo(3);
      assertOneErrorLine(r).contains("cannot listen on loopback ports " + port)
          .contains("--port");
      assertThat(r.out()).doesNotContain("Serving");
    }
  }

  @Test
  void serveSimWithAPortOutOfRangeExits3() {
    for (String port : new String[] {"65535", "-1", "70000"}) {
      CliRunner.Result r = CliRunner.run("serve-sim", "--state", EXAMPLE.toString(),
          "--port", port, "--for", "1s");

      assertThat(r.exitCode()).as(port).isEqualTo(3);
      assertOneErrorLine(r).contains("--port must be between 1 and 65534");
      assertThat(r.out()).doesNotContain("Serving");
    }
  }

  @Test
  void serveSimWithANegativeOrMalformedDurationExits3BeforeServing() {
    CliRunner.Result negative = CliRunner.run("serve-sim", "--state", EXAMPLE.toString(),
        "--for", "-5s");
    CliRunner.Result banana = CliRunner.run("serve-sim", "--state", EXAMPLE.toString(),
        "--for", "banana");

    assertThat(negative.exitCode()).isEqualTo(3);
    assertOneErrorLine(negative).contains("--for must be between").contains("-5s");
    assertThat(negative.out()).isEmpty();
    assertThat(banana.exitCode()).isEqualTo(3);
    assertOneErrorLine(banana).contains("--for").contains("'banana' is not a duration");
    assertThat(banana.out()).isEmpty();
  }

  @Test
  void applyChecksItsDurationsBeforeConnecting() {
    // Port 1 on loopback: nothing listens there, so a connection attempt would exit 4, not 3.
    CliRunner.Result r = CliRunner.run("apply", "--to", "25.2", "--node-upgrader", "true",
        "--primary", "postgresql://root@127.0.0.1:1/defaultdb",
        "--standby", "postgresql://root@127.0.0.1:1/defaultdb", "--poll-interval", "-2s");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
    assertOneErrorLine(r).contains("--poll-interval");
  }

  static org.assertj.core.api.AbstractStringAssert<?> assertOneErrorLine(CliRunner.Result r) {
    assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
    assertThat(r.err()).as("no internal error").doesNotContain("internal error")
        .startsWith("pcr-upgrade: error: ");
    return assertThat(r.err());
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
