package io.github.pcrupgrade.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core is pure: no JDBC, no driver, no pool. Technology lives in adapter modules. */
class DependencyRuleTest {

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
}
