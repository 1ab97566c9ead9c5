package io.github.pcrupgrade.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.exec.RunResult;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.plan.PlanResult;
import io.github.pcrupgrade.core.plan.StepKind;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.json.JsonDocuments;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs on the module path, patched into the consumer's named module: each published module
 * exports its API packages and nothing else, and an embedder's modular application plans, writes
 * and reads JSON, and upgrades through the JDBC adapters with a file journal.
 */
class ModulePathConsumerTest {

  private static Module module(String name) {
    return ModuleLayer.boot().findModule(name)
        .orElseThrow(() -> new AssertionError(name + " is not on the module path"));
  }

  private static Set<String> exported(String name) {
    return module(name).getDescriptor().exports().stream()
        .filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());
  }

  @Test
  void theTestRunsInANamedModuleThatReadsThePublishedModules() {
    // Given this test, patched into the consumer's module
    Module self = ModulePathConsumerTest.class.getModule();

    // Then it is the named module of module-info.java (on the class path it would be unnamed)
    assertThat(self.isNamed()).isTrue();
    assertThat(self.getName()).isEqualTo("io.github.pcrupgrade.consumer");
    assertThat(ModularEmbedder.class.getModule()).isSameAs(self);
    for (String m : Set.of("io.github.pcrupgrade.core", "io.github.pcrupgrade.json",
        "io.github.pcrupgrade.journal.file", "io.github.pcrupgrade.jdbc",
        "io.github.pcrupgrade.testkit")) {
      assertThat(self.canRead(module(m))).as(m).isTrue();
      // and each library is a real module (its own module-info), not an automatic one
      assertThat(module(m).getDescriptor().isAutomatic()).as(m).isFalse();
    }
  }

  @Test
  void eachModuleExportsItsApiPackagesOnly() {
    assertThat(exported("io.github.pcrupgrade.core")).containsExactlyInAnyOrder(
        "io.github.pcrupgrade.core", "io.github.pcrupgrade.core.capture",
        "io.github.pcrupgrade.core.catalog", "io.github.pcrupgrade.core.event",
        "io.github.pcrupgrade.core.exec", "io.github.pcrupgrade.core.journal",
        "io.github.pcrupgrade.core.model", "io.github.pcrupgrade.core.plan",
        "io.github.pcrupgrade.core.preflight", "io.github.pcrupgrade.core.rules",
        "io.github.pcrupgrade.core.spi", "io.github.pcrupgrade.core.version");
    assertThat(exported("io.github.pcrupgrade.json")).containsExactly("io.github.pcrupgrade.json");
    assertThat(exported("io.github.pcrupgrade.journal.file"))
        .containsExactly("io.github.pcrupgrade.journal.file");
    assertThat(exported("io.github.pcrupgrade.jdbc")).containsExactlyInAnyOrder(
        "io.github.pcrupgrade.jdbc", "io.github.pcrupgrade.jdbc.journal");
    assertThat(exported("io.github.pcrupgrade.testkit")).containsExactlyInAnyOrder(
        "io.github.pcrupgrade.testkit", "io.github.pcrupgrade.testkit.chaos",
        "io.github.pcrupgrade.testkit.journal",
        "io.github.pcrupgrade.testkit.junit", "io.github.pcrupgrade.testkit.replay",
        "io.github.pcrupgrade.testkit.sql");
    // The internals are in the modules, just not exported
    assertThat(module("io.github.pcrupgrade.jdbc").getPackages())
        .contains("io.github.pcrupgrade.jdbc.internal");
    assertThat(module("io.github.pcrupgrade.testkit").getPackages()).contains(
        "io.github.pcrupgrade.testkit.internal.wire", "io.github.pcrupgrade.testkit.internal.sql",
        "io.github.pcrupgrade.testkit.internal.backend");
  }

  @Test
  void anInternalTypeCannotBeUsedFromOutsideItsModule() throws Exception {
    // Given a public type with a public constructor in the unexported jdbc.internal
    Class<?> internal = Class.forName("io.github.pcrupgrade.jdbc.internal.VcConnections");
    var constructor = internal.getConstructors()[0];

    // Then the module system refuses to let a consumer call it
    assertThat(internal.getModule().isExported(internal.getPackageName(),
        ModulePathConsumerTest.class.getModule())).isFalse();
    assertThatThrownBy(() -> constructor.newInstance(new Object[constructor.getParameterCount()]))
        .isInstanceOf(IllegalAccessException.class)
        .hasMessageContaining("does not export io.github.pcrupgrade.jdbc.internal");
  }

  @Test
  void aPlanIsWrittenAndReadBackAsJsonThroughTheJsonModule() {
    // Given a 24.3 deployment with a reader VC, written in code
    DeploymentSnapshot snapshot = DeploymentSnapshot.builder().binary("v24.3.20").readerVc(true)
        .build();

    // When its plan to 25.2 is written as a plan document and read back
    String json = ModularEmbedder.planAsJson(snapshot, "v25.2.4");
    PlanResult read = JsonDocuments.readPlan(json);

    // Then the document round-trips (Jackson reaches core's records on the module path)
    assertThat(json).contains("\"schemaVersion\" : 2");
    assertThat(JsonDocuments.writePlan(read)).isEqualTo(json);
    // and the plan finalizes the standby's system VC before the primary's (the PCR order)
    var finalizations = read.orThrow().steps().stream()
        .filter(s -> s.kind() == StepKind.FINALIZE_VC)
        .map(s -> s.clusterName() + "/" + s.virtualCluster().orElseThrow()).toList();
    assertThat(finalizations).containsSubsequence("standby/system", "primary/system",
        "primary/main");
    // and the state file of the snapshot round-trips too
    assertThat(JsonDocuments.readState(JsonDocuments.writeState(snapshot))).isEqualTo(snapshot);
  }

  @Test
  void anUpgradeRunsThroughTheJdbcAdaptersWithAFileJournal(@TempDir Path journal)
      throws Exception {
    // Given a simulated 24.3 deployment, served over the PostgreSQL wire protocol
    SimulatedDeployment d = SimulatedDeployment.builder().series("24.3").nodes(3, 3).reader(true)
        .acceptSqlFinalizations().build();

    // When a modular application upgrades it to 25.2 through pgjdbc and HikariCP
    RunResult r = ModularEmbedder.upgradeOverJdbc(d, "25.2", journal);

    // Then the run completes without a violation, every VC at 25.2, journalled in the file
    assertThat(r.isCompleted()).as(r.toString()).isTrue();
    assertThat(d.monitor().violations()).isEmpty();
    ClusterVersion v252 = ClusterVersion.parse("25.2");
    assertThat(d.trueVersion("primary", "main")).contains(v252);
    assertThat(d.trueVersion("standby", "system")).contains(v252);
    try (var files = Files.list(journal)) {
      assertThat(files.count()).isPositive();
    }
  }
}
