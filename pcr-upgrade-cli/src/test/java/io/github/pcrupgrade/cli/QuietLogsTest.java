package io.github.pcrupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Live commands in their own JVM (the command's real logging): HikariCP's INFO lines never show,
 * a failure is one line without a stack trace, and --verbose brings the stack trace back.
 */
class QuietLogsTest {

  @Test
  void aLiveCommandPrintsNoHikariInfoLines() throws Exception {
    try (SimServer sim = new SimServer()) {
      try (CliProcess check = CliProcess.start(RehearsalTest.ENV, "check",
          "--primary", sim.await("(primary)  JDBC"), "--standby", sim.await("(standby)  JDBC"))) {
        assertThat(check.awaitExit()).as(check.err()).isZero();
        assertThat(check.err()).doesNotContain("HikariPool").doesNotContain("INFO")
            .doesNotContain("SLF4J");
      }
    }
  }

  @Test
  void aFailingLiveCommandPrintsOneLineAndAStackTraceOnlyWithVerbose() throws Exception {
    try (SimServer sim = new SimServer()) {
      String primary = sim.await("(primary)  JDBC");
      String standby = sim.await("(standby)  JDBC");
      Map<String, String> wrong = Map.of("PCR_UPGRADE_PASSWORD", "not-the-password");

      try (CliProcess check = CliProcess.start(wrong, "check", "--primary", primary,
          "--standby", standby)) {
        int exit = check.awaitExit();

        assertThat(exit).as(check.err()).isEqualTo(4);
        assertThat(check.err()).doesNotContain("HikariPool-1 - Starting")
            .doesNotContain("\tat ").doesNotContain("INFO").doesNotContain("not-the-password");
        assertThat(check.err().lines().filter(l -> l.startsWith("pcr-upgrade: error: ")))
            .hasSize(1);
        assertThat(check.err().lines()).allMatch(l -> l.startsWith("pcr-upgrade: "));
      }
      try (CliProcess verbose = CliProcess.start(wrong, "--verbose", "check", "--primary",
          primary, "--standby", standby)) {
        assertThat(verbose.awaitExit()).isEqualTo(4);
        assertThat(verbose.err()).contains("\tat ").doesNotContain("not-the-password");
      }
    }
  }
}
