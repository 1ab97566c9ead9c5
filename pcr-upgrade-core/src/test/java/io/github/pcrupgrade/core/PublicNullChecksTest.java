package io.github.pcrupgrade.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testsupport.NullChecks;
import java.lang.module.ModuleDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every public constructor and public static method of core's exported packages refuses a null
 * reference argument with a {@link NullPointerException} naming the parameter (issue 17: the
 * JDK's convention, {@code Objects.requireNonNull(x, "x")}).
 */
class PublicNullChecksTest {

  /** The exported packages, read from module-info so that a new one is covered too. */
  static List<String> exportedPackages() {
    ModuleDescriptor d = PcrUpgradeException.class.getModule().getDescriptor();
    if (d != null) {
      return d.exports().stream().map(ModuleDescriptor.Exports::source).sorted().toList();
    }
    return List.of("io.github.pcrupgrade.core", "io.github.pcrupgrade.core.capture",
        "io.github.pcrupgrade.core.catalog", "io.github.pcrupgrade.core.event",
        "io.github.pcrupgrade.core.exec", "io.github.pcrupgrade.core.journal",
        "io.github.pcrupgrade.core.model", "io.github.pcrupgrade.core.plan",
        "io.github.pcrupgrade.core.preflight", "io.github.pcrupgrade.core.rules",
        "io.github.pcrupgrade.core.spi", "io.github.pcrupgrade.core.version");
  }

  /**
   * Parameters whose Javadoc says null is allowed (a missing VC or node, no lease yet, SQL NULL,
   * a product status column that may be NULL, the version of an UNKNOWN reading), and one
   * validator whose contract is a typed error for every invalid name, null included.
   */
  static final Set<String> NULLABLE = Set.of(
      "Violation#of(virtualCluster)", "Violation#of(nodeId)",
      "LeaseRules#acquire(current)", "LeaseRules#release(current)", "LeaseRules#lost(current)",
      "ValueShape#of(text)", "ReplicationState#fromProduct(status)",
      "VirtualClusterInfo#requireValidName(name)", "VersionReading#new(version)");

  private static final Map<Class<?>, Object> SAMPLES = Map.of(
      ReleaseSeries.class, ReleaseSeries.parse("25.2"),
      BinaryVersion.class, BinaryVersion.parse("v25.2.4"),
      ClusterVersion.class, ClusterVersion.parse("25.2"));

  @Test
  void everyPublicConstructorAndStaticMethodNamesItsNullParameter() {
    List<String> packages = exportedPackages();
    List<Class<?>> types = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(packages).stream()
        .filter(c -> packages.contains(c.getPackageName()))
        .map(JavaClass::reflect)
        .<Class<?>>map(c -> c)
        .toList();
    NullChecks.Report report = new NullChecks(SAMPLES::get, NULLABLE).check(types);
    System.out.println("null checks: " + report.checked().size() + " parameters checked; not"
        + " checkable by reflection: " + report.unchecked());
    assertThat(report.failures()).as("parameters that do not refuse null by name").isEmpty();
    assertThat(report.checked()).hasSizeGreaterThan(100);
  }
}
