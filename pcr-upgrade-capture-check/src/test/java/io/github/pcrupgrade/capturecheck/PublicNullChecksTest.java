package io.github.pcrupgrade.capturecheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pcrupgrade.core.capture.CaptureDocument;
import io.github.pcrupgrade.testkit.replay.CaptureReplay;
import io.github.pcrupgrade.testsupport.ExportedSurface;
import io.github.pcrupgrade.testsupport.NullChecks;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every public constructor, public static method and public instance method of the capture
 * check's exported package refuses a null reference argument with a {@link
 * NullPointerException} naming the parameter (issue 17).
 */
class PublicNullChecksTest {

  @Test
  void theExportedPackageIsTheOneChecked() {
    // read from the compiled module-info, also when the tests run on the class path
    assertThat(ExportedSurface.of(CaptureCheck.class).exported())
        .containsExactly("io.github.pcrupgrade.capturecheck");
  }

  @Test
  void everyPublicMemberNamesItsNullParameter() {
    Path capture = Path.of("..", "docs", "captures", "simulated-25.2-at-rest.json");
    Map<Class<?>, Object> samples = Map.of(Path.class, capture,
        CaptureDocument.class, CaptureReplay.read(capture));
    NullChecks.Report report = new NullChecks(samples::get, Set.of())
        .check(NullChecks.classesOf(CaptureCheck.class, "io.github.pcrupgrade.capturecheck"));
    System.out.println("null checks: " + report.checked().size() + " parameters checked; not"
        + " checkable by reflection:\n  " + String.join("\n  ", report.unchecked()));
    System.out.println("null check failures:\n  " + String.join("\n  ", report.failures()));
    assertThat(report.failures()).as("parameters that do not refuse null by name").isEmpty();
    assertThat(report.checked()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(report.unchecked()).isEmpty();
  }
}
