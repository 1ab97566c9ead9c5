package io.github.pcrupgrade.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.github.pcrupgrade.core.fixture.PrintsToTheConsole;
import io.github.pcrupgrade.core.fixture.WritesAFile;
import java.io.Serializable;
import org.junit.jupiter.api.Test;

/**
 * The core is pure: no JDBC, no driver, no pool, no I/O. Technology lives in adapter modules (the
 * file journal in pcr-upgrade-file-journal, the JSON documents in pcr-upgrade-json).
 */
class DependencyRuleTest {

  /**
   * No file, stream, channel or console I/O: nothing of {@code java.io} (but the
   * {@link Serializable} marker), {@code java.nio.file} or {@code java.nio.channels}.
   */
  static final ArchRule CORE_DOES_NO_IO = noClasses()
      .should()
      .dependOnClassesThat(resideInAnyPackage("java.io..", "java.nio.file..", "java.nio.channels..")
          .and(not(equivalentTo(Serializable.class))))
      .because("pcr-upgrade-core does no I/O; files belong to adapter modules such as"
          + " pcr-upgrade-file-journal (DESIGN.md, STYLE.md 1)");

  private final JavaClasses core =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.pcrupgrade.core");

  @Test
  void coreImportsNoDatabaseTechnology() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "javax.sql..", "com.zaxxer..", "org.postgresql..")
        .because("pcr-upgrade-core is a pure model; database access belongs to pcr-upgrade-jdbc")
        .check(core);
  }

  @Test
  void coreImportsNoOtherModuleOfTheProject() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.github.pcrupgrade.jdbc..", "io.github.pcrupgrade.testkit..", "io.github.pcrupgrade.cli..")
        .check(core);
  }

  @Test
  void coreDoesNoIo() {
    CORE_DOES_NO_IO.check(core);
  }

  @Test
  void theNoIoRuleFailsOnACoreClassThatWritesAFile() {
    EvaluationResult result =
        CORE_DOES_NO_IO.evaluate(new ClassFileImporter().importClasses(WritesAFile.class));

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anyMatch(d -> d.contains("java.nio.file.Files.writeString"));
  }

  @Test
  void theNoIoRuleFailsOnACoreClassThatPrints() {
    EvaluationResult result =
        CORE_DOES_NO_IO.evaluate(new ClassFileImporter().importClasses(PrintsToTheConsole.class));

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anyMatch(d -> d.contains("java.io.PrintStream"));
  }
}
