package io.github.pcrupgrade.journal.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.testsupport.ExportedSurface;
import io.github.pcrupgrade.testsupport.NullChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public constructor, public static method and public instance method of the file
 * journal's exported package refuses a null reference argument with a {@link
 * NullPointerException} naming the parameter (issue 17). A journal in a fresh directory is the
 * receiver of each call.
 *
 * <p>Not checkable by reflection: {@code renewLease}, whose valid call needs a lease the same
 * journal granted; {@link #renewingNamesItsNullParameter} covers it.
 */
class PublicNullChecksTest {

  @TempDir
  Path dir;

  private Path freshDirectory() {
    try {
      return Files.createTempDirectory(dir, "journal");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theExportedPackageIsTheOneChecked() {
    // read from the compiled module-info, also when the tests run on the class path
    assertThat(ExportedSurface.of(FileUpgradeJournal.class).exported())
        .containsExactly("io.github.pcrupgrade.journal.file");
  }

  @Test
  void everyPublicMemberNamesItsNullParameter() {
    Map<Class<?>, Supplier<?>> receivers =
        Map.of(FileUpgradeJournal.class, () -> new FileUpgradeJournal(freshDirectory()));
    NullChecks.Report report = new NullChecks(
        t -> t == Path.class ? freshDirectory() : null, Set.of())
        .withReceivers(receivers::get)
        .check(NullChecks.classesOf(FileUpgradeJournal.class, "io.github.pcrupgrade.journal.file"));
    System.out.println("null checks: " + report.checked().size() + " parameters checked; not"
        + " checkable by reflection:\n  " + String.join("\n  ", report.unchecked()));
    System.out.println("null check failures:\n  " + String.join("\n  ", report.failures()));
    assertThat(report.failures()).as("parameters that do not refuse null by name").isEmpty();
    assertThat(report.checked()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(report.unchecked()).singleElement().asString()
        .startsWith("FileUpgradeJournal#renewLease: the sample call throws");
  }

  @Test
  void renewingNamesItsNullParameter() {
    FileUpgradeJournal journal = new FileUpgradeJournal(freshDirectory());
    Lease lease = journal.acquireLease("deployment-a", "executor-1", Duration.ofMinutes(1));

    assertThatThrownBy(() -> journal.renewLease(null, Duration.ofMinutes(1)))
        .isInstanceOf(NullPointerException.class).hasMessage("lease");
    assertThatThrownBy(() -> journal.renewLease(lease, null))
        .isInstanceOf(NullPointerException.class).hasMessage("ttl");
    assertThat(journal.renewLease(lease, Duration.ofMinutes(1)).generation())
        .isEqualTo(lease.generation());
  }
}
