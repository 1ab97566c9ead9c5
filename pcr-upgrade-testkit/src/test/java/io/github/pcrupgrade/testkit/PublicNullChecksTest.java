package io.github.pcrupgrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pcrupgrade.core.PcrUpgrade;
import io.github.pcrupgrade.core.catalog.ReleaseCatalog;
import io.github.pcrupgrade.core.exec.CancelHandle;
import io.github.pcrupgrade.core.exec.StepApi;
import io.github.pcrupgrade.core.exec.UpgradeExecutor;
import io.github.pcrupgrade.core.plan.UpgradePlan;
import io.github.pcrupgrade.core.plan.UpgradeRequest;
import io.github.pcrupgrade.core.spi.Lease;
import io.github.pcrupgrade.core.model.DeploymentSnapshot;
import io.github.pcrupgrade.core.version.BinaryVersion;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testkit.chaos.ChaosCampaign;
import io.github.pcrupgrade.testkit.replay.CaptureReplay;
import io.github.pcrupgrade.testkit.sql.RealTimeDriver;
import io.github.pcrupgrade.testkit.sql.RunningJob;
import io.github.pcrupgrade.testkit.sql.SimulatedPcrServer;
import io.github.pcrupgrade.testkit.sql.StatementLog;
import io.github.pcrupgrade.testkit.sql.WireLimits;
import io.github.pcrupgrade.testsupport.ExportedSurface;
import io.github.pcrupgrade.testsupport.NullChecks;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Every public constructor, public static method and (where a receiver can be made) public
 * instance method of the testkit's exported packages refuses a null reference argument with a
 * {@link NullPointerException} naming the parameter (issue 17). The wire protocol, its SQL parser
 * and the backends ({@code testkit.internal.*}) are not exported and not checked.
 *
 * <p>What reflection cannot check, each covered by a hand-written test here: a simulated
 * cluster's SQL-facing methods, whose valid call needs a VC in the right state for each ({@link
 * #aSimulatedClustersSqlMethodsNameTheirNullParameter}); the members that start servers or
 * threads, or park the calling thread ({@link
 * #serversDriversAndTheSchedulerNameTheirNullParameter}). The JUnit extension's callbacks are called by JUnit only, never with null, and
 * are not checked.
 */
class PublicNullChecksTest {

  private static final List<String> EXPORTED = List.of("io.github.pcrupgrade.testkit",
      "io.github.pcrupgrade.testkit.chaos", "io.github.pcrupgrade.testkit.journal",
      "io.github.pcrupgrade.testkit.junit", "io.github.pcrupgrade.testkit.replay",
      "io.github.pcrupgrade.testkit.sql");

  private static final Map<Class<?>, Object> SAMPLES = Map.ofEntries(
      Map.entry(ReleaseSeries.class, ReleaseSeries.parse("25.2")),
      Map.entry(BinaryVersion.class, BinaryVersion.parse("v25.2.4")),
      Map.entry(ClusterVersion.class, ClusterVersion.parse("25.2")),
      Map.entry(ReleaseCatalog.class, ReleaseCatalog.builtIn()),
      Map.entry(DeploymentSnapshot.class, DeploymentSnapshot.builder().build()),
      Map.entry(Ports.class, SimulatedDeployment.builder().build().ports()),
      Map.entry(WireLimits.class, WireLimits.defaults()),
      Map.entry(RunningJob.class, RunningJob.schemaChange("main", 1,
          "ALTER TABLE t ADD COLUMN c INT", SimulatedDeployment.DEFAULT_START)),
      Map.entry(Random.class, new Random(17)),
      Map.entry(UUID.class, UUID.fromString("6f1e7c1a-2b3c-4d5e-8f90-0123456789ab")),
      Map.entry(BigDecimal.class, new BigDecimal("1767614400000000000.0000000000")));

  /**
   * A fresh receiver per call: a simulation and its builders are mutable. The receivers that
   * start servers or threads ({@code SimulatedPcrServer}, {@code CaptureReplay}, {@code
   * RealTimeDriver}) and the virtual scheduler (whose sleep parks the calling thread) are
   * checked by hand below instead.
   */
  private static final Map<Class<?>, Supplier<?>> RECEIVERS = Map.of(
      SimulatedDeployment.Builder.class, SimulatedDeployment::builder,
      SimulatedDeployment.class, () -> SimulatedDeployment.builder().build(),
      SimulatedCluster.class, () -> SimulatedDeployment.builder().build().primary(),
      Ports.class, () -> SimulatedDeployment.builder().build().ports(),
      DocumentedOrderUpgrade.class,
      () -> new DocumentedOrderUpgrade(SimulatedDeployment.builder().build().ports()),
      SimulatedApprovalGate.class, () -> SimulatedDeployment.builder().build().approvalGate(),
      StatementLog.class, StatementLog::new,
      FaultPlan.Builder.class, FaultPlan::builder,
      ChaosCampaign.Builder.class, ChaosCampaign::builder,
      SimulatedPcrServer.Builder.class,
      () -> SimulatedPcrServer.builder(SimulatedDeployment.builder().build()));

  /** Valid calls the samples cannot make: names of the simulated clusters and VCs, times. */
  private static final Map<String, List<Object>> ARGUMENTS = Map.ofEntries(
      Map.entry("SimulatedDeployment$Builder#binaryFor", args("v24.3.20")),
      Map.entry("SimulatedDeployment#advanceTo",
          args(SimulatedDeployment.DEFAULT_START.plusSeconds(1))),
      Map.entry("SimulatedDeployment#cluster", args("primary")),
      Map.entry("SimulatedDeployment#inspector", args("primary")),
      Map.entry("SimulatedDeployment#operations", args("primary")),
      Map.entry("SimulatedDeployment#trueVersion", args("primary", "system")),
      Map.entry("Ports#inspector", args("primary")),
      Map.entry("Ports#operations", args("primary")));

  /**
   * Nullable by their Javadoc: a replication row's columns that are NULL in the product's output;
   * a simulated error without a hint; a SQL role without a password; no licence; a rerun's
   * unknown reproduction.
   */
  private static final Set<String> NULLABLE = Set.of(
      "ReplicationStatusRow#new(ingestionJobId)", "ReplicationStatusRow#new(sourceTenantName)",
      "ReplicationStatusRow#new(sourceClusterUri)", "ReplicationStatusRow#new(retainedTime)",
      "ReplicationStatusRow#new(replicatedTime)", "ReplicationStatusRow#new(replicationLag)",
      "ReplicationStatusRow#new(failoverTime)",
      "SimulatedSqlException#new(hint)", "SqlUser#new(password)",
      "ClusterAdministration#withLicence(newLicence)");

  private static List<Object> args(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void theExportedPackagesAreTheOnesChecked() {
    // read from the compiled module-info, also when the tests run on the class path
    assertThat(ExportedSurface.of(SimulatedDeployment.class).exported())
        .containsExactlyInAnyOrderElementsOf(EXPORTED);
  }

  @Test
  void everyPublicMemberNamesItsNullParameter() {
    List<Class<?>> types = new ArrayList<>();
    EXPORTED.forEach(p -> types.addAll(NullChecks.classesOf(SimulatedDeployment.class, p)));
    NullChecks.Report report = new NullChecks(SAMPLES::get, NULLABLE)
        .withReceivers(RECEIVERS::get).withArguments(ARGUMENTS).check(types);
    System.out.println("null checks: " + report.checked().size() + " parameters checked; not"
        + " checkable by reflection:\n  " + String.join("\n  ", report.unchecked()));
    System.out.println("null check failures:\n  " + String.join("\n  ", report.failures()));
    assertThat(report.failures()).as("parameters that do not refuse null by name").isEmpty();
    assertThat(report.checked()).hasSizeGreaterThan(200);
    assertThat(report.unchecked()).allMatch(u -> u.startsWith("SimulatedCluster#")
        || u.startsWith("VirtualScheduler:") || u.startsWith("SimulatedPcrExtension:")
        || u.startsWith("CaptureReplay") || u.startsWith("RealTimeDriver#")
        || u.startsWith("SimulatedPcrServer"), "covered by the hand-written tests");
  }

  /** A lease the step API's receivers hold: the same on every fresh deployment (virtual time). */
  private static final Lease HELD = stepApi().acquireLease("orchestrator");

  private static StepApi stepApi() {
    return SimulatedDeployment.builder().build().ports().steps().build();
  }

  /** A step API holding {@link #HELD} that has planned the upgrade to 25.2, as act needs. */
  private static StepApi stepApiHolding() {
    StepApi api = stepApi();
    assertThat(api.acquireLease("orchestrator")).isEqualTo(HELD);
    api.plan(HELD, UpgradeRequest.to("25.2").build()).orThrow();
    return api;
  }

  /**
   * Core's runners act on a deployment through the ports, so core's own check cannot make their
   * receivers: here each call gets a fresh simulated deployment.
   */
  @Test
  void coresRunnersNameTheirNullParameterOnASimulatedDeployment() {
    UpgradeRequest request = UpgradeRequest.to("25.2").build();
    UpgradePlan plan = stepApiHolding().plan(HELD, request).orThrow();
    Map<Class<?>, Object> samples = Map.of(UpgradeRequest.class, request,
        UpgradePlan.class, plan, CancelHandle.class, new CancelHandle(),
        ReleaseSeries.class, ReleaseSeries.parse("25.2"), Lease.class, HELD,
        ReleaseCatalog.class, ReleaseCatalog.builtIn(),
        UpgradeExecutor.class, SimulatedDeployment.builder().build().ports().executor().build());
    Map<Class<?>, Supplier<?>> receivers = Map.of(
        UpgradeExecutor.class,
        () -> SimulatedDeployment.builder().build().ports().executor().build(),
        PcrUpgrade.class, () -> new PcrUpgrade(
            SimulatedDeployment.builder().build().ports().executor().build()),
        StepApi.class, PublicNullChecksTest::stepApiHolding);
    Map<String, List<Object>> arguments = Map.of(
        "StepApi#act", args(HELD, request, plan, plan.steps().get(0).id()),
        "StepApi#observe", args(HELD, plan, plan.steps().get(0).id()),
        "StepApi#plan", args(HELD, request),
        "StepApi#acquireLease", args("orchestrator"));

    NullChecks.Report report = new NullChecks(samples::get, Set.of())
        .withReceivers(receivers::get).withArguments(arguments)
        .check(List.of(UpgradeExecutor.class, PcrUpgrade.class, StepApi.class));
    System.out.println("null checks of core's runners: " + report.checked().size()
        + " parameters checked; not checkable by reflection:\n  "
        + String.join("\n  ", report.unchecked()));
    assertThat(report.failures()).as("parameters that do not refuse null by name").isEmpty();
    assertThat(report.checked()).hasSizeGreaterThanOrEqualTo(25);
    assertThat(report.unchecked()).isEmpty();
  }

  @Test
  void aSimulatedClustersSqlMethodsNameTheirNullParameter() throws Exception {
    // Every public method of SimulatedCluster whose first parameter is a VC name, called with
    // null there and "system" or a sample elsewhere.
    int calls = 0;
    for (Method m : SimulatedCluster.class.getDeclaredMethods()) {
      Parameter[] p = m.getParameters();
      if (!Modifier.isPublic(m.getModifiers()) || p.length == 0 || !p[0].getName().equals("vc")) {
        continue;
      }
      for (int i = 0; i < p.length; i++) {
        if (p[i].getType() != String.class) {
          continue;
        }
        Object[] args = new Object[p.length];
        for (int j = 0; j < p.length; j++) {
          args[j] = j == i ? null : "system";
        }
        SimulatedCluster primary = SimulatedDeployment.builder().build().primary();
        assertThatThrownBy(() -> {
          try {
            m.invoke(primary, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        }).as(m.getName() + "(" + p[i].getName() + ")")
            .isInstanceOf(NullPointerException.class).hasMessage(p[i].getName());
        calls++;
      }
    }
    assertThat(calls).isGreaterThanOrEqualTo(25);
  }

  @Test
  void serversDriversAndTheSchedulerNameTheirNullParameter() throws Exception {
    SimulatedDeployment d = SimulatedDeployment.builder().build();
    assertNullNamed(() -> SimulatedPcrServer.serve(null), "deployment");
    assertNullNamed(() -> SimulatedPcrServer.builder(null), "deployment");
    assertNullNamed(() -> RealTimeDriver.start(null, 1, Duration.ofMillis(100)), "deployment");
    assertNullNamed(() -> RealTimeDriver.start(d, 1, null), "tick");
    assertNullNamed(() -> CaptureReplay.read(null), "file");
    assertNullNamed(() -> CaptureReplay.serve(null), "file");
    assertNullNamed(() -> CaptureReplay.serve(null, "capture.json"), "capture");

    VirtualScheduler scheduler = d.scheduler();
    assertNullNamed(() -> scheduler.sleep(null), "duration");
    assertNullNamed(() -> scheduler.block(null), "duration");
    assertNullNamed(() -> scheduler.submit(null, () -> 1), "what");
    assertNullNamed(() -> scheduler.submit("task", null), "call");
    assertNullNamed(() -> scheduler.start(null, () -> 1), "name");
    assertNullNamed(() -> scheduler.start("task", null), "body");

    try (SimulatedPcrServer server = SimulatedPcrServer.serve(d)) {
      assertNullNamed(() -> server.jdbcUrl(null), "cluster");
      assertNullNamed(() -> server.nodeJdbcUrl(null, 1), "cluster");
      assertNullNamed(() -> server.libpqUrl(null, "root", "system"), "cluster");
      assertNullNamed(() -> server.libpqUrl("primary", null, "system"), "user");
      assertNullNamed(() -> server.libpqUrl("primary", "root", null), "vc");
      assertNullNamed(() -> server.port(null), "cluster");
      assertNullNamed(() -> server.nodePort(null, 1), "cluster");
      assertNullNamed(() -> server.nodeStats(null, 1), "cluster");
      assertNullNamed(() -> server.statementLog(null), "cluster");
      assertThat(server.jdbcUrl("primary")).startsWith("jdbc:postgresql://");
    }
    try (CaptureReplay replay = CaptureReplay.serve(
        Path.of("..", "docs", "captures", "simulated-25.2-at-rest.json"))) {
      assertNullNamed(() -> replay.jdbcUrl(null), "role");
      assertNullNamed(() -> replay.statementLog(null), "role");
      assertThat(replay.jdbcUrl("primary")).startsWith("jdbc:postgresql://");
    }
  }

  private static void assertNullNamed(ThrowingCallable call, String parameter) {
    assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessage(parameter);
  }
}
