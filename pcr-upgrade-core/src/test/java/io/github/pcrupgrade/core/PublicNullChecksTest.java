package io.github.pcrupgrade.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.catalog.ReleaseType;
import io.github.pcrupgrade.core.catalog.UpgradePath;
import io.github.pcrupgrade.core.event.Slf4jUpgradeListener;
import io.github.pcrupgrade.core.exec.ExecutorOptions;
import io.github.pcrupgrade.core.exec.StepApi;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.core.journal.InMemoryUpgradeJournal;
import io.github.pcrupgrade.core.journal.LeaseRules;
import io.github.pcrupgrade.core.journal.LeaseState;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.plan.PlanProgress;
import io.github.pcrupgrade.core.plan.PlanResult;
import io.github.pcrupgrade.core.plan.Planner;
import io.github.pcrupgrade.core.plan.RollbackVerdict;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.rules.RuleCode;
import io.github.pcrupgrade.core.rules.Rules;
import io.github.pcrupgrade.core.rules.Violation;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.core.version.VersionFormatException;
import io.github.pcrupgrade.testsupport.ExportedSurface;
import io.github.pcrupgrade.testsupport.NullChecks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every public constructor, public static method and (where a receiver can be made) public
 * instance method of core's exported packages refuses a null reference argument with a {@link
 * NullPointerException} naming the parameter (issue 17: the JDK's convention, {@code
 * Objects.requireNonNull(x, "x")}). Builders get a fresh receiver per call; records and the
 * samples below are their own receivers.
 *
 * <p>What reflection cannot check here, and where it is checked instead: {@code PcrUpgrade},
 * {@code UpgradeExecutor} and {@code StepApi} act on a deployment through the ports, so their
 * receivers need one; the testkit's {@code PublicNullChecksTest} checks them on a simulated
 * deployment. {@code InMemoryUpgradeJournal#renewLease} needs a lease the same journal granted:
 * {@link #renewingAnInMemoryLeaseNamesItsNullParameter}.
 */
class PublicNullChecksTest {

  /** The exported packages, read from module-info so that a new one is covered too. */
  static List<String> exportedPackages() {
    // read from the compiled module-info, also when the tests run on the class path
    return ExportedSurface.of(PcrUpgradeException.class).exported().stream().sorted().toList();
  }

  /**
   * Parameters whose Javadoc says null is allowed (a missing VC or node, no lease yet, SQL NULL,
   * a product status column that may be NULL, the version of an UNKNOWN reading, a catalog date
   * not known yet, as {@code SeriesInfo}'s "null while only announced"), and members whose contract is a typed error for null as for every other
   * invalid input:
   *
   * <ul>
   *   <li>the version parsers: "@throws VersionFormatException for any other input, null
   *       included" (parse(null) is a MALFORMED_VERSION: {@link
   *       #theVersionParsersRefuseNullWithATypedError});
   *   <li>a VC name, validated as a whole by {@code VirtualClusterInfo.requireValidName}: null is
   *       an invalid name (INVALID_ARGUMENT), which the state-file reader and the inspector rely
   *       on to report a bad document or row as a typed error;
   *   <li>an exception's cause, null when there is none, as for every {@link Throwable};
   *   <li>a licence key as read from {@code enterprise.license}, which may be NULL or empty: no
   *       licence installed, {@code decode} gives an empty Optional.
   * </ul>
   */
  static final Set<String> NULLABLE = Set.of(
      "Violation#of(virtualCluster)", "Violation#of(nodeId)",
      "LeaseRules#acquire(current)", "LeaseRules#release(current)", "LeaseRules#lost(current)",
      "ValueShape#of(text)", "ReplicationState#fromProduct(status)",
      "VirtualClusterInfo#requireValidName(name)", "VersionReading#new(version)",
      "SeriesInfo#new(gaDate)", "SeriesInfo#new(maintenanceEnd)", "SeriesInfo#new(assistanceEnd)",
      "ReleaseSeries#parse(text)", "BinaryVersion#parse(text)", "ClusterVersion#parse(text)",
      "VirtualClusterInfo#new(name)", "PcrUpgradeException#new(cause)",
      "Licence#decode(key)", "LeaseRules#renew(current)", "ReleaseCatalog$Builder#addNext(gaDate)");

  private static final DeploymentSnapshot SNAPSHOT =
      DeploymentSnapshot.builder().binary("v24.3.20").readerVc(true).build();
  private static final UpgradeRequest REQUEST = UpgradeRequest.to("25.2").build();
  private static final PlanResult PLAN = Planner.builtIn().plan(SNAPSHOT, REQUEST);

  /** Valid values of the domain types, built through the API as a user would. */
  private static final Map<Class<?>, Object> SAMPLES = Map.ofEntries(
      Map.entry(ReleaseSeries.class, ReleaseSeries.parse("25.2")),
      Map.entry(BinaryVersion.class, BinaryVersion.parse("v25.2.4")),
      Map.entry(ClusterVersion.class, ClusterVersion.parse("25.2")),
      Map.entry(DeploymentSnapshot.class, SNAPSHOT),
      Map.entry(ClusterSnapshot.class, SNAPSHOT.primary()),
      Map.entry(NodeInfo.class, SNAPSHOT.primary().nodes().get(0)),
      Map.entry(VirtualClusterInfo.class, SNAPSHOT.primary().virtualClusters().get(0)),
      Map.entry(ReleaseCatalog.class, ReleaseCatalog.builtIn()),
      Map.entry(UpgradePath.class, ReleaseCatalog.builtIn()
          .path(ReleaseSeries.parse("24.3"), ReleaseSeries.parse("25.2"))),
      Map.entry(Planner.class, Planner.builtIn()),
      Map.entry(Rules.class, Rules.builtIn()),
      Map.entry(UpgradeRequest.class, REQUEST),
      Map.entry(PlanResult.class, PLAN),
      Map.entry(UpgradePlan.class, PLAN.orThrow()),
      Map.entry(LocalDate.class, LocalDate.of(2025, 5, 12)),
      Map.entry(ExecutorOptions.class, ExecutorOptions.defaults()),
      Map.entry(UUID.class, UUID.fromString("6f1e7c1a-2b3c-4d5e-8f90-0123456789ab")),
      Map.entry(Throwable.class, new IllegalStateException("a cause")));

  /** A fresh receiver per call for the builders (mutable) of the exported API. */
  private static final Map<Class<?>, Supplier<?>> RECEIVERS = Map.of(
      DeploymentSnapshot.Builder.class, DeploymentSnapshot::builder,
      UpgradeRequest.Builder.class, () -> UpgradeRequest.to("25.2"),
      UpgradeExecutor.Builder.class, UpgradeExecutor::builder,
      StepApi.Builder.class, StepApi::builder,
      ExecutorOptions.Builder.class, ExecutorOptions::builder,
      ReleaseCatalog.Builder.class, () -> ReleaseCatalog.builtIn().toBuilder(),
      InMemoryUpgradeJournal.class,
      () -> new InMemoryUpgradeJournal(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)),
      PlanProgress.class, () -> PlanProgress.of(PLAN.orThrow()),
      Slf4jUpgradeListener.class, Slf4jUpgradeListener::new);

  private static final LeaseState LEASED = LeaseRules.acquire(
      null, "deployment-a", "executor-1", Duration.ofMinutes(1), Instant.EPOCH);

  /** Valid calls the samples cannot make: a parser wants text it can parse. */
  private static final Map<String, List<Object>> ARGUMENTS = Map.ofEntries(
      Map.entry("ReleaseSeries#parse", args("25.2")),
      Map.entry("BinaryVersion#parse", args("v25.2.4")),
      Map.entry("ClusterVersion#parse", args("24.3-upgrading-to-25.2-step-004")),
      Map.entry("UpgradeRequest#to", args("25.2")),
      Map.entry("DeploymentSnapshot$Builder#binary", args("v24.3.20")),
      Map.entry("DeploymentSnapshot$Builder#binaries", args("v25.2.4", "v24.3.20")),
      Map.entry("DeploymentSnapshot$Builder#nodeBinary", args(ClusterRole.STANDBY, 2, "v25.2.4")),
      Map.entry("DeploymentSnapshot$Builder#versions", args("24.3", "24.3")),
      Map.entry("DeploymentSnapshot$Builder#vcVersion", args(ClusterRole.STANDBY, "system", "25.2")),
      Map.entry("ExecutorOptions$Builder#leaseTtl", args(Duration.ofSeconds(30))),
      Map.entry("ClusterSnapshot#withNodes", args(SNAPSHOT.primary().nodes())),
      Map.entry("ClusterSnapshot#withVirtualClusters", args(SNAPSHOT.primary().virtualClusters())),
      Map.entry("ClusterSnapshot#withAddedVc", args(SNAPSHOT.standby().virtualClusters()
          .get(SNAPSHOT.standby().virtualClusters().size() - 1))),
      Map.entry("ReleaseCatalog$Builder#addNext", args(ReleaseSeries.parse("99.1"),
          ReleaseType.REGULAR, LocalDate.of(2099, 5, 1))),
      Map.entry("ClusterVersion#upgradingStep",
          args(ReleaseSeries.parse("24.3"), ReleaseSeries.parse("25.2"), 4)),
      Map.entry("PlanResult#refused", args(List.of(Violation.of(RuleCode.values()[0], "primary",
          null, null, "a violation", "a remedy")))),
      Map.entry("ClusterRollback#new", args(ClusterRole.PRIMARY, "primary",
          RollbackVerdict.NOTHING_TO_ROLL_BACK, "nothing was upgraded", Optional.empty())),
      Map.entry("LeaseRules#renew", args(LEASED, LEASED.toLease(), Duration.ofMinutes(1),
          Instant.EPOCH.plusSeconds(1))),
      Map.entry("Licence#decode", args("")));

  private static List<Object> args(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void everyPublicMemberNamesItsNullParameter() {
    List<String> packages = exportedPackages();
    List<Class<?>> types = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(packages).stream()
        .filter(c -> packages.contains(c.getPackageName()))
        .map(JavaClass::reflect)
        .<Class<?>>map(c -> c)
        .toList();
    NullChecks.Report report = new NullChecks(SAMPLES::get, NULLABLE)
        .withReceivers(RECEIVERS::get).withArguments(ARGUMENTS).check(types);
    System.out.println("null checks: " + report.checked().size() + " parameters checked; not"
        + " checkable by reflection: " + String.join("\n  ", report.unchecked()));
    System.out.println("null check failures:\n  " + String.join("\n  ", report.failures()));
    assertThat(report.failures()).as("parameters that do not refuse null by name").isEmpty();
    assertThat(report.checked()).hasSizeGreaterThan(500);
    assertThat(report.unchecked()).allMatch(u -> u.startsWith("PcrUpgrade")
        || u.startsWith("UpgradeExecutor:") || u.startsWith("StepApi:")
        || u.startsWith("InMemoryUpgradeJournal#renewLease:"), "covered elsewhere, see above");
  }

  @Test
  void renewingAnInMemoryLeaseNamesItsNullParameter() {
    // Not checkable by reflection: the valid call needs a lease the same journal granted.
    InMemoryUpgradeJournal journal =
        new InMemoryUpgradeJournal(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    Lease lease = journal.acquireLease("deployment-a", "executor-1", Duration.ofMinutes(1));

    assertThatThrownBy(() -> journal.renewLease(null, Duration.ofMinutes(1)))
        .isInstanceOf(NullPointerException.class).hasMessage("lease");
    assertThatThrownBy(() -> journal.renewLease(lease, null))
        .isInstanceOf(NullPointerException.class).hasMessage("ttl");
    assertThat(journal.renewLease(lease, Duration.ofMinutes(1)).generation())
        .isEqualTo(lease.generation());
  }

  @Test
  void theVersionParsersRefuseNullWithATypedError() {
    assertThatThrownBy(() -> ReleaseSeries.parse(null))
        .isInstanceOfSatisfying(VersionFormatException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.MALFORMED_VERSION));
    assertThatThrownBy(() -> BinaryVersion.parse(null))
        .isInstanceOfSatisfying(VersionFormatException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.MALFORMED_VERSION));
    assertThatThrownBy(() -> ClusterVersion.parse(null))
        .isInstanceOfSatisfying(VersionFormatException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.MALFORMED_VERSION));
  }
}
