package io.github.pcrupgrade.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.pcrupgrade.core.CoreErrorCode;
import io.github.pcrupgrade.core.PcrUpgradeException;
import io.github.pcrupgrade.core.model.ClusterRole;
import io.github.pcrupgrade.core.model.ClusterSnapshot;
import io.github.pcrupgrade.core.model.DataState;
import io.github.pcrupgrade.core.model.FinalizationSettings;
import io.github.pcrupgrade.core.model.Liveness;
import io.github.pcrupgrade.core.model.NodeInfo;
import io.github.pcrupgrade.core.model.Provenance;
import io.github.pcrupgrade.core.model.ReplicationState;
import io.github.pcrupgrade.core.model.ServiceMode;
import io.github.pcrupgrade.core.model.VcKind;
import io.github.pcrupgrade.core.model.VersionReading;
import io.github.pcrupgrade.core.model.VirtualClusterInfo;
import io.github.pcrupgrade.core.spi.ClusterInspector;
import io.github.pcrupgrade.core.spi.ClusterOperations;
import io.github.pcrupgrade.core.spi.PinSetting;
import io.github.pcrupgrade.core.version.ClusterVersion;
import io.github.pcrupgrade.core.version.ReleaseSeries;
import io.github.pcrupgrade.testkit.SimulatedDeployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every implementation of {@link ClusterInspector} and {@link ClusterOperations}
 * shows (issue 6.3), run against the testkit's in-memory ports, the JDBC adapters through the wire
 * front, and real clusters. Against a simulation each test builds its own deployment; against real
 * clusters only read-only checks run (the others are skipped by {@link #assumeSimulated()}).
 *
 * <p>Given/When/Then in each body; the product's error texts come from crdb-pcr-sql-facts.md.
 */
public abstract class ClusterPortsContract {

  /** The ports of both clusters, as one variant connects them. */
  protected record Target(ClusterInspector primaryInspector, ClusterOperations primaryOps,
      ClusterInspector standbyInspector, ClusterOperations standbyOps, AutoCloseable closer) {}

  protected SimulatedDeployment sim;
  private Target target;

  /** Connects the variant's ports to {@code deployment} (null for real clusters). */
  protected abstract Target connect(SimulatedDeployment deployment) throws Exception;

  /** True when the variant runs against a simulation (mutations and virtual time allowed). */
  protected abstract boolean simulated();

  /**
   * A count that grows with every statement (or port call) the variant sends; used to prove that a
   * refusal happened before any SQL. Empty when the variant cannot tell.
   */
  protected abstract Optional<Long> activity();

  @AfterEach
  void closeTarget() throws Exception {
    if (target != null && target.closer() != null) {
      target.closer().close();
    }
  }

  // ------------------------------------------------------------------ fixtures

  /** The standard deployment: 2 x 3 nodes on 24.3 with a reader VC. */
  protected static SimulatedDeployment.Builder standard() {
    return SimulatedDeployment.builder().series("24.3").nodes(3, 3).reader(true)
        .acceptSqlFinalizations();
  }

  protected Target given(SimulatedDeployment.Builder builder) {
    try {
      sim = simulated() ? builder.build() : null;
      target = connect(sim);
      return target;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  protected void assumeSimulated() {
    assumeThat(simulated()).as("mutating check; runs only against a simulation").isTrue();
  }

  private void advance(Duration d) {
    sim.advance(d);
  }

  // ------------------------------------------------------------------ inspect

  @Test
  void inspectReportsEveryNodeWithItsBinaryAndLiveness() {
    Target t = given(standard());

    for (ClusterSnapshot s : List.of(t.primaryInspector().inspect(),
        t.standbyInspector().inspect())) {
      assertThat(s.nodes()).isNotEmpty();
      assertThat(s.nodes()).extracting(NodeInfo::id).doesNotHaveDuplicates();
      for (NodeInfo n : s.nodes()) {
        assertThat(n.binary()).as("binary of %s", n).isNotNull();
        assertThat(n.liveness()).as("liveness of %s", n).isNotNull();
        assertThat(n.address()).isNotBlank();
      }
      if (simulated()) {
        assertThat(s.nodes()).hasSize(3).allSatisfy(n -> {
          assertThat(n.liveness()).isEqualTo(Liveness.LIVE);
          assertThat(n.draining()).isFalse();
          assertThat(n.binary().series()).isEqualTo(ReleaseSeries.of(24, 3));
        });
      }
    }
  }

  @Test
  void inspectNamesTheClusterAndItsRole() {
    Target t = given(standard());

    ClusterSnapshot p = t.primaryInspector().inspect();
    ClusterSnapshot s = t.standbyInspector().inspect();

    assertThat(p.name()).isEqualTo(t.primaryInspector().clusterName());
    assertThat(p.role()).isEqualTo(ClusterRole.PRIMARY);
    assertThat(s.name()).isEqualTo(t.standbyInspector().clusterName());
    assertThat(s.role()).isEqualTo(ClusterRole.STANDBY);
  }

  @Test
  void inspectReportsThePrimaryVirtualClustersWithObservedVersionsAndSettings() {
    Target t = given(standard());

    ClusterSnapshot p = t.primaryInspector().inspect();

    VirtualClusterInfo system = p.systemVc();
    assertThat(system.kind()).isEqualTo(VcKind.SYSTEM);
    assertThat(system.version().provenance()).isEqualTo(Provenance.OBSERVED);
    assertThat(system.settings()).isPresent();
    VirtualClusterInfo app = p.applicationVcs().get(0);
    assertThat(app.kind()).isEqualTo(VcKind.APPLICATION);
    assertThat(app.dataState()).isEqualTo(DataState.READY);
    assertThat(app.serviceMode()).isEqualTo(ServiceMode.SHARED);
    assertThat(app.version().provenance()).isEqualTo(Provenance.OBSERVED);
    assertThat(app.settings()).isPresent();
    assertThat(app.replication()).isEmpty();
    if (simulated()) {
      assertThat(system.version().version()).isEqualTo(ClusterVersion.parse("24.3"));
      assertThat(app.name()).isEqualTo("main");
      assertThat(app.settings()).contains(FinalizationSettings.PRODUCT_DEFAULTS);
    }
  }

  @Test
  void inspectReportsTheReplicatingVcVersionAsUnknownWithItsReplicationStatus() {
    Target t = given(standard());

    ClusterSnapshot s = t.standbyInspector().inspect();

    VirtualClusterInfo replicating = s.replicatingVc().orElseThrow();
    assertThat(replicating.kind()).isEqualTo(VcKind.APPLICATION);
    assertThat(replicating.serviceMode()).isEqualTo(ServiceMode.NONE);
    assertThat(replicating.version().provenance()).isEqualTo(Provenance.UNKNOWN);
    assertThat(replicating.version().evidence()).isNotBlank();
    assertThat(replicating.settings()).isEmpty();
    var repl = replicating.replication().orElseThrow();
    assertThat(repl.state()).isNotEqualTo(ReplicationState.UNKNOWN);
    assertThat(repl.rawStatus()).isNotBlank();
    if (simulated()) {
      assertThat(repl.state()).isEqualTo(ReplicationState.REPLICATING);
      assertThat(repl.sourceVirtualCluster()).isEqualTo("main");
      assertThat(repl.replicatedTime()).isPresent();
      assertThat(repl.lag()).contains(Duration.ofSeconds(10));
      VirtualClusterInfo reader = s.readerVcs().get(0);
      assertThat(reader.name()).isEqualTo("main-readonly");
      assertThat(reader.kind()).isEqualTo(VcKind.READER);
      assertThat(reader.serviceMode()).isEqualTo(ServiceMode.SHARED);
      assertThat(reader.version().provenance()).isEqualTo(Provenance.OBSERVED);
    }
  }

  @Test
  void inspectSeesWhatTheSimulationSaysAnInspectorSees() {
    assumeSimulated();
    Target t = given(standard());
    advance(Duration.ofSeconds(45));

    ClusterSnapshot p = t.primaryInspector().inspect();
    ClusterSnapshot s = t.standbyInspector().inspect();

    assertThat(comparable(p)).isEqualTo(comparable(sim.snapshot().primary()));
    assertThat(comparable(s)).isEqualTo(comparable(sim.snapshot().standby()));
  }

  @Test
  void inspectTwiceWithoutChangeGivesTheSameSnapshot() {
    Target t = given(standard());

    ClusterSnapshot first = t.standbyInspector().inspect();
    ClusterSnapshot second = t.standbyInspector().inspect();

    if (simulated()) {
      assertThat(comparable(second)).isEqualTo(comparable(first));
    } else {
      assertThat(names(second)).isEqualTo(names(first));
    }
  }

  // ------------------------------------------------------------------ settings and versions

  @Test
  void finalizationSettingsCanBeSetAndResetInEachVcRepeatedly() {
    assumeSimulated();
    Target t = given(standard());
    ClusterOperations ops = t.primaryOps();

    for (int i = 0; i < 2; i++) {
      ops.setFinalizationSetting("main", PinSetting.AUTO_UPGRADE_ENABLED, "false");
      ops.setFinalizationSetting("system", PinSetting.PRESERVE_DOWNGRADE_OPTION, "24.3");
    }

    ClusterSnapshot pinned = t.primaryInspector().inspect();
    assertThat(pinned.vc("main").orElseThrow().settings())
        .contains(new FinalizationSettings(false, ""));
    assertThat(pinned.systemVc().settings()).contains(new FinalizationSettings(true, "24.3"));

    for (int i = 0; i < 2; i++) {
      ops.resetFinalizationSetting("main", PinSetting.AUTO_UPGRADE_ENABLED);
      ops.resetFinalizationSetting("system", PinSetting.PRESERVE_DOWNGRADE_OPTION);
    }
    ClusterSnapshot reset = t.primaryInspector().inspect();
    assertThat(reset.vc("main").orElseThrow().settings())
        .contains(FinalizationSettings.PRODUCT_DEFAULTS);
    assertThat(reset.systemVc().settings()).contains(FinalizationSettings.PRODUCT_DEFAULTS);
  }

  @Test
  void preserveDowngradeOptionOtherThanTheCurrentVersionIsRefusedByTheProduct() {
    assumeSimulated();
    Target t = given(standard());

    assertProductError(() -> t.primaryOps().setFinalizationSetting("main",
            PinSetting.PRESERVE_DOWNGRADE_OPTION, "24.1"),
        t.primaryOps().clusterName(), "XXUUU",
        "cannot set cluster.preserve_downgrade_option to 24.1 (cluster version is 24.3)");
  }

  @Test
  void readVersionReadsEachServingVc() {
    Target t = given(standard());

    ClusterVersion system = t.primaryOps().readVersion("system");
    ClusterVersion app = t.primaryOps().readVersion(appVc(t));
    ClusterVersion standbySystem = t.standbyOps().readVersion("system");

    assertThat(system.compareTo(app)).isGreaterThanOrEqualTo(0);
    assertThat(standbySystem).isNotNull();
    if (simulated()) {
      assertThat(List.of(system, app, standbySystem)).containsOnly(ClusterVersion.parse("24.3"));
    }
  }

  @Test
  void readVersionOfTheReplicatingVcIsRefusedWithTheRoutingError() {
    Target t = given(standard());
    String replicating = t.standbyInspector().inspect().replicatingVc().orElseThrow().name();

    assertProductError(() -> t.standbyOps().readVersion(replicating),
        t.standbyOps().clusterName(), "08000",
        "service unavailable for target tenant (" + replicating + ")");
  }

  @Test
  void finalizeVersionReturnsOnlyOnceTheFinalVersionIsPersisted() {
    assumeSimulated();
    Target t = given(standard().standbyBinary("v25.2.9").standbyVersion("24.3"));
    ClusterOperations ops = t.standbyOps();
    ops.setFinalizationSetting("system", PinSetting.AUTO_UPGRADE_ENABLED, "false");
    assertThat(ops.readVersion("system")).isEqualTo(ClusterVersion.parse("24.3"));

    // SET CLUSTER SETTING version runs the migrations inside the statement (crdb-pcr-sql-facts
    // 10.1): when the call returns, the final version is persisted, the skipped 25.1 passed
    ops.finalizeVersion("system", ReleaseSeries.of(25, 2));

    assertThat(ops.readVersion("system")).isEqualTo(ClusterVersion.parse("25.2"));
    assertThat(t.standbyInspector().inspect().systemVc().version().version())
        .isEqualTo(ClusterVersion.parse("25.2"));

    ops.finalizeVersion("system", ReleaseSeries.of(25, 2));
    assertThat(ops.readVersion("system")).isEqualTo(ClusterVersion.parse("25.2"));
  }

  @Test
  void finalizeAboveTheBinariesIsRefusedByTheProduct() {
    assumeSimulated();
    Target t = given(standard());

    assertProductError(() -> t.primaryOps().finalizeVersion("system", ReleaseSeries.of(25, 2)),
        t.primaryOps().clusterName(), "XXUUU", "cannot upgrade to 25.2: node running 24.3");
    assertThat(t.primaryOps().readVersion("system")).isEqualTo(ClusterVersion.parse("24.3"));
  }

  // ------------------------------------------------------------------ reader VC

  @Test
  void dropWhileServingIsRefusedWithTheProductError() {
    assumeSimulated();
    Target t = given(standard());

    assertProductError(() -> t.standbyOps().dropVirtualCluster("main-readonly"),
        t.standbyOps().clusterName(), "55000",
        "cannot drop tenant \"main-readonly\"");
    assertThat(t.standbyInspector().inspect().vc("main-readonly")).isPresent();
  }

  @Test
  void readerVcCanBeStoppedDroppedAndRecreated() {
    assumeSimulated();
    Target t = given(standard());
    ClusterOperations ops = t.standbyOps();

    ops.stopService("main-readonly");
    ops.stopService("main-readonly");
    advance(Duration.ofSeconds(5));
    assertThat(t.standbyInspector().inspect().vc("main-readonly").orElseThrow().serviceMode())
        .isEqualTo(ServiceMode.NONE);

    // a dropped VC leaves the listing at once and its name is free (crdb-pcr-sql-facts 10.3)
    ops.dropVirtualCluster("main-readonly");
    assertThat(t.standbyInspector().inspect().vc("main-readonly")).isEmpty();
    assertProductError(() -> ops.dropVirtualCluster("main-readonly"), ops.clusterName(), "42704",
        "tenant \"main-readonly\" does not exist");

    ops.createReaderVirtualCluster("main");
    VirtualClusterInfo added = t.standbyInspector().inspect().vc("main-readonly").orElseThrow();
    assertThat(added.dataState()).isEqualTo(DataState.ADD);
    assertThat(added.kind()).isEqualTo(VcKind.READER);
    assertThat(added.version().provenance()).isEqualTo(Provenance.UNKNOWN);
    advance(Duration.ofSeconds(61));
    VirtualClusterInfo ready = t.standbyInspector().inspect().vc("main-readonly").orElseThrow();
    assertThat(ready.dataState()).isEqualTo(DataState.READY);
    assertThat(ready.serviceMode()).isEqualTo(ServiceMode.SHARED);
    assertThat(ready.version()).isEqualTo(VersionReading.observed(ClusterVersion.parse("24.3")));

    assertProductError(() -> ops.createReaderVirtualCluster("main"), ops.clusterName(), "42710",
        "already exists");
  }

  @Test
  void startServiceSharedIsIdempotent() {
    assumeSimulated();
    Target t = given(standard());

    t.standbyOps().startServiceShared("main-readonly");
    t.standbyOps().startServiceShared("main-readonly");

    assertThat(t.standbyInspector().inspect().vc("main-readonly").orElseThrow().serviceMode())
        .isEqualTo(ServiceMode.SHARED);
  }

  @Test
  void statementsOnAMissingVcFailWithTheProductError() {
    assumeSimulated();
    Target t = given(standard());

    assertProductError(() -> t.standbyOps().dropVirtualCluster("no-such-vc"),
        t.standbyOps().clusterName(), "42704", "tenant \"no-such-vc\" does not exist");
    assertProductError(() -> t.standbyOps().replicatedTime("no-such-vc"),
        t.standbyOps().clusterName(), "42704", "tenant \"no-such-vc\" does not exist");
  }

  // ------------------------------------------------------------------ time

  @Test
  void replicatedTimeTrailsTheClusterTimeAndAdvances() {
    Target t = given(standard());
    String replicating = t.standbyInspector().inspect().replicatingVc().orElseThrow().name();

    Instant replicated = t.standbyOps().replicatedTime(replicating).orElseThrow();
    Instant now = t.standbyOps().clusterTime();

    assertThat(replicated).isBeforeOrEqualTo(now);
    assertThat(t.primaryOps().replicatedTime(appVc(t))).isEmpty();
    if (simulated()) {
      assertThat(now).isEqualTo(sim.now());
      assertThat(t.primaryOps().clusterTime()).isEqualTo(sim.now());
      advance(Duration.ofSeconds(60));
      assertThat(t.standbyOps().replicatedTime(replicating).orElseThrow()).isAfter(replicated);
    }
  }

  // ------------------------------------------------------------------ bad arguments

  @Test
  void invalidVcNamesAreRefusedBeforeAnySql() {
    Target t = given(standard());
    ClusterOperations ops = t.primaryOps();
    Optional<Long> before = activity();

    for (String bad : Arrays.asList(null, "", "Main", "main\"; DROP VIRTUAL CLUSTER main; --",
        "-main", "main-", "a b")) {
      List<Consumer<String>> calls = List.of(
          vc -> ops.setFinalizationSetting(vc, PinSetting.AUTO_UPGRADE_ENABLED, "false"),
          vc -> ops.resetFinalizationSetting(vc, PinSetting.AUTO_UPGRADE_ENABLED),
          vc -> ops.finalizeVersion(vc, ReleaseSeries.of(24, 3)),
          ops::readVersion, ops::stopService, ops::startServiceShared, ops::dropVirtualCluster,
          ops::createReaderVirtualCluster, ops::replicatedTime);
      for (Consumer<String> call : calls) {
        assertThatThrownBy(() -> call.accept(bad))
            .isInstanceOf(PcrUpgradeException.class)
            .satisfies(e -> assertThat(((PcrUpgradeException) e).code())
                .isEqualTo(CoreErrorCode.INVALID_ARGUMENT))
            .hasMessageContaining("invalid virtual cluster name");
      }
    }

    assertThat(activity()).isEqualTo(before);
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Asserts that {@code call} fails with a {@link PcrUpgradeException} naming the cluster and
   * carrying the product's message and SQLSTATE; variants add what they know of the type.
   */
  protected void assertProductError(Runnable call, String cluster, String sqlState, String text) {
    assertThatThrownBy(call::run)
        .isInstanceOf(PcrUpgradeException.class)
        .hasMessageContaining("'" + cluster + "'")
        .hasMessageContaining(text)
        .hasMessageContaining("SQLSTATE " + sqlState);
  }

  private static String appVc(Target t) {
    return t.primaryInspector().inspect().applicationVcs().get(0).name();
  }

  private static List<String> names(ClusterSnapshot s) {
    return s.virtualClusters().stream().map(VirtualClusterInfo::name).toList();
  }

  /** The snapshot without free text (the evidence of an unknown version) and the licence. */
  protected static ClusterSnapshot comparable(ClusterSnapshot s) {
    List<VirtualClusterInfo> vcs = new ArrayList<>();
    for (VirtualClusterInfo v : s.virtualClusters()) {
      VersionReading r = v.version();
      VersionReading plain = r.provenance() == Provenance.UNKNOWN ? VersionReading.unknown("-")
          : r;
      vcs.add(new VirtualClusterInfo(v.id(), v.name(), v.kind(), v.dataState(), v.serviceMode(),
          plain, v.settings(), v.replication()));
    }
    // The identity is compared; the licence is not: only the JDBC inspector reads it
    // (crdb-pcr-sql-facts 11.3), the in-memory one reports none.
    return new ClusterSnapshot(s.name(), s.role(), s.nodes(), vcs, s.health(), s.observedAt(),
        s.clusterId(), Optional.empty());
  }
}
