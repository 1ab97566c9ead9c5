package io.github.pcrupgrade.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the example programs the README quotes, so that they keep working. */
class ExamplesRunTest {

  private static String run(Runnable main) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      main.run();
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void planFromCodePrintsTheDocumentedOrder() {
    String out = run(() -> PlanFromCode.main(new String[0]));

    assertThat(out).contains("check: clean").contains("v25.2.4")
        .contains("standby:restart:n1").contains("standby:finalize:system")
        .contains("primary:finalize:main").contains("reader-create");
    assertThat(out.indexOf("standby:finalize:system"))
        .isLessThan(out.indexOf("primary:restart:n1"));
  }

  @Test
  void theOneCallUpgradeCompletesWithoutViolations() {
    String out = run(() -> OneCallUpgrade.main(new String[0]));

    assertThat(out).contains("COMPLETED").contains("violations recorded by the monitor: []");
  }

  @Test
  void theOrchestratorLoopEndsAtTheTargetWithTheSettingsRestored() {
    String out = run(() -> {
      try {
        OrchestratorLoop.main(new String[0]);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });

    assertThat(out).contains("SENT pin:primary:system").contains("restore")
        .contains("primary main version: 25.2" + System.lineSeparator())
        .contains("main settings before: FinalizationSettings[autoUpgradeEnabled=true,"
            + " preserveDowngradeOption=], after: FinalizationSettings[autoUpgradeEnabled=true,"
            + " preserveDowngradeOption=]")
        .contains("violations recorded by the monitor: []");
    assertThat(out.indexOf("standby:finalize:system"))
        .isLessThan(out.indexOf("primary:restart:n1"));
  }

  @Test
  void theRealClusterExampleDoesNothingWithoutUrls() {
    String out = run(() -> RealClusters.main(new String[0]));

    assertThat(out).contains("set PCR_PRIMARY_URL and PCR_STANDBY_URL");
  }
}
